//! Keeping fetched mail: each message once (the unique key on `dedup_key` holds across polls
//! and instances), attached when it matches a candidate, and how far each folder was read.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TryInsertResult, sea_query::OnConflict,
};

use super::client::RawMessage;
use super::hooks;
use super::matching::{self, Attachment};
use super::message;
use crate::entities::{inbound_email, mailbox_folder};
use crate::error::AppResult;

/// What storing one message did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// New, and attached to a candidate.
    Attached(Attachment),
    /// New, kept without a candidate.
    Unattached,
    /// Imported before (another poll or another instance).
    Known,
}

/// Reads, matches and stores one message, with its reply hook, in one transaction.
pub async fn store(db: &DatabaseConnection, raw: &RawMessage) -> AppResult<Stored> {
    let read = message::read(&raw.bytes);
    let txn = crate::db::write(db).await?;
    let attachment = matching::find(&txn, &read).await?;
    let now = Utc::now();
    let row = inbound_email::ActiveModel {
        dedup_key: Set(read.dedup_key.clone()),
        message_id: Set(read.message_id.clone()),
        in_reply_to: Set(read.in_reply_to.clone()),
        candidate_id: Set(attachment.map(|a| a.candidate_id)),
        application_id: Set(attachment.and_then(|a| a.application_id)),
        from_address: Set(read.from_address.clone()),
        from_name: Set(read.from_name.clone()),
        to_address: Set(read.to.clone()),
        subject: Set(read.subject.clone()),
        body_text: Set(read.text.clone()),
        received_at: Set(raw.internal_date.or(read.sent_at).unwrap_or(now)),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = inbound_email::Entity::insert(row)
        .on_conflict_do_nothing_on([inbound_email::Column::DedupKey])
        .exec_with_returning(&txn)
        .await?;
    let stored = match (inserted, attachment) {
        (TryInsertResult::Inserted(email), Some(attachment)) => {
            hooks::on_reply(&txn, attachment, &email).await?;
            Stored::Attached(attachment)
        }
        (TryInsertResult::Inserted(_), None) => Stored::Unattached,
        _ => Stored::Known,
    };
    txn.commit().await?;
    Ok(stored)
}

/// Where a folder was read up to: its UIDVALIDITY and the last UID done.
pub async fn position<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<Option<(u32, u32)>> {
    Ok(mailbox_folder::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|f| (clamp(f.uid_validity), clamp(f.last_uid))))
}

fn clamp(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

/// Records that everything up to `last_uid` under `uid_validity` is done.
pub async fn advance<C: ConnectionTrait>(
    db: &C,
    key: &str,
    uid_validity: u32,
    last_uid: u32,
) -> AppResult<()> {
    let now = Utc::now();
    mailbox_folder::Entity::insert(mailbox_folder::ActiveModel {
        key: Set(key.to_owned()),
        uid_validity: Set(i64::from(uid_validity)),
        last_uid: Set(i64::from(last_uid)),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(mailbox_folder::Column::Key)
            .update_columns([
                mailbox_folder::Column::UidValidity,
                mailbox_folder::Column::LastUid,
                mailbox_folder::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// An erased person's mail goes with their other data.
pub async fn forget_candidate<C: ConnectionTrait>(db: &C, candidate_id: i32) -> AppResult<()> {
    inbound_email::Entity::delete_many()
        .filter(inbound_email::Column::CandidateId.eq(candidate_id))
        .exec(db)
        .await?;
    Ok(())
}
