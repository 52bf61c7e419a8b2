//! hh's OAuth 2: the authorize page (which answers at once, as for a manager who already
//! allowed the application) and `POST /token` for codes and refresh tokens, with the errors in
//! hh's errors.md ("Получение/обновление токенов").

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::Fake;
use super::state::GrantStatus;

/// `GET /oauth/authorize?response_type=code&client_id&state&redirect_uri[&code_challenge&code_challenge_method=S256]`
/// → 302 to `redirect_uri?code=…&state=…`.
pub async fn authorize(
    Shared(fake): Shared<Fake>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    let page = |message: &str| (StatusCode::BAD_REQUEST, message.to_owned()).into_response();
    if query.get("response_type").map(String::as_str) != Some("code") {
        return page("response_type must be code");
    }
    if query.get("client_id") != Some(&state.client_id) {
        return page("unknown client_id");
    }
    let Some(mut redirect) = query
        .get("redirect_uri")
        .and_then(|uri| url::Url::parse(uri).ok())
    else {
        return page("redirect_uri is required by the fake and must be absolute");
    };
    // hh: code_challenge and code_challenge_method go together, and only S256 is supported.
    let challenge = match (
        query.get("code_challenge"),
        query.get("code_challenge_method").map(String::as_str),
    ) {
        (None, None) => None,
        (Some(challenge), Some("S256")) => Some(challenge.clone()),
        _ => return page("code_challenge needs code_challenge_method=S256"),
    };
    let redirect_uri = query["redirect_uri"].clone();
    if std::mem::take(&mut state.deny_next_authorization) {
        redirect
            .query_pairs_mut()
            .append_pair("error", "access_denied");
    } else {
        let code = state.issue_code(&redirect_uri, challenge);
        redirect.query_pairs_mut().append_pair("code", &code);
    }
    if let Some(csrf) = query.get("state") {
        redirect.query_pairs_mut().append_pair("state", csrf);
    }
    (
        StatusCode::FOUND,
        [(header::LOCATION, redirect.to_string())],
    )
        .into_response()
}

/// hh's token error: 400 `{"error", "error_description"}`.
pub fn grant_error(error: &str, description: &str) -> (StatusCode, Json<serde_json::Value>) {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
}

/// `POST /token` (form): `authorization_code` or `refresh_token`.
pub async fn token(Shared(fake): Shared<Fake>, body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    match field("grant_type") {
        Some("authorization_code") => {
            if field("client_id") != Some(state.client_id.as_str())
                || field("client_secret") != Some(state.client_secret.as_str())
            {
                return grant_error("invalid_client", "client_id or client_secret not found")
                    .into_response();
            }
            let Some(code) = field("code").and_then(|c| state.codes.get_mut(c)) else {
                return grant_error("invalid_request", "code not found").into_response();
            };
            if code.used {
                return grant_error("invalid_grant", "code has already been used").into_response();
            }
            if field("redirect_uri") != Some(code.redirect_uri.as_str()) {
                return grant_error("invalid_request", "bad redirect url").into_response();
            }
            if let Some(challenge) = &code.challenge {
                let verified = field("code_verifier").is_some_and(|verifier| {
                    base64::engine::general_purpose::URL_SAFE_NO_PAD
                        .encode(Sha256::digest(verifier.as_bytes()))
                        == *challenge
                });
                if !verified {
                    return grant_error("invalid_grant", "code verifier mismatch").into_response();
                }
            }
            code.used = true;
        }
        Some("refresh_token") => {
            let Some(refresh) = field("refresh_token") else {
                return grant_error("invalid_request", "token is empty").into_response();
            };
            let now = std::time::Instant::now();
            let Some(grant) = state.grants.iter_mut().find(|g| g.refresh == refresh) else {
                return grant_error("invalid_request", "token not found").into_response();
            };
            match grant.status {
                GrantStatus::Revoked => {
                    return grant_error("invalid_grant", "token was revoked").into_response();
                }
                GrantStatus::Superseded => {
                    return grant_error("invalid_grant", "token has already been refreshed")
                        .into_response();
                }
                // hh: a refresh token works only once its access token has expired.
                GrantStatus::Current if now < grant.expires_at => {
                    return grant_error("invalid_grant", "token not expired").into_response();
                }
                GrantStatus::Current => {}
            }
        }
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": "unsupported_grant_type", "error_description": "unsupported grant_type"})),
            )
                .into_response();
        }
    }
    let expires_in = state.token_lifetime;
    let grant = state.issue_grant();
    Json(json!({
        "access_token": grant.access,
        "token_type": "bearer",
        "expires_in": expires_in,
        "refresh_token": grant.refresh,
    }))
    .into_response()
}
