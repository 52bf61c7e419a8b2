//! `offers` table: one row per revision of an application's offer.

use sea_orm::entity::prelude::*;
use serde::Serialize;

// ToSchema: the API answers with this row as it is, so its fields are the documented `Offer`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "offers")]
#[schema(as = Offer)]
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
    #[schema(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub manager_at: Option<DateTimeUtc>,
    pub ceo_decision: Option<String>,
    pub ceo_comment: Option<String>,
    pub ceo_id: Option<i32>,
    #[schema(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub ceo_at: Option<DateTimeUtc>,
    /// SHA-256 of the one-time link's token and whom it is for: candidate, manager or ceo.
    #[serde(skip)]
    pub token_hash: Option<String>,
    #[serde(skip)]
    pub token_purpose: Option<String>,
    #[schema(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub token_expires_at: Option<DateTimeUtc>,
    #[schema(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub sent_at: Option<DateTimeUtc>,
    #[schema(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub answered_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub version: i32,
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub created_at: DateTimeUtc,
    #[schema(value_type = chrono::DateTime<chrono::Utc>)]
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
