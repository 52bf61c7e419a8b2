//! `internship_items` table: one item of an intern's plan, copied from the template with its due date.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "internship_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub internship_id: i32,
    pub code: String,
    pub week: i32,
    pub rank: i32,
    pub kind: String,
    pub department: String,
    pub title_ru: String,
    pub title_en: String,
    pub about_ru: String,
    pub about_en: String,
    pub due_on: Date,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i32>,
    pub signed_off_at: Option<DateTimeUtc>,
    pub signed_off_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
