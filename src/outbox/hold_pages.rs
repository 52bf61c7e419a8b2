//! Calling held email back from the outbox page — one message, or all of a mass action's at
//! once — and the admin's hold setting. The same operations as the outbox API.

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::hold::{self, OutboxSettings};
use super::pages::{ListParams, render_list};
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::recruitment::application_pages::report;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

pub async fn cancel(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageOutbox)?;
    let result = hold::cancel_message(&page.state.db, user.id, id).await;
    report(&page, result, Message::new("outbox-cancelled-one")).await?;
    Ok(Redirect::to("/admin/outbox").into_response())
}

pub async fn cancel_batch(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageOutbox)?;
    match hold::cancel_batch(&page.state.db, user.id, id).await {
        Ok(count) => {
            let message = Message::new("outbox-cancelled-batch").with_number("count", count as i64);
            page.flash(FlashKind::Success, message).await?;
        }
        Err(error) => report(&page, Err(error), Message::new("outbox-cancelled-one")).await?,
    }
    Ok(Redirect::to("/admin/outbox").into_response())
}

/// Missing fields read as blank, so that access is checked before the input is.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HoldForm {
    hold_minutes: String,
}

pub async fn save_settings(page: Page, Form(form): Form<HoldForm>) -> AppResult<Response> {
    let user = page.require(Action::Administer)?;
    match OutboxSettings::parse(&form.hold_minutes) {
        Ok(settings) => {
            hold::save_settings(&page.state.db, user.id, settings).await?;
            page.flash(FlashKind::Success, Message::new("outbox-hold-saved"))
                .await?;
            Ok(Redirect::to("/admin/outbox").into_response())
        }
        Err(error) => render_list(&page, ListParams::default(), form.hold_minutes, &[error]).await,
    }
}
