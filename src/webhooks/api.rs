//! Webhooks in the API (admins only): register, list, read, remove, and each one's deliveries
//! with "retry now" for the failed. The same operations as `/admin/webhooks`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::deliveries::{self, DeliveryView};
use super::model::{self, WebhookRequest, WebhookView};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_webhooks, register_webhook))
        .routes(routes!(get_webhook, delete_webhook))
        .routes(routes!(list_webhook_deliveries))
        .routes(routes!(retry_webhook_delivery))
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    items: Vec<WebhookView>,
    total: u64,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryList {
    items: Vec<DeliveryView>,
    total: u64,
}

/// Every registered webhook, oldest first; never a secret.
#[utoipa::path(get, path = "/webhooks", tag = "webhooks", security(("bearer" = [])),
    responses((status = 200, body = WebhookList), (status = 403)))]
async fn list_webhooks(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<WebhookList>> {
    user.require(Action::Administer)?;
    let items = model::list(&state.db).await?;
    Ok(ApiJson(WebhookList {
        total: items.len() as u64,
        items,
    }))
}

/// Registers a URL for the events listed; deliveries are signed with `secret`, which is never
/// shown again. See the document's `webhooks` for each event's body and headers.
#[utoipa::path(post, path = "/webhooks", tag = "webhooks", security(("bearer" = [])),
    request_body = WebhookRequest,
    responses((status = 201, body = WebhookView), (status = 403), (status = 422)))]
async fn register_webhook(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<WebhookRequest>, AppError>,
) -> AppResult<(StatusCode, ApiJson<WebhookView>)> {
    user.require(Action::Administer)?;
    let ApiJson(request) = request?;
    let created = model::register(
        &state.db,
        &state.secret_key,
        user.id,
        request,
        !state.config.secure_cookies,
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

/// One webhook, with how many deliveries wait and how many failed.
#[utoipa::path(get, path = "/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = WebhookView), (status = 403), (status = 404)))]
async fn get_webhook(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<WebhookView>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(model::get(&state.db, id).await?))
}

/// Removes a webhook with its queue and its log: nothing more is posted to it.
#[utoipa::path(delete, path = "/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
async fn delete_webhook(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(Action::Administer)?;
    model::delete(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The webhook's deliveries, newest first: each event's type and id, status, attempts and
/// the last answer or error.
#[utoipa::path(get, path = "/webhooks/{id}/deliveries", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i32, Path), ListQuery),
    responses((status = 200, body = DeliveryList), (status = 403), (status = 404)))]
async fn list_webhook_deliveries(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    Query(paging): Query<ListQuery>,
) -> AppResult<ApiJson<DeliveryList>> {
    user.require(Action::Administer)?;
    model::get(&state.db, id).await?;
    let (items, total) =
        deliveries::of_webhook(&state.db, id, paging.limit(), paging.offset()).await?;
    Ok(ApiJson(DeliveryList { items, total }))
}

#[derive(Serialize, ToSchema)]
pub struct Retried {
    id: i32,
    webhook_id: i32,
    /// Always `pending`: due at once, with the same event id.
    status: &'static str,
}

/// Puts a failed delivery back in the queue for a new round of attempts; 409 unless failed.
#[utoipa::path(post, path = "/webhooks/deliveries/{id}/retry", tag = "webhooks", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = Retried), (status = 403), (status = 404), (status = 409)))]
async fn retry_webhook_delivery(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Retried>> {
    user.require(Action::Administer)?;
    let webhook_id = deliveries::retry(&state.db, id).await?;
    Ok(ApiJson(Retried {
        id,
        webhook_id,
        status: deliveries::PENDING,
    }))
}
