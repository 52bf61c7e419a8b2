//! The pipeline's confirmations: recording a start (who it closes and emails), a rejection
//! from the move form, and bulk moves and rejections. Each asks with what the matching
//! preview in `previews` says, then acts through `pipeline::advance` on `confirmed=1`.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Serialize;

use super::application_pages::{failure_message, move_request};
use super::forms::MoveForm;
use super::pipeline::{self, MoveRequest};
use super::previews::{self, MovesPreview};
use super::views::{self, ApplicationCard};
use crate::domain::pipeline::Stage;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::confirm::{self, Affected, Confirmation};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct StartForm {
    application: ApplicationCard,
    date: String,
    back: String,
    errors: BTreeMap<String, String>,
}

/// The "mark as started" form on its own, as typed, with its errors beside the date.
async fn start_form(
    page: &Page,
    status: StatusCode,
    id: i32,
    form: &MoveForm,
    back: &str,
    errors: &[FieldError],
) -> AppResult<Response> {
    let db = &page.state.db;
    let application = views::card_of(db, pipeline::get(db, id).await?).await?;
    // The operation names the API's field; on this form the day is `date`.
    let errors: Vec<FieldError> = errors
        .iter()
        .map(|e| {
            let mut e = e.clone();
            if e.field == "started_on" {
                e.field = "date".into();
            }
            e
        })
        .collect();
    let context = StartForm {
        application,
        date: form.date.clone(),
        back: back.to_owned(),
        errors: page.field_errors(&errors),
    };
    Ok((
        status,
        page.render("recruitment/start.html", context).await?,
    )
        .into_response())
}

/// Mark as started: the form again on Back or bad input, the list of who the start closes
/// until it is confirmed, and the start itself on `confirmed=1`.
pub async fn start(
    page: &Page,
    actor_id: i32,
    id: i32,
    form: &MoveForm,
    pairs: &[(String, String)],
    back: &str,
) -> AppResult<Response> {
    if confirm::is_edit(pairs) {
        return start_form(page, StatusCode::OK, id, form, back, &[]).await;
    }
    let outcome = async {
        let request = move_request(form)?;
        let day = request
            .date
            .ok_or_else(|| AppError::validation("date", Message::new("field-required")))?;
        if confirm::is_confirmed(pairs) {
            let started = super::moves::advance(
                &page.state.db,
                &page.state.composer,
                Some(actor_id),
                id,
                request,
            )
            .await?;
            page.state
                .position_extensions
                .status_changed(&page.state, started.position_id)
                .await;
            return Ok(None);
        }
        Ok(Some((
            day,
            previews::start(&page.state.db, &page.state.composer, id, day).await?,
        )))
    }
    .await;
    match outcome {
        Ok(None) => {
            let stage = page.lang.text("stage-started");
            page.flash(
                FlashKind::Success,
                Message::new("application-moved").with("stage", stage),
            )
            .await?;
            Ok(Redirect::to(back).into_response())
        }
        Ok(Some((day, preview))) => start_confirmation(page, id, day, &preview, pairs, back).await,
        Err(AppError::Validation(errors)) => {
            start_form(
                page,
                StatusCode::UNPROCESSABLE_ENTITY,
                id,
                form,
                back,
                &errors,
            )
            .await
        }
        Err(error) => match failure_message(&error) {
            Some(message) => {
                page.flash(FlashKind::Error, message).await?;
                Ok(Redirect::to(back).into_response())
            }
            None => Err(error),
        },
    }
}

