//! Sign-in, sign-out, the language switch and the user's own profile with API tokens.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::forms::{LangForm, LoginForm, NextQuery, PasswordForm, ProfileForm, TokenForm};
use super::model;
use crate::entities::api_token;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::client::ClientMeta;
use crate::web::context::{SESSION_LANG, SESSION_USER};
use crate::web::csrf::session_error;
use crate::web::i18n::{Lang, Message};
use crate::web::{FlashKind, Page, safe_return_path};

const SESSION_NEW_TOKEN: &str = "new_token";

#[derive(Serialize, Default)]
struct LoginPage {
    next: String,
    email: String,
    form_error: Option<String>,
}

pub async fn login_form(page: Page, Query(query): Query<NextQuery>) -> AppResult<Response> {
    if page.user.is_some() {
        return Ok(Redirect::to(&safe_return_path(query.next.as_deref())).into_response());
    }
    let next = safe_return_path(query.next.as_deref());
    Ok(page
        .render(
            "auth/login.html",
            LoginPage {
                next,
                ..Default::default()
            },
        )
        .await?
        .into_response())
}

pub async fn login(
    page: Page,
    client: ClientMeta,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let state = &page.state;
    let outcome = model::authenticate(
        &state.db,
        &state.config.login,
        &form.email,
        &form.password,
        client.ip.as_deref(),
    )
    .await?;
    let user = match outcome {
        Ok(user) => user,
        Err(refused) => {
            let status = match refused {
                model::LoginRefused::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
                model::LoginRefused::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let context = LoginPage {
                next: safe_return_path(form.next.as_deref()),
                email: form.email.trim().to_owned(),
                form_error: Some(page.text(&refused.message())),
            };
            let mut response =
                (status, page.render("auth/login.html", context).await?).into_response();
            if let Some(seconds) = refused.retry_after() {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, seconds.max(1).into());
            }
            return Ok(response);
        }
    };
    // A new session id at sign-in, so an id planted before it is worthless after.
    let session = &page.session;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(SESSION_USER, user.id)
        .await
        .map_err(session_error)?;
    session
        .insert(SESSION_LANG, user.lang)
        .await
        .map_err(session_error)?;
    let welcome = Message::new("login-welcome").with("name", user.name.clone());
    let flash = crate::web::context::Flash {
        kind: FlashKind::Success,
        text: user.lang.render(&welcome),
    };
    session
        .insert("flash", flash)
        .await
        .map_err(session_error)?;
    Ok(Redirect::to(&safe_return_path(form.next.as_deref())).into_response())
}

pub async fn logout(page: Page) -> AppResult<Redirect> {
    if let Some(user) = &page.user {
        crate::audit::AuditEvent::new(Some(user.id), "auth.logout", "user")
            .id(user.id)
            .record(&page.state.db)
            .await?;
    }
    let lang = page.lang;
    page.session.flush().await.map_err(session_error)?;
    page.session
        .insert(SESSION_LANG, lang)
        .await
        .map_err(session_error)?;
    page.flash(FlashKind::Success, Message::new("logout-done"))
        .await?;
    Ok(Redirect::to("/login"))
}

/// Switches the interface language; remembered for the user when signed in.
pub async fn switch_lang(page: Page, Form(form): Form<LangForm>) -> AppResult<Redirect> {
    let lang = Lang::parse(&form.lang)
        .ok_or_else(|| AppError::BadRequest(Message::new("field-lang-invalid")))?;
    page.session
        .insert(SESSION_LANG, lang)
        .await
        .map_err(session_error)?;
    if let Some(user) = &page.user {
        model::set_lang(&page.state.db, user.id, lang).await?;
    }
    Ok(Redirect::to(&safe_return_path(form.back.as_deref())))
}

#[derive(Serialize)]
struct ProfilePage<'a> {
    name: &'a str,
    tokens: Vec<api_token::Model>,
    new_token: Option<String>,
    errors: BTreeMap<String, String>,
    timezone: &'a str,
    zones: Vec<(&'a str, &'a str)>,
}

async fn render_profile(
    page: &Page,
    name: &str,
    errors: BTreeMap<String, String>,
) -> AppResult<Response> {
    let user = page.user()?;
    let tokens = model::list_tokens(&page.state.db, user.id).await?;
    let new_token = page
        .session
        .remove::<String>(SESSION_NEW_TOKEN)
        .await
        .map_err(session_error)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut zones: Vec<(&str, &str)> = crate::web::dates::ZONES.iter().map(|z| (*z, *z)).collect();
    if !crate::web::dates::ZONES.contains(&user.timezone.as_str()) {
        zones.push((&user.timezone, &user.timezone));
    }
    let context = ProfilePage {
        name,
        tokens,
        new_token,
        errors,
        timezone: &user.timezone,
        zones,
    };
    Ok((status, page.render("auth/profile.html", context).await?).into_response())
}

pub async fn profile(page: Page) -> AppResult<Response> {
    let name = page.user()?.name.clone();
    render_profile(&page, &name, BTreeMap::new()).await
}

pub async fn update_profile(page: Page, Form(form): Form<ProfileForm>) -> AppResult<Response> {
    let user = page.user()?;
    let lang = match FieldError::lang("lang", Some(&form.lang)) {
        Ok(lang) => lang.unwrap_or(user.lang),
        Err(error) => {
            return render_profile(&page, &form.name, page.field_errors(&[error])).await;
        }
    };
    match model::update_profile(&page.state.db, user.id, &form.name, lang, &form.timezone).await {
        Ok(()) => {
            page.session
                .insert(SESSION_LANG, lang)
                .await
                .map_err(session_error)?;
            let flash = crate::web::context::Flash {
                kind: FlashKind::Success,
                text: lang.render(&Message::new("profile-saved")),
            };
            page.session
                .insert("flash", flash)
                .await
                .map_err(session_error)?;
            Ok(Redirect::to("/profile").into_response())
        }
        Err(AppError::Validation(errors)) => {
            render_profile(&page, &form.name, page.field_errors(&errors)).await
        }
        Err(other) => Err(other),
    }
}

pub async fn change_password(page: Page, Form(form): Form<PasswordForm>) -> AppResult<Response> {
    let user = page.user()?;
    match model::change_password(
        &page.state.db,
        user.id,
        &form.current,
        &form.new,
        &form.confirm,
    )
    .await
    {
        Ok(()) => {
            page.flash(FlashKind::Success, Message::new("password-changed"))
                .await?;
            Ok(Redirect::to("/profile").into_response())
        }
        Err(AppError::Validation(errors)) => {
            let name = user.name.clone();
            render_profile(&page, &name, page.field_errors(&errors)).await
        }
        Err(other) => Err(other),
    }
}

pub async fn create_token(page: Page, Form(form): Form<TokenForm>) -> AppResult<Response> {
    let user = page.user()?;
    match model::create_token(&page.state.db, user.id, &form.name).await {
        Ok((token, _)) => {
            // Shown once on the next page, then gone: only its digest is stored.
            page.session
                .insert(SESSION_NEW_TOKEN, token)
                .await
                .map_err(session_error)?;
            Ok(Redirect::to("/profile#tokens").into_response())
        }
        Err(error) => page.show_again("/profile", "token", error).await,
    }
}

pub async fn revoke_token(page: Page, Path(id): Path<i32>) -> AppResult<Redirect> {
    let user = page.user()?;
    model::revoke_token(&page.state.db, user.id, id).await?;
    page.flash(FlashKind::Success, Message::new("token-revoked"))
        .await?;
    Ok(Redirect::to("/profile#tokens"))
}
