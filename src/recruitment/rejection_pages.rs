//! Rejecting with a letter the recruiter reads first: the standard text in the candidate's
//! language, editable, sent (or not) in the same transaction as the rejection.

use std::collections::BTreeMap;

use axum::extract::{Path, RawForm};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::confirm_pages::{self, Back};
use super::pipeline::{self, MoveRequest};
use super::previews;
use super::reasons::{self, Reason};
use super::{candidates, views};
use crate::domain::access::Action;
use crate::domain::pipeline::{Stage, Via};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::{self, Notice};
use crate::web::confirm;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page, safe_return_path};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    talent_pool: Option<String>,
    /// Ticked: email the letter below.
    #[serde(default)]
    notify: Option<String>,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    back: Option<String>,
}

#[derive(Serialize)]
struct RejectPage {
    application: views::ApplicationCard,
    position_title: String,
    has_email: bool,
    lang: String,
    form: RejectForm,
    errors: BTreeMap<String, String>,
    reasons: Vec<Reason>,
}

async fn render(
    page: &Page,
    status: StatusCode,
    id: i32,
    form: Option<RejectForm>,
    errors: &[FieldError],
) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let db = &page.state.db;
    let application = views::card_of(db, pipeline::get(db, id).await?).await?;
    let person = candidates::get(db, application.candidate_id).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let form = match form {
        Some(form) => form,
        None => {
            let letter =
                emails::rejection_text(&page.state.composer, &person, &position_title, false)?;
            RejectForm {
                notify: person.email.as_ref().map(|_| "1".to_owned()),
                subject: letter.subject,
                body: letter.text,
                back: Some(format!("/positions/{}/board", application.position_id)),
                ..Default::default()
            }
        }
    };
    let context = RejectPage {
        has_email: person.email.is_some(),
        lang: emails::lang_of(&person).as_str().to_owned(),
        application,
        position_title,
        form,
        errors: page.field_errors(errors),
        reasons: reasons::list(db, page.lang, true).await?,
    };
    Ok((
        status,
        page.render("recruitment/reject.html", context).await?,
    )
        .into_response())
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    render(&page, StatusCode::OK, id, None, &[]).await
}

/// Rejects after a confirmation that names who is rejected and whether the letter goes;
/// Back on it shows this form again as it was typed.
pub async fn reject(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let pairs = confirm::pairs(&body)?;
    let form: RejectForm = serde_urlencoded::from_bytes(&body)
        .map_err(|_| AppError::BadRequest(Message::new("error-validation")))?;
    if confirm::is_edit(&pairs) {
        return render(&page, StatusCode::OK, id, Some(form), &[]).await;
    }
    let confirmed = confirm::is_confirmed(&pairs);
    let result = async {
        let notice = if form.notify.is_some() {
            Notice::edited(&form.subject, &form.body)?
        } else {
            Notice::Silent
        };
        let request = MoveRequest {
            to: Stage::Rejected,
            via: Via::Reject,
            reason: Some(form.reason.clone()).filter(|r| !r.trim().is_empty()),
            note: Some(form.note.clone()).filter(|n| !n.trim().is_empty()),
            date: None,
            notice,
            talent_pool: form.talent_pool.is_some().then_some(true),
            override_coverage: false,
        };
        if !confirmed {
            let mut preview =
                previews::moves(&page.state.db, &page.state.composer, &[id], &request).await?;
            if let Some(refusal) = preview.lines.iter_mut().find_map(|l| l.refusal.take()) {
                return Err(refusal);
            }
            return Ok(Some((preview, request)));
        }
        super::moves::advance(
            &page.state.db,
            &page.state.composer,
            Some(user.id),
            id,
            request,
        )
        .await
        .map(|_| None)
    }
    .await;
    match result {
        Ok(Some((preview, request))) => {
            let action = format!("/applications/{id}/reject");
            confirm_pages::moves(&page, preview, &request, &pairs, &action, Back::Form).await
        }
        Ok(None) => {
            let key = if form.notify.is_some() {
                "rejected-with-letter"
            } else {
                "rejected-silently"
            };
            page.flash(FlashKind::Success, Message::new(key)).await?;
            Ok(Redirect::to(&safe_return_path(form.back.as_deref())).into_response())
        }
        Err(AppError::Validation(errors)) => {
            render(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                id,
                Some(form),
                &errors,
            )
            .await
        }
        Err(AppError::Conflict(message)) => {
            page.flash(FlashKind::Error, message).await?;
            Ok(Redirect::to(&safe_return_path(form.back.as_deref())).into_response())
        }
        Err(other) => Err(other),
    }
}
