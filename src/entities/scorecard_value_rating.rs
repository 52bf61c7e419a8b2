//! `scorecard_value_ratings` table: The CEO's 1–5 score of one agency value on a scorecard, with a note.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "scorecard_value_ratings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub scorecard_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_code: String,
    pub score: i32,
    #[sea_orm(column_type = "Text")]
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
