//! The public job page of an open position (`/jobs/{slug}`, no sign-in): the vacancy text and
//! an application form. The consent to data processing is its own document, agreed to
//! explicitly and recorded with its version, hash, time and address. A honeypot field and a
//! per-address limit shared by all instances keep bots out.

use std::collections::HashMap;

use axum::extract::{Multipart, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use super::candidates::{self, CandidateFields};
use super::consent::{
    CONSENT_TEXT_VERSION, ConsentRecord, PURPOSE_REFEREES, PURPOSE_TALENT_POOL, consent_text,
    document, record_consent,
};
use super::forms::read_upload_keeping;
use super::pipeline;
use crate::domain::contacts::{normalize_email, normalize_phone};
use crate::domain::text::TextKind;
use crate::entities::{application, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::files::{self, Upload};
use crate::outbox::emails;
use crate::web::client::ClientMeta;
use crate::web::i18n::Message;
use crate::web::{Page, kept, rate_limit};

/// The field a person never sees; only bots fill it in.
const HONEYPOT: &str = "website";

async fn open_position(page: &Page, slug: &str) -> AppResult<position::Model> {
    position::Entity::find()
        .filter(position::Column::Slug.eq(slug))
        .filter(position::Column::Status.eq("open"))
        .one(&page.state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The application form, as the job page's template names it.
const FORM: &str = "apply";

#[derive(Serialize, Default)]
struct JobPage {
    title: String,
    slug: String,
    vacancy: String,
    csrf_query: String,
    consent_version: &'static str,
}

/// The job page; a refused application comes back on it through [`Page::show_again_with`].
async fn render(page: &Page, position: &position::Model) -> AppResult<Response> {
    let vacancy = crate::positions::model::published_vacancy_text(
        &page.state.db,
        &page.state.templates,
        position,
        page.lang,
    )
    .await?;
    let csrf = crate::web::csrf::token(&page.session).await?;
    let context = JobPage {
        title: position.title.clone(),
        slug: position.slug.clone(),
        vacancy,
        csrf_query: serde_urlencoded::to_string([("_csrf", csrf)]).unwrap_or_default(),
        consent_version: CONSENT_TEXT_VERSION,
    };
    Ok(page
        .render("jobs/show.html", context)
        .await?
        .into_response())
}

pub async fn show(page: Page, Path(slug): Path<String>) -> AppResult<Response> {
    let position = open_position(&page, &slug).await?;
    render(&page, &position).await
}

/// Shows the job page again with what the person typed (never the file, never the trap).
async fn refuse(
    page: &Page,
    slug: &str,
    fields: &HashMap<String, String>,
    error: AppError,
) -> AppResult<Response> {
    let typed = fields.iter().filter(|(name, _)| name.as_str() != HONEYPOT);
    page.show_again_with(&format!("/jobs/{slug}"), FORM, error, typed)
        .await
}

#[derive(Serialize)]
struct ConsentPage {
    title: String,
    slug: String,
    text: &'static str,
    version: &'static str,
}

/// The consent text on a page of its own, as 152-FZ wants it.
pub async fn consent(page: Page, Path(slug): Path<String>) -> AppResult<Response> {
    let position = open_position(&page, &slug).await?;
    let context = ConsentPage {
        title: position.title,
        slug: position.slug,
        text: consent_text(page.lang),
        version: CONSENT_TEXT_VERSION,
    };
    Ok(page
        .render("jobs/consent.html", context)
        .await?
        .into_response())
}

fn check(fields: &HashMap<String, String>) -> Vec<FieldError> {
    let value = |name: &str| fields.get(name).map(|v| v.trim()).unwrap_or("");
    let mut errors = Vec::new();
    if value("full_name").is_empty() {
        errors.push(FieldError::new("full_name", Message::new("field-required")));
    } else {
        errors.extend(FieldError::text(
            "full_name",
            TextKind::Line,
            value("full_name"),
        ));
    }
    if normalize_email(value("email")).is_none() {
        errors.push(FieldError::new(
            "email",
            Message::new("field-email-invalid"),
        ));
    }
    if !value("phone").is_empty() && normalize_phone(value("phone")).is_none() {
        errors.push(FieldError::new(
            "phone",
            Message::new("field-phone-invalid"),
        ));
    }
    if value("consent").is_empty() {
        errors.push(FieldError::new(
            "consent",
            Message::new("job-consent-required"),
        ));
    }
    errors
}

/// An application from the job page: the person (or the one we already know by email or
/// phone) lands on the long-list with source `job_page`, with their consent and CV.
pub async fn apply(
    page: Page,
    client: ClientMeta,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let position = open_position(&page, &slug).await?;
    let (upload, fields) = read_upload_keeping(multipart, "cv").await;
    let upload = match upload {
        Ok(upload) => upload,
        Err(AppError::PayloadTooLarge) => {
            let error = AppError::validation("cv", Message::new("cv-too-large"));
            let refused = refuse(&page, &slug, &fields, error).await?;
            return Ok(kept::with_status(refused, StatusCode::PAYLOAD_TOO_LARGE));
        }
        Err(other) => return Err(other),
    };
    if fields.get(HONEYPOT).is_some_and(|v| !v.trim().is_empty()) {
        // Answer a bot as if it succeeded, so it learns nothing; keep nothing it sent.
        tracing::info!(slug, "job page honeypot filled; application dropped");
        return thanks(&page, &position).await;
    }
    let key = format!("job-apply:{}", client.ip.as_deref().unwrap_or("unknown"));
    let limit = page.state.config.job_applications_per_hour;
    if !rate_limit::allow(&page.state.db, &key, limit, chrono::Duration::hours(1)).await? {
        return Err(AppError::TooManyRequests(Message::new("job-too-many")));
    }
    let mut errors = check(&fields);
    if let Some(cv) = &upload
        && files::DocumentKind::sniff(&cv.bytes).is_none()
    {
        errors.push(FieldError::new("cv", Message::new("cv-wrong-type")));
    }
    if !errors.is_empty() {
        return refuse(&page, &slug, &fields, AppError::Validation(errors)).await;
    }
    let value = |name: &str| fields.get(name).cloned().unwrap_or_default();
    // Each purpose is its own consent, agreed to (or not) on its own.
    let mut consents = vec![ConsentRecord::from_job_page(
        page.lang,
        client.ip.clone(),
        client.user_agent.clone(),
    )];
    for (field, purpose) in [
        ("consent_talent_pool", PURPOSE_TALENT_POOL),
        ("consent_referees", PURPOSE_REFEREES),
    ] {
        if fields.get(field).is_some_and(|v| !v.is_empty())
            && let Some(document) = document(purpose)
        {
            consents.push(ConsentRecord::given(
                document,
                page.lang,
                client.ip.clone(),
                client.user_agent.clone(),
            ));
        }
    }
    let person_fields = CandidateFields {
        full_name: value("full_name"),
        email: Some(value("email")),
        phone: Some(value("phone")),
        lang: Some(page.lang),
        ..Default::default()
    };
    match submit(&page, &position, person_fields, consents, upload).await {
        Ok(()) => thanks(&page, &position).await,
        Err(error @ AppError::Validation(_)) => refuse(&page, &slug, &fields, error).await,
        Err(other) => Err(other),
    }
}

async fn submit(
    page: &Page,
    position: &position::Model,
    fields: CandidateFields,
    mut consents: Vec<ConsentRecord>,
    upload: Option<Upload>,
) -> AppResult<()> {
    let db = &page.state.db;
    let talent_pool_months = crate::privacy::retention::settings(db)
        .await?
        .talent_pool_months;
    let vacancy_consent = consents.remove(0);
    let email = fields.email.as_deref().and_then(normalize_email);
    let phone = fields.phone.as_deref().and_then(normalize_phone);
    let txn = crate::db::write(db).await?;
    // Someone we know already is linked, never made twice; their details are not changed by
    // an anonymous form.
    let person = match candidates::find_duplicate(&txn, email.as_deref(), phone.as_deref(), None)
        .await?
    {
        Some(known) => {
            record_consent(&txn, known.id, vacancy_consent).await?;
            known
        }
        None => {
            candidates::create(&txn, None, fields, Some("job_page"), Some(vacancy_consent)).await?
        }
    };
    for optional in consents {
        let given_at = optional.given_at;
        crate::privacy::person::record_optional(
            &txn,
            person.id,
            optional,
            talent_pool_months,
            given_at,
        )
        .await?;
    }
    let already = application::Entity::find()
        .filter(application::Column::CandidateId.eq(person.id))
        .filter(application::Column::PositionId.eq(position.id))
        .one(&txn)
        .await?
        .is_some();
    if !already {
        let application = pipeline::add(&txn, None, person.id, position.id, "job_page").await?;
        let my_data =
            crate::privacy::links::issue(&txn, person.id, &page.state.config.mail.public_url)
                .await?;
        if let Some(email) = emails::application_received(
            &page.state.composer,
            &person,
            position,
            application.id,
            &my_data,
        )? {
            page.state.composer.queue(&txn, None, email).await?;
        }
    }
    if let Some(upload) = upload
        && person.cv_file_id.is_none()
    {
        let stored = files::store_cv(&txn, &page.state.files, None, upload).await?;
        let mut changed: crate::entities::candidate::ActiveModel = person.into();
        changed.cv_file_id = sea_orm::ActiveValue::Set(Some(stored.id));
        sea_orm::ActiveModelTrait::update(changed, &txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct ThanksPage {
    title: String,
}

async fn thanks(page: &Page, position: &position::Model) -> AppResult<Response> {
    let context = ThanksPage {
        title: position.title.clone(),
    };
    Ok(page
        .render("jobs/thanks.html", context)
        .await?
        .into_response())
}
