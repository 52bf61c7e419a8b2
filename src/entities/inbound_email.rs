//! `inbound_emails` table: mail fetched from the agency mailbox, attached to a candidate when
//! it could be matched.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "inbound_emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The Message-ID, or a hash of the raw message when it has none: each message once.
    #[sea_orm(unique)]
    pub dedup_key: String,
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub candidate_id: Option<i32>,
    pub application_id: Option<i32>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub to_address: String,
    pub subject: String,
    /// Plain text only (an HTML-only message's text extracted); never rendered as HTML.
    pub body_text: String,
    pub received_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
