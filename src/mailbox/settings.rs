//! The agency mailbox's settings: one row, read by the admin's page and API and by the sync.
//! The password is sealed before it is stored and never leaves in any answer; a blank password
//! keeps the one stored.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::audit::AuditEvent;
use crate::entities::mailbox_setting;
use crate::error::{AppError, AppResult, FieldError};
use crate::secrets::SecretKey;
use crate::web::i18n::Message;

/// The only row.
pub const ROW: i32 = 1;

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// TLS from the first byte (port 993).
    Tls,
    /// Plain, then STARTTLS before the login (port 143).
    Starttls,
    /// No encryption: only for a server on the same machine or a test.
    None,
}

impl TlsMode {
    pub const ALL: [&'static str; 3] = ["tls", "starttls", "none"];

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "tls" => Some(Self::Tls),
            "starttls" => Some(Self::Starttls),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tls => "tls",
            Self::Starttls => "starttls",
            Self::None => "none",
        }
    }
}

/// What an admin sets. `password` is write-only: `None` or blank keeps the stored one.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct MailboxRequest {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub user: String,
    #[serde(default)]
    #[schema(value_type = Option<String>, write_only)]
    pub password: Option<SecretInput>,
    #[serde(default = "inbox")]
    pub folder: String,
    #[serde(default)]
    pub enabled: bool,
}

fn inbox() -> String {
    "INBOX".into()
}

pub use crate::secrets::SecretInput;

/// The settings as anyone may see them: never the password, only whether one is stored.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MailboxView {
    pub host: String,
    pub port: i32,
    pub tls: String,
    pub user: String,
    pub folder: String,
    pub enabled: bool,
    pub password_saved: bool,
    pub last_poll_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

impl From<&mailbox_setting::Model> for MailboxView {
    fn from(row: &mailbox_setting::Model) -> Self {
        Self {
            host: row.host.clone(),
            port: row.port,
            tls: row.tls.clone(),
            user: row.username.clone(),
            folder: row.folder.clone(),
            enabled: row.enabled,
            password_saved: row.password_sealed.is_some(),
            last_poll_at: row.last_poll_at,
            last_error: row.last_error.clone(),
        }
    }
}

impl Default for MailboxView {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 993,
            tls: "tls".into(),
            user: String::new(),
            folder: inbox(),
            enabled: false,
            password_saved: false,
            last_poll_at: None,
            last_error: None,
        }
    }
}

/// The stored row, if the mailbox was ever set up.
pub async fn row<C: ConnectionTrait>(db: &C) -> AppResult<Option<mailbox_setting::Model>> {
    Ok(mailbox_setting::Entity::find_by_id(ROW).one(db).await?)
}

pub async fn view<C: ConnectionTrait>(db: &C) -> AppResult<MailboxView> {
    Ok(row(db)
        .await?
        .as_ref()
        .map(MailboxView::from)
        .unwrap_or_default())
}

fn required(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, Message::new("field-required")));
    } else if value.len() > 255 || value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            Message::new("mailbox-field-invalid"),
        ));
    }
}

/// Every field checked at once; the password only has to be there when none is stored yet
/// and the mailbox is switched on.
pub fn check(request: &MailboxRequest, password_stored: bool) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    required(&mut errors, "host", &request.host);
    if request.host.trim().contains(char::is_whitespace) {
        errors.push(FieldError::new(
            "host",
            Message::new("mailbox-host-invalid"),
        ));
    }
    if request.port == 0 {
        errors.push(FieldError::new(
            "port",
            Message::new("mailbox-port-invalid"),
        ));
    }
    required(&mut errors, "user", &request.user);
    required(&mut errors, "folder", &request.folder);
    let typed = request.password.as_ref().is_some_and(|p| !p.0.is_empty());
    if request.enabled && !typed && !password_stored {
        errors.push(FieldError::new(
            "password",
            Message::new("mailbox-password-required"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Saves the settings (sealing a new password), audited without the password.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    key: &SecretKey,
    actor: i32,
    request: MailboxRequest,
) -> AppResult<MailboxView> {
    let current = row(db).await?;
    let stored = current.as_ref().and_then(|r| r.password_sealed.clone());
    check(&request, stored.is_some()).map_err(AppError::Validation)?;
    let sealed = match request.password.as_ref().filter(|p| !p.0.is_empty()) {
        Some(typed) => Some(key.seal(&typed.0)),
        None => stored,
    };
    let now = Utc::now();
    let exists = current.is_some();
    let mut model: mailbox_setting::ActiveModel = match current {
        Some(found) => found.into(),
        None => mailbox_setting::ActiveModel {
            id: Set(ROW),
            created_at: Set(now),
            last_poll_at: Set(None),
            last_error: Set(None),
            poll_claimed_until: Set(None),
            ..Default::default()
        },
    };
    model.host = Set(request.host.trim().to_owned());
    model.port = Set(i32::from(request.port));
    model.tls = Set(request.tls.as_str().to_owned());
    model.username = Set(request.user.trim().to_owned());
    model.password_sealed = Set(sealed);
    model.folder = Set(request.folder.trim().to_owned());
    model.enabled = Set(request.enabled);
    model.updated_at = Set(now);
    let saved = if exists {
        model.update(db).await?
    } else {
        model.insert(db).await?
    };
    AuditEvent::new(Some(actor), "settings.change", "setting")
        .id("mailbox")
        .details(serde_json::json!({
            "host": saved.host, "port": saved.port, "tls": saved.tls, "user": saved.username,
            "folder": saved.folder, "enabled": saved.enabled,
            "password_changed": request.password.is_some_and(|p| !p.0.is_empty()),
        }))
        .record(db)
        .await?;
    Ok(MailboxView::from(&saved))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> MailboxRequest {
        MailboxRequest {
            host: "imap.agency.test".into(),
            port: 993,
            tls: TlsMode::Tls,
            user: "jobs@agency.test".into(),
            password: None,
            folder: "INBOX".into(),
            enabled: true,
        }
    }

    fn fields(result: Result<(), Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_mailbox_switched_on_needs_a_password_once() {
        assert_eq!(fields(check(&request(), false)), ["password"]);
        assert!(check(&request(), true).is_ok());
        let off = MailboxRequest {
            enabled: false,
            ..request()
        };
        assert!(check(&off, false).is_ok());
    }

    #[test]
    fn blank_host_user_and_folder_and_port_zero_are_each_named() {
        let bad = MailboxRequest {
            host: " ".into(),
            port: 0,
            user: String::new(),
            folder: String::new(),
            ..request()
        };
        assert_eq!(
            fields(check(&bad, true)),
            ["host", "port", "user", "folder"]
        );
    }

    #[test]
    fn tls_modes_read_back_as_written() {
        for mode in TlsMode::ALL {
            assert_eq!(TlsMode::parse(mode).unwrap().as_str(), mode);
        }
        assert!(TlsMode::parse("ssl").is_none());
    }
}
