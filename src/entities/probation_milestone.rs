//! `probation_milestones` table: one milestone of a started hire's probation plan.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "probation_milestones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// `first_week`, `two_month_check` or `probation_result` (`domain::probation::Milestone`).
    pub code: String,
    pub due_on: Date,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i32>,
    pub result: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
