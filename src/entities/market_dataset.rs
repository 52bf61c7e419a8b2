//! `market_datasets` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "market_datasets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// How the figures are shaped: `histogram`, `range`, `count` or `average_over`.
    #[sea_orm(column_name = "kind")]
    pub shape: String,
    /// What the figures count: `resumes`, `vacancies` or `survey`.
    #[sea_orm(column_name = "counts")]
    pub kind: String,
    /// How many résumés or vacancies stand behind the figures, when the source says.
    pub total: Option<i64>,
    pub title_en: String,
    pub title_ru: String,
    pub source: String,
    pub region: String,
    pub observed_on: Date,
    pub range_min: Option<i64>,
    pub range_max: Option<i64>,
    pub currency: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
