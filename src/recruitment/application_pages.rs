//! Pipeline actions from the browser — move, reject, withdraw, accept, start, follow up,
//! comment, bulk actions — and the list of applications with its filters. Each action calls
//! the same operation as the API, then goes back where the user came from with a message.

use axum::Form;
use axum::extract::{Path, Query, RawForm};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Serialize;

use super::confirm_pages::{self, Back};
use super::forms::{CommentForm, FollowUpForm, MoveForm};
use super::pipeline::{self, MoveRequest, SOURCES};
use super::previews;
use super::reasons::{self, Reason};
use super::views::{self, ApplicationCard, ApplicationFilter};
use crate::domain::access::Action;
use crate::domain::pipeline::{Stage, Via};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::Notice;
use crate::outbox::hold::{self, BatchKind};
use crate::positions;
use crate::web::confirm;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page, safe_return_path};

const PER_PAGE: u64 = 50;

/// Reads a move form into the operation's request; `None` when the stage is unknown.
pub fn move_request(form: &MoveForm) -> Result<MoveRequest, AppError> {
    let to = Stage::parse(form.to.trim())
        .ok_or_else(|| AppError::validation("to", Message::new("field-stage-invalid")))?;
    let via = match to {
        Stage::Rejected => Via::Reject,
        Stage::Withdrawn => Via::Withdraw,
        // `hired` comes only from an accepted offer (offers::model::accept): asked here, the
        // rule refuses it and names the moves that are allowed.
        Stage::Started => Via::StartedWork,
        _ => Via::Move,
    };
    let date = match form.date.trim() {
        "" => None,
        text => Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| AppError::validation("date", Message::new("field-date-invalid")))?,
        ),
    };
    Ok(MoveRequest {
        to,
        via,
        reason: Some(form.reason.clone()).filter(|r| !r.trim().is_empty()),
        note: Some(form.note.clone()).filter(|n| !n.trim().is_empty()),
        date,
        // The quick form sends the standard letter unless "don't email" is ticked; the
        // rejection page lets the recruiter read and edit it first.
        notice: if form.silent.is_some() {
            Notice::Silent
        } else {
            Notice::Standard
        },
        talent_pool: form.talent_pool.is_some().then_some(true),
        override_coverage: form.override_coverage.is_some(),
    })
}

/// The flash for a failed action: the rule's own words, or the first field message.
pub fn failure_message(error: &AppError) -> Option<Message> {
    match error {
        AppError::Conflict(message) => Some(message.clone()),
        AppError::Duplicate { message, .. } => Some(message.clone()),
        AppError::Validation(errors) => errors.first().map(|e| e.message.clone()),
        _ => None,
    }
}

/// Turns the outcome of an action into a flash: success, or the reason it was refused.
pub async fn report(page: &Page, result: AppResult<()>, success: Message) -> AppResult<()> {
    match result {
        Ok(()) => page.flash(FlashKind::Success, success).await,
        Err(error) => match failure_message(&error) {
            Some(message) => page.flash(FlashKind::Error, message).await,
            None => Err(error),
        },
    }
}

/// A stage change from a form. Recording a start and rejecting ask first (see
/// `confirm_pages`); other moves act at once.
pub async fn move_application(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let pairs = confirm::pairs(&body)?;
    let form: MoveForm = serde_urlencoded::from_bytes(&body)
        .map_err(|_| AppError::BadRequest(Message::new("error-validation")))?;
    let back = safe_return_path(form.back.as_deref());
    match form.to.trim() {
        "started" => return confirm_pages::start(&page, user.id, id, &form, &pairs, &back).await,
        // Back on the rejection's confirmation: the move form again as it was filled in.
        _ if confirm::is_edit(&pairs) => {
            return Ok(page.show_as_typed(&back, &format!("move-{id}")));
        }
        "rejected" if !confirm::is_confirmed(&pairs) => {
            if let Ok(request) = move_request(&form) {
                let action = format!("/applications/{id}/move");
                if let Some(ask) =
                    confirm_pages::ask_moves(&page, &[id], &request, &pairs, &action, Back::Form)
                        .await?
                {
                    return Ok(ask);
                }
            }
        }
        _ => {}
    }
    let result = async {
        let request = move_request(&form)?;
        let to = request.to;
        super::moves::advance(
            &page.state.db,
            &page.state.composer,
            Some(user.id),
            id,
            request,
        )
        .await?;
        Ok(to)
    }
    .await;
    let stage = match result {
        Ok(to) => page.lang.text(&format!("stage-{}", to.as_str())),
        Err(error) => return page.show_again(&back, &format!("move-{id}"), error).await,
    };
    report(
        &page,
        Ok(()),
        Message::new("application-moved").with("stage", stage),
    )
    .await?;
    Ok(Redirect::to(&back).into_response())
}

