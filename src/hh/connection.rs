//! The connection at work: connecting (authorize → callback → tokens and who they belong to),
//! disconnecting, and [`Hh`], the one door every call to hh goes through. [`Hh::call`]
//! refreshes an expired access token first, and once more when hh answers `token_expired`;
//! a refresh that hh refuses marks the connection "reconnect" for admins instead of failing
//! quietly. A refresh token is single use, so instances take turns: one claims the refresh
//! on the row, the others wait for the new tokens it stores.

use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter,
};
use serde_json::Value;

use super::client::{Answer, Api, HhError};
use super::oauth::{self, Tokens};
use super::settings::{self, ROW};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::entities::{hh_connection, user};
use crate::error::{AppError, AppResult};
use crate::notifications;
use crate::notifications::model::{Kind, Notice};
use crate::secrets::{Secret, SecretKey};
use crate::web::i18n::Message;

/// How long a started connect may take before its `state` is no longer accepted.
const CONNECT_WINDOW_MINUTES: i64 = 15;
/// How long one instance's refresh holds the refresh token.
const REFRESH_CLAIM_SECONDS: i64 = 30;
pub const CALLBACK_PATH: &str = "/integrations/hh/callback";

/// What hh requires in `HH-User-Agent`: the application's name and version, and a contact.
pub fn user_agent(state: &AppState) -> String {
    let from = &state.config.mail.from;
    let contact = from
        .rsplit_once('<')
        .map(|(_, rest)| rest.trim_end_matches('>'))
        .unwrap_or(from)
        .trim();
    format!("Hireloop/{} ({contact})", env!("CARGO_PKG_VERSION"))
}

pub fn redirect_uri(state: &AppState) -> String {
    format!(
        "{}{CALLBACK_PATH}",
        state.config.mail.public_url.trim_end_matches('/')
    )
}

fn not_set_up() -> AppError {
    AppError::Conflict(Message::new("hh-not-set-up"))
}

fn secret_of(key: &SecretKey, sealed: &Option<String>) -> AppResult<Secret> {
    let sealed = sealed.as_deref().ok_or_else(not_set_up)?;
    key.open(sealed)
        .map_err(|_| AppError::Conflict(Message::new("hh-secret-unreadable")))
}

/// Starts a connect: the `state` and PKCE verifier are kept on the row (any instance may
/// receive the callback), and the browser goes to hh's authorize page.
pub async fn start(state: &AppState, actor: i32) -> AppResult<String> {
    let row = settings::row(&state.db).await?.ok_or_else(not_set_up)?;
    let secret = secret_of(&state.secret_key, &row.client_secret_sealed)?;
    let redirect = redirect_uri(state);
    let started = oauth::start(&oauth::App {
        client_id: &row.client_id,
        client_secret: &secret,
        oauth_base: &row.oauth_base,
        api_base: &row.api_base,
        redirect_uri: &redirect,
    })
    .map_err(AppError::from)?;
    let mut active = row.into_active_model();
    active.pending_state = Set(Some(started.state));
    active.pending_verifier_sealed = Set(Some(state.secret_key.seal(&started.verifier)));
    active.pending_at = Set(Some(Utc::now()));
    active.pending_by = Set(Some(actor));
    active.update(&state.db).await?;
    Ok(started.authorize_url)
}

