//! A new account (an intern made from a hire) sets its password through a one-time link sent
//! in the welcome email: valid for a week, used once, stored only as a digest. The password
//! reset email (`reset.rs`) opens the same page.

use axum::extract::{Path, RawForm};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use super::model::{check_password_rules, hash_password, token_digest};
use crate::audit::AuditEvent;
use crate::entities::{password_link, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::interviews::pages::{pairs, value};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct WelcomePage {
    name: String,
    email: String,
}

/// The link's account, while the link is unused and not expired.
async fn account_for(page: &Page, token: &str) -> AppResult<(password_link::Model, user::Model)> {
    let db = &page.state.db;
    let link = password_link::Entity::find()
        .filter(password_link::Column::TokenHash.eq(token_digest(token)))
        .one(db)
        .await?
        .filter(|l| l.used_at.is_none() && l.expires_at > Utc::now())
        .ok_or(AppError::NotFound)?;
    let account = user::Entity::find_by_id(link.user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or(AppError::NotFound)?;
    Ok((link, account))
}

pub async fn form(page: Page, Path(token): Path<String>) -> AppResult<Response> {
    let (_, account) = account_for(&page, &token).await?;
    let context = WelcomePage {
        name: account.name,
        email: account.email,
    };
    Ok(page
        .render("auth/welcome.html", context)
        .await?
        .into_response())
}

/// The welcome page's form, as its template names it.
const FORM: &str = "welcome";

pub async fn set_password(
    page: Page,
    uri: Uri,
    Path(token): Path<String>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let (link, account) = account_for(&page, &token).await?;
    let form = pairs(&body)?;
    let password = value(&form, "password");
    let problem = check_password_rules("password", &password).or_else(|| {
        (password != value(&form, "confirm"))
            .then(|| FieldError::new("confirm", Message::new("field-password-mismatch")))
    });
    if let Some(problem) = problem {
        // The same page, welcome or reset, shown again; passwords never come back.
        let error = AppError::Validation(vec![problem]);
        return page.show_again(uri.path(), FORM, error).await;
    }
    let hash = hash_password(password).await?;
    let db = &page.state.db;
    let txn = crate::db::write(db).await?;
    // Used once: a second submit of the same link finds it spent.
    let spent = password_link::Entity::update_many()
        .col_expr(
            password_link::Column::UsedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(password_link::Column::Id.eq(link.id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    let mut model: user::ActiveModel = account.clone().into();
    model.password_hash = Set(hash);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    // Whoever holds the emailed link owns the account: every sign-in lock on it is lifted.
    super::model::clear_throttles(&txn, &account.email).await?;
    AuditEvent::new(Some(account.id), "user.password_set", "user")
        .id(account.id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    page.flash(FlashKind::Success, Message::new("welcome-password-set"))
        .await?;
    Ok(Redirect::to("/login").into_response())
}
