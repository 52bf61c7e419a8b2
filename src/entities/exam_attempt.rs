//! `exam_attempts` table: one sitting of the SEO or PPC exam, graded.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "exam_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub internship_id: i32,
    pub exam: String,
    pub attempt: i32,
    pub taken_on: Date,
    pub score: i32,
    pub max_score: i32,
    pub pass_percent: i32,
    pub passed: bool,
    pub notes: String,
    pub graded_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
