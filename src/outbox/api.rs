//! The outbox in the API: held mass actions to call back, one message or a whole batch, and
//! the admin's hold setting. The same operations as the outbox page.

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::hold::{self, HeldBatch, OutboxSettings};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_batches))
        .routes(routes!(cancel_message))
        .routes(routes!(cancel_batch))
        .routes(routes!(get_outbox_settings, put_outbox_settings))
}

#[derive(Serialize, utoipa::ToSchema)]
struct BatchList {
    items: Vec<HeldBatch>,
}

/// Mass actions whose emails still wait for their hold to pass, the next to go first.
#[utoipa::path(get, path = "/outbox/batches", tag = "outbox", security(("bearer" = [])),
    responses((status = 200, body = BatchList), (status = 403)))]
async fn list_batches(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<BatchList>> {
    user.require(Action::ManageOutbox)?;
    Ok(ApiJson(BatchList {
        items: hold::waiting_batches(&state.db).await?,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
struct Cancelled {
    id: i32,
    /// Always `cancelled`.
    status: &'static str,
    /// How many messages were called back.
    cancelled: u64,
}

/// Cancels one email that has not gone yet; 409 once it is being sent or has gone.
#[utoipa::path(post, path = "/outbox/{id}/cancel", tag = "outbox", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = Cancelled), (status = 403), (status = 404), (status = 409)))]
async fn cancel_message(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Cancelled>> {
    user.require(Action::ManageOutbox)?;
    hold::cancel_message(&state.db, user.id, id).await?;
    Ok(ApiJson(Cancelled {
        id,
        status: super::model::CANCELLED,
        cancelled: 1,
    }))
}

/// Cancels every email of a mass action that has not gone yet.
#[utoipa::path(post, path = "/outbox/batches/{id}/cancel", tag = "outbox", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = Cancelled), (status = 403), (status = 404), (status = 409)))]
async fn cancel_batch(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Cancelled>> {
    user.require(Action::ManageOutbox)?;
    let cancelled = hold::cancel_batch(&state.db, user.id, id).await?;
    Ok(ApiJson(Cancelled {
        id,
        status: super::model::CANCELLED,
        cancelled,
    }))
}

/// How long a mass action's emails wait before they go, in minutes (0 to 1440).
#[utoipa::path(get, path = "/settings/outbox", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = OutboxSettings), (status = 403)))]
async fn get_outbox_settings(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<OutboxSettings>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(hold::settings(&state.db).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct HoldRequest {
    hold_minutes: serde_json::Value,
}

#[utoipa::path(put, path = "/settings/outbox", tag = "admin", security(("bearer" = [])),
    request_body = HoldRequest,
    responses((status = 200, body = OutboxSettings), (status = 403), (status = 422)))]
async fn put_outbox_settings(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<HoldRequest>, AppError>,
) -> AppResult<ApiJson<OutboxSettings>> {
    user.require(Action::Administer)?;
    let ApiJson(request) = request?;
    // A number or a string of digits, as the page's field sends it; anything else is named.
    let typed = match &request.hold_minutes {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let settings = OutboxSettings::parse(&typed).map_err(|e| AppError::Validation(vec![e]))?;
    Ok(ApiJson(
        hold::save_settings(&state.db, user.id, settings).await?,
    ))
}
