//! `referees` table: a reference check of one application.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "referees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub name: String,
    pub company: String,
    /// How they know the candidate: "line manager at Orbita, 2022–2024".
    pub relation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// added, requested (a link was sent), answered (by the referee), logged (a call).
    pub status: String,
    /// positive, mixed or negative.
    pub verdict: Option<String>,
    /// The answers as a JSON object of question → answer.
    pub answers: String,
    pub notes: String,
    /// SHA-256 of the one-time link's token; cleared when used.
    #[serde(skip)]
    pub token_hash: Option<String>,
    pub token_expires_at: Option<DateTimeUtc>,
    pub requested_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
