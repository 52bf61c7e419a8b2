//! References in the browser: the application's referees with forms to add one, log a call
//! or send a link; and the referee's own short form behind a one-time link, without sign-in.

use std::collections::BTreeMap;

use axum::extract::{Path, RawForm};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::model::{
    self, LinkProblem, QUESTIONS, RefereeFields, ReferenceAnswer, ReferenceView, VERDICTS,
};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::interviews::pages::{pairs, value};
use crate::recruitment::application_pages::report;
use crate::recruitment::{pipeline, views};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct ReferencesPage {
    application: views::ApplicationCard,
    position_title: String,
    consent: bool,
    references: Vec<ReferenceView>,
    questions: [&'static str; 6],
    verdicts: [&'static str; 3],
    can_manage: bool,
}

pub async fn list(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewReferences)?.clone();
    let db = &page.state.db;
    let application = views::card_of(db, pipeline::get(db, id).await?).await?;
    let person = crate::recruitment::candidates::get(db, application.candidate_id).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let context = ReferencesPage {
        references: model::for_application(db, id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        consent: person.reference_consent,
        application,
        position_title,
        questions: QUESTIONS,
        verdicts: VERDICTS,
        can_manage: user.can(Action::ManageReferences),
    };
    Ok(page
        .render("references/list.html", context)
        .await?
        .into_response())
}

pub async fn add(page: Page, Path(id): Path<i32>, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManageReferences)?.clone();
    let pairs = pairs(&body)?;
    let fields = RefereeFields {
        name: value(&pairs, "name"),
        company: value(&pairs, "company"),
        relation: value(&pairs, "relation"),
        email: Some(value(&pairs, "email")),
        phone: Some(value(&pairs, "phone")),
    };
    if let Err(error) = model::add(&page.state.db, user.id, id, fields).await {
        let path = format!("/applications/{id}/references");
        return page.show_again(&path, "reference-add", error).await;
    }
    report(&page, Ok(()), Message::new("reference-added")).await?;
    Ok(Redirect::to(&format!("/applications/{id}/references")).into_response())
}

fn answer_from(pairs: &[(String, String)]) -> ReferenceAnswer {
    ReferenceAnswer {
        answers: QUESTIONS
            .iter()
            .map(|q| (q.to_string(), value(pairs, &format!("q_{q}"))))
            .collect::<BTreeMap<_, _>>(),
        verdict: value(pairs, "verdict"),
        notes: value(pairs, "notes"),
    }
}

pub async fn log_call(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ManageReferences)?.clone();
    let found = model::get(&page.state.db, id).await?;
    let result = model::log_call(&page.state.db, user.id, id, answer_from(&pairs(&body)?)).await;
    if let Err(error) = result {
        let path = format!("/applications/{}/references", found.application_id);
        return page
            .show_again(&path, &format!("reference-call-{id}"), error)
            .await;
    }
    report(&page, Ok(()), Message::new("reference-logged")).await?;
    Ok(Redirect::to(&format!(
        "/applications/{}/references",
        found.application_id
    ))
    .into_response())
}

pub async fn request(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageReferences)?.clone();
    let found = model::get(&page.state.db, id).await?;
    let base = page.state.config.mail.public_url.clone();
    let result = model::request(&page.state.db, &page.state.composer, user.id, id, &base)
        .await
        .map(|_| ());
    report(&page, result, Message::new("reference-requested")).await?;
    Ok(Redirect::to(&format!(
        "/applications/{}/references",
        found.application_id
    ))
    .into_response())
}

/// The referee's form, as its template names it.
const REFEREE_FORM: &str = "referee";

#[derive(Serialize)]
struct RefereeForm {
    token: String,
    name: String,
    candidate: String,
    questions: [&'static str; 6],
    verdicts: [&'static str; 3],
}

#[derive(Serialize)]
struct LinkPage {
    problem: &'static str,
}

async fn link_problem(page: &mut Page, problem: LinkProblem) -> AppResult<Response> {
    let key = match problem {
        LinkProblem::Unknown => "used",
        LinkProblem::Expired(lang) => {
            page.lang = lang;
            "expired"
        }
    };
    Ok((
        StatusCode::GONE,
        page.render("references/link.html", LinkPage { problem: key })
            .await?,
    )
        .into_response())
}

/// The referee's form, in the candidate's language (referees have none of their own on record
/// and are usually the candidate's compatriots), whatever the browser or session says.
pub async fn referee_form(mut page: Page, Path(token): Path<String>) -> AppResult<Response> {
    match model::by_token(&page.state.db, &token).await? {
        Err(problem) => link_problem(&mut page, problem).await,
        Ok((found, candidate, lang)) => {
            page.lang = lang;
            let context = RefereeForm {
                token,
                name: found.name,
                candidate,
                questions: QUESTIONS,
                verdicts: VERDICTS,
            };
            Ok(page
                .render("references/referee_form.html", context)
                .await?
                .into_response())
        }
    }
}

pub async fn referee_answer(
    mut page: Page,
    Path(token): Path<String>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let pairs = pairs(&body)?;
    // Thanks and refusals in the form's language; the answer closes the link, so ask first.
    match model::by_token(&page.state.db, &token).await? {
        Ok((_, _, lang)) => page.lang = lang,
        Err(problem) => return link_problem(&mut page, problem).await,
    }
    match model::answer_by_token(&page.state.db, &token, answer_from(&pairs)).await {
        Ok(Ok(())) => {
            page.flash(FlashKind::Success, Message::new("reference-thanks"))
                .await?;
            Ok(page
                .render("references/link.html", LinkPage { problem: "thanks" })
                .await?
                .into_response())
        }
        Ok(Err(problem)) => link_problem(&mut page, problem).await,
        Err(error @ AppError::Validation(_)) => {
            page.show_again(&format!("/r/{token}"), REFEREE_FORM, error)
                .await
        }
        Err(other) => Err(other),
    }
}
