//! CSRF protection for browser forms: a random token kept in the session and echoed by every
//! state-changing form (field `_csrf`), by `fetch` (header `X-CSRF-Token`) or, for multipart
//! uploads, in the form's action URL. The API is exempt: it authenticates with Bearer tokens,
//! which a browser never attaches on its own.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use tower_sessions::Session;

use crate::error::{AppError, AppResult};

pub const FIELD: &str = "_csrf";
const SESSION_KEY: &str = "csrf";
const HEADER: &str = "x-csrf-token";
/// The largest urlencoded form read here; larger bodies are refused with 413.
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// The session's token, made on first use.
pub async fn token(session: &Session) -> AppResult<String> {
    if let Some(token) = session
        .get::<String>(SESSION_KEY)
        .await
        .map_err(session_error)?
    {
        return Ok(token);
    }
    let token = random_token();
    session
        .insert(SESSION_KEY, &token)
        .await
        .map_err(session_error)?;
    Ok(token)
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn session_error(err: tower_sessions::session::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("session: {err}"))
}

/// Middleware: refuses a state-changing browser request without the session's token.
pub async fn verify(request: Request, next: Next) -> Response {
    if is_exempt(&request) {
        return next.run(request).await;
    }
    match check(request).await {
        Ok(request) => next.run(request).await,
        Err(err) => err.into_response(),
    }
}

fn is_exempt(request: &Request) -> bool {
    matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path().starts_with("/api/")
}

async fn check(request: Request) -> AppResult<Request> {
    // Browsers say where a request comes from; a cross-site form post is refused outright.
    if let Some(site) = request.headers().get("sec-fetch-site")
        && !matches!(site.as_bytes(), b"same-origin" | b"none")
    {
        return Err(AppError::Csrf);
    }
    let session = request
        .extensions()
        .get::<Session>()
        .cloned()
        .ok_or(AppError::Csrf)?;
    let expected = session
        .get::<String>(SESSION_KEY)
        .await
        .map_err(session_error)?;
    let Some(expected) = expected else {
        return Err(AppError::Csrf);
    };

    if let Some(sent) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if same(sent, &expected) {
            Ok(request)
        } else {
            Err(AppError::Csrf)
        };
    }
    if let Some(sent) = query_token(&request) {
        return if same(&sent, &expected) {
            Ok(request)
        } else {
            Err(AppError::Csrf)
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::Csrf);
    }
    // Read the form to find the token, then hand the same bytes on to the handler.
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let sent = form_urlencoded_token(&bytes);
    if !sent.is_some_and(|sent| same(&sent, &expected)) {
        return Err(AppError::Csrf);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn query_token(request: &Request) -> Option<String> {
    let query = request.uri().query()?;
    form_urlencoded_token(query.as_bytes())
}

fn form_urlencoded_token(bytes: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value)
}

/// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_found_among_form_fields() {
        assert_eq!(
            form_urlencoded_token(b"email=a%40b.c&_csrf=abc"),
            Some("abc".into())
        );
        assert_eq!(form_urlencoded_token(b"email=a"), None);
    }

    #[test]
    fn tokens_compare_only_when_equal() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }

    #[test]
    fn random_tokens_are_long_and_distinct() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
    }
}
