//! Accounts: the signed-in user, users and their passwords, throttled sign-in, API tokens.

use std::sync::LazyLock;
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::AuditEvent;
use crate::config::LoginPolicy;
use crate::domain::access::{self, Action, Role};
use crate::domain::text::TextKind;
use crate::entities::{api_token, login_throttle, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::csrf::random_token;
use crate::web::i18n::{Lang, Message};

/// The user a request acts for, as handlers and templates see them.
#[derive(Clone, Debug, Serialize)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub grade: Option<String>,
    pub lang: Lang,
    pub timezone: String,
    /// Notifications not yet read, for the bell (pages only; the API reads its own count).
    pub unread_notifications: u64,
    /// Whether a daily email sums up the unread notifications.
    pub notify_digest: bool,
}

impl CurrentUser {
    pub fn can(&self, action: Action) -> bool {
        access::can(self.role, action)
    }

    pub fn require(&self, action: Action) -> AppResult<()> {
        if self.can(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl TryFrom<user::Model> for CurrentUser {
    type Error = AppError;

    fn try_from(model: user::Model) -> AppResult<Self> {
        let role = model
            .role
            .parse::<Role>()
            .map_err(|e| AppError::Internal(e.into()))?;
        Ok(CurrentUser {
            id: model.id,
            email: model.email,
            name: model.name,
            role,
            grade: model.grade,
            lang: Lang::parse(&model.lang).unwrap_or_default(),
            timezone: model.timezone,
            unread_notifications: 0,
            notify_digest: model.notify_digest,
        })
    }
}

/// The signed-in user with the bell's count, in one statement: every page asks for both.
pub async fn active_user(db: &DatabaseConnection, id: i32) -> AppResult<Option<CurrentUser>> {
    let statement = user::Entity::find_by_id(id)
        .column_as(
            Expr::cust(
                "(SELECT COUNT(*) FROM notifications n \
                 WHERE n.user_id = users.id AND n.read_at IS NULL)",
            ),
            "unread_notifications",
        )
        .build(db.get_database_backend());
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let model = user::Model::from_query_result(&row, "")?;
    if !model.active {
        return Ok(None);
    }
    let unread: i64 = row.try_get("", "unread_notifications")?;
    let mut current: CurrentUser = model.try_into()?;
    current.unread_notifications = u64::try_from(unread).unwrap_or(0);
    Ok(Some(current))
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plausible address: one `@`, something on each side, a dot in the domain, no spaces.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
        && email.len() <= 254
}

pub const MIN_PASSWORD_LEN: usize = 10;

pub fn check_password_rules(field: &str, password: &str) -> Option<FieldError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        let message =
            Message::new("field-password-short").with_number("min", MIN_PASSWORD_LEN as i64);
        return Some(FieldError::new(field, message));
    }
    None
}

/// Argon2id, off the async threads: one hash takes tens of milliseconds by design.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .unwrap_or(false)
}

/// Checked against when the email is unknown, so that a wrong address costs as much time as a
/// wrong password and does not reveal which accounts exist.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| password_auth::generate_hash("not a real password"));

/// A new account as entered by an admin or on the command line.
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: String,
    pub password: String,
    pub lang: Lang,
}

pub async fn create_user(
    db: &DatabaseConnection,
    actor: Option<i32>,
    input: NewUser,
) -> AppResult<user::Model> {
    let email = normalize_email(&input.email);
    let name = input.name.trim().to_owned();
    let mut errors = Vec::new();
    if !is_plausible_email(&email) {
        errors.push(FieldError::new(
            "email",
            Message::new("field-email-invalid"),
        ));
    }
    if name.is_empty() {
        errors.push(FieldError::new("name", Message::new("field-required")));
    } else {
        errors.extend(FieldError::text("name", TextKind::Line, &name));
    }
    let role = input.role.parse::<Role>();
    if role.is_err() {
        errors.push(FieldError::new("role", Message::new("field-role-invalid")));
    }
    errors.extend(check_password_rules("password", &input.password));
    if errors.is_empty()
        && user::Entity::find()
            .filter(user::Column::Email.eq(&email))
            .one(db)
            .await?
            .is_some()
    {
        errors.push(FieldError::new("email", Message::new("field-email-taken")));
    }
    let Ok(role) = role else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let created = user::ActiveModel {
        email: Set(email),
        name: Set(name),
        role: Set(role.as_str().to_owned()),
        grade: Set(None),
        lang: Set(input.lang.as_str().to_owned()),
        timezone: Set("Europe/Moscow".to_owned()),
        password_hash: Set(hash_password(input.password).await?),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEvent::new(actor, "user.create", "user")
        .id(created.id)
        .details(json!({"role": created.role}))
        .record(db)
        .await?;
    Ok(created)
}

/// Why a sign-in was refused.
#[derive(Debug, PartialEq)]
pub enum LoginRefused {
    /// Wrong email or password; `attempts_left` is told once the lock is near.
    Invalid { attempts_left: Option<i32> },
    /// Too many failures from this address: try again in `seconds`.
    Locked { seconds: i64 },
}

impl LoginRefused {
    pub fn message(&self) -> Message {
        match self {
            LoginRefused::Invalid {
                attempts_left: None,
            } => Message::new("login-invalid"),
            LoginRefused::Invalid {
                attempts_left: Some(n),
            } => Message::new("login-attempts-left").with_number("count", i64::from(*n)),
            LoginRefused::Locked { seconds } => Message::new("login-locked-here")
                .with_number("minutes", ((seconds + 59) / 60).max(1)),
        }
    }

    /// Seconds until a locked sign-in may be tried again, for `Retry-After`.
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            LoginRefused::Locked { seconds } => Some(*seconds),
            LoginRefused::Invalid { .. } => None,
        }
    }
}

