//! Typed input survives every refusal. A form handler that cannot accept what was sent answers
//! with [`Page::show_again`]: the layer here then shows the page the form lives on once more,
//! in the same response, with the status of the refusal (422 for bad input, 409 for a move the
//! flow does not allow), what was typed back in its fields and each message beside its field.
//! Pages read the kept input with the template functions `typed`, `typed_all`, `typed_errors`
//! and `typed_form`, naming the form they ask about, so that one form's input never fills
//! another's.
//!
//! An urlencoded form is read here before its handler runs. A multipart form (an upload) is
//! not: its body may be large and only its handler reads it, so that handler passes the text
//! fields it read to [`Page::show_again_with`]. A file is never kept (no browser lets a page
//! fill a file input), so pages ask for it again beside the field.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::{State, Value};
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::web::Page;
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

/// What a refused form sent, shown again on its page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Kept {
    /// The form's name, as the page's template calls it.
    pub form: String,
    /// Every field as sent (a repeated field keeps all its values); passwords and the form
    /// token are never kept.
    pub values: BTreeMap<String, Vec<String>>,
    /// `{field: message}` in the page's language.
    pub errors: BTreeMap<String, String>,
}

/// The refusal a handler answers with: show `path` again with the kept input.
#[derive(Clone, Debug)]
struct ShowAgain {
    path: String,
    status: StatusCode,
    form: String,
    errors: BTreeMap<String, String>,
    /// The text fields of a multipart form, as its handler read them.
    values: Option<BTreeMap<String, Vec<String>>>,
}

impl Page {
    /// Answers a refused form: the page at `path` (where the form lives) is shown again with
    /// what was typed in form `form` and the reason beside its field, or at the top when it
    /// belongs to no field. Errors that are not about the input pass through unchanged.
    pub async fn show_again(&self, path: &str, form: &str, error: AppError) -> AppResult<Response> {
        self.refused(path, form, error, None).await
    }

    /// [`Page::show_again`] for a multipart form: `typed` are the text fields the handler
    /// read (the layer cannot read an upload's body a second time); files are never kept.
    pub async fn show_again_with<'a>(
        &self,
        path: &str,
        form: &str,
        error: AppError,
        typed: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> AppResult<Response> {
        let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in typed.into_iter().filter(|(name, _)| keepable(name)) {
            values.entry(name.clone()).or_default().push(value.clone());
        }
        self.refused(path, form, error, Some(values)).await
    }

    async fn refused(
        &self,
        path: &str,
        form: &str,
        error: AppError,
        values: Option<BTreeMap<String, Vec<String>>>,
    ) -> AppResult<Response> {
        let (status, errors) = match error {
            AppError::Validation(errors) => {
                (StatusCode::UNPROCESSABLE_ENTITY, self.field_errors(&errors))
            }
            AppError::Conflict(message) | AppError::Duplicate { message, .. } => {
                self.flash(FlashKind::Error, message).await?;
                (StatusCode::CONFLICT, BTreeMap::new())
            }
            AppError::BadRequest(message) => {
                self.flash(FlashKind::Error, message).await?;
                (StatusCode::UNPROCESSABLE_ENTITY, BTreeMap::new())
            }
            other => return Err(other),
        };
        if !errors.is_empty() {
            // A summary at the top too: a message whose field the form does not show (a
            // reason chosen elsewhere) must not go unsaid.
            let problems = errors.values().cloned().collect::<Vec<_>>().join(" ");
            let summary = Message::new("forms-not-saved").with("problems", problems);
            self.flash(FlashKind::Error, summary).await?;
        }
        let path = path.split('#').next().unwrap_or("/").to_owned();
        // A bare answer that the layer replaces; 204 so that no error page is rendered for it.
        let mut response = StatusCode::NO_CONTENT.into_response();
        response.extensions_mut().insert(ShowAgain {
            path: crate::web::safe_return_path(Some(&path)),
            status,
            form: form.to_owned(),
            errors,
            values,
        });
        Ok(response)
    }

