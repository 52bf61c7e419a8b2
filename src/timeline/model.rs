//! Writing the timeline. Every feature records its entries through [`record`] (something that
//! happened to an application) or [`note`] (a note about the person), inside the transaction of
//! the change itself, so an entry exists exactly when its change does.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::domain::pipeline::Stage;
use crate::domain::text::TextKind;
use crate::entities::{application, application_event, candidate, candidate_note};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// Entry kinds whose note is free text a person typed (or received): erasing the person clears it.
pub const FREE_TEXT_KINDS: [&str; 5] = [
    "comment",
    "contacted",
    "merged",
    "merged_primary",
    REPLY_RECEIVED,
];

/// The kind a reply fetched from the agency mailbox leaves on its application.
pub const REPLY_RECEIVED: &str = "email_in";

/// One entry on an application's timeline.
pub struct Entry<'a> {
    pub application_id: i32,
    pub actor_id: Option<i32>,
    /// What happened: created, stage, comment, contacted, next_contact, interview, offer, …
    pub kind: &'a str,
    pub from: Option<Stage>,
    pub to: Option<Stage>,
    pub note: Option<String>,
}

impl<'a> Entry<'a> {
    /// An entry of `kind` without a stage change.
    pub fn new(application_id: i32, actor_id: Option<i32>, kind: &'a str) -> Self {
        Self {
            application_id,
            actor_id,
            kind,
            from: None,
            to: None,
            note: None,
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn maybe_note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }

    pub fn stages(mut self, from: Option<Stage>, to: Option<Stage>) -> Self {
        self.from = from;
        self.to = to;
        self
    }
}

/// Writes `entry` on its application's timeline.
pub async fn record<C: ConnectionTrait>(db: &C, entry: Entry<'_>) -> AppResult<()> {
    // The entries that integrations hear about become webhook events in this transaction.
    crate::webhooks::events::on_timeline(
        db,
        entry.application_id,
        entry.kind,
        entry.from,
        entry.to,
    )
    .await?;
    application_event::ActiveModel {
        application_id: Set(entry.application_id),
        at: Set(Utc::now()),
        actor_id: Set(entry.actor_id),
        kind: Set(entry.kind.to_owned()),
        from_stage: Set(entry.from.map(|s| s.as_str().to_owned())),
        to_stage: Set(entry.to.map(|s| s.as_str().to_owned())),
        note: Set(entry.note),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Checks a typed note: not blank, not too long. Returns it trimmed.
pub fn checked_text(text: &str) -> AppResult<&str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::validation("text", Message::new("field-required")));
    }
    if let Some(error) = FieldError::text("text", TextKind::Text, text) {
        return Err(error.into());
    }
    Ok(text)
}

/// A note about the person, optionally about one of their applications. The caller tells
/// anyone it mentions, in the same transaction.
pub async fn note<C: ConnectionTrait>(
    db: &C,
    author_id: i32,
    candidate_id: i32,
    application_id: Option<i32>,
    text: &str,
) -> AppResult<candidate_note::Model> {
    let text = checked_text(text)?;
    let person = candidate::Entity::find_by_id(candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if person.erased_at.is_some() {
        return Err(AppError::Conflict(Message::new("candidate-erased")));
    }
    if let Some(application_id) = application_id {
        let theirs = application::Entity::find_by_id(application_id)
            .one(db)
            .await?
            .is_some_and(|a| a.candidate_id == candidate_id);
        if !theirs {
            return Err(AppError::validation(
                "application_id",
                Message::new("timeline-note-application-unknown"),
            ));
        }
    }
    let now = Utc::now();
    Ok(candidate_note::ActiveModel {
        candidate_id: Set(candidate_id),
        application_id: Set(application_id),
        author_id: Set(Some(author_id)),
        text: Set(text.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Erasing a person: free text on their timeline goes (notes, comments, replies); stage moves
/// and their reason codes stay for the reports.
pub async fn forget_candidate<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    applications: Vec<i32>,
) -> AppResult<()> {
    application_event::Entity::update_many()
        .col_expr(
            application_event::Column::Note,
            Expr::value(Option::<String>::None),
        )
        .filter(application_event::Column::ApplicationId.is_in(applications))
        .filter(application_event::Column::Kind.is_in(FREE_TEXT_KINDS))
        .exec(db)
        .await?;
    candidate_note::Entity::delete_many()
        .filter(candidate_note::Column::CandidateId.eq(candidate_id))
        .exec(db)
        .await?;
    Ok(())
}
