//! Position pages: the list, a new position, and a position's profile with its status actions.
//! They call the same operations as the API (`positions::model`).

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Serialize;

use super::forms::{PositionFilter, PositionForm, StatusForm};
use super::model;
use super::profile_form::{Choices, Preview, choices, fields_from, form_from, preview, rendered};
use super::reference;
use crate::domain::access::Action;
use crate::domain::position_status::{PositionStatus, StatusAction};
use crate::domain::role_variant::RoleVariant;
use crate::entities::position;
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::previews::Closing;
use crate::web::confirm::Confirmation;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

const PER_PAGE: u64 = 50;

#[derive(Serialize)]
struct ListPage {
    positions: Vec<position::Model>,
    statuses: [&'static str; 5],
    status: String,
    can_manage: bool,
    page: u64,
    pages: u64,
}

pub async fn list(page: Page, Query(filter): Query<PositionFilter>) -> AppResult<Response> {
    let user = page.require(Action::ViewPositions)?;
    let status = filter.status.as_deref().and_then(PositionStatus::parse);
    let number = filter
        .page
        .unwrap_or(1)
        .clamp(1, crate::web::list::MAX_PAGE);
    let (positions, total) =
        model::list(&page.state.db, status, PER_PAGE, (number - 1) * PER_PAGE).await?;
    let context = ListPage {
        positions,
        statuses: ["draft", "open", "on_hold", "filled", "cancelled"],
        status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        can_manage: user.can(Action::ManagePositions),
        page: number,
        pages: total.div_ceil(PER_PAGE).max(1),
    };
    Ok(page
        .render("positions/list.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct FormPage {
    id: Option<i32>,
    /// The position's saved title (the form may hold an edited one).
    title: String,
    form: PositionForm,
    errors: BTreeMap<String, String>,
    conflict: Option<String>,
    grades: Vec<(String, String)>,
    choices: Choices,
    /// The Markdown fields as safe HTML, by form name, for reading.
    rendered: BTreeMap<&'static str, String>,
    /// The vacancy texts the typed profile gives, after Preview.
    preview: Option<Preview>,
    /// For an existing position: status, dates, allowed actions, time to fill.
    position: Option<PositionFacts>,
    /// Team, channels and the edited vacancy texts, for an existing position.
    extras: Option<super::profile_pages::PositionExtras>,
    /// No position exists yet: the form asks first where the role sits in the org chart.
    first_hire: bool,
    can_manage: bool,
}

#[derive(Serialize)]
struct PositionFacts {
    status: String,
    slug: String,
    opened_on: Option<NaiveDate>,
    filled_on: Option<NaiveDate>,
    actions: Vec<&'static str>,
    calendar_days: Option<i64>,
    working_days: Option<i64>,
}

fn facts(p: &position::Model) -> PositionFacts {
    let status = PositionStatus::parse(&p.status).unwrap_or(PositionStatus::Draft);
    let fill = model::time_to_fill(p, chrono::Utc::now().date_naive());
    PositionFacts {
        status: p.status.clone(),
        slug: p.slug.clone(),
        opened_on: p.opened_on,
        filled_on: p.filled_on,
        actions: status.actions(),
        calendar_days: fill.map(|f| f.0),
        working_days: fill.map(|f| f.1),
    }
}

/// What a form comes back with besides what was typed.
#[derive(Default)]
struct Outcome {
    errors: Vec<FieldError>,
    conflict: Option<Message>,
    preview: Option<Preview>,
}

impl Outcome {
    fn errors(errors: Vec<FieldError>) -> Self {
        Outcome {
            errors,
            ..Default::default()
        }
    }
}

async fn render_form(
    page: &Page,
    status: StatusCode,
    form: PositionForm,
    outcome: Outcome,
    position: Option<&position::Model>,
    read_only: bool,
) -> AppResult<Response> {
    let user = page.require(Action::ViewPositions)?;
    let grades = reference::grades(&page.state.db)
        .await?
        .into_iter()
        .map(|g| {
            (
                g.code.clone(),
                reference::grade_name(&g, page.lang).to_owned(),
            )
        })
        .collect();
    let extras = match position.filter(|_| read_only) {
        Some(p) => Some(super::profile_pages::extras(page, p).await?),
        None => None,
    };
    let id = position.map(|p| p.id);
    let first_hire = id.is_none() && model::list(&page.state.db, None, 1, 0).await?.1 == 0;
    let context = FormPage {
        first_hire,
        extras,
        id,
        title: position.map(|p| p.title.clone()).unwrap_or_default(),
        rendered: rendered(&form),
        form,
        errors: page.field_errors(&outcome.errors),
        conflict: outcome.conflict.map(|m| page.text(&m)),
        grades,
        choices: choices(page.lang),
        preview: outcome.preview,
        position: position.map(facts),
        can_manage: user.can(Action::ManagePositions),
    };
    let template = if read_only {
        "positions/show.html"
    } else {
        "positions/profile_form.html"
    };
    Ok((status, page.render(template, context).await?).into_response())
}

pub async fn new(page: Page) -> AppResult<Response> {
    page.require(Action::ManagePositions)?;
    let form = PositionForm {
        grade: "middle".into(),
        headcount: "1".into(),
        role_variant: RoleVariant::default().code().into(),
        ..Default::default()
    };
    render_form(&page, StatusCode::OK, form, Outcome::default(), None, false).await
}

/// The Preview button: the form again as typed with the vacancy texts it would give, and the
/// messages for anything that would be refused; nothing is saved.
async fn show_preview(
    page: &Page,
    form: PositionForm,
    position: Option<&position::Model>,
) -> AppResult<Response> {
    let (errors, preview) = match fields_from(&form) {
        Err(errors) => (errors, None),
        Ok(fields) => {
            let errors = match model::check(&page.state.db, &fields).await {
                Ok(()) => Vec::new(),
                Err(AppError::Validation(errors)) => errors,
                Err(other) => return Err(other),
            };
            (errors, Some(preview(page, &fields).await?))
        }
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let outcome = Outcome {
        errors,
        conflict: None,
        preview,
    };
    render_form(page, status, form, outcome, position, false).await
}

pub async fn create(page: Page, Form(form): Form<PositionForm>) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?;
    if form.action == "preview" {
        return show_preview(&page, form, None).await;
    }
    let result = match fields_from(&form) {
        Ok(fields) => model::create(&page.state.db, user.id, fields).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(created) => {
            page.flash(FlashKind::Success, Message::new("position-created"))
                .await?;
            Ok(Redirect::to(&format!("/positions/{}", created.id)).into_response())
        }
        Err(AppError::Validation(errors)) => {
            render_form(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                Outcome::errors(errors),
                None,
                false,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// A position read as a whole: profile, team, market, channels and vacancy texts, each part
/// with its own link to a page that edits that part alone, so that saving one never costs
/// unsaved edits in another.
pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ViewPositions)?;
    let position = model::get(&page.state.db, id).await?;
    render_form(
        &page,
        StatusCode::OK,
        form_from(&position),
        Outcome::default(),
        Some(&position),
        true,
    )
    .await
}

/// The profile's form on its own page.
pub async fn edit(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManagePositions)?;
    let position = model::get(&page.state.db, id).await?;
    render_form(
        &page,
        StatusCode::OK,
        form_from(&position),
        Outcome::default(),
        Some(&position),
        false,
    )
    .await
}

pub async fn update(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<PositionForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?;
    if form.action == "preview" {
        let position = model::get(&page.state.db, id).await?;
        return show_preview(&page, form, Some(&position)).await;
    }
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    let result = match fields_from(&form) {
        Ok(fields) => model::update(&page.state.db, user.id, id, version, fields).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("position-saved"))
                .await?;
            Ok(Redirect::to(&format!("/positions/{id}")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let position = model::get(&page.state.db, id).await?;
            render_form(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                Outcome::errors(errors),
                Some(&position),
                false,
            )
            .await
        }
        // A stale edit: show what the user typed beside the conflict, so nothing is lost.
        Err(AppError::Conflict(message)) => {
            let position = model::get(&page.state.db, id).await?;
            render_form(
                &page,
                StatusCode::CONFLICT,
                form,
                Outcome {
                    conflict: Some(message),
                    ..Default::default()
                },
                Some(&position),
                false,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

pub async fn change_status(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<StatusForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?;
    if form.edit == "1" {
        return Ok(page.show_as_typed(&format!("/positions/{id}"), "status"));
    }
    let action = match form.action.as_str() {
        "open" => StatusAction::Open,
        "hold" => StatusAction::Hold,
        "cancel" => StatusAction::Cancel,
        _ => {
            return Err(AppError::BadRequest(Message::new(
                "field-position-status-invalid",
            )));
        }
    };
    if action == StatusAction::Cancel && form.confirmed != "1" {
        return match model::cancel_preview(&page.state.db, &page.state.composer, id).await {
            Ok(closes) => confirm_cancel(&page, id, &closes).await,
            Err(AppError::Conflict(message)) => {
                page.flash(FlashKind::Error, message).await?;
                Ok(Redirect::to(&format!("/positions/{id}")).into_response())
            }
            Err(other) => Err(other),
        };
    }
    match model::change_status(&page.state.db, &page.state.composer, user.id, id, action).await {
        Ok(updated) => {
            page.state
                .position_extensions
                .status_changed(&page.state, id)
                .await;
            let key = format!("position-status-{}", updated.status);
            let status = page.lang.text(&key);
            page.flash(
                FlashKind::Success,
                Message::new("position-status-changed").with("status", status),
            )
            .await?;
        }
        Err(AppError::Conflict(message)) => page.flash(FlashKind::Error, message).await?,
        Err(other) => return Err(other),
    }
    Ok(Redirect::to(&format!("/positions/{id}")).into_response())
}

/// Cancelling says how many applications close and how many people get the letter.
async fn confirm_cancel(page: &Page, id: i32, closes: &[Closing]) -> AppResult<Response> {
    let title = model::get(&page.state.db, id).await?.title;
    let emails = closes.iter().filter(|c| c.email_queued).count();
    let mut ask = Confirmation::new(
        page,
        Message::new("confirm-cancel-title").with("title", title),
        format!("/positions/{id}/status"),
    )
    .says(
        page,
        Message::new("confirm-cancel-closes")
            .with_number("closed", closes.len() as i64)
            .with_number("emails", emails as i64),
    );
    if let Some(hold) = crate::outbox::hold::notice_before(&page.state.db, emails).await? {
        ask = ask.says(page, hold);
    }
    for c in closes {
        ask = ask.person(crate::recruitment::confirm_pages::closed_person(page, c));
    }
    ask.carrying(&[("action".to_owned(), "cancel".to_owned())])
        .confirm_label(page, Message::new("confirm-cancel-go"))
        .back(format!("/positions/{id}/status"), true)
        .render(page)
        .await
}
