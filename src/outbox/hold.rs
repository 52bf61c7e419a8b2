//! Undo send for mass actions. The emails one action queues — a bulk rejection, the polite
//! closing of a filled or cancelled position's search — form a batch that waits a hold (an
//! admin setting, five minutes by default) in the outbox. Until then the whole batch, or one
//! of its messages, can be cancelled, and a cancelled message is never sent. One-time links a
//! person is waiting for are never held: only these call sites ask for a batch.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::model::{CANCELLED, PENDING};
use crate::audit::AuditEvent;
use crate::entities::{outbox_batch, outbox_message, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

const SETTINGS_KEY: &str = "outbox";
/// The longest hold an admin may set: a day.
pub const MAX_HOLD_MINUTES: u32 = 24 * 60;

/// The outbox's settings, stored under `outbox` in `settings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OutboxSettings {
    /// How long a mass action's emails wait before they go; 0 sends them at once.
    pub hold_minutes: u32,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self { hold_minutes: 5 }
    }
}

impl OutboxSettings {
    /// Reads the hold as typed: a whole number of minutes from 0 to a day.
    pub fn parse(hold_minutes: &str) -> Result<Self, FieldError> {
        match hold_minutes.trim().parse::<u32>() {
            Ok(minutes) if minutes <= MAX_HOLD_MINUTES => Ok(Self {
                hold_minutes: minutes,
            }),
            _ => Err(FieldError::new(
                "hold_minutes",
                Message::new("outbox-hold-invalid").with_number("max", MAX_HOLD_MINUTES.into()),
            )),
        }
    }
}

pub async fn settings<C: ConnectionTrait>(db: &C) -> AppResult<OutboxSettings> {
    crate::admin::settings::load(db, SETTINGS_KEY).await
}

pub async fn save_settings(
    db: &DatabaseConnection,
    actor: i32,
    new: OutboxSettings,
) -> AppResult<OutboxSettings> {
    crate::admin::settings::store(db, actor, SETTINGS_KEY, &new).await?;
    Ok(new)
}

/// The mass actions whose emails are held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchKind {
    BulkReject,
    BulkMove,
    PositionFilled,
    PositionCancelled,
}

impl BatchKind {
    pub const ALL: [BatchKind; 4] = [
        BatchKind::BulkReject,
        BatchKind::BulkMove,
        BatchKind::PositionFilled,
        BatchKind::PositionCancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BatchKind::BulkReject => "bulk_reject",
            BatchKind::BulkMove => "bulk_move",
            BatchKind::PositionFilled => "position_filled",
            BatchKind::PositionCancelled => "position_cancelled",
        }
    }
}

/// A batch being filled: what the composer needs to hold the emails it queues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hold {
    pub batch_id: i32,
    pub send_at: DateTime<Utc>,
}

/// Opens a batch for one mass action on `db` (the action's transaction when it has one), due
/// after the hold in the settings.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    kind: BatchKind,
    position_id: Option<i32>,
    actor_id: Option<i32>,
) -> AppResult<Hold> {
    let hold = settings(db).await?.hold_minutes;
    let now = Utc::now();
    let send_at = now + Duration::minutes(i64::from(hold));
    let batch = outbox_batch::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        position_id: Set(position_id),
        send_at: Set(send_at),
        created_by: Set(actor_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Hold {
        batch_id: batch.id,
        send_at,
    })
}

/// Removes a batch its action queued nothing into (a bulk move emails nobody); how many
/// emails it holds.
pub async fn discard_if_empty<C: ConnectionTrait>(db: &C, hold: Hold) -> AppResult<u64> {
    let queued = outbox_message::Entity::find()
        .filter(outbox_message::Column::BatchId.eq(hold.batch_id))
        .count(db)
        .await?;
    if queued == 0 {
        outbox_batch::Entity::delete_by_id(hold.batch_id)
            .exec(db)
            .await?;
    }
    Ok(queued)
}

/// What the person who ran a mass action is told: it is done, and its emails wait in the
/// outbox for so many minutes, where they can still be cancelled.
pub fn undo_notice(hold: Hold, done: i64, emails: u64) -> Message {
    let seconds = (hold.send_at - Utc::now()).num_seconds().max(0);
    Message::new("outbox-undo-notice")
        .with_number("count", done)
        .with_number("emails", i64::try_from(emails).unwrap_or(i64::MAX))
        .with_number("minutes", (seconds + 59) / 60)
}

