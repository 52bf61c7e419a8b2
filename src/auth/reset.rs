//! "Forgot your password?": a one-time link by email, valid for an hour, through which the
//! account's owner sets a new password (the same page the welcome link opens). Setting it
//! also lifts every sign-in lock on the account, so nobody can keep a colleague out by
//! typing wrong passwords in their name.

use axum::Form;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use super::model::{normalize_email, token_digest};
use crate::entities::{password_link, user};
use crate::error::{AppError, AppResult};
use crate::web::client::ClientMeta;
use crate::web::csrf::random_token;
use crate::web::i18n::{Lang, Message};
use crate::web::{Page, rate_limit};

/// Links asked for from one address per hour; more is a probe, not a forgotten password.
const LINKS_PER_ADDRESS_PER_HOUR: i32 = 5;
/// Links sent to one account per hour, so the form cannot be used to flood someone's inbox.
const LINKS_PER_ACCOUNT_PER_HOUR: i32 = 3;

#[derive(Serialize, Default)]
struct ForgotPage {
    email: String,
    sent: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    pub email: String,
}

pub async fn form(page: Page) -> AppResult<Response> {
    Ok(page
        .render("auth/forgot.html", ForgotPage::default())
        .await?
        .into_response())
}

/// Sends the link if the address belongs to an active account, and answers the same either
/// way: the form must not tell who has an account.
pub async fn send_link(
    page: Page,
    client: ClientMeta,
    Form(form): Form<ForgotForm>,
) -> AppResult<Response> {
    let db = &page.state.db;
    let email = normalize_email(&form.email);
    let address = format!(
        "password-reset:{}",
        client.ip.as_deref().unwrap_or("unknown")
    );
    if !rate_limit::allow(
        db,
        &address,
        LINKS_PER_ADDRESS_PER_HOUR,
        chrono::Duration::hours(1),
    )
    .await?
    {
        return Err(AppError::TooManyRequests(Message::new(
            "password-forgot-too-many",
        )));
    }
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
        .filter(|u| u.active);
    if let Some(account) = account
        && rate_limit::allow(
            db,
            &format!("password-reset-account:{}", account.id),
            LINKS_PER_ACCOUNT_PER_HOUR,
            chrono::Duration::hours(1),
        )
        .await?
    {
        let txn = crate::db::write(db).await?;
        let token = reset_link_for(&txn, account.id).await?;
        let base = page.state.config.mail.public_url.trim_end_matches('/');
        let lang = Lang::parse(&account.lang).unwrap_or_default();
        let composer = &page.state.composer;
        let email = composer
            .render(
                "password_reset",
                lang,
                minijinja::context! {
                    name => &account.name,
                    link => format!("{base}/password/reset/{token}"),
                },
            )?
            .to("password_reset", &account.email, Some(&account.name), lang);
        composer.queue(&txn, None, email).await?;
        crate::audit::AuditEvent::new(None, "user.password_reset_requested", "user")
            .id(account.id)
            .record(&txn)
            .await?;
        txn.commit().await?;
    }
    let context = ForgotPage {
        email: form.email.trim().to_owned(),
        sent: Some(page.text(
            &Message::new("password-forgot-sent").with("email", form.email.trim().to_owned()),
        )),
    };
    Ok(page
        .render("auth/forgot.html", context)
        .await?
        .into_response())
}

/// A one-time link, valid for an hour: a reset is done at once or asked for again.
async fn reset_link_for<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<String> {
    let token = random_token();
    let now = Utc::now();
    password_link::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_digest(&token)),
        expires_at: Set(now + Duration::hours(1)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}
