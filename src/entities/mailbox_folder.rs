//! `mailbox_folders` table: how far each polled folder has been imported.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailbox_folders")]
pub struct Model {
    /// `user@host/folder`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub uid_validity: i64,
    /// The highest UID whose message is stored (or was never to be stored).
    pub last_uid: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