    /// Shows the page at `path` with form `form` filled as it was sent, with no refusal: Back
    /// on a confirmation page re-posts what it carried here (status 200, no messages).
    pub fn show_as_typed(&self, path: &str, form: &str) -> Response {
        let path = path.split('#').next().unwrap_or("/").to_owned();
        let mut response = StatusCode::NO_CONTENT.into_response();
        response.extensions_mut().insert(ShowAgain {
            path: crate::web::safe_return_path(Some(&path)),
            status: StatusCode::OK,
            form: form.to_owned(),
            errors: BTreeMap::new(),
            // Back re-posts an urlencoded form: the layer reads what it carried.
            values: None,
        });
        response
    }

    /// Like [`Page::show_again`] for an outcome: success passes through, a refusal is shown
    /// again on `path`.
    pub async fn or_show_again(
        &self,
        result: AppResult<Response>,
        path: &str,
        form: &str,
    ) -> AppResult<Response> {
        match result {
            Ok(response) => Ok(response),
            Err(error) => self.show_again(path, form, error).await,
        }
    }
}

/// A refusal from [`Page::show_again`] shown with another status than its error's: 413 for a
/// file over the limit, which is still a message beside the file field.
pub fn with_status(mut response: Response, status: StatusCode) -> Response {
    if let Some(again) = response.extensions_mut().get_mut::<ShowAgain>() {
        again.status = status;
    }
    response
}

/// Fields never shown again: secrets and the form token. `current`, `new` and `confirm` are
/// the password fields of the profile and welcome pages.
fn keepable(name: &str) -> bool {
    // A secret (a webhook's, an OAuth client's) is never sent back, like a password.
    !matches!(name, "_csrf" | "current" | "new" | "confirm")
        && !name.contains("password")
        && !name.contains("secret")
}

fn kept_values(body: &[u8]) -> BTreeMap<String, Vec<String>> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in pairs.into_iter().filter(|(name, _)| keepable(name)) {
        values.entry(name).or_default().push(value);
    }
    values
}

/// How a browser form's body is kept: read here, or handed over by its handler.
#[derive(PartialEq)]
enum FormBody {
    Urlencoded,
    Multipart,
}

fn browser_form(request: &Request) -> Option<FormBody> {
    if request.method() != Method::POST || request.uri().path().starts_with("/api/") {
        return None;
    }
    let kind = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())?;
    if kind.starts_with("application/x-www-form-urlencoded") {
        Some(FormBody::Urlencoded)
    } else if kind.starts_with("multipart/form-data") {
        Some(FormBody::Multipart)
    } else {
        None
    }
}

/// Wraps the whole app: a browser form's refusal becomes its page shown again.
pub fn layer(app: Router) -> Router {
    Router::new().fallback_service(ShowAgainService { inner: app })
}

#[derive(Clone)]
struct ShowAgainService {
    inner: Router,
}

impl tower::Service<Request> for ShowAgainService {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let mut inner = self.inner.clone();
        Box::pin(async move {
            let Some(kind) = browser_form(&request) else {
                return tower::Service::call(&mut inner, request).await;
            };
            let headers = request.headers().clone();
            let connect = request
                .extensions()
                .get::<ConnectInfo<std::net::SocketAddr>>()
                .cloned();
            let (request, bytes) = if kind == FormBody::Urlencoded {
                let (parts, body) = request.into_parts();
                // The app's own limit applies inside; past it the form is refused whole.
                let Ok(bytes) = axum::body::to_bytes(body, crate::app::BODY_LIMIT).await else {
                    return Ok(StatusCode::PAYLOAD_TOO_LARGE.into_response());
                };
                (Request::from_parts(parts, Body::from(bytes.clone())), bytes)
            } else {
                // An upload streams to its handler, which hands back its text fields.
                (request, Default::default())
            };
            let response = tower::Service::call(&mut inner, request).await?;
            let Some(again) = response.extensions().get::<ShowAgain>().cloned() else {
                return Ok(response);
            };
            let mut get = Request::builder()
                .method(Method::GET)
                .uri(again.path.as_str())
                .body(Body::empty())
                .unwrap_or_default();
            for (name, value) in headers.iter() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    get.headers_mut().append(name, value.clone());
                }
            }
            if let Some(connect) = connect {
                get.extensions_mut().insert(connect);
            }
            get.extensions_mut().insert(Kept {
                form: again.form,
                values: again.values.unwrap_or_else(|| kept_values(&bytes)),
                errors: again.errors,
            });
            let mut page = tower::Service::call(&mut inner, get).await?;
            if page.status() == StatusCode::OK {
                *page.status_mut() = again.status;
            }
            Ok(page)
        })
    }
}