/// What came back to the callback.
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// Finishes a connect: the `state` must be the one started (and recent), the code is
/// exchanged, and `/me` says which employer and manager the tokens belong to.
pub async fn finish(state: &AppState, callback: Callback) -> AppResult<hh_connection::Model> {
    let row = settings::row(&state.db).await?.ok_or_else(not_set_up)?;
    let fresh = row
        .pending_at
        .is_some_and(|at| Utc::now() - at < Duration::minutes(CONNECT_WINDOW_MINUTES));
    let matches = match (&row.pending_state, &callback.state) {
        (Some(expected), Some(given)) => constant_time_eq(expected, given),
        _ => false,
    };
    if !fresh || !matches {
        return Err(AppError::BadRequest(Message::new("hh-state-mismatch")));
    }
    let actor = row.pending_by;
    // The state is spent whatever happens next: a replayed callback is refused.
    let verifier = secret_of(&state.secret_key, &row.pending_verifier_sealed)?;
    let mut active = row.clone().into_active_model();
    active.pending_state = Set(None);
    active.pending_verifier_sealed = Set(None);
    active.pending_at = Set(None);
    let row = active.update(&state.db).await?;
    if let Some(error) = callback.error {
        let message = if error == "access_denied" {
            Message::new("hh-access-denied")
        } else {
            Message::new("hh-connect-failed").with("detail", error)
        };
        return Err(AppError::Conflict(message));
    }
    let code = callback
        .code
        .filter(|c| !c.is_empty())
        .ok_or_else(|| AppError::BadRequest(Message::new("hh-code-missing")))?;
    let secret = secret_of(&state.secret_key, &row.client_secret_sealed)?;
    let api = Api::new(&row.api_base, &user_agent(state))?;
    let redirect = redirect_uri(state);
    let app = oauth::App {
        client_id: &row.client_id,
        client_secret: &secret,
        oauth_base: &row.oauth_base,
        api_base: &row.api_base,
        redirect_uri: &redirect,
    };
    let tokens = oauth::exchange(&app, &api, &code, &verifier).await?;
    let me = api
        .call(Method::GET, "/me", tokens.access.expose(), None)
        .await?
        .body;
    let who = Who::read(&me);
    let mut active = row.into_active_model();
    store_tokens(&mut active, &state.secret_key, &tokens);
    if let Some(id) = who.employer_id {
        active.employer_id = Set(Some(id));
    }
    active.employer_name = Set(who.employer_name);
    active.manager_id = Set(who.manager_id);
    active.manager_name = Set(who.manager_name);
    active.connected_at = Set(Some(Utc::now()));
    active.connected_by = Set(actor);
    active.needs_reconnect = Set(false);
    active.last_error = Set(None);
    active.updated_at = Set(Utc::now());
    let saved = active.update(&state.db).await?;
    AuditEvent::new(actor, "hh.connect", "hh_connection")
        .id(ROW)
        .record(&state.db)
        .await?;
    Ok(saved)
}

/// Forgets the tokens (hh's side is left to the admin: hh lets a user revoke access there).
pub async fn disconnect(db: &DatabaseConnection, actor: i32) -> AppResult<()> {
    let row = settings::row(db).await?.ok_or(AppError::NotFound)?;
    let mut active = row.into_active_model();
    settings::forget_tokens(&mut active);
    active.updated_at = Set(Utc::now());
    active.update(db).await?;
    AuditEvent::new(Some(actor), "hh.disconnect", "hh_connection")
        .id(ROW)
        .record(db)
        .await?;
    Ok(())
}

/// Asks hh who the connection is (`/me`) and keeps the employer and manager it names: a
/// check an admin can run, and the proof that the tokens still work.
pub async fn check(state: &AppState) -> AppResult<hh_connection::Model> {
    let mut hh = Hh::open(state).await?;
    let me = hh.fetch(Method::GET, "/me", None).await?.body;
    let who = Who::read(&me);
    let row = settings::row(&state.db).await?.ok_or_else(not_set_up)?;
    let mut active = row.clone().into_active_model();
    if row.employer_id.is_none() {
        active.employer_id = Set(who.employer_id);
    }
    active.employer_name = Set(who.employer_name);
    active.manager_id = Set(who.manager_id);
    active.manager_name = Set(who.manager_name);
    active.last_error = Set(None);
    active.updated_at = Set(Utc::now());
    Ok(active.update(&state.db).await?)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Who a token belongs to, from hh's `/me`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Who {
    pub employer_id: Option<String>,
    pub employer_name: Option<String>,
    pub manager_id: Option<String>,
    pub manager_name: Option<String>,
}

impl Who {
    pub fn read(me: &Value) -> Who {
        let text = |v: &Value| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let name = [&me["last_name"], &me["first_name"]]
            .iter()
            .filter_map(|v| text(v))
            .collect::<Vec<_>>()
            .join(" ");
        Who {
            employer_id: text(&me["employer"]["id"]),
            employer_name: text(&me["employer"]["name"]),
            manager_id: text(&me["manager"]["id"]).or_else(|| text(&me["employer"]["manager_id"])),
            manager_name: (!name.is_empty()).then_some(name),
        }
    }
}

fn store_tokens(active: &mut hh_connection::ActiveModel, key: &SecretKey, tokens: &Tokens) {
    active.access_token_sealed = Set(Some(key.seal(&tokens.access)));
    if let Some(refresh) = &tokens.refresh {
        active.refresh_token_sealed = Set(Some(key.seal(refresh)));
    }
    active.token_expires_at = Set(tokens.expires_at);
}

