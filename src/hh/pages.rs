//! `/admin/hh`: the hh.ru connection in a form (the client secret is write-only), who it is
//! connected as, "Connect" / "Reconnect" / "Disconnect", and the last sync. The browser side
//! of OAuth: `/integrations/hh/connect` sends an admin to hh, `/integrations/hh/callback` is
//! where hh sends them back. The same operations as `GET|PUT /api/v1/integrations/hh`.

use axum::Form;
use axum::body::Bytes;
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::connection::{self, Callback};
use super::settings::{self, HhSettingsRequest, HhView};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::secrets::{Secret, SecretInput};
use crate::web::Page;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

pub const PATH: &str = "/admin/hh";
/// The form's name for the kept input.
const FORM: &str = "hh";

#[derive(Serialize)]
struct SettingsPage {
    hh: HhView,
    callback_url: String,
}

pub async fn show(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let context = SettingsPage {
        hh: settings::view(&page.state.db).await?,
        callback_url: connection::redirect_uri(&page.state),
    };
    Ok(page
        .render("hh/settings.html", context)
        .await?
        .into_response())
}

/// Missing fields read as blank, so that access is checked before the input is.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HhForm {
    api_base: String,
    oauth_base: String,
    client_id: String,
    client_secret: String,
    employer_id: String,
    salary_gross: Option<String>,
    search_every_days: String,
}

fn request_of(form: HhForm) -> Result<HhSettingsRequest, AppError> {
    let every = form.search_every_days.trim();
    let search_every_days = if every.is_empty() {
        None
    } else {
        Some(every.parse::<i32>().map_err(|_| {
            AppError::Validation(vec![FieldError::new(
                "search_every_days",
                Message::new("hh-search-every-invalid"),
            )])
        })?)
    };
    let blank_to_none = |text: String| (!text.trim().is_empty()).then_some(text);
    Ok(HhSettingsRequest {
        api_base: blank_to_none(form.api_base),
        oauth_base: blank_to_none(form.oauth_base),
        client_id: form.client_id,
        client_secret: Some(SecretInput(Secret::new(form.client_secret))),
        employer_id: blank_to_none(form.employer_id),
        salary_gross: Some(form.salary_gross.is_some()),
        search_every_days,
    })
}

pub async fn save(page: Page, Form(form): Form<HhForm>) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    let saved = match request_of(form) {
        Ok(request) => {
            settings::save(&page.state.db, &page.state.secret_key, user.id, request).await
        }
        Err(error) => Err(error),
    };
    if let Err(error) = saved {
        return page.show_again(PATH, FORM, error).await;
    }
    page.flash(FlashKind::Success, Message::new("hh-saved"))
        .await?;
    Ok(Redirect::to(PATH).into_response())
}

/// "Connect hh.ru": off to hh's authorize page.
pub async fn connect(page: Page) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    match connection::start(&page.state, user.id).await {
        Ok(url) => Ok(Redirect::to(&url).into_response()),
        Err(AppError::Conflict(message)) => {
            page.flash(FlashKind::Error, message).await?;
            Ok(Redirect::to(PATH).into_response())
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// hh sends the browser back here. The `state` is what ties it to the connect an admin
/// started; without the match nothing is stored.
pub async fn callback(page: Page, Query(query): Query<CallbackQuery>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let finished = connection::finish(
        &page.state,
        Callback {
            code: query.code,
            state: query.state,
            error: query.error,
        },
    )
    .await;
    let (kind, message) = match finished {
        Ok(row) => (
            FlashKind::Success,
            Message::new("hh-connected").with(
                "employer",
                row.employer_name.or(row.employer_id).unwrap_or_default(),
            ),
        ),
        // A forged or stale state is the page's own error (400), not a flash.
        Err(error) => (FlashKind::Error, super::errors::flash_of(error)?),
    };
    page.flash(kind, message).await?;
    Ok(Redirect::to(PATH).into_response())
}

/// "Disconnect": asks first — publishing, syncing and statuses stop until someone connects.
pub async fn disconnect(page: Page, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    let pairs = confirm::pairs(&body)?;
    if !confirm::is_confirmed(&pairs) {
        return Confirmation::new(
            &page,
            Message::new("hh-disconnect-title"),
            "/admin/hh/disconnect",
        )
        .says(&page, Message::new("hh-disconnect-says"))
        .confirm_label(&page, Message::new("hh-disconnect"))
        .back(PATH, false)
        .render(&page)
        .await;
    }
    connection::disconnect(&page.state.db, user.id).await?;
    page.flash(FlashKind::Success, Message::new("hh-disconnected"))
        .await?;
    Ok(Redirect::to(PATH).into_response())
}

/// "Check the connection": who hh says it is, in the flash.
pub async fn check(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let (kind, message) = match connection::check(&page.state).await {
        Ok(row) => (
            FlashKind::Success,
            Message::new("hh-checked").with(
                "employer",
                row.employer_name.or(row.employer_id).unwrap_or_default(),
            ),
        ),
        Err(error) => (FlashKind::Error, super::errors::flash_of(error)?),
    };
    page.flash(kind, message).await?;
    Ok(Redirect::to(PATH).into_response())
}