/// Failures are counted per account *and* client address: someone guessing from one place is
/// locked out, while the account's owner, signing in from their own address, is not.
fn throttle_key(email: &str, address: Option<&str>) -> String {
    format!("email:{email}|ip:{}", address.unwrap_or("unknown"))
}

/// Clears every lock and failure count of an account, from every address: its owner has just
/// proved who they are (a password set through an emailed link).
pub async fn clear_throttles<C: sea_orm::ConnectionTrait>(db: &C, email: &str) -> AppResult<()> {
    let email = normalize_email(email);
    let prefix = format!("email:{email}|");
    let keys: Vec<String> = login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.starts_with(&prefix))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.key)
        // `starts_with` is a LIKE, where `_` in an address matches any character.
        .filter(|key| key.starts_with(&prefix))
        .chain([format!("email:{email}")])
        .collect();
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::Key.is_in(keys))
        .exec(db)
        .await?;
    Ok(())
}

/// Checks an email and password from a client `address`. Failures are counted in the
/// database (so every instance sees them) per account and address; past `slow_after` each
/// attempt is delayed, past `lock_after` that address is locked out of the account for
/// `lock_minutes` (or until the owner sets a new password through the reset email).
pub async fn authenticate(
    db: &DatabaseConnection,
    policy: &LoginPolicy,
    email: &str,
    password: &str,
    address: Option<&str>,
) -> AppResult<Result<CurrentUser, LoginRefused>> {
    let email = normalize_email(email);
    let key = throttle_key(&email, address);
    let now = Utc::now();

    let mut failures = 0;
    if let Some(row) = login_throttle::Entity::find_by_id(key.clone())
        .one(db)
        .await?
    {
        match row.locked_until {
            Some(until) if until > now => {
                return Ok(Err(LoginRefused::Locked {
                    seconds: (until - now).num_seconds().max(1),
                }));
            }
            Some(_) => {
                login_throttle::Entity::delete_by_id(key.clone())
                    .exec(db)
                    .await?;
            }
            None => failures = row.failures,
        }
    }
    if failures >= policy.slow_after {
        let steps = (failures - policy.slow_after + 1).min(4) as u64;
        tokio::time::sleep(Duration::from_millis(policy.delay_step_ms * steps)).await;
    }

    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let verified = match &found {
        Some(u) if u.active => verify_password(password.to_owned(), u.password_hash.clone()).await,
        _ => {
            verify_password(password.to_owned(), DUMMY_HASH.clone()).await;
            false
        }
    };
    if verified {
        let model = found.ok_or(AppError::NotFound)?;
        login_throttle::Entity::delete_by_id(key).exec(db).await?;
        AuditEvent::new(Some(model.id), "auth.login", "user")
            .id(model.id)
            .record(db)
            .await?;
        return Ok(Ok(model.try_into()?));
    }

    let failures = record_failure(db, &key).await?;
    let user_id = found.as_ref().map(|u| u.id);
    let mut event = AuditEvent::new(None, "auth.login_failed", "user");
    if let Some(id) = user_id {
        event = event.id(id);
    }
    event
        .details(json!({"failures": failures, "address": address}))
        .record(db)
        .await?;
    if failures >= policy.lock_after {
        login_throttle::ActiveModel {
            key: Set(key),
            locked_until: Set(Some(now + chrono::Duration::minutes(policy.lock_minutes))),
            ..Default::default()
        }
        .update(db)
        .await?;
        let mut event = AuditEvent::new(None, "auth.locked", "user");
        if let Some(id) = user_id {
            event = event.id(id);
        }
        event
            .details(json!({"address": address}))
            .record(db)
            .await?;
        return Ok(Err(LoginRefused::Locked {
            seconds: policy.lock_minutes * 60,
        }));
    }
    let attempts_left = (failures >= policy.slow_after).then_some(policy.lock_after - failures);
    Ok(Err(LoginRefused::Invalid { attempts_left }))
}

