//! `users` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub role: String,
    pub grade: Option<String>,
    /// Where they work after the intern programme's decision, when it says.
    pub department: Option<String>,
    pub lang: String,
    pub timezone: String,
    #[serde(skip)]
    pub password_hash: String,
    pub active: bool,
    /// Whether a daily email sums up the notifications not yet read.
    pub notify_digest: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