/// What a confirmation adds when its action will email `emails` people: the letters wait in
/// the outbox for the hold and can be cancelled there. `None` without letters or without a hold.
pub async fn notice_before<C: ConnectionTrait>(
    db: &C,
    emails: usize,
) -> AppResult<Option<Message>> {
    let minutes = settings(db).await?.hold_minutes;
    Ok((emails > 0 && minutes > 0).then(|| {
        Message::new("outbox-hold-before")
            .with_number("emails", i64::try_from(emails).unwrap_or(i64::MAX))
            .with_number("minutes", i64::from(minutes))
    }))
}

/// Cancels one message that has not gone yet. A message already being sent, sent or failed
/// cannot be called back (409); the worker's claim and this update exclude each other, as
/// both change the row only from `pending`.
pub async fn cancel_message(db: &DatabaseConnection, actor_id: i32, id: i32) -> AppResult<()> {
    let found = super::model::get(db, id).await?;
    let now = Utc::now();
    let changed = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(CANCELLED))
        .col_expr(outbox_message::Column::UpdatedAt, Expr::value(now))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict(Message::new("outbox-cancel-too-late")));
    }
    AuditEvent::new(Some(actor_id), "outbox.cancel", "outbox_message")
        .id(id)
        .details(serde_json::json!({ "kind": found.kind, "batch_id": found.batch_id }))
        .record(db)
        .await?;
    Ok(())
}

/// Cancels every message of a batch that has not gone yet; how many were cancelled.
pub async fn cancel_batch(db: &DatabaseConnection, actor_id: i32, batch_id: i32) -> AppResult<u64> {
    let batch = outbox_batch::Entity::find_by_id(batch_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let changed = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(CANCELLED))
        .col_expr(outbox_message::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(outbox_message::Column::BatchId.eq(batch_id))
        .filter(outbox_message::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::Conflict(Message::new("outbox-cancel-too-late")));
    }
    AuditEvent::new(Some(actor_id), "outbox.cancel_batch", "outbox_batch")
        .id(batch_id)
        .details(serde_json::json!({ "kind": batch.kind, "cancelled": changed.rows_affected }))
        .record(db)
        .await?;
    Ok(changed.rows_affected)
}

/// A batch with messages still waiting, as the outbox page and the API show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct HeldBatch {
    pub id: i32,
    /// bulk_reject, bulk_move, position_filled or position_cancelled.
    pub kind: String,
    pub position_id: Option<i32>,
    pub position_title: Option<String>,
    /// When the waiting messages go.
    pub send_at: DateTime<Utc>,
    /// How many of its messages still wait.
    pub waiting: i64,
    pub created_at: DateTime<Utc>,
}

/// Every batch that still has messages waiting, the next to go first.
pub async fn waiting_batches(db: &DatabaseConnection) -> AppResult<Vec<HeldBatch>> {
    let counts: Vec<(Option<i32>, i64)> = outbox_message::Entity::find()
        .select_only()
        .column(outbox_message::Column::BatchId)
        .column_as(outbox_message::Column::Id.count(), "waiting")
        .filter(outbox_message::Column::BatchId.is_not_null())
        .filter(outbox_message::Column::Status.eq(PENDING))
        .group_by(outbox_message::Column::BatchId)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i32> = counts.iter().filter_map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let batches = outbox_batch::Entity::find()
        .filter(outbox_batch::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let position_ids: Vec<i32> = batches.iter().filter_map(|b| b.position_id).collect();
    let titles: std::collections::BTreeMap<i32, String> = position::Entity::find()
        .filter(position::Column::Id.is_in(position_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let mut held: Vec<HeldBatch> = batches
        .into_iter()
        .map(|b| HeldBatch {
            waiting: counts
                .iter()
                .find(|(id, _)| *id == Some(b.id))
                .map_or(0, |(_, n)| *n),
            position_title: b.position_id.and_then(|id| titles.get(&id).cloned()),
            id: b.id,
            kind: b.kind,
            position_id: b.position_id,
            send_at: b.send_at,
            created_at: b.created_at,
        })
        .collect();
    held.sort_by_key(|b| (b.send_at, b.id));
    Ok(held)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hold_is_five_minutes_unless_an_admin_sets_another() {
        assert_eq!(OutboxSettings::default().hold_minutes, 5);
        let stored: OutboxSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(stored.hold_minutes, 5);
    }

    #[test]
    fn a_hold_is_a_whole_number_of_minutes_up_to_a_day() {
        assert_eq!(OutboxSettings::parse(" 0 ").unwrap().hold_minutes, 0);
        assert_eq!(OutboxSettings::parse("1440").unwrap().hold_minutes, 1440);
        for bad in ["", "-1", "2.5", "five", "1441"] {
            let error = OutboxSettings::parse(bad).unwrap_err();
            assert_eq!(error.field, "hold_minutes", "{bad}");
        }
    }
}
