//! What runs before every handler: the request log, scripted faults, and the user agent and
//! bearer token hh demands on every API call.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State as Shared};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::replies::hh_error;
use super::state::Fault;
use super::{Fake, RecordedRequest, oauth};

/// Records the request, plays a scripted fault if one matches, then checks what hh checks on
/// every API call: the user agent and the bearer token.
pub async fn gate(Shared(fake): Shared<Fake>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, 16 * 1024 * 1024).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let path = parts.uri.path().to_owned();
    let method = parts.method.as_str().to_owned();
    let refusal = {
        let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
        state.requests.push(RecordedRequest {
            method: method.clone(),
            path: path.clone(),
            query: parts.uri.query().unwrap_or("").to_owned(),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                .collect(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
        });
        if let Some(fault) = state.take_fault(&method, &path) {
            Some(fault_response(fault))
        } else if path == "/oauth/authorize" {
            None
        } else if path == "/token" {
            // The token endpoint answers in RFC 6749's shape, not with `errors`.
            user_agent(&parts.headers).is_none().then(|| {
                oauth::grant_error("invalid_request", "user agent required").into_response()
            })
        } else if user_agent(&parts.headers).is_none() {
            Some(hh_error(
                StatusCode::BAD_REQUEST,
                json!({"type": "bad_user_agent", "value": "unset"}),
            ))
        } else {
            state
                .check_access(bearer(&parts.headers))
                .err()
                .map(|value| {
                    hh_error(
                        StatusCode::FORBIDDEN,
                        json!({"type": "oauth", "value": value}),
                    )
                })
        }
    };
    match refusal {
        Some(response) => response,
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    }
}

fn user_agent(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("hh-user-agent")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

fn fault_response(fault: Fault) -> Response {
    let status = StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if fault.body.is_null() {
        status.into_response()
    } else {
        (status, axum::Json(fault.body)).into_response()
    };
    if let Some(secs) = fault.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}
