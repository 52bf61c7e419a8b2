//! `interviews` table: A scheduled interview of one application.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "interviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// screen, competency or ceo_fit.
    pub kind: String,
    pub scheduled_at: DateTimeUtc,
    pub duration_minutes: i32,
    /// An address or a video link.
    pub place: String,
    /// scheduled or cancelled.
    pub status: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
