//! The delivery queue: workers claim due deliveries (one worker per row, also across
//! instances), post them, and mark them delivered, or due again after the outbox's back-off,
//! or failed after the last attempt. Each attempt's outcome stays on the row for the log.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::entities::{webhook_delivery, webhook_event};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// How long a claimed row is a worker's: longer than a request may take (the timeout), so a
/// slow receiver is not posted to twice, short enough that a crashed worker's rows go again.
const CLAIM_SECONDS: i64 = 60;

/// Takes up to `limit` due deliveries: pending ones whose time has come, and rows whose claim
/// ran out. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets instances claim side by side; SQLite
/// has one writer, so the single UPDATE is already exclusive.
pub async fn claim(db: &DatabaseConnection, limit: u64) -> AppResult<Vec<webhook_delivery::Model>> {
    let mut claimed = crate::db::claim_due::<webhook_delivery::Entity>(
        db,
        "webhook_deliveries",
        Duration::seconds(CLAIM_SECONDS),
        limit,
    )
    .await?;
    claimed.sort_by_key(|d| d.id);
    Ok(claimed)
}

/// The receiver answered 2xx.
pub async fn mark_delivered(db: &DatabaseConnection, id: i32, code: u16) -> AppResult<()> {
    let now = Utc::now();
    webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::Status, DELIVERED.into())
        .col_expr(webhook_delivery::Column::DeliveredAt, Some(now).into())
        .col_expr(webhook_delivery::Column::LastAttemptAt, Some(now).into())
        .col_expr(
            webhook_delivery::Column::LastStatusCode,
            Some(i32::from(code)).into(),
        )
        .col_expr(
            webhook_delivery::Column::LastError,
            Option::<String>::None.into(),
        )
        .col_expr(
            webhook_delivery::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(webhook_delivery::Column::UpdatedAt, now.into())
        .filter(webhook_delivery::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A failed attempt (`code` when the receiver answered at all): due again after the back-off
/// (`crate::outbox::model::backoff`, so the first retry comes after `retry_base`), or failed
/// for good once `max_attempts` are spent.
pub async fn mark_failed(
    db: &DatabaseConnection,
    delivery: &webhook_delivery::Model,
    code: Option<u16>,
    error: &str,
    retry_base: std::time::Duration,
    max_attempts: i32,
) -> AppResult<()> {
    let now = Utc::now();
    let give_up = delivery.attempts >= max_attempts;
    webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::Status,
            (if give_up { FAILED } else { PENDING }).into(),
        )
        .col_expr(
            webhook_delivery::Column::NextAttemptAt,
            (now + crate::outbox::model::backoff(retry_base, delivery.attempts)).into(),
        )
        .col_expr(webhook_delivery::Column::LastAttemptAt, Some(now).into())
        .col_expr(
            webhook_delivery::Column::LastStatusCode,
            code.map(i32::from).into(),
        )
        .col_expr(
            webhook_delivery::Column::LastError,
            Some(error.chars().take(500).collect::<String>()).into(),
        )
        .col_expr(
            webhook_delivery::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(webhook_delivery::Column::UpdatedAt, now.into())
        .filter(webhook_delivery::Column::Id.eq(delivery.id))
        .exec(db)
        .await?;
    Ok(())
}

/// A delivery as the log shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: i32,
    pub webhook_id: i32,
    /// The event's public id, the same on every attempt (`X-Hireloop-Event-Id`).
    pub event_id: String,
    /// The event's type (`application.stage_changed`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// `pending`, `sending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i32,
    /// The HTTP status of the last answer; none when there was no answer (refused, timed out).
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// When the next attempt is due, while one is.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A webhook's deliveries, newest first, with their events (one query each), and how many
/// there are in all.
pub async fn of_webhook<C: ConnectionTrait>(
    db: &C,
    webhook_id: i32,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<DeliveryView>, u64)> {
    let filter = webhook_delivery::Column::WebhookId.eq(webhook_id);
    let total = webhook_delivery::Entity::find()
        .filter(filter.clone())
        .count(db)
        .await?;
    let rows = webhook_delivery::Entity::find()
        .filter(filter)
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    let events: std::collections::HashMap<i32, webhook_event::Model> =
        webhook_event::Entity::find()
            .filter(webhook_event::Column::Id.is_in(rows.iter().map(|d| d.event_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
    let items = rows
        .into_iter()
        .map(|d| {
            let event = events.get(&d.event_id);
            DeliveryView {
                id: d.id,
                webhook_id: d.webhook_id,
                event_id: event.map(|e| e.event_id.clone()).unwrap_or_default(),
                kind: event.map(|e| e.kind.clone()).unwrap_or_default(),
                next_attempt_at: (d.status == PENDING).then_some(d.next_attempt_at),
                status: d.status,
                attempts: d.attempts,
                last_status_code: d.last_status_code,
                last_error: d.last_error,
                last_attempt_at: d.last_attempt_at,
                delivered_at: d.delivered_at,
                created_at: d.created_at,
            }
        })
        .collect();
    Ok((items, total))
}

/// "Retry now": a failed delivery goes back in the queue, due at once, for a new round of
/// attempts with the same event id. Only failed ones: a pending one is already coming, a
/// delivered one arrived.
/// Returns the delivery's webhook.
pub async fn retry(db: &DatabaseConnection, id: i32) -> AppResult<i32> {
    // One conditional UPDATE: two admins pressing at once put it back once, not twice.
    let now = Utc::now();
    let updated = webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::Status, PENDING.into())
        .col_expr(webhook_delivery::Column::Attempts, 0.into())
        .col_expr(webhook_delivery::Column::NextAttemptAt, now.into())
        .col_expr(
            webhook_delivery::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(webhook_delivery::Column::UpdatedAt, now.into())
        .filter(webhook_delivery::Column::Id.eq(id))
        .filter(webhook_delivery::Column::Status.eq(FAILED))
        .exec(db)
        .await?;
    let found = webhook_delivery::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if updated.rows_affected == 1 {
        return Ok(found.webhook_id);
    }
    Err(AppError::Conflict(Message::new(
        "webhooks-retry-not-failed",
    )))
}
