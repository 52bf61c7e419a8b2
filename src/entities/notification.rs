//! `notifications` table: something that needs one person, kept as a kind and the values its
//! sentence takes, so each reader reads it in their own language.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// One of `notifications::Kind`.
    pub kind: String,
    /// A JSON object of the sentence's values (names, titles).
    pub args: String,
    /// Where the notification leads, a path inside the app.
    pub url: String,
    pub actor_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    /// When a daily digest email told of it.
    pub digested_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
