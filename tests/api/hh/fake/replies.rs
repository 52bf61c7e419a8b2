//! hh's answers that every part of the fake gives: error bodies and paged lists.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// hh's error body: `errors` plus the `request_id` hh adds to every error.
pub fn hh_error(status: StatusCode, error: Value) -> Response {
    hh_errors(status, vec![error], json!({}))
}

/// hh's error body with several errors and extra top-level keys (`bad_arguments`, ...).
pub fn hh_errors(status: StatusCode, errors: Vec<Value>, extra: Value) -> Response {
    let mut body = json!({"errors": errors, "request_id": request_id()});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    (status, axum::Json(body)).into_response()
}

pub fn not_found_error() -> Response {
    hh_error(StatusCode::NOT_FOUND, json!({"type": "not_found"}))
}

pub async fn not_found() -> Response {
    not_found_error()
}

fn request_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// An hh error answer not yet built: what the fallible helpers return (a `Response` is too big
/// for an `Err`).
pub struct Refusal {
    status: StatusCode,
    error: Value,
}

impl Refusal {
    pub fn bad_argument(name: &str) -> Refusal {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            error: json!({"type": "bad_argument", "value": name}),
        }
    }

    pub fn new(status: StatusCode, error: Value) -> Refusal {
        Refusal { status, error }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        hh_error(self.status, self.error)
    }
}

/// The `page`/`per_page` hh's lists take (defaults 0 and 20, at most 100 a page).
pub fn paging(query: &HashMap<String, String>) -> Result<(usize, usize), Refusal> {
    let number = |name: &str, default: usize| match query.get(name) {
        None => Ok(default),
        Some(raw) => raw
            .parse::<usize>()
            .map_err(|_| Refusal::bad_argument(name)),
    };
    let page = number("page", 0)?;
    let per_page = number("per_page", 20)?;
    if per_page == 0 || per_page > 100 {
        return Err(Refusal::bad_argument("per_page"));
    }
    Ok((page, per_page))
}

/// One page of `items` in hh's pagination envelope.
pub fn page_of(items: Vec<Value>, page: usize, per_page: usize) -> Value {
    let found = items.len();
    let pages = found.div_ceil(per_page);
    let items: Vec<Value> = items
        .into_iter()
        .skip(page * per_page)
        .take(per_page)
        .collect();
    json!({"found": found, "pages": pages, "page": page, "per_page": per_page, "items": items})
}
