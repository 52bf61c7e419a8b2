//! `destruction_records` table: what an erasure destroyed, kept three years.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "destruction_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub candidate_id: i32,
    /// JSON list of the categories of data destroyed.
    pub categories: String,
    pub method: String,
    pub reason: String,
    pub destroyed_at: DateTimeUtc,
    pub destroyed_by: Option<i32>,
    pub keep_until: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
