//! `scorecards` table: One interviewer's scorecard of one interview.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "scorecards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub interview_id: i32,
    pub interviewer_id: i32,
    /// draft or submitted; a submitted scorecard is read-only.
    pub status: String,
    pub recommendation: Option<String>,
    pub strengths: String,
    pub concerns: String,
    pub notes: String,
    pub submitted_at: Option<DateTimeUtc>,
    pub reminder_sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
