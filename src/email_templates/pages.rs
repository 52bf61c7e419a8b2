//! Templates and the compose page in the browser. Composing works without JavaScript: picking
//! a template reloads the page with its text; Preview posts the form and shows it again with
//! the email as the candidate will see it; Send queues it and returns to the card.

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::compose::{self, ApplicationChoice};
use super::forms::{self, ComposeStep};
use super::model::{self, TemplateView};
use super::render::VARIABLES;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::outbox::emails::{Rendered, lang_of};
use crate::recruitment::candidates;
use crate::web::confirm::{self, Confirmation};
use crate::web::i18n::{Lang, Message};
use crate::web::{FlashKind, Page};

/// The variables as they are typed, for the hint beside a body.
fn variables() -> Vec<String> {
    VARIABLES.iter().map(|v| format!("{{{{ {v} }}}}")).collect()
}

#[derive(Serialize)]
struct ListPage {
    templates: Vec<TemplateView>,
    variables: Vec<String>,
}

pub async fn list(page: Page) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let templates = model::list(&page.state.db, None).await?;
    Ok(page
        .render(
            "email_templates/list.html",
            ListPage {
                templates,
                variables: variables(),
            },
        )
        .await?
        .into_response())
}

pub async fn create(page: Page, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let pairs = confirm::pairs(&body)?;
    match model::create(&page.state.db, user.id, forms::template(&pairs)).await {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("email-template-saved"))
                .await?;
            Ok(Redirect::to("/email-templates").into_response())
        }
        Err(error) => {
            page.show_again("/email-templates", "email-template-add", error)
                .await
        }
    }
}

#[derive(Serialize)]
struct EditPage {
    template: TemplateView,
    variables: Vec<String>,
}

pub async fn edit(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let template = model::get(&page.state.db, id).await?.into();
    Ok(page
        .render(
            "email_templates/edit.html",
            EditPage {
                template,
                variables: variables(),
            },
        )
        .await?
        .into_response())
}

pub async fn update(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let pairs = confirm::pairs(&body)?;
    match model::update(&page.state.db, user.id, id, forms::template(&pairs)).await {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("email-template-saved"))
                .await?;
            Ok(Redirect::to("/email-templates").into_response())
        }
        Err(error) => {
            page.show_again(
                &format!("/email-templates/{id}"),
                "email-template-edit",
                error,
            )
            .await
        }
    }
}

/// Asks first (the confirmation page), then deletes.
pub async fn delete(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let pairs = confirm::pairs(&body)?;
    let template = model::get(&page.state.db, id).await?;
    if !confirm::is_confirmed(&pairs) {
        return Confirmation::new(
            &page,
            Message::new("email-template-delete-title").with("name", template.name),
            format!("/email-templates/{id}/delete"),
        )
        .says(&page, Message::new("email-template-delete-what"))
        .carrying(&pairs)
        .confirm_label(&page, Message::new("email-template-delete-go"))
        .back(format!("/email-templates/{id}"), false)
        .render(&page)
        .await;
    }
    model::delete(&page.state.db, user.id, id).await?;
    page.flash(FlashKind::Success, Message::new("email-template-deleted"))
        .await?;
    Ok(Redirect::to("/email-templates").into_response())
}

#[derive(Deserialize)]
pub struct ComposeQuery {
    template: Option<i32>,
}

#[derive(Serialize)]
struct Person {
    id: i32,
    full_name: String,
    email: Option<String>,
    lang: &'static str,
}

#[derive(Serialize)]
struct ComposePage {
    person: Person,
    /// Why the candidate cannot be written to (erased, no address), if so.
    problem: Option<String>,
    /// The templates in the candidate's language, then the others.
    templates: Vec<TemplateView>,
    other_templates: Vec<TemplateView>,
    template_id: Option<i32>,
    subject: String,
    body: String,
    applications: Vec<ApplicationChoice>,
    application_id: Option<i32>,
    variables: Vec<String>,
    preview: Option<Rendered>,
}

async fn compose_page(
    page: &Page,
    id: i32,
    template_id: Option<i32>,
    typed: Option<(String, String, Option<i32>)>,
    preview: Option<Rendered>,
) -> AppResult<Response> {
    let db = &page.state.db;
    let person = candidates::get(db, id).await?;
    let lang = lang_of(&person);
    let problem = match compose::recipient(db, id).await {
        Ok(_) => None,
        Err(AppError::Conflict(message)) => Some(page.text(&message)),
        Err(other) => return Err(other),
    };
    let (templates, other_templates): (Vec<TemplateView>, Vec<TemplateView>) =
        model::list(db, None)
            .await?
            .into_iter()
            .partition(|t| Lang::parse(&t.lang) == Some(lang));
    let chosen = template_id.and_then(|wanted| {
        templates
            .iter()
            .chain(other_templates.iter())
            .find(|t| t.id == wanted)
            .cloned()
    });
    let applications = compose::applications_of(db, id).await?;
    let (subject, body, application_id) = match typed {
        Some(typed) => typed,
        None => (
            chosen
                .as_ref()
                .map(|t| t.subject.clone())
                .unwrap_or_default(),
            chosen.as_ref().map(|t| t.body.clone()).unwrap_or_default(),
            applications.first().map(|a| a.id),
        ),
    };
    let context = ComposePage {
        person: Person {
            id: person.id,
            full_name: person.full_name.clone(),
            email: person.email.clone(),
            lang: lang.as_str(),
        },
        problem,
        templates,
        other_templates,
        template_id: chosen.map(|t| t.id),
        subject,
        body,
        applications,
        application_id,
        variables: variables(),
        preview,
    };
    Ok(page
        .render("email_templates/compose.html", context)
        .await?
        .into_response())
}

pub async fn compose(
    page: Page,
    Path(id): Path<i32>,
    Query(query): Query<ComposeQuery>,
) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    compose_page(&page, id, query.template, None, None).await
}

/// Preview (shows the form again with the email filled in, nothing stored) or Send.
pub async fn compose_post(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let path = format!("/candidates/{id}/email/new");
    let pairs = confirm::pairs(&body)?;
    let (request, step) = match forms::compose(&pairs) {
        Ok(read) => read,
        Err(error) => return page.show_again(&path, "compose", error).await,
    };
    let state = &page.state;
    match step {
        ComposeStep::Preview => {
            match compose::prepare(&state.db, &state.composer, &user, id, &request).await {
                Ok(draft) => {
                    let typed = (
                        request.subject.clone().unwrap_or_default(),
                        request.body.clone().unwrap_or_default(),
                        request.application_id,
                    );
                    compose_page(&page, id, None, Some(typed), Some(draft.rendered)).await
                }
                Err(error) => page.show_again(&path, "compose", error).await,
            }
        }
        ComposeStep::Send => {
            match compose::send(&state.db, &state.composer, &user, id, &request).await {
                Ok(_) => {
                    page.flash(FlashKind::Success, Message::new("compose-queued"))
                        .await?;
                    Ok(Redirect::to(&format!("/candidates/{id}#emails")).into_response())
                }
                Err(error) => page.show_again(&path, "compose", error).await,
            }
        }
    }
}
