//! `consents` table: the ledger of consents to personal-data processing.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "consents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub candidate_id: i32,
    pub purpose: String,
    pub text_version: String,
    pub text_hash: String,
    pub given_at: DateTimeUtc,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub recorded_by: Option<i32>,
    pub withdrawn_at: Option<DateTimeUtc>,
    /// When a time-limited consent (the talent pool) runs out.
    pub expires_at: Option<DateTimeUtc>,
    /// When the person was asked to renew it.
    pub reminded_at: Option<DateTimeUtc>,
    /// How the consent reached us when not on our own page: `import` for a CSV import.
    pub basis: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
