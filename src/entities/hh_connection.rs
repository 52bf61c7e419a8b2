//! `hh_connection` table: the hh.ru connection (one row, id 1). The client secret and both
//! tokens are sealed by `secrets::SecretKey::seal` and never leave the server as they are.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hh_connection")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub api_base: String,
    pub oauth_base: String,
    pub client_id: String,
    pub client_secret_sealed: Option<String>,
    /// The employer to publish for; filled from hh's `/me` on connecting when left empty.
    pub employer_id: Option<String>,
    /// Whether the band's figures are before tax (hh's `salary.gross`).
    pub salary_gross: bool,
    /// How often saved resume searches run, in days (the seeds' cadence: every 2–3 days).
    pub search_every_days: i32,
    pub access_token_sealed: Option<String>,
    pub refresh_token_sealed: Option<String>,
    pub token_expires_at: Option<DateTimeUtc>,
    pub employer_name: Option<String>,
    pub manager_id: Option<String>,
    pub manager_name: Option<String>,
    pub connected_at: Option<DateTimeUtc>,
    pub connected_by: Option<i32>,
    /// hh refused the tokens: an admin has to connect again.
    pub needs_reconnect: bool,
    pub last_error: Option<String>,
    /// Until when one instance's token refresh holds the (single-use) refresh token.
    pub refresh_claimed_until: Option<DateTimeUtc>,
    /// Until when one instance's sync holds the connection.
    pub sync_claimed_until: Option<DateTimeUtc>,
    pub last_sync_at: Option<DateTimeUtc>,
    /// hh asked to wait (429 with Retry-After, or 5xx back-off): no sync before this.
    pub sync_paused_until: Option<DateTimeUtc>,
    pub sync_error: Option<String>,
    /// The `state` of a connect started and not yet come back (one at a time).
    pub pending_state: Option<String>,
    /// Its PKCE verifier, sealed.
    pub pending_verifier_sealed: Option<String>,
    pub pending_at: Option<DateTimeUtc>,
    pub pending_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
