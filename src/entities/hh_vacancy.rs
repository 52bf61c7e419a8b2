//! `hh_vacancies` table: the hh.ru vacancy published from a position (one per position).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hh_vacancies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub position_id: i32,
    #[sea_orm(unique)]
    pub hh_vacancy_id: String,
    /// The vacancy on hh.ru's site.
    pub url: String,
    /// `published` or `archived`.
    pub status: String,
    /// hh's publication type (`vacancy_billing_type` id).
    pub billing_type: String,
    /// A hash of what was sent (text, band, fields): differs from the position's when an
    /// update is due.
    pub published_hash: String,
    pub published_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
    pub responses_count: i32,
    pub last_synced_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