/// Adds one failure atomically (two instances may count at once) and returns the new count.
async fn record_failure(db: &DatabaseConnection, key: &str) -> AppResult<i32> {
    // Scoped: ExprTrait's `min`/`max` would shadow the integers' own everywhere else.
    use sea_orm::sea_query::ExprTrait;
    let now = Utc::now();
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(1),
        last_failure_at: Set(now),
        locked_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(login_throttle::Column::Key)
            .value(
                login_throttle::Column::Failures,
                Expr::col((login_throttle::Entity, login_throttle::Column::Failures)).add(1),
            )
            .value(login_throttle::Column::LastFailureAt, now)
            .to_owned(),
    )
    .exec(db)
    .await?;
    let row = login_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    Ok(row.map(|r| r.failures).unwrap_or(1))
}

/// Changes a password after checking the current one.
pub async fn change_password(
    db: &DatabaseConnection,
    user_id: i32,
    current: &str,
    new: &str,
    confirm: &str,
) -> AppResult<()> {
    let model = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    if !verify_password(current.to_owned(), model.password_hash.clone()).await {
        errors.push(FieldError::new(
            "current",
            Message::new("field-password-wrong"),
        ));
    }
    errors.extend(check_password_rules("new", new));
    if new != confirm {
        errors.push(FieldError::new(
            "confirm",
            Message::new("field-password-mismatch"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut active: user::ActiveModel = model.into();
    active.password_hash = Set(hash_password(new.to_owned()).await?);
    active.updated_at = Set(Utc::now());
    active.update(db).await?;
    AuditEvent::new(Some(user_id), "user.password_change", "user")
        .id(user_id)
        .record(db)
        .await?;
    Ok(())
}

/// Updates what a user may change about themselves: name and language.
pub async fn update_profile(
    db: &DatabaseConnection,
    user_id: i32,
    name: &str,
    lang: Lang,
    timezone: &str,
) -> AppResult<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", Message::new("field-required")));
    }
    if let Some(error) = FieldError::text("name", TextKind::Line, name) {
        return Err(error.into());
    }
    let timezone = timezone.trim();
    if !timezone.is_empty() && crate::web::dates::zone(timezone).is_none() {
        return Err(AppError::validation(
            "timezone",
            Message::new("profile-timezone-invalid"),
        ));
    }
    let model = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active: user::ActiveModel = model.into();
    active.name = Set(name.to_owned());
    active.lang = Set(lang.as_str().to_owned());
    if !timezone.is_empty() {
        active.timezone = Set(timezone.to_owned());
    }
    active.updated_at = Set(Utc::now());
    active.update(db).await?;
    AuditEvent::new(Some(user_id), "user.profile_update", "user")
        .id(user_id)
        .record(db)
        .await?;
    Ok(())
}

pub async fn set_lang(db: &DatabaseConnection, user_id: i32, lang: Lang) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::Lang, Expr::value(lang.as_str()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

// --- API tokens -------------------------------------------------------------------------------

/// Tokens are stored only as a SHA-256 digest: a leaked table reveals no usable token. (A slow
/// hash is unnecessary for 256 random bits.)
pub fn token_digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub async fn user_for_token(
    db: &DatabaseConnection,
    token: &str,
) -> AppResult<Option<CurrentUser>> {
    let Some(row) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_digest(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    active_user(db, row.user_id).await
}

/// Makes a token for `user_id`; the plain token is returned once and never stored.
pub async fn create_token(
    db: &DatabaseConnection,
    user_id: i32,
    name: &str,
) -> AppResult<(String, api_token::Model)> {
    let name = name.trim();
    if let Some(error) = FieldError::text("name", TextKind::Line, name) {
        return Err(error.into());
    }
    let name = if name.is_empty() { "API" } else { name };
    let token = format!("hl_{}", random_token());
    let now = Utc::now();
    let model = api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.to_owned()),
        token_hash: Set(token_digest(&token)),
        last_used_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEvent::new(Some(user_id), "token.create", "api_token")
        .id(model.id)
        .record(db)
        .await?;
    Ok((token, model))
}

pub async fn list_tokens(
    db: &DatabaseConnection,
    user_id: i32,
) -> AppResult<Vec<api_token::Model>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Revokes one of the user's own tokens; someone else's is "not found", not "forbidden".
pub async fn revoke_token(db: &DatabaseConnection, user_id: i32, token_id: i32) -> AppResult<()> {
    let result = api_token::Entity::delete_many()
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    AuditEvent::new(Some(user_id), "token.revoke", "api_token")
        .id(token_id)
        .record(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_emails_are_accepted_and_others_refused() {
        assert!(is_plausible_email("anna@agency.ru"));
        assert!(!is_plausible_email("anna@agency"));
        assert!(!is_plausible_email("anna agency@x.ru"));
        assert!(!is_plausible_email("@x.ru"));
        assert!(!is_plausible_email("a@b@c.ru"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_password_rules("password", "short").is_some());
        assert!(check_password_rules("password", "long enough pw").is_none());
    }

    #[test]
    fn token_digests_are_stable_hex() {
        assert_eq!(token_digest("abc").len(), 64);
        assert_eq!(token_digest("abc"), token_digest("abc"));
        assert_ne!(token_digest("abc"), token_digest("abd"));
    }
}
