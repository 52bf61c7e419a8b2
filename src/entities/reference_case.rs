//! `reference_cases` table: closed hires from published sources, shown beside the agency's own
//! time to fill.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "reference_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub rank: i32,
    pub title_ru: String,
    pub title_en: String,
    pub client_ru: String,
    pub client_en: String,
    /// "calendar" or "working": the count the source gives.
    pub counted_in: String,
    pub days: i32,
    pub opened_on: Option<Date>,
    pub filled_on: Option<Date>,
    pub source: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
