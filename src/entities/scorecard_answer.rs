//! `scorecard_answers` table: The score of one question on a scorecard.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "scorecard_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub scorecard_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
    /// 1–5, or none when the question was not asked.
    pub score: Option<i32>,
    pub notes: String,
    /// Ids of the follow-ups asked, as a JSON array.
    pub follow_ups_asked: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