/// Marks the connection as needing an admin to connect again, with hh's reason; the admins
/// are told once, when it turns.
async fn needs_reconnect(db: &DatabaseConnection, reason: &str) -> AppResult<()> {
    let turned = hh_connection::Entity::update_many()
        .col_expr(hh_connection::Column::NeedsReconnect, Expr::value(true))
        .col_expr(
            hh_connection::Column::LastError,
            Expr::value(Some(reason.to_owned())),
        )
        .col_expr(
            hh_connection::Column::RefreshClaimedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(hh_connection::Column::Id.eq(ROW))
        .filter(hh_connection::Column::NeedsReconnect.eq(false))
        .exec(db)
        .await?;
    if turned.rows_affected == 1 {
        tracing::warn!(
            reason,
            "hh.ru refused the connection's tokens: reconnect needed"
        );
        let admins: Vec<i32> = user::Entity::find()
            .filter(user::Column::Role.eq("admin"))
            .filter(user::Column::Active.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        let notice = Notice::new(Kind::HhReconnect, "/admin/hh").with("subject", reason);
        notifications::model::notify(db, &admins, &notice).await?;
    }
    Ok(())
}

/// A connected hh, ready for calls: the API, the tokens as last read, and the row.
pub struct Hh {
    db: DatabaseConnection,
    key: SecretKey,
    api: Api,
    row: hh_connection::Model,
    access: Secret,
}

impl Hh {
    /// The connection, or 409 saying what an admin has to do first.
    pub async fn open(state: &AppState) -> AppResult<Hh> {
        let row = settings::row(&state.db).await?.ok_or_else(not_set_up)?;
        if row.needs_reconnect {
            return Err(AppError::Conflict(Message::new("hh-reconnect-needed")));
        }
        let access = match &row.access_token_sealed {
            Some(_) => secret_of(&state.secret_key, &row.access_token_sealed)?,
            None => return Err(AppError::Conflict(Message::new("hh-not-connected"))),
        };
        Ok(Hh {
            db: state.db.clone(),
            key: state.secret_key.clone(),
            api: Api::new(&row.api_base, &user_agent(state))?,
            row,
            access,
        })
    }

    /// For background work: the connection, or `None` when there is nothing an admin has
    /// connected (or it waits for a reconnect) — the work simply waits.
    pub async fn open_for_work(state: &AppState) -> AppResult<Option<Hh>> {
        match Hh::open(state).await {
            Ok(hh) => Ok(Some(hh)),
            Err(AppError::Conflict(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }

    pub fn settings(&self) -> &hh_connection::Model {
        &self.row
    }

    /// The employer the connection publishes for.
    pub fn employer_id(&self) -> AppResult<&str> {
        self.row
            .employer_id
            .as_deref()
            .ok_or_else(|| AppError::Conflict(Message::new("hh-no-employer")))
    }

    /// One call to hh with a fresh token: `Ok(Err(..))` is hh's refusal (for the caller to
    /// show or retry), `Err(..)` a failure of the app itself.
    pub async fn call(
        &mut self,
        method: Method,
        path_or_url: &str,
        body: Option<&Value>,
    ) -> AppResult<Result<Answer, HhError>> {
        if self.row.token_expires_at.is_some_and(|at| at <= Utc::now())
            && let Err(refused) = self.refresh().await?
        {
            return Ok(Err(refused));
        }
        let first = self
            .api
            .call(method.clone(), path_or_url, self.access.expose(), body)
            .await;
        let retry = match &first {
            Err(HhError::TokenExpired) => {
                if !self.adopt_newer().await?
                    && let Err(refused) = self.refresh().await?
                {
                    return Ok(Err(refused));
                }
                true
            }
            // Another instance may have refreshed while this call was on its way: hh then
            // refuses the old token outright. Its successor is in the row.
            Err(HhError::TokenRejected(_)) => self.adopt_newer().await?,
            _ => false,
        };
        if !retry {
            return self.after(first).await;
        }
        let again = self
            .api
            .call(method, path_or_url, self.access.expose(), body)
            .await;
        self.after(again).await
    }

    /// Takes the tokens another instance stored since this one read the row: true if there
    /// were newer ones.
    async fn adopt_newer(&mut self) -> AppResult<bool> {
        let row = settings::row(&self.db).await?.ok_or_else(not_set_up)?;
        if row.needs_reconnect || row.access_token_sealed == self.row.access_token_sealed {
            return Ok(false);
        }
        self.access = secret_of(&self.key, &row.access_token_sealed)?;
        self.row = row;
        Ok(true)
    }

    /// [`Hh::call`] with hh's refusal turned into the app's error (for pages and the API).
    pub async fn fetch(
        &mut self,
        method: Method,
        path_or_url: &str,
        body: Option<&Value>,
    ) -> AppResult<Answer> {
        Ok(self.call(method, path_or_url, body).await??)
    }

    async fn after(&self, answer: Result<Answer, HhError>) -> AppResult<Result<Answer, HhError>> {
        let refused = match &answer {
            Err(HhError::TokenRejected(reason)) => Some(reason.clone()),
            Err(HhError::TokenExpired) => Some("token_expired after a refresh".to_owned()),
            _ => None,
        };
        if let Some(reason) = refused {
            needs_reconnect(&self.db, &reason).await?;
        }
        Ok(answer)
    }

    /// New tokens: refreshed by this instance if it wins the claim, else read back once the
    /// instance that did stores them.
    async fn refresh(&mut self) -> AppResult<Result<(), HhError>> {
        let held = self.row.refresh_token_sealed.clone();
        for _ in 0..50 {
            let now = Utc::now();
            let mut claim = Condition::all().add(
                Condition::any()
                    .add(hh_connection::Column::RefreshClaimedUntil.is_null())
                    .add(hh_connection::Column::RefreshClaimedUntil.lt(now)),
            );
            claim = match &held {
                Some(sealed) => {
                    claim.add(hh_connection::Column::RefreshTokenSealed.eq(sealed.clone()))
                }
                None => claim.add(hh_connection::Column::RefreshTokenSealed.is_null()),
            };
            let taken = hh_connection::Entity::update_many()
                .col_expr(
                    hh_connection::Column::RefreshClaimedUntil,
                    Expr::value(Some(now + Duration::seconds(REFRESH_CLAIM_SECONDS))),
                )
                .filter(hh_connection::Column::Id.eq(ROW))
                .filter(claim)
                .exec(&self.db)
                .await?;
            if taken.rows_affected == 1 {
                return self.refresh_claimed().await;
            }
            // Someone else holds it, or has already stored new tokens: look again.
            let row = settings::row(&self.db).await?.ok_or_else(not_set_up)?;
            if row.needs_reconnect {
                return Ok(Err(HhError::TokenRejected(
                    row.last_error.unwrap_or_default(),
                )));
            }
            if row.refresh_token_sealed != held {
                self.access = secret_of(&self.key, &row.access_token_sealed)?;
                self.row = row;
                return Ok(Ok(()));
            }
            tokio::time::sleep(StdDuration::from_millis(200)).await;
        }
        Ok(Err(HhError::Unavailable {
            detail: "another instance is still refreshing the token".into(),
            retry_after: Some(StdDuration::from_secs(30)),
        }))
    }

    async fn refresh_claimed(&mut self) -> AppResult<Result<(), HhError>> {
        let Some(sealed) = &self.row.refresh_token_sealed else {
            needs_reconnect(&self.db, "no refresh token").await?;
            return Ok(Err(HhError::TokenRejected("no refresh token".into())));
        };
        let refresh = self
            .key
            .open(sealed)
            .map_err(|_| AppError::Conflict(Message::new("hh-secret-unreadable")))?;
        let secret = secret_of(&self.key, &self.row.client_secret_sealed)?;
        let app = oauth::App {
            client_id: &self.row.client_id,
            client_secret: &secret,
            oauth_base: &self.row.oauth_base,
            api_base: &self.row.api_base,
            redirect_uri: "http://localhost/unused",
        };
        match oauth::refresh(&app, &self.api, &refresh).await {
            Ok(tokens) => {
                let mut active = self.row.clone().into_active_model();
                store_tokens(&mut active, &self.key, &tokens);
                active.refresh_claimed_until = Set(None);
                active.last_error = Set(None);
                active.updated_at = Set(Utc::now());
                self.row = active.update(&self.db).await?;
                self.access = tokens.access;
                Ok(Ok(()))
            }
            Err(HhError::TokenRejected(reason)) => {
                needs_reconnect(&self.db, &reason).await?;
                Ok(Err(HhError::TokenRejected(reason)))
            }
            Err(other) => {
                // hh did not answer: let the claim go so that the next call tries again.
                hh_connection::Entity::update_many()
                    .col_expr(
                        hh_connection::Column::RefreshClaimedUntil,
                        Expr::value(Option::<chrono::DateTime<Utc>>::None),
                    )
                    .filter(hh_connection::Column::Id.eq(ROW))
                    .exec(&self.db)
                    .await?;
                Ok(Err(other))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn me_names_the_employer_and_the_manager() {
        let me = json!({
            "auth_type": "employer", "first_name": "Ирина", "last_name": "Соколова",
            "employer": {"id": "1455", "name": "Орбита", "manager_id": "77"},
            "manager": {"id": "4062820"}
        });
        assert_eq!(
            Who::read(&me),
            Who {
                employer_id: Some("1455".into()),
                employer_name: Some("Орбита".into()),
                manager_id: Some("4062820".into()),
                manager_name: Some("Соколова Ирина".into()),
            }
        );
    }

    #[test]
    fn states_compare_whole() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
