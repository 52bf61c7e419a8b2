//! `outbox_messages` table: every email, written with the change that caused it.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "outbox_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The Message-ID header, fixed when the message is queued, so a resend is recognisably
    /// the same message.
    #[sea_orm(unique)]
    pub message_id: String,
    pub kind: String,
    pub to_email: String,
    pub to_name: Option<String>,
    pub lang: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    /// pending, sending, sent, failed or cancelled.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub application_id: Option<i32>,
    pub created_by: Option<i32>,
    /// The mass action that queued it (`outbox_batches`), held until the batch's `send_at`.
    pub batch_id: Option<i32>,
    /// One file sent with the message (an offer letter's PDF): its name, type and bytes, kept
    /// in the row so that whichever instance sends it has it, and a rolled-back change leaves
    /// no file behind.
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    #[serde(skip)]
    pub attachment: Option<Vec<u8>>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
