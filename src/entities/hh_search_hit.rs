//! `hh_search_hits` table: a resume a saved search found, once per search.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hh_search_hits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub search_id: i32,
    pub resume_id: String,
    pub title: Option<String>,
    pub name: Option<String>,
    pub area: Option<String>,
    pub salary: Option<i64>,
    pub currency: Option<String>,
    pub url: String,
    pub first_seen_at: DateTimeUtc,
    /// The application made from it, once a recruiter added it to the long-list.
    pub application_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
