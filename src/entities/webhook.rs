//! `webhooks` table: a URL an integration registered, the events it wants, its secret sealed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub url: String,
    /// Event types, comma-separated (`application.created,offer.sent`).
    pub events: String,
    /// The signing secret sealed by `secrets::SecretKey::seal`; never shown again.
    pub secret_sealed: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
