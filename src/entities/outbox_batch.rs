//! `outbox_batches` table: the emails one mass action queued, held together until `send_at`.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "outbox_batches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// bulk_reject, bulk_move, position_filled or position_cancelled.
    pub kind: String,
    pub position_id: Option<i32>,
    pub send_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
