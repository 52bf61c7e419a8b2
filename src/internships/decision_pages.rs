//! The decision at the end of the month, on the page: the evidence, the form (asking why when
//! it is early), a confirmation saying what the decision changes, then the decision itself.

use std::collections::BTreeMap;

use axum::extract::{Path, RawForm};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use sea_orm::EntityTrait;
use serde::Serialize;

use super::decision::{self, Checked, DecisionInput};
use super::model;
use super::pages::today;
use super::view::{self, InternshipView};
use crate::domain::access::Action;
use crate::domain::internship::{Department, Outcome};
use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::interviews::pages::pairs;
use crate::web::confirm::{self, Confirmation};
use crate::web::dates;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct DecisionPage {
    i: InternshipView,
    competencies: Vec<crate::entities::competency::Model>,
    outcomes: Vec<&'static str>,
    departments: Vec<&'static str>,
    form: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    refusal: Option<String>,
    /// The day the programme's last week starts, when deciding today is early.
    early: Option<NaiveDate>,
}

async fn decision_context(
    page: &Page,
    id: i32,
    form: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    refusal: Option<String>,
) -> AppResult<DecisionPage> {
    let user = page.user()?;
    let (found, seat) = model::open(&page.state.db, user, id).await?;
    if !seat.may_mentor() && !user.can(Action::ViewInternships) {
        return Err(AppError::Forbidden);
    }
    let mut full: BTreeMap<String, String> = ["outcome", "department", "reason", "early_reason"]
        .into_iter()
        .map(|k| (k.to_owned(), String::new()))
        .collect();
    full.extend(form);
    Ok(DecisionPage {
        form: full,
        competencies: crate::positions::reference::competencies(&page.state.db).await?,
        i: view::build(&page.state.db, &found, seat, page.lang, today()).await?,
        outcomes: Outcome::ALL.iter().map(|o| o.as_str()).collect(),
        departments: Department::ALL.iter().map(|d| d.as_str()).collect(),
        errors,
        refusal,
        early: if found.status == super::model::DECIDED {
            None
        } else {
            decision::early_until(&page.state.db, &found, page.state.agency.get().today()).await?
        },
    })
}

/// The evidence of the month on one page, and the decision form under it.
pub async fn decision_page(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let context = decision_context(&page, id, BTreeMap::new(), BTreeMap::new(), None).await?;
    Ok(page
        .render("internships/decision.html", context)
        .await?
        .into_response())
}

pub async fn decide(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.user()?.clone();
    // A malformed body reads as an empty form, so the decision checks access before input.
    let form: BTreeMap<String, String> = pairs(&body).unwrap_or_default().into_iter().collect();
    let input = DecisionInput {
        outcome: form.get("outcome").cloned().unwrap_or_default(),
        department: form.get("department").cloned(),
        reason: form.get("reason").cloned().unwrap_or_default(),
        early_reason: form.get("early_reason").cloned().unwrap_or_default(),
    };
    if form.get(confirm::EDIT).map(String::as_str) == Some("1") {
        let context = decision_context(&page, id, form, BTreeMap::new(), None).await?;
        return Ok(page
            .render("internships/decision.html", context)
            .await?
            .into_response());
    }
    if form.get(confirm::CONFIRMED).map(String::as_str) != Some("1") {
        return match decision::check(
            &page.state.db,
            &user,
            id,
            &input,
            page.state.agency.get().today(),
        )
        .await
        {
            Ok(checked) => confirm_decision(&page, checked, &input, &form).await,
            // Early without a reason: the page asks for it beside its field.
            Err(AppError::Conflict(message)) if message.key == "internship-decision-early" => {
                let errors = BTreeMap::from([("early_reason".to_owned(), page.text(&message))]);
                let context = decision_context(&page, id, form, errors, None).await?;
                Ok(page
                    .render_invalid("internships/decision.html", context)
                    .await?
                    .into_response())
            }
            Err(error) => decision_refused(&page, id, form, error).await,
        };
    }
    let base = page.state.config.mail.public_url.clone();
    match decision::decide(
        &page.state.db,
        &page.state.composer,
        &user,
        &base,
        id,
        input,
    )
    .await
    {
        Ok(_) => {
            page.flash(
                FlashKind::Success,
                Message::new("internship-decision-saved"),
            )
            .await?;
            Ok(Redirect::to(&format!("/internships/{id}")).into_response())
        }
        Err(error) => decision_refused(&page, id, form, error).await,
    }
}

/// A refused decision: the form again with its field errors (422) or the rule's words (409).
async fn decision_refused(
    page: &Page,
    id: i32,
    form: BTreeMap<String, String>,
    error: AppError,
) -> AppResult<Response> {
    match error {
        AppError::Validation(errors) => {
            let errors = page.field_errors(&errors);
            let context = decision_context(page, id, form, errors, None).await?;
            Ok(page
                .render_invalid("internships/decision.html", context)
                .await?
                .into_response())
        }
        AppError::Conflict(message) => {
            let refusal = Some(page.text(&message));
            let context = decision_context(page, id, form, BTreeMap::new(), refusal).await?;
            Ok((
                StatusCode::CONFLICT,
                page.render("internships/decision.html", context).await?,
            )
                .into_response())
        }
        other => Err(other),
    }
}

/// What the decision does, said before it is recorded: it is final, what changes on the
/// person's record, the email, and the early reason when there is one.
async fn confirm_decision(
    page: &Page,
    checked: Checked,
    input: &DecisionInput,
    form: &BTreeMap<String, String>,
) -> AppResult<Response> {
    let id = checked.found.id;
    let intern = user::Entity::find_by_id(checked.found.intern_id)
        .one(&page.state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = intern.name;
    let outcome = page
        .lang
        .text(&format!("outcome-{}", checked.outcome.as_str()));
    let mut ask = Confirmation::new(
        page,
        Message::new("confirm-decision-title")
            .with("name", name.clone())
            .with("outcome", outcome),
        format!("/internships/{id}/decision"),
    )
    .says(page, Message::new("confirm-decision-final"));
    ask = match checked.outcome {
        Outcome::Promote => ask.says(
            page,
            Message::new("confirm-decision-promote").with("name", name.clone()),
        ),
        Outcome::Transfer => ask.says(
            page,
            Message::new("confirm-decision-transfer").with("name", name.clone()),
        ),
        Outcome::StayIntern | Outcome::PartWays => ask,
    };
    ask = ask.says(
        page,
        Message::new("confirm-decision-email").with("name", name),
    );
    if let Some(starts) = checked.early {
        ask = ask.says(
            page,
            Message::new("confirm-decision-early")
                .with(
                    "date",
                    dates::format_date(starts, page.lang.as_str() == "en"),
                )
                .with("reason", input.early_reason.trim()),
        );
    }
    let pairs: Vec<(String, String)> = form.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    ask.carrying(&pairs)
        .confirm_label(page, Message::new("confirm-decision-go"))
        .back(format!("/internships/{id}/decision"), true)
        .render(page)
        .await
}
