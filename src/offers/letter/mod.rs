//! The offer letter as a PDF on the agency's letterhead: made for each revision from its own
//! terms, attached to the offer email (with the candidate's one-time link) and downloadable by
//! the hiring team at `/offers/{id}/letter.pdf` (page) and `/api/v1/offers/{id}/letter.pdf`.
//! What it says lives in `content`, how it sits on A4 in `layout`.

pub mod content;
pub mod fonts;
pub mod layout;
pub mod pdf;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use sea_orm::{DatabaseConnection, EntityTrait};

use super::model::{LINK_DAYS, get, status_of};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::domain::access::Action;
use crate::domain::offer_policy::OfferStatus;
use crate::entities::{candidate, grade, offer, position};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::{Composer, lang_of};
use crate::outbox::model::Attachment;
use crate::recruitment::pipeline;
use crate::web::i18n::Lang;
use crate::web::{AuthUser, Page};

/// A rendered letter.
pub struct LetterPdf {
    pub filename: String,
    pub bytes: Vec<u8>,
}

impl LetterPdf {
    pub fn into_attachment(self) -> Attachment {
        Attachment {
            filename: self.filename,
            content_type: "application/pdf".to_owned(),
            bytes: self.bytes,
        }
    }
}

/// The agency's logo as PNG bytes, for the letterhead (the agency settings keep it as a PNG).
async fn agency_logo(db: &DatabaseConnection) -> AppResult<Option<Vec<u8>>> {
    crate::agency::logo::current_png(db).await
}

/// The letter of revision `o`, in the candidate's language. `link` is the one-time answer link
/// when the letter goes out by email; a copy made outside it points the reader to the email.
pub async fn render(
    db: &DatabaseConnection,
    composer: &Composer,
    o: &offer::Model,
    link: Option<&str>,
) -> AppResult<LetterPdf> {
    let app = pipeline::get(db, o.application_id).await?;
    let person = candidate::Entity::find_by_id(app.candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let position = position::Entity::find_by_id(app.position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let grade = grade::Entity::find_by_id(position.grade.clone())
        .one(db)
        .await?;
    let logo = agency_logo(db).await?;
    let agency = composer.agency();
    let lang = lang_of(&person);
    let issued_on = o
        .sent_at
        .map(|at| at.with_timezone(&agency.zone()).date_naive())
        .unwrap_or_else(|| agency.today());
    let title = match lang {
        Lang::En => position
            .title_en
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(position.title.clone()),
        Lang::Ru => position.title.clone(),
    };
    let status = status_of(o);
    let approved = !matches!(
        status,
        OfferStatus::Draft
            | OfferStatus::AwaitingManager
            | OfferStatus::AwaitingCeo
            | OfferStatus::Rejected
    );
    let sheet = content::sheet(&content::Facts {
        lang,
        agency_name: &composer.signature(),
        legal_name: &agency.legal_name,
        address: &agency.address,
        accent: &agency.accent_color,
        logo: logo.as_deref(),
        candidate: &person.full_name,
        position_title: &title,
        grade: grade
            .as_ref()
            .map(|g| lang.pick(&g.name_ru, &g.name_en).as_str()),
        offer: o,
        issued_on,
        link,
        link_days: LINK_DAYS,
        approved,
    });
    // Shaping and font subsetting are CPU work: off the request threads.
    let bytes = tokio::task::spawn_blocking(move || pdf::draw(&sheet))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(LetterPdf {
        filename: format!("offer-{}-revision-{}.pdf", o.application_id, o.revision),
        bytes,
    })
}

/// The letter of offer `id` for someone on the hiring team, recorded in the audit log (it
/// carries the salary).
pub async fn download(state: &AppState, actor_id: i32, id: i32) -> AppResult<LetterPdf> {
    let o = get(&state.db, id).await?;
    let letter = render(&state.db, &state.composer, &o, None).await?;
    AuditEvent::new(Some(actor_id), "offer.letter", "offer")
        .id(id)
        .details(serde_json::json!({"at": Utc::now()}))
        .record(&state.db)
        .await?;
    Ok(letter)
}

fn pdf_response(letter: LetterPdf) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                crate::files::attachment_disposition(&letter.filename),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        letter.bytes,
    )
        .into_response()
}

/// `GET /offers/{id}/letter.pdf`: the letter from the offers page.
pub async fn letter_page(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewSalaries)?.id;
    Ok(pdf_response(download(&page.state, user, id).await?))
}

/// The offer letter of this revision as a PDF, in the candidate's language, on the agency's
/// letterhead (what the candidate gets attached to the offer email, without the one-time link).
#[utoipa::path(get, path = "/offers/{id}/letter.pdf", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>,
        description = "The letter as a PDF."), (status = 403), (status = 404)))]
pub async fn download_offer_letter(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    user.require(Action::ViewSalaries)?;
    Ok(pdf_response(download(&state, user.id, id).await?))
}
