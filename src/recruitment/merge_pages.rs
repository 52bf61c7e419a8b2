//! "Add existing" on a duplicate: what was typed for a new person is merged into the person who
//! exists (see `contacts::merge`), and a refusal shows the new-person form again, as typed.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::candidate_pages::render_form;
use super::candidates;
use super::contacts::{self, MergeInput};
use super::forms::CandidateForm;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

pub async fn merge(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<CandidateForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let db = &page.state.db;
    let result = async {
        let position_id = match form.position_id.trim() {
            "" => None,
            text => Some(text.parse::<i32>().map_err(|_| {
                AppError::validation("position_id", Message::new("field-position-unknown"))
            })?),
        };
        let input = MergeInput {
            email: Some(form.email.clone()),
            phone: Some(form.phone.clone()),
            note: Some(form.notes.clone()),
            make_primary: form.merge_contacts == "primary",
            position_id,
            source: match form.source.trim() {
                "" => "other".to_owned(),
                source => source.to_owned(),
            },
        };
        let txn = crate::db::write(db).await?;
        let merged = contacts::merge(&txn, user.id, id, input).await?;
        txn.commit().await?;
        Ok::<_, AppError>(merged)
    }
    .await;
    match result {
        Ok(merged) => {
            let key = if merged.application.is_some() {
                "forms-merged-and-added"
            } else {
                "forms-merged"
            };
            page.flash(FlashKind::Success, Message::new(key)).await?;
            Ok(Redirect::to(&format!("/candidates/{id}")).into_response())
        }
        Err(error) => {
            let existing = candidates::get(db, id).await?;
            let (status, errors) = match error {
                AppError::Validation(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
                AppError::Conflict(message) | AppError::Duplicate { message, .. } => (
                    StatusCode::CONFLICT,
                    vec![FieldError::new("merge", message)],
                ),
                other => return Err(other),
            };
            if let Some(first) = errors.first() {
                page.flash(FlashKind::Error, first.message.clone()).await?;
            }
            render_form(&page, status, form, &errors, Some(existing)).await
        }
    }
}
