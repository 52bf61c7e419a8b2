//! The admin page for the list of rejection and withdrawal reasons.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::reasons::{self, Reason};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ReasonForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    label_ru: String,
    #[serde(default)]
    label_en: String,
}

#[derive(Serialize)]
struct ReasonsPage {
    reasons: Vec<Reason>,
    form: ReasonForm,
    errors: BTreeMap<String, String>,
}

async fn render(
    page: &Page,
    status: StatusCode,
    form: ReasonForm,
    errors: &[FieldError],
) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let context = ReasonsPage {
        reasons: reasons::list(&page.state.db, page.lang, false).await?,
        form,
        errors: page.field_errors(errors),
    };
    Ok((
        status,
        page.render("recruitment/reasons.html", context).await?,
    )
        .into_response())
}

pub async fn list(page: Page) -> AppResult<Response> {
    let form = ReasonForm {
        kind: "reject".into(),
        ..Default::default()
    };
    render(&page, StatusCode::OK, form, &[]).await
}

pub async fn save(page: Page, Form(form): Form<ReasonForm>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    match reasons::save(
        &page.state.db,
        &form.code,
        &form.kind,
        &form.label_ru,
        &form.label_en,
    )
    .await
    {
        Ok(()) => {
            page.flash(FlashKind::Success, Message::new("reason-saved"))
                .await?;
            Ok(Redirect::to("/admin/reasons").into_response())
        }
        Err(AppError::Validation(errors)) => {
            render(&page, StatusCode::UNPROCESSABLE_ENTITY, form, &errors).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    active: String,
}

pub async fn set_active(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<ActiveForm>,
) -> AppResult<Response> {
    page.require(Action::Administer)?;
    reasons::set_active(&page.state.db, &code, form.active == "true").await?;
    page.flash(FlashKind::Success, Message::new("reason-saved"))
        .await?;
    Ok(Redirect::to("/admin/reasons").into_response())
}
