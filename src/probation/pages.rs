//! The probation page of a started hire: the milestones with their due days, the forms that
//! record a result or a month's KPIs, and the KPIs so far. It calls the same operations as the
//! API.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::forms::ProbationForm;
use super::model::{self, Probation};
use super::record;
use crate::domain::access::Action;
use crate::domain::probation::Milestone;
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::{pipeline, views};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct ProbationPage {
    application: views::ApplicationCard,
    position_title: String,
    probation: Probation,
    /// The results each milestone may record, by code.
    results: BTreeMap<&'static str, &'static [&'static str]>,
    can_record: bool,
    /// What was typed, shown again with its errors; `form.code` says which milestone's form.
    form: ProbationForm,
    errors: BTreeMap<String, String>,
}

async fn render(
    page: &Page,
    id: i32,
    status: StatusCode,
    form: ProbationForm,
    errors: &[FieldError],
) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?;
    let can_record = user.can(Action::RecordProbation);
    let db = &page.state.db;
    let application = views::card_of(db, pipeline::get(db, id).await?).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let probation = model::read(db, id).await?;
    let context = ProbationPage {
        application,
        position_title,
        probation,
        results: Milestone::ALL
            .into_iter()
            .map(|m| (m.as_str(), m.results()))
            .collect(),
        can_record,
        form,
        errors: page.field_errors(errors),
    };
    Ok((status, page.render("probation/show.html", context).await?).into_response())
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let form = ProbationForm {
        month: "1".into(),
        ..Default::default()
    };
    render(&page, id, StatusCode::OK, form, &[]).await
}

/// One form posts either a milestone's result or a month's KPIs (`part`).
pub async fn save(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<ProbationForm>,
) -> AppResult<Response> {
    let user = page.require(Action::RecordProbation)?.clone();
    let outcome = match form.update() {
        Ok(update) => record::record(&page.state.db, user.id, id, update).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("probation-saved"))
                .await?;
            Ok(Redirect::to(&format!("/applications/{id}/probation")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            // The form has one milestone or one month: its fields without the list's prefix.
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|e| FieldError {
                    field: e
                        .field
                        .rsplit_once('.')
                        .map_or(e.field.clone(), |(_, f)| f.to_owned()),
                    message: e.message,
                })
                .collect();
            render(&page, id, StatusCode::UNPROCESSABLE_ENTITY, form, &errors).await
        }
        Err(other) => Err(other),
    }
}