async fn start_confirmation(
    page: &Page,
    id: i32,
    day: NaiveDate,
    preview: &previews::StartPreview,
    pairs: &[(String, String)],
    back: &str,
) -> AppResult<Response> {
    let db = &page.state.db;
    let hire = views::card_of(db, pipeline::get(db, id).await?).await?;
    let mut ask = Confirmation::new(
        page,
        Message::new("confirm-start-title").with("name", hire.full_name.clone()),
        format!("/applications/{id}/move"),
    )
    .says(
        page,
        Message::new("confirm-start-recorded")
            .with("name", hire.full_name)
            .with(
                "date",
                crate::web::dates::format_date(day, page.lang.as_str() == "en"),
            ),
    );
    ask = if preview.fills_position {
        ask.says(
            page,
            Message::new("confirm-start-fills")
                .with_number("closed", preview.closes.len() as i64)
                .with_number("emails", preview.emails() as i64),
        )
    } else {
        ask.says(page, Message::new("confirm-start-not-filled"))
    };
    if let Some(hold) = crate::outbox::hold::notice_before(db, preview.emails()).await? {
        ask = ask.says(page, hold);
    }
    for c in &preview.closes {
        ask = ask.person(closed_person(page, c));
    }
    ask.carrying(pairs)
        .confirm_label(page, Message::new("confirm-start-go"))
        .back(back, true)
        .render(page)
        .await
}

/// One application a start or a cancellation closes, as its confirmation lists it.
pub fn closed_person(page: &Page, c: &previews::Closing) -> Affected {
    Affected {
        name: c.candidate_name.clone(),
        stage: Some(c.stage.clone()),
        note: Some(page.text(&Message::new(if c.email_queued {
            "confirm-gets-rejection"
        } else {
            "confirm-closed-no-email"
        }))),
        refused: false,
    }
}

/// Where Back on a confirmation goes.
pub enum Back<'a> {
    /// A link to the page the form was on.
    Link(&'a str),
    /// The form's own page again, as typed (Back re-posts with `edit=1`).
    Form,
}

/// What a move (one application or a bulk selection) would do, as a confirmation; `None`
/// when nothing would move, so the action itself says why (the rule's refusal).
pub async fn ask_moves(
    page: &Page,
    ids: &[i32],
    request: &MoveRequest,
    pairs: &[(String, String)],
    action: &str,
    back: Back<'_>,
) -> AppResult<Option<Response>> {
    let preview = previews::moves(&page.state.db, &page.state.composer, ids, request).await?;
    if preview.moving() == 0 {
        return Ok(None);
    }
    moves(page, preview, request, pairs, action, back)
        .await
        .map(Some)
}

/// The confirmation of a move (one application or a bulk selection) from its preview.
pub async fn moves(
    page: &Page,
    preview: MovesPreview,
    request: &MoveRequest,
    pairs: &[(String, String)],
    action: &str,
    back: Back<'_>,
) -> AppResult<Response> {
    let to = page.lang.text(&format!("stage-{}", request.to.as_str()));
    let mut ask = Confirmation::new(
        page,
        Message::new(if request.to == Stage::Rejected {
            "confirm-reject-title"
        } else {
            "confirm-move-title"
        })
        .with_number("count", preview.moving() as i64),
        action,
    );
    ask = if request.to == Stage::Rejected {
        ask.says(
            page,
            Message::new("confirm-reject-count").with_number("count", preview.moving() as i64),
        )
        .says(
            page,
            Message::new("confirm-reject-emails").with_number("count", preview.emails() as i64),
        )
    } else {
        ask.says(
            page,
            Message::new("confirm-move-count")
                .with_number("count", preview.moving() as i64)
                .with("stage", to),
        )
    };
    if request.to == Stage::Rejected
        && let Some(hold) =
            crate::outbox::hold::notice_before(&page.state.db, preview.emails()).await?
    {
        ask = ask.says(page, hold);
    }
    let refused = preview.lines.len() - preview.moving();
    if refused > 0 {
        ask = ask.says(
            page,
            Message::new("confirm-move-refused").with_number("count", refused as i64),
        );
    }
    for line in preview.lines {
        let note = match &line.refusal {
            Some(error) => failure_message(error).map(|m| page.text(&m)),
            None if line.email_queued => Some(page.text(&Message::new("confirm-gets-rejection"))),
            None => None,
        };
        ask = ask.person(Affected {
            name: line.candidate_name,
            stage: Some(line.stage),
            note,
            refused: line.refusal.is_some(),
        });
    }
    ask = match back {
        Back::Link(to) => ask.back(to, false),
        Back::Form => ask.back(action, true),
    };
    ask.carrying(pairs).render(page).await
}
