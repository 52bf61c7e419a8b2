//! `rotations` table: a department week of an internship and the department owner's scorecard of it.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "rotations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub internship_id: i32,
    pub week: i32,
    pub department: String,
    pub owner_id: Option<i32>,
    /// JSON object: competency code → score 1..5.
    pub scores: Option<String>,
    pub notes: String,
    pub scored_at: Option<DateTimeUtc>,
    pub scored_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
