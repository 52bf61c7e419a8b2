//! Adding a note to a person's timeline, the one operation behind the card's note form and
//! `POST /candidates/{id}/notes`: the note and the notifications of everyone it mentions, in
//! one transaction.

use sea_orm::{DatabaseConnection, TransactionTrait};

use super::model;
use crate::entities::candidate_note;
use crate::error::AppResult;

/// Writes the note and tells each `@email` it mentions (but not its author).
#[tracing::instrument(skip(db, text))]
pub async fn add(
    db: &DatabaseConnection,
    author_id: i32,
    candidate_id: i32,
    application_id: Option<i32>,
    text: &str,
) -> AppResult<candidate_note::Model> {
    let txn = db.begin().await?;
    let note = model::note(&txn, author_id, candidate_id, application_id, text).await?;
    crate::notifications::mentions::notify_mentioned(&txn, author_id, candidate_id, &note.text)
        .await?;
    txn.commit().await?;
    Ok(note)
}
