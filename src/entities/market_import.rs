//! `market_imports` table: a CSV of market figures waiting for its confirmation.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "market_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_by: Option<i32>,
    pub kind: String,
    pub title: String,
    pub source: String,
    pub region: String,
    pub as_of: Date,
    pub currency: String,
    #[serde(skip)]
    pub csv: String,
    pub row_count: i32,
    pub error_count: i32,
    pub dataset_code: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
