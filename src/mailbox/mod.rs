//! Replies come back: the agency mailbox is read over IMAP on a schedule (and on demand), each
//! message is kept once, and a reply is attached to its candidate by the thread it answers or
//! by the sender's address. `client` speaks IMAP and knows nothing else; `message` reads a
//! fetched mail; `matching` finds the candidate; `store` keeps it; `sync` runs one poll;
//! `hooks` is where an attached reply goes on to the rest of the app; `log` is a candidate's
//! email both ways.

pub mod api;
pub mod client;
pub mod hooks;
pub mod log;
pub mod matching;
pub mod message;
pub mod pages;
pub mod settings;
pub mod store;
pub mod sync;

use axum::Router;
use axum::routing::{get, post};
use sea_orm::DatabaseConnection;

use crate::app::AppState;
use crate::secrets::SecretKey;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/mailbox", get(pages::show).post(pages::save))
        .route("/admin/mailbox/poll", post(pages::poll))
}

/// The scheduled round: a poll when the mailbox is on and no other instance is reading it.
/// A mailbox that cannot be read is recorded on its settings, not raised: the app goes on.
pub async fn scheduled_poll(db: DatabaseConnection, key: SecretKey) -> anyhow::Result<()> {
    sync::scheduled(&db, &key)
        .await
        .map_err(|e| anyhow::anyhow!("polling the agency mailbox: {e}"))?;
    Ok(())
}
