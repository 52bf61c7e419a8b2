//! `programme_items` table: a step of the intern programme template that new plans are made from.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub week: i32,
    pub rank: i32,
    pub kind: String,
    pub department: String,
    pub due_offset: i32,
    pub track: Option<String>,
    pub title_ru: String,
    pub title_en: String,
    pub about_ru: String,
    pub about_en: String,
    pub retired: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
