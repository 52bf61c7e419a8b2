//! `hh_resume_searches` table: a resume search on hh.ru a position keeps running.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hh_resume_searches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub position_id: i32,
    pub name: String,
    /// A text query, or
    pub query: Option<String>,
    /// one of the employer's saved searches on hh.ru.
    pub saved_search_id: Option<String>,
    pub every_days: i32,
    pub last_run_at: Option<DateTimeUtc>,
    pub next_run_at: DateTimeUtc,
    /// When a recruiter last looked: hits first seen after it are new.
    pub last_viewed_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
