//! The hh.ru connection's settings: one row, read by the admin's page and API and by every
//! call to hh. The client secret is sealed before it is stored, a blank one keeps the stored
//! one, and no answer ever carries the secret or a token.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::audit::AuditEvent;
use crate::entities::hh_connection;
use crate::error::{AppError, AppResult, FieldError};
use crate::secrets::{SecretInput, SecretKey};
use crate::web::i18n::Message;

/// The only row.
pub const ROW: i32 = 1;
pub const DEFAULT_API_BASE: &str = "https://api.hh.ru";
pub const DEFAULT_OAUTH_BASE: &str = "https://hh.ru";
/// The seeds' cadence for resume searches: every two to three days.
pub const DEFAULT_SEARCH_EVERY_DAYS: i32 = 3;

/// What an admin sets. `client_secret` is write-only: missing or blank keeps the stored one.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct HhSettingsRequest {
    /// hh's API (default `https://api.hh.ru`); a mock's address in tests and staging.
    #[serde(default)]
    pub api_base: Option<String>,
    /// Where hh's authorize page is (default `https://hh.ru`).
    #[serde(default)]
    pub oauth_base: Option<String>,
    pub client_id: String,
    #[serde(default)]
    #[schema(value_type = Option<String>, write_only)]
    pub client_secret: Option<SecretInput>,
    /// The hh employer to publish for; found from the connected manager when empty.
    #[serde(default)]
    pub employer_id: Option<String>,
    /// Whether salaries sent to hh are before tax (default true).
    #[serde(default)]
    pub salary_gross: Option<bool>,
    /// How often saved resume searches run, in days (1–14, default 3).
    #[serde(default)]
    pub search_every_days: Option<i32>,
}

/// Someone on hh's side: the employer or its manager.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HhParty {
    pub id: String,
    pub name: Option<String>,
}

/// The connection as an admin may see it: never the secret or a token.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HhView {
    pub api_base: String,
    pub oauth_base: String,
    pub client_id: String,
    pub client_secret_saved: bool,
    pub employer_id: Option<String>,
    pub salary_gross: bool,
    pub search_every_days: i32,
    /// Tokens are stored and hh has not refused them.
    pub connected: bool,
    /// hh refused the tokens (revoked, or a refresh failed): an admin has to connect again.
    pub needs_reconnect: bool,
    pub employer: Option<HhParty>,
    pub manager: Option<HhParty>,
    pub connected_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub sync_error: Option<String>,
    /// hh asked to wait: the next sync is not before this.
    pub sync_paused_until: Option<DateTime<Utc>>,
}

impl From<&hh_connection::Model> for HhView {
    fn from(row: &hh_connection::Model) -> Self {
        Self {
            api_base: row.api_base.clone(),
            oauth_base: row.oauth_base.clone(),
            client_id: row.client_id.clone(),
            client_secret_saved: row.client_secret_sealed.is_some(),
            employer_id: row.employer_id.clone(),
            salary_gross: row.salary_gross,
            search_every_days: row.search_every_days,
            connected: row.access_token_sealed.is_some() && !row.needs_reconnect,
            needs_reconnect: row.needs_reconnect,
            employer: row.employer_id.clone().map(|id| HhParty {
                id,
                name: row.employer_name.clone(),
            }),
            manager: row.manager_id.clone().map(|id| HhParty {
                id,
                name: row.manager_name.clone(),
            }),
            connected_at: row.connected_at,
            last_error: row.last_error.clone(),
            last_sync_at: row.last_sync_at,
            sync_error: row.sync_error.clone(),
            sync_paused_until: row.sync_paused_until,
        }
    }
}

impl Default for HhView {
    fn default() -> Self {
        Self {
            api_base: DEFAULT_API_BASE.into(),
            oauth_base: DEFAULT_OAUTH_BASE.into(),
            client_id: String::new(),
            client_secret_saved: false,
            employer_id: None,
            salary_gross: true,
            search_every_days: DEFAULT_SEARCH_EVERY_DAYS,
            connected: false,
            needs_reconnect: false,
            employer: None,
            manager: None,
            connected_at: None,
            last_error: None,
            last_sync_at: None,
            sync_error: None,
            sync_paused_until: None,
        }
    }
}

/// The stored row, if hh was ever set up.
pub async fn row<C: ConnectionTrait>(db: &C) -> AppResult<Option<hh_connection::Model>> {
    Ok(hh_connection::Entity::find_by_id(ROW).one(db).await?)
}

pub async fn view<C: ConnectionTrait>(db: &C) -> AppResult<HhView> {
    Ok(row(db)
        .await?
        .as_ref()
        .map(HhView::from)
        .unwrap_or_default())
}

/// An address hh can be reached at: http(s), a host, no credentials or fragment.
fn base_url(errors: &mut Vec<FieldError>, field: &str, value: &str) -> String {
    let trimmed = value.trim().trim_end_matches('/').to_owned();
    let fine = url::Url::parse(&trimmed).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && u.host_str().is_some()
            && u.username().is_empty()
            && u.password().is_none()
            && u.query().is_none()
            && u.fragment().is_none()
    });
    if !fine {
        errors.push(FieldError::new(field, Message::new("hh-base-invalid")));
    }
    trimmed
}

