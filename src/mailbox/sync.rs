//! One poll of the agency mailbox: claim it (one instance at a time), read what came after the
//! last UID done, store each message, and move the last UID only past messages stored — so a
//! mailbox or database that fails mid-way loses nothing; the next poll fetches the rest. The
//! outcome (the time, and the error or none) is recorded on the settings row.

use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::client::{self, Account};
use super::settings::{self, ROW, TlsMode};
use super::store::{self, Stored};
use crate::entities::mailbox_setting;
use crate::error::{AppError, AppResult};
use crate::secrets::SecretKey;
use crate::web::i18n::Message;

/// Messages read per poll; a fuller mailbox is read on over the next polls.
const BATCH: usize = 100;
/// How long a poll holds the mailbox: longer than a read may take.
const CLAIM_SECONDS: i64 = 180;

/// What a poll did.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct PollOutcome {
    /// New messages kept.
    pub imported: u32,
    /// Of those, attached to a candidate.
    pub attached: u32,
    /// Why the mailbox could not be read (also kept as the settings' `last_error`).
    pub error: Option<String>,
}

/// Takes the mailbox for this instance's poll: true for one caller at a time.
async fn claim(db: &DatabaseConnection) -> AppResult<bool> {
    let now = Utc::now();
    let taken = mailbox_setting::Entity::update_many()
        .col_expr(
            mailbox_setting::Column::PollClaimedUntil,
            Expr::value(Some(now + chrono::Duration::seconds(CLAIM_SECONDS))),
        )
        .filter(mailbox_setting::Column::Id.eq(ROW))
        .filter(
            Condition::any()
                .add(mailbox_setting::Column::PollClaimedUntil.is_null())
                .add(mailbox_setting::Column::PollClaimedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// The scheduled poll: nothing when the mailbox is off or another instance is reading it.
pub async fn scheduled(db: &DatabaseConnection, key: &SecretKey) -> AppResult<Option<PollOutcome>> {
    match settings::row(db).await? {
        Some(row) if row.enabled && claim(db).await? => Ok(Some(poll_claimed(db, key, row).await?)),
        _ => Ok(None),
    }
}

/// "Check now": waits its turn behind a poll in progress, then polls.
pub async fn now(db: &DatabaseConnection, key: &SecretKey) -> AppResult<PollOutcome> {
    let row = settings::row(db).await?;
    if !row.as_ref().is_some_and(|r| r.enabled) {
        return Err(AppError::Conflict(Message::new("mailbox-not-enabled")));
    }
    for _ in 0..150 {
        if claim(db).await? {
            let row = settings::row(db).await?.ok_or(AppError::NotFound)?;
            return poll_claimed(db, key, row).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err(AppError::Conflict(Message::new("mailbox-busy")))
}

async fn poll_claimed(
    db: &DatabaseConnection,
    key: &SecretKey,
    row: mailbox_setting::Model,
) -> AppResult<PollOutcome> {
    let mut outcome = PollOutcome::default();
    let error = read_and_store(db, key, &row, &mut outcome).await.err();
    if error != row.last_error {
        match &error {
            Some(text) => tracing::warn!(error = %text, "the agency mailbox cannot be read"),
            None => tracing::info!("the agency mailbox is read again"),
        }
    }
    mailbox_setting::Entity::update_many()
        .col_expr(
            mailbox_setting::Column::LastPollAt,
            Expr::value(Some(Utc::now())),
        )
        .col_expr(
            mailbox_setting::Column::LastError,
            Expr::value(error.clone()),
        )
        .col_expr(
            mailbox_setting::Column::PollClaimedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(mailbox_setting::Column::Id.eq(ROW))
        .exec(db)
        .await?;
    outcome.error = error;
    Ok(outcome)
}

/// The read itself; an error comes back as the words to record (never with the password).
async fn read_and_store(
    db: &DatabaseConnection,
    key: &SecretKey,
    row: &mailbox_setting::Model,
    outcome: &mut PollOutcome,
) -> Result<(), String> {
    let password = match &row.password_sealed {
        Some(sealed) => key.open(sealed).map_err(|e| e.to_string())?,
        None => return Err("no password is saved".into()),
    };
    let account = Account {
        host: row.host.clone(),
        port: u16::try_from(row.port).map_err(|_| "the port is out of range".to_owned())?,
        tls: TlsMode::parse(&row.tls).unwrap_or(TlsMode::Tls),
        user: row.username.clone(),
        password,
        folder: row.folder.clone(),
    };
    let folder_key = format!("{}@{}/{}", row.username, row.host, row.folder);
    let known = store::position(db, &folder_key).await.map_err(internal)?;
    let (validity, after) = known.map_or((None, 0), |(v, u)| (Some(v), u));
    let read = client::read_after(&account, validity, after, BATCH)
        .await
        .map_err(|e| e.to_string())?;
    let mut done = if validity == Some(read.uid_validity) {
        after
    } else {
        0
    };
    let mut failure = None;
    for uid in &read.uids {
        if let Some(raw) = read.messages.iter().find(|m| m.uid == *uid) {
            match store::store(db, raw).await {
                Ok(Stored::Attached(_)) => {
                    outcome.imported += 1;
                    outcome.attached += 1;
                }
                Ok(Stored::Unattached) => outcome.imported += 1,
                Ok(Stored::Known) => {}
                Err(err) => {
                    failure = Some(internal(err));
                    break;
                }
            }
        }
        // A UID the server no longer has is done too: there is nothing left to fetch.
        done = *uid;
    }
    if known != Some((read.uid_validity, done)) {
        store::advance(db, &folder_key, read.uid_validity, done)
            .await
            .map_err(internal)?;
    }
    failure.map_or(Ok(()), Err)
}

fn internal(err: AppError) -> String {
    tracing::error!(error = %err, "storing mail from the agency mailbox failed");
    "the fetched mail could not be stored; it will be fetched again".to_owned()
}
