//! `hh_negotiations` table: a response (negotiation) on hh.ru and the application it became.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hh_negotiations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub hh_negotiation_id: String,
    pub hh_vacancy_id: String,
    pub resume_id: String,
    pub application_id: i32,
    pub candidate_id: i32,
    /// hh's state id (`response`, `invitation`, `discard`, ...).
    pub state: String,
    /// The negotiation's `actions` as hh last listed them (JSON): statuses go back through these.
    pub actions: String,
    pub hh_updated_at: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