/// The request checked; `secret_stored` says whether a blank secret may keep the stored one.
pub fn check(
    request: &HhSettingsRequest,
    secret_stored: bool,
) -> Result<hh_connection::Model, Vec<FieldError>> {
    let mut errors = Vec::new();
    let api_base = base_url(
        &mut errors,
        "api_base",
        request.api_base.as_deref().unwrap_or(DEFAULT_API_BASE),
    );
    let oauth_base = base_url(
        &mut errors,
        "oauth_base",
        request.oauth_base.as_deref().unwrap_or(DEFAULT_OAUTH_BASE),
    );
    let client_id = request.client_id.trim().to_owned();
    if client_id.is_empty() {
        errors.push(FieldError::new("client_id", Message::new("field-required")));
    } else if client_id.len() > 200 || !client_id.chars().all(|c| c.is_ascii_graphic()) {
        errors.push(FieldError::new(
            "client_id",
            Message::new("hh-client-id-invalid"),
        ));
    }
    let secret_given = request
        .client_secret
        .as_ref()
        .is_some_and(|s| !s.0.expose().trim().is_empty());
    if !secret_given && !secret_stored {
        errors.push(FieldError::new(
            "client_secret",
            Message::new("field-required"),
        ));
    }
    let employer_id = request
        .employer_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    if employer_id
        .as_deref()
        .is_some_and(|id| id.len() > 40 || !id.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        errors.push(FieldError::new(
            "employer_id",
            Message::new("hh-employer-id-invalid"),
        ));
    }
    let every = request
        .search_every_days
        .unwrap_or(DEFAULT_SEARCH_EVERY_DAYS);
    if !(1..=14).contains(&every) {
        errors.push(FieldError::new(
            "search_every_days",
            Message::new("hh-search-every-invalid"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let now = Utc::now();
    Ok(hh_connection::Model {
        id: ROW,
        api_base,
        oauth_base,
        client_id,
        client_secret_sealed: None,
        employer_id,
        salary_gross: request.salary_gross.unwrap_or(true),
        search_every_days: every,
        access_token_sealed: None,
        refresh_token_sealed: None,
        token_expires_at: None,
        employer_name: None,
        manager_id: None,
        manager_name: None,
        connected_at: None,
        connected_by: None,
        needs_reconnect: false,
        last_error: None,
        refresh_claimed_until: None,
        sync_claimed_until: None,
        last_sync_at: None,
        sync_paused_until: None,
        sync_error: None,
        pending_state: None,
        pending_verifier_sealed: None,
        pending_at: None,
        pending_by: None,
        created_at: now,
        updated_at: now,
    })
}

/// Saves the settings. Another application (client id) or another hh means the stored tokens
/// are not for it: they are dropped and the connection has to be made again.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    key: &SecretKey,
    actor: i32,
    request: HhSettingsRequest,
) -> AppResult<HhView> {
    let stored = row(db).await?;
    let checked = check(
        &request,
        stored
            .as_ref()
            .is_some_and(|r| r.client_secret_sealed.is_some()),
    )
    .map_err(AppError::Validation)?;
    let new_secret = request
        .client_secret
        .as_ref()
        .filter(|s| !s.0.expose().trim().is_empty())
        .map(|s| key.seal(&s.0));
    let saved = match stored {
        Some(stored) => {
            let elsewhere = stored.client_id != checked.client_id
                || stored.api_base != checked.api_base
                || stored.oauth_base != checked.oauth_base;
            let mut active = stored.clone().into_active_model();
            active.api_base = Set(checked.api_base);
            active.oauth_base = Set(checked.oauth_base);
            active.client_id = Set(checked.client_id);
            if let Some(sealed) = new_secret {
                active.client_secret_sealed = Set(Some(sealed));
            }
            if checked.employer_id.is_some() || elsewhere {
                active.employer_id = Set(checked.employer_id);
            }
            active.salary_gross = Set(checked.salary_gross);
            active.search_every_days = Set(checked.search_every_days);
            if elsewhere {
                forget_tokens(&mut active);
            }
            active.updated_at = Set(Utc::now());
            active.update(db).await?
        }
        None => {
            let mut fresh = checked.into_active_model();
            fresh.client_secret_sealed = Set(new_secret);
            fresh.insert(db).await?
        }
    };
    AuditEvent::new(Some(actor), "hh.settings", "hh_connection")
        .id(ROW)
        .record(db)
        .await?;
    Ok(HhView::from(&saved))
}

/// Drops what a connection left: tokens, who it was, and a connect under way.
pub fn forget_tokens(active: &mut hh_connection::ActiveModel) {
    active.access_token_sealed = Set(None);
    active.refresh_token_sealed = Set(None);
    active.token_expires_at = Set(None);
    active.employer_name = Set(None);
    active.manager_id = Set(None);
    active.manager_name = Set(None);
    active.connected_at = Set(None);
    active.connected_by = Set(None);
    active.needs_reconnect = Set(false);
    active.pending_state = Set(None);
    active.pending_verifier_sealed = Set(None);
    active.pending_at = Set(None);
    active.pending_by = Set(None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::Secret;

    fn request() -> HhSettingsRequest {
        HhSettingsRequest {
            api_base: None,
            oauth_base: None,
            client_id: "ABC123".into(),
            client_secret: Some(SecretInput(Secret::new("secret"))),
            employer_id: None,
            salary_gross: None,
            search_every_days: None,
        }
    }

    #[test]
    fn defaults_are_hh_public_addresses() {
        let checked = check(&request(), false).unwrap();
        assert_eq!(checked.api_base, DEFAULT_API_BASE);
        assert_eq!(checked.oauth_base, DEFAULT_OAUTH_BASE);
        assert_eq!(checked.search_every_days, 3);
    }

    #[test]
    fn a_bad_base_and_a_missing_secret_are_named() {
        let mut bad = request();
        bad.api_base = Some("ftp://api.hh.ru".into());
        bad.client_secret = None;
        let fields: Vec<String> = check(&bad, false)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["api_base", "client_secret"]);
        // A stored secret is kept when none is typed.
        bad.api_base = None;
        assert!(check(&bad, true).is_ok());
    }
}
