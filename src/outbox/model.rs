//! The outbox: an email is a row written in the same transaction as the change that caused
//! it, so a rolled-back change sends nothing and a committed one is never lost. Workers claim
//! due rows (one worker per row, also across instances), send them, and mark them sent, or
//! due again later with a growing delay, or failed after the last attempt.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::entities::outbox_message;
use crate::error::{AppError, AppResult};
use crate::web::i18n::{Lang, Message};

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// Called back before it went (a held mass action's email): never sent.
pub const CANCELLED: &str = "cancelled";
/// Every status, in the order the outbox page offers them.
pub const STATUSES: [&str; 5] = [PENDING, SENDING, SENT, FAILED, CANCELLED];

/// How long a claimed row is a worker's before another may take it over (a crashed worker's
/// rows are sent again, with the same Message-ID).
const CLAIM_SECONDS: i64 = 120;

/// A rendered email, ready to queue.
#[derive(Clone, Debug, Serialize)]
pub struct Email {
    pub kind: &'static str,
    pub to_email: String,
    pub to_name: Option<String>,
    pub lang: Lang,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// An iCalendar invitation to attach.
    pub ics: Option<String>,
    pub application_id: Option<i32>,
}

/// A file sent with a queued message.
#[derive(Clone, Debug)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Attaches `attachment` to the queued message `id`, in the transaction that queued it.
pub async fn attach<C: ConnectionTrait>(db: &C, id: i32, attachment: Attachment) -> AppResult<()> {
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::AttachmentName,
            Some(attachment.filename).into(),
        )
        .col_expr(
            outbox_message::Column::AttachmentType,
            Some(attachment.content_type).into(),
        )
        .col_expr(
            outbox_message::Column::Attachment,
            Some(attachment.bytes).into(),
        )
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A Message-ID unique to this message and stable across resends.
fn message_id(domain: &str) -> String {
    format!("<{}@{}>", crate::web::csrf::random_token(), domain)
}

/// Queues `email` on `db`, which should be the transaction of the change that caused it.
/// Held in `hold`'s batch, it is not due before the batch's time.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    actor_id: Option<i32>,
    domain: &str,
    email: Email,
    hold: Option<super::hold::Hold>,
) -> AppResult<outbox_message::Model> {
    let now = Utc::now();
    Ok(outbox_message::ActiveModel {
        message_id: Set(message_id(domain)),
        kind: Set(email.kind.to_owned()),
        to_email: Set(email.to_email),
        to_name: Set(email.to_name),
        lang: Set(email.lang.as_str().to_owned()),
        subject: Set(email.subject),
        body_text: Set(email.body_text),
        body_html: Set(email.body_html),
        ics: Set(email.ics),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(hold.map_or(now, |h| h.send_at.max(now))),
        claimed_until: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        application_id: Set(email.application_id),
        created_by: Set(actor_id),
        batch_id: Set(hold.map(|h| h.batch_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Takes up to `limit` due rows for this worker: pending ones whose time has come, and rows
/// whose claim ran out (their worker died mid-send). On PostgreSQL `FOR UPDATE SKIP LOCKED`
/// lets several instances claim side by side without waiting on each other; SQLite has one
/// writer at a time, so the single UPDATE is already exclusive.
pub async fn claim(db: &DatabaseConnection, limit: u64) -> AppResult<Vec<outbox_message::Model>> {
    let mut claimed = crate::db::claim_due::<outbox_message::Entity>(
        db,
        "outbox_messages",
        Duration::seconds(CLAIM_SECONDS),
        limit,
    )
    .await?;
    claimed.sort_by_key(|m| m.id);
    Ok(claimed)
}

pub async fn mark_sent(db: &DatabaseConnection, id: i32) -> AppResult<()> {
    let now = Utc::now();
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, SENT.into())
        .col_expr(outbox_message::Column::SentAt, Some(now).into())
        .col_expr(
            outbox_message::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(
            outbox_message::Column::LastError,
            Option::<String>::None.into(),
        )
        .col_expr(outbox_message::Column::UpdatedAt, now.into())
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The delay before attempt `attempts + 1`: base, 2×, 4×, … capped at an hour.
pub fn backoff(base: std::time::Duration, attempts: i32) -> Duration {
    let factor = 2u32.saturating_pow(u32::try_from(attempts.max(1) - 1).unwrap_or(0).min(16));
    let delay = base
        .saturating_mul(factor)
        .min(std::time::Duration::from_secs(3600));
    Duration::from_std(delay).unwrap_or(Duration::hours(1))
}

/// Records a failed attempt: due again after the backoff, or failed for good after the last
/// (a `max_attempts` of 0 gives up at once: the message can never be sent as it is).
pub async fn mark_failed(
    db: &DatabaseConnection,
    message: &outbox_message::Model,
    error: &str,
    retry_base: std::time::Duration,
    max_attempts: i32,
) -> AppResult<()> {
    let now = Utc::now();
    let give_up = message.attempts >= max_attempts;
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::Status,
            (if give_up { FAILED } else { PENDING }).into(),
        )
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            (now + backoff(retry_base, message.attempts)).into(),
        )
        .col_expr(
            outbox_message::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(
            outbox_message::Column::LastError,
            Some(error.chars().take(1000).collect::<String>()).into(),
        )
        .col_expr(outbox_message::Column::UpdatedAt, now.into())
        .filter(outbox_message::Column::Id.eq(message.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts a failed (or stuck) message back in the queue for one more round of attempts.
pub async fn retry(db: &DatabaseConnection, id: i32) -> AppResult<()> {
    let found = outbox_message::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.status == SENT {
        return Err(AppError::Conflict(Message::new("outbox-already-sent")));
    }
    if found.status == CANCELLED {
        return Err(AppError::Conflict(Message::new("outbox-retry-cancelled")));
    }
    let mut changed: outbox_message::ActiveModel = found.into();
    changed.status = Set(PENDING.into());
    changed.attempts = Set(0);
    changed.next_attempt_at = Set(Utc::now());
    changed.claimed_until = Set(None);
    changed.updated_at = Set(Utc::now());
    changed.update(db).await?;
    Ok(())
}

/// Messages for the admin page, newest first, optionally of one status.
pub async fn list(
    db: &DatabaseConnection,
    status: Option<&str>,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<outbox_message::Model>, u64)> {
    let mut query = outbox_message::Entity::find();
    if let Some(status) = status {
        query = query.filter(outbox_message::Column::Status.eq(status));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(outbox_message::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<outbox_message::Model> {
    outbox_message::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<i64> = (1..=4).map(|a| backoff(base, a).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240]);
        assert_eq!(backoff(base, 40).num_seconds(), 3600);
    }
}