/// The same refusal with the API's field name `from` given as the form's `to`.
fn renamed(error: AppError, from: &str, to: &str) -> AppError {
    match error {
        AppError::Validation(errors) => AppError::Validation(
            errors
                .into_iter()
                .map(|mut e| {
                    if e.field == from {
                        e.field = to.to_owned();
                    }
                    e
                })
                .collect(),
        ),
        other => other,
    }
}

pub async fn follow_up(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<FollowUpForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let back = safe_return_path(form.back.as_deref());
    let result = async {
        match form.action.as_str() {
            "set" => {
                let on = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").map_err(|_| {
                    AppError::validation("date", Message::new("field-date-invalid"))
                })?;
                // The operation names the API's field; on this form the day is `date`.
                pipeline::set_next_contact(&page.state.db, user.id, id, on)
                    .await
                    .map_err(|error| renamed(error, "next_contact_on", "date"))?;
            }
            "contacted" => {
                pipeline::record_contact(&page.state.db, user.id, id, Some(form.note.clone()))
                    .await?;
            }
            _ => return Err(AppError::BadRequest(Message::new("error-validation"))),
        }
        Ok(())
    }
    .await;
    if let Err(error) = result {
        return page
            .show_again(&back, &format!("follow-up-{id}"), error)
            .await;
    }
    report(&page, Ok(()), Message::new("follow-up-saved")).await?;
    Ok(Redirect::to(&back).into_response())
}

pub async fn comment(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let back = safe_return_path(form.back.as_deref());
    if let Err(error) = pipeline::comment(&page.state.db, user.id, id, &form.text).await {
        return page.show_again(&back, "comment", error).await;
    }
    report(&page, Ok(()), Message::new("comment-added")).await?;
    Ok(Redirect::to(&back).into_response())
}

#[derive(Serialize)]
struct ListPage {
    items: Vec<ApplicationCard>,
    total: u64,
    filter: ApplicationFilter,
    positions: Vec<(i32, String)>,
    stages: Vec<&'static str>,
    sources: [&'static str; 6],
    reasons: Vec<Reason>,
    page: u64,
    pages: u64,
    /// The filters as a query string, for pagination links that keep them.
    query: String,
    back: String,
    can_manage: bool,
}

/// The list's query string as a browser's GET form sends it: every field text, empty when
/// not chosen, so a blank select is "all" rather than a malformed request.
#[derive(serde::Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    position_id: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    stale: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: String,
}

impl ListParams {
    fn filter(&self) -> ApplicationFilter {
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        ApplicationFilter {
            position_id: self.position_id.trim().parse().ok(),
            candidate_id: None,
            stage: text(&self.stage).filter(|s| Stage::parse(s).is_some()),
            source: text(&self.source),
            tag: text(&self.tag),
            q: text(&self.q),
            stale: (self.stale == "true").then_some(true),
            sort: text(&self.sort),
        }
    }
}

