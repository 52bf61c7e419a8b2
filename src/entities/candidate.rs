//! `candidates` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "candidates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub expected_salary: Option<i64>,
    pub currency: Option<String>,
    pub links: Option<String>,
    pub lang: String,
    pub reference_consent: bool,
    pub talent_pool: bool,
    pub erased_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Tags as ",a,b,": commas on both ends make a tag filter one LIKE.
    pub tags: Option<String>,
    pub notes: Option<String>,
    pub cv_file_id: Option<i32>,
    /// How the person first came to us (a source code, as on applications).
    pub source: Option<String>,
    /// Lower-cased name, contacts and company, for search.
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
