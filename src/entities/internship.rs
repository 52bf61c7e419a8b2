//! `internships` table: one intern's month: mentor, group, exam track, plan and, at the end, the decision.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "internships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub intern_id: i32,
    pub mentor_id: i32,
    pub application_id: Option<i32>,
    pub group_name: String,
    pub start_date: Date,
    pub exam_track: String,
    pub exam_on: Option<Date>,
    pub project_plan: String,
    pub project_plan_at: Option<DateTimeUtc>,
    pub mentor_notes: String,
    pub status: String,
    pub outcome: Option<String>,
    pub outcome_department: Option<String>,
    pub outcome_reason: Option<String>,
    /// Why the month was decided before its last week; none when it was not.
    pub early_reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    pub created_by: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
