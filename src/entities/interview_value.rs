//! `interview_values` table: A value an interview was scheduled to ask about, frozen as it was named then.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "interview_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub interview_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_code: String,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub theme: Option<String>,
    pub rank: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
