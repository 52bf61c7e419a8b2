//! `Idempotency-Key` on API POSTs: an integration that timed out may send the same request
//! again with the same key and gets the first answer back, with nothing created twice.
//!
//! The first request with a key claims it by inserting a row (the unique index on scope and key
//! decides between two instances racing); its successful answer is stored on the row for
//! [`KEPT_FOR`]. A retry with the same body gets that answer again with `Idempotent-Replayed:
//! true`; the same key with another body is refused (422), and a retry while the first is still
//! running is told to wait (409). Error answers are not kept: nothing was written, so the key
//! is released and a corrected retry runs afresh.
//!
//! The layer sits inside the error renderer, so the errors it raises become problem details
//! like any other.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr,
};
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::entities::idempotency_key;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

pub const HEADER: &str = "idempotency-key";
/// Set on an answer that is a replay of the first one.
pub const REPLAYED: &str = "idempotent-replayed";
/// How long a key and its answer are kept.
pub const KEPT_FOR: Duration = Duration::hours(24);
/// A claim still unanswered after this long belongs to a request that died with its instance;
/// a retry may take the key over.
const ABANDONED_AFTER: Duration = Duration::minutes(5);
/// Longest key accepted; UUIDs and the like are far shorter.
const MAX_KEY_LEN: usize = 255;
/// The most a request with a key may carry: the body is read whole to hash it, and the largest
/// uploads the API takes (imports) are 20 MB.
const MAX_BODY: usize = 24 * 1024 * 1024;

/// Paths whose answers are never kept: a new API token is a secret, and a copy of it in this
/// table would outlive its revocation. Signing in again is harmless anyway.
const NEVER_KEPT: [&str; 1] = ["/api/v1/tokens"];

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST
        || !request.headers().contains_key(HEADER)
        || NEVER_KEPT.contains(&request.uri().path())
    {
        return next.run(request).await;
    }
    match keyed(&state.db, request, next).await {
        Ok(response) | Err(Refused(response)) => response,
    }
}

/// An answer given instead of running the request.
struct Refused(Response);

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Refused(error.into_response())
    }
}

async fn keyed(db: &DatabaseConnection, request: Request, next: Next) -> Result<Response, Refused> {
    let key = key_of(request.headers())?;
    let scope = scope_of(request.headers());
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let request_hash = hex(&Sha256::new()
        .chain_update(parts.method.as_str())
        .chain_update(b"\n")
        .chain_update(parts.uri.to_string())
        .chain_update(b"\n")
        .chain_update(&bytes)
        .finalize());

    let claim = match claim(db, &scope, &key, &request_hash).await? {
        Claim::Claimed(id) => id,
        Claim::Replay(response) => return Ok(response),
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    Ok(settle(db, claim, response).await?)
}

fn key_of(headers: &HeaderMap) -> AppResult<String> {
    let key = headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(AppError::BadRequest(Message::new(
            "idempotency-key-invalid",
        )));
    }
    Ok(key.to_owned())
}

/// Whose key it is: a hash of the credentials the request came with, so that two integrations
/// choosing the same key never see each other's answers, and no token is stored.
fn scope_of(headers: &HeaderMap) -> String {
    let credentials = headers
        .get(header::AUTHORIZATION)
        .or_else(|| headers.get(header::COOKIE))
        .map(HeaderValue::as_bytes)
        .unwrap_or_default();
    hex(&Sha256::digest(credentials))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

enum Claim {
    Claimed(i32),
    Replay(Response),
}

async fn claim(
    db: &DatabaseConnection,
    scope: &str,
    key: &str,
    request_hash: &str,
) -> AppResult<Claim> {
    // Two rounds at most: an expired or abandoned row found on the first is removed, then the key is free.
    for _ in 0..2 {
        let row = idempotency_key::ActiveModel {
            scope: Set(scope.to_owned()),
            key: Set(key.to_owned()),
            request_hash: Set(request_hash.to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        match row.insert(db).await {
            Ok(row) => return Ok(Claim::Claimed(row.id)),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {}
            Err(e) => return Err(e.into()),
        }
        let Some(first) = idempotency_key::Entity::find()
            .filter(idempotency_key::Column::Scope.eq(scope))
            .filter(idempotency_key::Column::Key.eq(key))
            .one(db)
            .await?
        else {
            continue; // released in between: claim again
        };
        let abandoned =
            first.status_code.is_none() && first.created_at < Utc::now() - ABANDONED_AFTER;
        if abandoned || first.created_at < Utc::now() - KEPT_FOR {
            idempotency_key::Entity::delete_by_id(first.id)
                .exec(db)
                .await?;
            continue;
        }
        if first.request_hash != request_hash {
            return Err(AppError::validation(
                "Idempotency-Key",
                Message::new("idempotency-key-reused"),
            ));
        }
        return match first.status_code {
            Some(status) => Ok(Claim::Replay(replay(&first, status))),
            None => Err(AppError::Conflict(Message::new(
                "idempotency-key-in-flight",
            ))),
        };
    }
    Err(AppError::Conflict(Message::new(
        "idempotency-key-in-flight",
    )))
}

fn replay(first: &idempotency_key::Model, status: i32) -> Response {
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
        .unwrap_or(axum::http::StatusCode::OK);
    let mut response = (status, first.body.clone().unwrap_or_default()).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, &first.content_type),
        (header::LOCATION, &first.location),
    ] {
        if let Some(value) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(name, value);
        }
    }
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

/// Keeps a successful answer for the retries to come; releases the key after an error.
async fn settle(db: &DatabaseConnection, claim: i32, response: Response) -> AppResult<Response> {
    if !response.status().is_success() {
        idempotency_key::Entity::delete_by_id(claim)
            .exec(db)
            .await?;
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            // The work is done but its answer cannot be kept: free the key rather than hold a
            // claim no retry could ever get past.
            idempotency_key::Entity::delete_by_id(claim)
                .exec(db)
                .await?;
            return Err(AppError::Internal(anyhow::anyhow!(
                "reading the answer: {e}"
            )));
        }
    };
    let text = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    idempotency_key::ActiveModel {
        id: Set(claim),
        status_code: Set(Some(i32::from(parts.status.as_u16()))),
        content_type: Set(text(header::CONTENT_TYPE)),
        location: Set(text(header::LOCATION)),
        body: Set(Some(bytes.to_vec())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

/// Forgets keys older than [`KEPT_FOR`]; run by the housekeeping round on every instance.
pub async fn delete_expired(db: &DatabaseConnection) -> Result<u64, sea_orm::DbErr> {
    let done = idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lt(Utc::now() - KEPT_FOR))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
