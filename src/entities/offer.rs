//! `offers` table: one row per revision of an application's offer.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub revision: i32,
    /// draft, awaiting_manager, awaiting_ceo, approved, sent, accepted, declined, rejected.
    pub status: String,
    pub salary: i64,
    pub currency: String,
    pub start_date: Date,
    pub probation_months: i32,
    pub bonus_terms: String,
    pub terms: String,
    pub band_exception_reason: Option<String>,
    pub needs_approval: bool,
    /// Why this revision differs from the one before.
    pub change_reason: String,
    pub counter_proposal: Option<String>,
    /// Why the candidate said no ("why we lost").
    pub decline_reason: Option<String>,
    pub manager_decision: Option<String>,
    pub manager_comment: Option<String>,
    pub manager_id: Option<i32>,
    pub manager_at: Option<DateTimeUtc>,
    pub ceo_decision: Option<String>,
    pub ceo_comment: Option<String>,
    pub ceo_id: Option<i32>,
    pub ceo_at: Option<DateTimeUtc>,
    /// SHA-256 of the one-time link's token and whom it is for: candidate, manager or ceo.
    #[serde(skip)]
    pub token_hash: Option<String>,
    #[serde(skip)]
    pub token_purpose: Option<String>,
    pub token_expires_at: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
