//! `/admin/privacy`: the retention periods in a form, when the daily round last ran, and a
//! button to run it now. The same operations as `GET|PUT /api/v1/privacy/retention` and
//! `POST /api/v1/privacy/retention/run`.

use std::collections::BTreeMap;

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::retention::{self, RetentionSettings};
use crate::domain::access::Action;
use crate::entities::job_run;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::Page;
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

#[derive(Serialize)]
struct SettingsPage {
    form: BTreeMap<&'static str, String>,
    errors: BTreeMap<String, String>,
    last_run: Option<DateTime<Utc>>,
}

fn as_form(settings: &RetentionSettings) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("days_after_end", settings.days_after_end.to_string()),
        (
            "talent_pool_months",
            settings.talent_pool_months.to_string(),
        ),
        ("reconsent_days", settings.reconsent_days.to_string()),
    ])
}

async fn render(
    page: &Page,
    status: StatusCode,
    form: BTreeMap<&'static str, String>,
    errors: &[FieldError],
) -> AppResult<Response> {
    let last_run = job_run::Entity::find_by_id("retention".to_owned())
        .one(&page.state.db)
        .await?
        .map(|run| run.run_at);
    let context = SettingsPage {
        form,
        errors: page.field_errors(errors),
        last_run,
    };
    Ok((status, page.render("privacy/settings.html", context).await?).into_response())
}

pub async fn show(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let current = retention::settings(&page.state.db).await?;
    render(&page, StatusCode::OK, as_form(&current), &[]).await
}

/// Missing fields read as blank, so that access is checked before the input is.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    days_after_end: String,
    talent_pool_months: String,
    reconsent_days: String,
}

/// Whole numbers only; a blank or a word is named beside its field.
fn parse(form: &SettingsForm) -> Result<RetentionSettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut number = |name: &'static str, value: &str| match value.trim().parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            errors.push(FieldError::new(name, Message::new("field-whole-number")));
            0
        }
    };
    let settings = RetentionSettings {
        days_after_end: number("days_after_end", &form.days_after_end),
        talent_pool_months: number("talent_pool_months", &form.talent_pool_months),
        reconsent_days: number("reconsent_days", &form.reconsent_days),
    };
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

pub async fn save(page: Page, Form(form): Form<SettingsForm>) -> AppResult<Response> {
    let user = page.require(Action::Administer)?;
    let typed = BTreeMap::from([
        ("days_after_end", form.days_after_end.clone()),
        ("talent_pool_months", form.talent_pool_months.clone()),
        ("reconsent_days", form.reconsent_days.clone()),
    ]);
    let saved = match parse(&form) {
        Ok(settings) => retention::save_settings(&page.state.db, user.id, settings).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match saved {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("retention-saved"))
                .await?;
            Ok(Redirect::to("/admin/privacy").into_response())
        }
        Err(AppError::Validation(errors)) => {
            render(&page, StatusCode::UNPROCESSABLE_ENTITY, typed, &errors).await
        }
        Err(other) => Err(other),
    }
}

pub async fn run_now(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let done = retention::run(&page.state, Utc::now()).await?;
    let message = Message::new("retention-ran")
        .with_number("erased", done.erased.len() as i64)
        .with_number("reminded", done.reminded as i64)
        .with_number("expired", done.expired as i64);
    page.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to("/admin/privacy").into_response())
}
