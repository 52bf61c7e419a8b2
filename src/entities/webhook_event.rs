//! `webhook_events` table: one event, queued in the transaction of the change that caused it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The public id (a UUID) integrators deduplicate by: the same on every retry.
    #[sea_orm(unique)]
    pub event_id: String,
    /// `application.created`, `offer.sent`, …
    pub kind: String,
    /// The JSON body exactly as it is sent.
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
