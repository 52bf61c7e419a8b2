//! `item_materials` table: a link or a file attached to a programme template item or to one
//! intern's plan item.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "item_materials")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The natural key of a material from seed-data; none for the agency's own.
    #[sea_orm(unique)]
    pub code: Option<String>,
    /// Set on a template item's material…
    pub programme_item_id: Option<i32>,
    /// …or on one intern's plan item.
    pub internship_item_id: Option<i32>,
    /// "seo" or "ppc" for the interns of one exam track only.
    pub track: Option<String>,
    pub title_ru: String,
    pub title_en: String,
    pub note_ru: String,
    pub note_en: String,
    pub url: Option<String>,
    pub stored_file_id: Option<i32>,
    pub created_by: Option<i32>,
    pub removed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
