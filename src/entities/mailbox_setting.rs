//! `mailbox_settings` table: the agency mailbox (one row, id 1), the password sealed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailbox_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub host: String,
    pub port: i32,
    /// `tls`, `starttls` or `none`.
    pub tls: String,
    pub username: String,
    /// The password sealed by `secrets::SecretKey::seal`; never sent anywhere as it is.
    pub password_sealed: Option<String>,
    pub folder: String,
    pub enabled: bool,
    pub last_poll_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    /// Until when one instance's poll holds the mailbox.
    pub poll_claimed_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
