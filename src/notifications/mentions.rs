//! `@colleague@agency.ru` in a note tells that colleague, with a link to the person the note
//! is about. Addresses that are nobody's here are left as text.

use sea_orm::{ConnectionTrait, EntityTrait};

use super::model::{Kind, Notice, notify, users_by_email};
use crate::domain::mentions::mentioned_emails;
use crate::entities::{candidate, user};
use crate::error::AppResult;

/// How much of the note the notification quotes.
const QUOTE_CHARS: usize = 120;

/// Tells everyone `text` mentions (but not its author) about the note on `candidate_id`.
/// Returns whom it told.
pub async fn notify_mentioned<C: ConnectionTrait>(
    db: &C,
    author_id: i32,
    candidate_id: i32,
    text: &str,
) -> AppResult<Vec<i32>> {
    let emails = mentioned_emails(text);
    let users = users_by_email(db, &emails).await?;
    let users: Vec<i32> = users.into_iter().filter(|id| *id != author_id).collect();
    if users.is_empty() {
        return Ok(users);
    }
    let author = user::Entity::find_by_id(author_id)
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let person = candidate::Entity::find_by_id(candidate_id)
        .one(db)
        .await?
        .map(|c| c.full_name)
        .unwrap_or_default();
    let quote: String = match text.chars().count() > QUOTE_CHARS {
        true => format!("{}…", text.chars().take(QUOTE_CHARS).collect::<String>()),
        false => text.to_owned(),
    };
    let notice = Notice::new(Kind::Mentioned, format!("/candidates/{candidate_id}"))
        .with("actor", author)
        .with("candidate", person)
        .with("subject", quote)
        .by(author_id);
    notify(db, &users, &notice).await?;
    Ok(users)
}
