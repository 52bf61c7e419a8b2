//! Writing to a candidate from the card: a template (or free text) filled with the candidate's,
//! the position's, the recruiter's and the agency's names, previewed as the candidate will see
//! it and queued through the outbox as a `candidate_message`. The outbox row carries the
//! candidate's address and the application, so the card's email log lists it, and its
//! Message-ID lets the mailbox match a reply to it.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model;
use super::render::{self, Variables};
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::text::TextKind;
use crate::entities::{application, candidate, outbox_message, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::{Composer, Rendered, lang_of};
use crate::outbox::model::Email;
use crate::recruitment::candidates;
use crate::web::i18n::{Lang, Message};

/// The outbox kind of an email a recruiter wrote to a candidate.
pub const KIND: &str = "candidate_message";

/// What to send: a template, or a subject and a body (which may use the same variables).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct ComposeRequest {
    pub subject: Option<String>,
    pub body: Option<String>,
    pub template_id: Option<i32>,
    /// The application the email is about; needed for `{{ position.title }}` when the
    /// candidate has several.
    pub application_id: Option<i32>,
}

/// One of the candidate's applications, to pick what the email is about.
#[derive(Clone, Debug, Serialize)]
pub struct ApplicationChoice {
    pub id: i32,
    pub title: String,
}

/// The agency's name as candidates read it: the agency settings' name, else the mail sender's
/// display name.
pub fn agency_name(composer: &Composer) -> String {
    composer.signature()
}

/// The candidate's applications, newest first, with their positions' titles.
pub async fn applications_of(
    db: &DatabaseConnection,
    candidate_id: i32,
) -> AppResult<Vec<ApplicationChoice>> {
    let found = application::Entity::find()
        .filter(application::Column::CandidateId.eq(candidate_id))
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    let titles: std::collections::HashMap<i32, String> = position::Entity::find()
        .filter(position::Column::Id.is_in(found.iter().map(|a| a.position_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    Ok(found
        .into_iter()
        .map(|a| ApplicationChoice {
            id: a.id,
            title: titles.get(&a.position_id).cloned().unwrap_or_default(),
        })
        .collect())
}

/// A person who can be written to: not erased, with an address.
pub async fn recipient(db: &DatabaseConnection, id: i32) -> AppResult<candidate::Model> {
    let person = candidates::get(db, id).await?;
    if person.erased_at.is_some() {
        return Err(AppError::Conflict(Message::new("candidate-erased")));
    }
    if person.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
        return Err(AppError::Conflict(Message::new("compose-no-email")));
    }
    Ok(person)
}

/// The email filled in, before it is queued.
pub struct Draft {
    pub person: candidate::Model,
    pub lang: Lang,
    pub application_id: Option<i32>,
    pub rendered: Rendered,
}

/// Fills the request in for candidate `id`: the preview shows it, sending queues it.
pub async fn prepare(
    db: &DatabaseConnection,
    composer: &Composer,
    sender: &CurrentUser,
    id: i32,
    request: &ComposeRequest,
) -> AppResult<Draft> {
    let person = recipient(db, id).await?;
    let (subject, body, lang) = match request.template_id {
        Some(template_id) => {
            let template = model::get(db, template_id).await.map_err(|e| match e {
                AppError::NotFound => {
                    AppError::validation("template_id", Message::new("compose-template-missing"))
                }
                other => other,
            })?;
            let lang = Lang::parse(&template.lang).unwrap_or_else(|| lang_of(&person));
            (template.subject, template.body, lang)
        }
        None => (
            request.subject.clone().unwrap_or_default(),
            request.body.clone().unwrap_or_default(),
            lang_of(&person),
        ),
    };
    let (subject, body) = (subject.trim(), body.trim());
    let mut errors = Vec::new();
    for (field, value) in [("subject", subject), ("body", body)] {
        if value.is_empty() {
            errors.push(FieldError::new(field, Message::new("field-required")));
        }
    }
    errors.extend(FieldError::text("subject", TextKind::Line, subject));
    errors.extend(FieldError::text("body", TextKind::Text, body));
    let applications = applications_of(db, person.id).await?;
    let chosen = match request.application_id {
        Some(wanted) => match applications.iter().find(|a| a.id == wanted) {
            Some(found) => Some(found.clone()),
            None => {
                errors.push(FieldError::new(
                    "application_id",
                    Message::new("compose-application-not-theirs"),
                ));
                None
            }
        },
        // With one application there is nothing to choose.
        None if applications.len() == 1 => applications.first().cloned(),
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let vars = Variables::new(
        &person.full_name,
        chosen.as_ref().map(|a| a.title.as_str()),
        sender.name.clone(),
        agency_name(composer),
    );
    let filled_subject = render::fill("subject", subject, &vars);
    let filled_body = render::fill("body", body, &vars);
    let (subject, text) = match (filled_subject, filled_body) {
        (Ok(s), Ok(b)) => (s, b),
        (s, b) => {
            let mut errors: Vec<FieldError> = [s.err(), b.err()].into_iter().flatten().collect();
            errors.dedup_by(|a, b| a.field == b.field);
            return Err(AppError::Validation(errors));
        }
    };
    // A name filled into the subject must not break it into header lines.
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let paragraphs: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.lines().collect())
        .collect();
    let rendered = composer.render(
        KIND,
        lang,
        minijinja::context! { subject => &subject, text => text.trim(), paragraphs => paragraphs },
    )?;
    Ok(Draft {
        person,
        lang,
        application_id: chosen.map(|a| a.id),
        rendered,
    })
}

/// Queues the email for candidate `id` through the outbox.
#[tracing::instrument(skip(db, composer, sender, request), fields(sender = sender.id))]
pub async fn send(
    db: &DatabaseConnection,
    composer: &Composer,
    sender: &CurrentUser,
    id: i32,
    request: &ComposeRequest,
) -> AppResult<outbox_message::Model> {
    let draft = prepare(db, composer, sender, id, request).await?;
    let email = Email {
        kind: KIND,
        to_email: draft.person.email.clone().unwrap_or_default(),
        to_name: Some(draft.person.full_name.clone()),
        lang: draft.lang,
        subject: draft.rendered.subject,
        body_text: draft.rendered.text,
        body_html: draft.rendered.html,
        ics: None,
        application_id: draft.application_id,
    };
    let txn = crate::db::write(db).await?;
    let queued = composer.queue(&txn, Some(sender.id), email).await?;
    AuditEvent::new(Some(sender.id), "candidate.email", "candidate")
        .id(id)
        .details(serde_json::json!({
            "outbox_id": queued.id,
            "template_id": request.template_id,
            "application_id": draft.application_id,
        }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(queued)
}
