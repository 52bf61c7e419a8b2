//! `market_bucket_rows` table: one bucket (a bracket, a grade) of a market dataset.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "market_bucket_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub dataset_code: String,
    /// A grade or bracket as the source names it.
    pub label: Option<String>,
    pub lower: Option<i64>,
    pub upper: Option<i64>,
    pub median: Option<i64>,
    pub count: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