/// Every application, filtered, searchable and sortable, with bulk move and reject.
pub async fn list(page: Page, Query(params): Query<ListParams>) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?;
    let number = params
        .page
        .trim()
        .parse::<u64>()
        .unwrap_or(1)
        .clamp(1, crate::web::list::MAX_PAGE);
    let filter = params.filter();
    let (items, total) =
        views::list(&page.state.db, &filter, PER_PAGE, (number - 1) * PER_PAGE).await?;
    let (all_positions, _) = positions::model::list(&page.state.db, None, 200, 0).await?;
    let query = serde_urlencoded::to_string(&filter).unwrap_or_default();
    let context = ListPage {
        back: format!("/applications?{query}&page={number}"),
        items,
        total,
        positions: all_positions.into_iter().map(|p| (p.id, p.title)).collect(),
        stages: Stage::FLOW
            .into_iter()
            .chain([Stage::Rejected, Stage::Withdrawn])
            .map(Stage::as_str)
            .collect(),
        sources: SOURCES,
        reasons: reasons::list(&page.state.db, page.lang, true).await?,
        page: number,
        pages: total.div_ceil(PER_PAGE).max(1),
        query,
        filter,
        can_manage: user.can(Action::ManageCandidates),
    };
    Ok(page
        .render("recruitment/applications.html", context)
        .await?
        .into_response())
}

/// The bulk form's name for the input it keeps.
const BULK_FORM: &str = "bulk";

/// Moves or rejects the ticked applications, one by one through the same rule; says how
/// many went through and why the others did not.
pub async fn bulk(page: Page, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let pairs = confirm::pairs(&body)?;
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ids: Vec<i32> = pairs
        .iter()
        .filter(|(k, _)| k == "ids")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let back = safe_return_path(Some(&value("back")));
    // Back on the confirmation: the list again with the same boxes ticked and choices made.
    if confirm::is_edit(&pairs) {
        return Ok(page.show_as_typed(&back, BULK_FORM));
    }
    if ids.is_empty() {
        let error = AppError::validation("ids", Message::new("bulk-none-selected"));
        return page.show_again(&back, BULK_FORM, error).await;
    }
    let form = MoveForm {
        to: value("to"),
        reason: value("reason"),
        note: value("note"),
        ..Default::default()
    };
    let request = match move_request(&form) {
        Ok(request) => request,
        Err(error) => return page.show_again(&back, BULK_FORM, error).await,
    };
    // A bulk move or rejection says how many move and how many get a letter before it acts;
    // when none would move, the form comes back as typed with the rule's reason.
    if !confirm::is_confirmed(&pairs) {
        let preview = previews::moves(&page.state.db, &page.state.composer, &ids, &request).await?;
        if preview.moving() > 0 {
            let action = "/applications/bulk";
            return confirm_pages::moves(&page, preview, &request, &pairs, action, Back::Form)
                .await;
        }
        if let Some(error) = preview.lines.into_iter().find_map(|line| line.refusal) {
            return page.show_again(&back, BULK_FORM, error).await;
        }
    }
    // The letters this action sends wait together, so that they can be called back.
    let kind = if form.to.trim() == Stage::Rejected.as_str() {
        BatchKind::BulkReject
    } else {
        BatchKind::BulkMove
    };
    let held = hold::start(&page.state.db, kind, None, Some(user.id)).await?;
    let composer = page.state.composer.held(held);
    let mut done = 0;
    let mut refused = Vec::new();
    for id in &ids {
        let outcome = match move_request(&form) {
            Ok(request) => {
                super::moves::advance(&page.state.db, &composer, Some(user.id), *id, request)
                    .await
                    .map(|_| ())
            }
            Err(err) => Err(err),
        };
        match outcome {
            Ok(()) => done += 1,
            Err(err) => match failure_message(&err) {
                Some(message) => refused.push(page.text(&message)),
                None => return Err(err),
            },
        }
    }
    let emails_held = hold::discard_if_empty(&page.state.db, held).await?;
    if refused.is_empty() {
        let message = if emails_held > 0 {
            hold::undo_notice(held, done, emails_held)
        } else {
            Message::new("bulk-done").with_number("count", done)
        };
        page.flash(FlashKind::Success, message).await?;
    } else {
        refused.dedup();
        page.flash(
            FlashKind::Error,
            Message::new("bulk-partial")
                .with_number("count", done)
                .with_number("refused", (ids.len() - done as usize) as i64)
                .with("why", refused.join(" ")),
        )
        .await?;
    }
    Ok(Redirect::to(&back).into_response())
}
