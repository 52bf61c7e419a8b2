//! Registered webhooks: checked and stored (the secret sealed at once, never shown again),
//! listed, removed. The admin page and the API call these same operations.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::deliveries::{FAILED, PENDING, SENDING};
use crate::audit::AuditEvent;
use crate::domain::webhooks::{self as rules, MIN_SECRET_CHARS, UrlRefused};
use crate::entities::{webhook, webhook_delivery};
use crate::error::{AppError, AppResult, FieldError};
use crate::secrets::{SecretInput, SecretKey};
use crate::web::i18n::Message;

/// A registration. `secret` is write-only: it signs every delivery and is never returned.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct WebhookRequest {
    /// Where deliveries are posted: https (plain http only to this machine, or when Hireloop
    /// itself runs without TLS).
    #[serde(default)]
    pub url: String,
    /// The event types to receive, at least one.
    #[serde(default)]
    #[schema(example = json!(["application.stage_changed", "offer.accepted"]))]
    pub events: Vec<String>,
    /// At least 16 characters.
    #[serde(default)]
    #[schema(value_type = String, write_only, min_length = 16)]
    pub secret: SecretInput,
}

/// A webhook as anyone may see it: never its secret.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WebhookView {
    pub id: i32,
    pub url: String,
    pub events: Vec<String>,
    /// Deliveries waiting to go (or going).
    pub pending: u64,
    /// Deliveries that gave up; each can be retried.
    pub failed: u64,
    pub created_at: DateTime<Utc>,
}

/// Every problem with `request`, by field; the events as stored when there is none.
pub fn check(request: &WebhookRequest, plain_http_anywhere: bool) -> Result<String, AppError> {
    let mut errors = Vec::new();
    let url = request.url.trim();
    let url_message = match rules::check_url(url, plain_http_anywhere) {
        Ok(()) => None,
        Err(UrlRefused::NotHttp) if url.is_empty() => Some(Message::new("field-required")),
        Err(UrlRefused::NotHttp) => Some(Message::new("webhooks-url-not-http")),
        Err(UrlRefused::NeedsHttps) => Some(Message::new("webhooks-url-needs-https")),
        Err(UrlRefused::TooLong) => {
            Some(Message::new("field-too-long").with_number("max", rules::MAX_URL_CHARS as i64))
        }
    };
    if let Some(message) = url_message {
        errors.push(FieldError::new("url", message));
    }
    let events = match rules::check_events(&request.events) {
        Ok(events) => Some(events),
        Err(unknown) => {
            let message = match unknown {
                Some(code) => Message::new("webhooks-event-unknown").with("event", code),
                None => Message::new("webhooks-events-required"),
            };
            errors.push(FieldError::new("events", message));
            None
        }
    };
    if request.secret.0.expose().chars().count() < MIN_SECRET_CHARS {
        errors.push(FieldError::new(
            "secret",
            Message::new("webhooks-secret-short").with_number("min", MIN_SECRET_CHARS as i64),
        ));
    }
    match events {
        Some(events) if errors.is_empty() => Ok(events
            .into_iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(",")),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Registers a webhook; its secret is sealed before it reaches the database.
pub async fn register(
    db: &DatabaseConnection,
    key: &SecretKey,
    actor_id: i32,
    request: WebhookRequest,
    plain_http_anywhere: bool,
) -> AppResult<WebhookView> {
    let events = check(&request, plain_http_anywhere)?;
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let created = webhook::ActiveModel {
        url: Set(request.url.trim().to_owned()),
        events: Set(events),
        secret_sealed: Set(key.seal(&request.secret.0)),
        created_by: Set(Some(actor_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // The URL's query may hold a token of the receiver's: the audit keeps the events only.
    AuditEvent::new(Some(actor_id), "webhook.create", "webhook")
        .id(created.id)
        .details(serde_json::json!({ "events": created.events }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(view(created, 0, 0))
}

fn view(w: webhook::Model, pending: u64, failed: u64) -> WebhookView {
    WebhookView {
        id: w.id,
        url: w.url,
        events: w.events.split(',').map(str::to_owned).collect(),
        pending,
        failed,
        created_at: w.created_at,
    }
}

/// How many deliveries each webhook has in each open or failed status, in one query.
async fn counts<C: ConnectionTrait>(db: &C) -> AppResult<Vec<(i32, String, i64)>> {
    use sea_orm::QuerySelect;
    Ok(webhook_delivery::Entity::find()
        .select_only()
        .column(webhook_delivery::Column::WebhookId)
        .column(webhook_delivery::Column::Status)
        .column_as(webhook_delivery::Column::Id.count(), "n")
        .filter(webhook_delivery::Column::Status.is_in([PENDING, SENDING, FAILED]))
        .group_by(webhook_delivery::Column::WebhookId)
        .group_by(webhook_delivery::Column::Status)
        .into_tuple()
        .all(db)
        .await?)
}

/// Every webhook, oldest first (there are a handful).
pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<WebhookView>> {
    let hooks = webhook::Entity::find()
        .order_by_asc(webhook::Column::Id)
        .all(db)
        .await?;
    let counts = counts(db).await?;
    Ok(hooks
        .into_iter()
        .map(|w| {
            let of = |statuses: &[&str]| {
                counts
                    .iter()
                    .filter(|(id, s, _)| *id == w.id && statuses.contains(&s.as_str()))
                    .map(|(_, _, n)| u64::try_from(*n).unwrap_or(0))
                    .sum::<u64>()
            };
            let (pending, failed) = (of(&[PENDING, SENDING]), of(&[FAILED]));
            view(w, pending, failed)
        })
        .collect())
}

/// One webhook as anyone may see it.
pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<WebhookView> {
    list(db)
        .await?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or(AppError::NotFound)
}

/// Removes a webhook with its queue and log: nothing more is posted to it.
pub async fn delete(db: &DatabaseConnection, actor_id: i32, id: i32) -> AppResult<()> {
    let txn = crate::db::write(db).await?;
    // SQLite runs without cascading deletes unless foreign keys are on; say it outright.
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .exec(&txn)
        .await?;
    let removed = webhook::Entity::delete_by_id(id).exec(&txn).await?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    AuditEvent::new(Some(actor_id), "webhook.delete", "webhook")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