fn kept_of(state: &State, form: &str) -> Option<Value> {
    let kept = state.lookup("layout")?.get_attr("kept").ok()?;
    if kept.is_none() || kept.is_undefined() {
        return None;
    }
    let name = kept.get_attr("form").ok()?;
    (name.as_str() == Some(form)).then_some(kept)
}

/// `typed(form, name, default)`: what was typed in `name` when `form` was refused, else
/// `default`.
pub fn typed(state: &State, form: &str, name: &str, default: Option<Value>) -> Value {
    let default = default.unwrap_or_else(|| Value::from(""));
    let Some(kept) = kept_of(state, form) else {
        return default;
    };
    match kept
        .get_attr("values")
        .and_then(|v| v.get_item(&Value::from(name)))
    {
        Ok(list) if !list.is_undefined() && !list.is_none() => {
            list.get_item(&Value::from(0)).unwrap_or(default)
        }
        // A box left unticked is not sent at all: it was typed as empty.
        _ => Value::from(""),
    }
}

/// `typed_all(form, name, default)`: every value of a repeated field (ticked boxes) as sent.
pub fn typed_all(state: &State, form: &str, name: &str, default: Option<Value>) -> Value {
    let Some(kept) = kept_of(state, form) else {
        return default.unwrap_or_else(|| Value::from(Vec::<Value>::new()));
    };
    match kept
        .get_attr("values")
        .and_then(|v| v.get_item(&Value::from(name)))
    {
        Ok(list) if !list.is_undefined() && !list.is_none() => list,
        _ => Value::from(Vec::<Value>::new()),
    }
}

/// `typed_errors(form)`: the messages for `form`'s fields, or an empty map.
pub fn typed_errors(state: &State, form: &str) -> Value {
    kept_of(state, form)
        .and_then(|kept| kept.get_attr("errors").ok())
        .unwrap_or_else(|| Value::from(BTreeMap::<String, String>::new()))
}

/// `typed_form()`: the name of the form being shown again, or none.
pub fn typed_form(state: &State) -> Value {
    state
        .lookup("layout")
        .and_then(|l| l.get_attr("kept").ok())
        .filter(|k| !k.is_none() && !k.is_undefined())
        .and_then(|k| k.get_attr("form").ok())
        .filter(|f| f.as_str().is_some())
        // Never undefined: pages compare it, and undefined values may not be compared.
        .unwrap_or_else(|| Value::from(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_the_form_token_are_never_kept() {
        let values = kept_values(
            b"name=Anna&password=secret&new_password=x&_csrf=t&tag=a&tag=b&current=c&new=n&confirm=n",
        );
        assert_eq!(values["name"], vec!["Anna"]);
        assert_eq!(values["tag"], vec!["a", "b"]);
        assert!(!values.contains_key("password"));
        assert!(!values.contains_key("new_password"));
        assert!(!values.contains_key("_csrf"));
        for secret in ["current", "new", "confirm"] {
            assert!(!values.contains_key(secret), "{secret}");
        }
    }

    #[test]
    fn a_page_gets_back_only_its_own_forms_input() {
        let mut env = minijinja::Environment::new();
        env.add_function("typed", typed);
        env.add_function("typed_errors", typed_errors);
        env.add_function("typed_form", typed_form);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        env.add_template(
            "t",
            "{{ typed('a', 'x', 'saved') }}|{{ typed('b', 'x', 'saved') }}|{{ typed_errors('a').x or '' }}|{{ typed_form() == 'a' }}",
        )
        .unwrap();
        let kept = Kept {
            form: "a".into(),
            values: kept_values(b"x=typed"),
            errors: [("x".to_owned(), "wrong".to_owned())].into(),
        };
        let out = env
            .get_template("t")
            .unwrap()
            .render(minijinja::context! { layout => minijinja::context! { kept => Value::from_serialize(&kept) } })
            .unwrap();
        assert_eq!(out, "typed|saved|wrong|True");
        let plain = env
            .get_template("t")
            .unwrap()
            .render(minijinja::context! { layout => minijinja::context! { kept => () } })
            .unwrap();
        assert_eq!(
            plain, "saved|saved||False",
            "a page shown for the first time"
        );
    }
}
