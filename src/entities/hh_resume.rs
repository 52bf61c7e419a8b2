//! `hh_resumes` table: an hh.ru resume and the candidate it belongs to (dedupe by resume id).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hh_resumes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub resume_id: String,
    pub candidate_id: i32,
    pub title: Option<String>,
    /// The resume on hh.ru's site.
    pub url: String,
    /// The resume as hh gave it (JSON), kept as it was when imported.
    pub snapshot: String,
    pub fetched_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
