//! Turns every error response into what its reader expects: problem details (RFC 9457) under
//! `/api`, a page in the user's language elsewhere, and the login page for a browser that is not
//! signed in. Handlers, extractors, the router's fallback and tower layers all end up here.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use tower_sessions::Session;

use crate::app::AppState;
use crate::error::ErrorReport;
use crate::web::context::request_lang;
use crate::web::i18n::Lang;

pub const PROBLEM_JSON: &str = "application/problem+json";

pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let headers = request.headers().clone();
    let session = request.extensions().get::<Session>().cloned();
    let back_to = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".into());

    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || already_rendered(&response) {
        return response;
    }
    let report = response.extensions().get::<ErrorReport>().cloned();

    if is_api {
        // The API speaks English unless the client asks for Russian.
        let lang = Lang::from_accept_language(&headers).unwrap_or(Lang::En);
        return problem(status, report.as_ref(), lang, response);
    }
    if status == StatusCode::UNAUTHORIZED {
        let target = format!("/login?next={}", urlencode(&back_to));
        return Redirect::to(&target).into_response();
    }
    let lang = request_lang(session.as_ref(), &headers).await;
    let mut page = error_page(&state, status, report.as_ref(), lang);
    keep_retry_after(&response, &mut page);
    page
}

/// A 429's `Retry-After` survives the rendering of its body.
fn keep_retry_after(original: &Response, rendered: &mut Response) {
    if let Some(retry) = original.headers().get(header::RETRY_AFTER) {
        rendered
            .headers_mut()
            .insert(header::RETRY_AFTER, retry.clone());
    }
}

fn already_rendered(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with(PROBLEM_JSON))
}

/// Problem details (RFC 9457) as every API error answers them.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// One entry per invalid field (422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(inline)]
    errors: Vec<ProblemField>,
    /// On a duplicate: the record that exists already.
    #[serde(skip_serializing_if = "Option::is_none")]
    existing_id: Option<i32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ProblemField {
    field: String,
    message: String,
}

fn problem(
    status: StatusCode,
    report: Option<&ErrorReport>,
    lang: Lang,
    original: Response,
) -> Response {
    let kind = match status {
        StatusCode::UNPROCESSABLE_ENTITY => "/problems/validation",
        StatusCode::CONFLICT => "/problems/conflict",
        StatusCode::TOO_MANY_REQUESTS => "/problems/too-many-attempts",
        _ => "about:blank",
    };
    let body = Problem {
        kind,
        title: status.canonical_reason().unwrap_or("Error"),
        status: status.as_u16(),
        detail: report
            .and_then(|r| r.detail.as_ref())
            .map(|m| lang.render(m)),
        errors: report
            .map(|r| {
                r.errors
                    .iter()
                    .map(|e| ProblemField {
                        field: e.field.clone(),
                        message: lang.render(&e.message),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        existing_id: report.and_then(|r| r.existing_id),
    };
    let mut response = (status, serde_json::to_string(&body).unwrap_or_default()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    // Keep what the handler said about the response (e.g. Allow on 405).
    if let Some(allow) = original.headers().get(header::ALLOW) {
        response.headers_mut().insert(header::ALLOW, allow.clone());
    }
    keep_retry_after(&original, &mut response);
    response
}

#[derive(Serialize)]
struct ErrorPage {
    lang: &'static str,
    status: u16,
    title: String,
    detail: String,
    errors: Vec<String>,
}

fn error_page(
    state: &AppState,
    status: StatusCode,
    report: Option<&ErrorReport>,
    lang: Lang,
) -> Response {
    let known = [400, 403, 404, 405, 409, 413, 415, 422, 429, 502];
    let code = if known.contains(&status.as_u16()) {
        status.as_u16()
    } else if status.is_server_error() {
        500
    } else {
        400
    };
    let page = ErrorPage {
        lang: lang.as_str(),
        status: status.as_u16(),
        title: lang.text(&format!("error-title-{code}")),
        detail: report
            .and_then(|r| r.detail.as_ref())
            .map(|m| lang.render(m))
            .unwrap_or_else(|| lang.text(&format!("error-detail-{code}"))),
        errors: report
            .map(|r| r.errors.iter().map(|e| lang.render(&e.message)).collect())
            .unwrap_or_default(),
    };
    // Error pages have no session at hand for a form token or a menu: a bare layout.
    let page_with_assets = minijinja::context! {
        assets => state.assets.urls(),
        layout => minijinja::context! {
            nav => Vec::<()>::new(), csrf => "", user => (), flash => (),
            agency => minijinja::Value::from_serialize(
                crate::web::context::agency_layout(state, &state.agency.get()),
            ),
        },
        ..minijinja::Value::from_serialize(&page)
    };
    match state.templates.render("errors/page.html", page_with_assets) {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = ?err, "rendering the error page failed");
            (status, page.title).into_response()
        }
    }
}

pub fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}
