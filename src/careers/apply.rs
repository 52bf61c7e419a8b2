//! The job page's application form: read the upload, keep bots out (a honeypot field and a
//! per-address limit shared by all instances), check what was typed, and hand the rest to
//! `recruitment::job_applications::apply`. A refusal shows the job page again as it was filled.

use std::collections::HashMap;

use axum::extract::{Multipart, Path, Query};
use axum::http::StatusCode;
use axum::response::Response;

use super::pages::{self, APPLY_FORM};
use super::{LinkLang, link_lang, model};
use crate::domain::contacts::{normalize_email, normalize_phone};
use crate::domain::text::TextKind;
use crate::error::{AppError, AppResult, FieldError};
use crate::files;
use crate::recruitment::candidates::CandidateFields;
use crate::recruitment::consent::{ConsentRecord, PURPOSE_REFEREES, PURPOSE_TALENT_POOL, document};
use crate::recruitment::job_applications::{self, JobApplication};
use crate::web::client::ClientMeta;
use crate::web::i18n::Message;
use crate::web::upload::read_upload_keeping;
use crate::web::{Page, kept, rate_limit};

/// The field a person never sees; only bots fill it in.
const HONEYPOT: &str = "website";

/// An application from the job page, in the page's language: a new person's `lang` and their
/// confirmation email follow it.
pub async fn apply(
    mut page: Page,
    client: ClientMeta,
    Path(slug): Path<String>,
    Query(link): Query<LinkLang>,
    multipart: Multipart,
) -> AppResult<Response> {
    link_lang(&mut page, link.lang.as_deref());
    let position = model::by_slug(&page.state.db, &slug).await?;
    if !model::is_open(&position) {
        return pages::closed(&page, &position).await;
    }
    // The page to show again keeps the language it was filled in.
    let again = format!("/jobs/{slug}?lang={}", page.lang.as_str());
    let (upload, fields) = read_upload_keeping(multipart, "cv").await;
    let upload = match upload {
        Ok(upload) => upload,
        Err(AppError::PayloadTooLarge) => {
            let error = AppError::validation("cv", Message::new("cv-too-large"));
            let refused = refuse(&page, &again, &fields, error).await?;
            return Ok(kept::with_status(refused, StatusCode::PAYLOAD_TOO_LARGE));
        }
        Err(other) => return Err(other),
    };
    if fields.get(HONEYPOT).is_some_and(|v| !v.trim().is_empty()) {
        // Answer a bot as if it succeeded, so it learns nothing; keep nothing it sent.
        tracing::info!(slug, "job page honeypot filled; application dropped");
        return pages::thanks(&page, &position).await;
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
        return refuse(&page, &again, &fields, AppError::Validation(errors)).await;
    }
    let sent = application_of(&page, &client, &fields, upload);
    match job_applications::apply(&page.state, &position, sent).await {
        Ok(()) => pages::thanks(&page, &position).await,
        Err(error @ AppError::Validation(_)) => refuse(&page, &again, &fields, error).await,
        Err(other) => Err(other),
    }
}

/// Shows the job page again with what the person typed (never the file, never the trap).
async fn refuse(
    page: &Page,
    path: &str,
    fields: &HashMap<String, String>,
    error: AppError,
) -> AppResult<Response> {
    let typed = fields.iter().filter(|(name, _)| name.as_str() != HONEYPOT);
    page.show_again_with(path, APPLY_FORM, error, typed).await
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

/// The checked form as the operation takes it: each purpose is its own consent, agreed to (or
/// not) on its own, in the language its text was shown in.
fn application_of(
    page: &Page,
    client: &ClientMeta,
    fields: &HashMap<String, String>,
    cv: Option<files::Upload>,
) -> JobApplication {
    let value = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let given = |document| {
        ConsentRecord::given(
            document,
            page.lang,
            client.ip.clone(),
            client.user_agent.clone(),
        )
    };
    let optional_consents = [
        ("consent_talent_pool", PURPOSE_TALENT_POOL),
        ("consent_referees", PURPOSE_REFEREES),
    ]
    .into_iter()
    .filter(|(field, _)| fields.get(*field).is_some_and(|v| !v.is_empty()))
    .filter_map(|(_, purpose)| document(purpose))
    .map(given)
    .collect();
    JobApplication {
        person: CandidateFields {
            full_name: value("full_name"),
            email: Some(value("email")),
            phone: Some(value("phone")),
            lang: Some(page.lang),
            ..Default::default()
        },
        vacancy_consent: ConsentRecord::from_job_page(
            page.lang,
            client.ip.clone(),
            client.user_agent.clone(),
        ),
        optional_consents,
        cv,
    }
}
