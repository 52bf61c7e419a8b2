//! `defence_grades` table: one panel member's grade of one rubric criterion at a project defence.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "defence_grades")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub internship_id: i32,
    pub grader_id: i32,
    pub criterion: String,
    pub score: i32,
    pub notes: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
