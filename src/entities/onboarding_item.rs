//! `onboarding_items` table: one step of a hire's onboarding checklist.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "onboarding_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub code: String,
    pub rank: i32,
    pub title_ru: String,
    pub title_en: String,
    pub due_on: Date,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
