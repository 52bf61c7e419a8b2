//! Candidates in the API: create (409 on a duplicate, naming it), search, read, edit, CV
//! upload and download, erase.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::candidates::{self, CandidateFields, CandidatePatch, tags_of};
use super::consent::ConsentRecord;
use super::forms::read_upload;
use super::views::{self, ApplicationCard, ApplicationFilter};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::entities::candidate;
use crate::error::{AppResult, FieldError};
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_candidate, search_candidates))
        .routes(routes!(get_candidate, patch_candidate, erase_candidate))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(upload_cv, download_cv))
                .layer(axum::extract::DefaultBodyLimit::max(super::UPLOAD_LIMIT)),
        )
}

#[derive(Deserialize, ToSchema)]
pub struct ConsentRequest {
    /// When the person agreed; now when omitted.
    given_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Which wording they agreed to.
    text_version: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct CreateCandidateRequest {
    full_name: String,
    email: Option<String>,
    phone: Option<String>,
    current_title: Option<String>,
    current_company: Option<String>,
    expected_salary: Option<i64>,
    currency: Option<String>,
    links: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    notes: Option<String>,
    /// One of the application sources: how this person came to us.
    source: Option<String>,
    /// ru or en: the language of their emails.
    lang: Option<String>,
    consent: Option<ConsentRequest>,
}

#[derive(Serialize, ToSchema)]
pub struct CandidateResponse {
    id: i32,
    full_name: String,
    email: Option<String>,
    phone: Option<String>,
    current_title: Option<String>,
    current_company: Option<String>,
    /// Only for roles that may see salaries.
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_salary: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    links: Option<String>,
    tags: Vec<String>,
    notes: Option<String>,
    source: Option<String>,
    reference_consent: bool,
    talent_pool: bool,
    /// `ru` or `en`: the language of the person's emails and link pages.
    lang: String,
    has_cv: bool,
    erased: bool,
    version: i32,
    created_at: chrono::DateTime<chrono::Utc>,
    /// On a single candidate: their applications.
    #[serde(skip_serializing_if = "Option::is_none")]
    applications: Option<Vec<ApplicationCard>>,
}

pub fn response(c: candidate::Model, user: &CurrentUser) -> CandidateResponse {
    let salaries = user.can(Action::ViewSalaries);
    CandidateResponse {
        tags: tags_of(&c),
        expected_salary: c.expected_salary.filter(|_| salaries),
        currency: c.currency.filter(|_| salaries),
        has_cv: c.cv_file_id.is_some(),
        erased: c.erased_at.is_some(),
        id: c.id,
        full_name: c.full_name,
        email: c.email,
        phone: c.phone,
        current_title: c.current_title,
        current_company: c.current_company,
        links: c.links,
        notes: c.notes,
        source: c.source,
        reference_consent: c.reference_consent,
        talent_pool: c.talent_pool,
        lang: c.lang,
        version: c.version,
        created_at: c.created_at,
        applications: None,
    }
}

#[derive(Serialize, ToSchema)]
pub struct CandidateListResponse {
    items: Vec<CandidateResponse>,
    total: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CandidateSearch {
    /// Name, email, phone or company, in any case.
    q: Option<String>,
    tag: Option<String>,
    /// Only people kept in the talent pool.
    talent_pool: Option<bool>,
    limit: Option<u64>,
    offset: Option<u64>,
    /// `csv` or `xlsx` (or `Accept: text/csv`): every match as a file with the import's
    /// columns, instead of a page of JSON.
    format: Option<String>,
}

/// Adds a person. The same email or phone as someone already here → 409 with `existing_id`.
#[utoipa::path(post, path = "/candidates", tag = "candidates", security(("bearer" = [])),
    request_body = CreateCandidateRequest,
    responses((status = 201, body = CandidateResponse), (status = 409), (status = 422)))]
async fn create_candidate(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<CreateCandidateRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<CandidateResponse>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let source = match request.source.as_deref() {
        None | Some("") => None,
        Some(text) => Some(super::pipeline::parse_source(text).ok_or_else(|| {
            crate::error::AppError::validation(
                "source",
                crate::web::i18n::Message::new("field-source-invalid"),
            )
        })?),
    };
    // Without a consent object the caller's account stands as the one confirming the basis,
    // so that every person has a line in the ledger however they arrived.
    let consent = Some(match request.consent {
        Some(c) => ConsentRecord::recorded(user.id, c.text_version, c.given_at),
        None => ConsentRecord::recorded(user.id, None, None),
    });
    let fields = CandidateFields {
        full_name: request.full_name,
        email: request.email,
        phone: request.phone,
        current_title: request.current_title,
        current_company: request.current_company,
        expected_salary: request.expected_salary,
        currency: request.currency,
        links: request.links,
        tags: request.tags,
        notes: request.notes,
        lang: FieldError::lang("lang", request.lang.as_deref())?,
    };
    let created = candidates::create(&state.db, Some(user.id), fields, source, consent).await?;
    Ok((StatusCode::CREATED, ApiJson(response(created, &user))))
}

/// Searches people by name, email, phone or company; newest first. With `format=csv|xlsx`
/// (or `Accept: text/csv`) every match is exported as a file with the import's columns.
#[utoipa::path(get, path = "/candidates", tag = "candidates", security(("bearer" = [])),
    params(CandidateSearch), responses((status = 200, body = CandidateListResponse)))]
async fn search_candidates(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    headers: axum::http::HeaderMap,
    Query(query): Query<CandidateSearch>,
) -> AppResult<Response> {
    user.require(Action::ViewAllCandidates)?;
    if let Some(format) = crate::web::tabular::Format::requested(query.format.as_deref(), &headers)
    {
        let filter = crate::imports::pages::export_filter(
            query.q,
            query.tag,
            query.talent_pool.unwrap_or(false),
        );
        return crate::imports::export::download(&state.db, &user, &filter, format).await;
    }
    let paging = ListQuery {
        limit: query.limit,
        offset: query.offset,
    };
    let (items, total) = candidates::search(
        &state.db,
        query.q.as_deref(),
        query.tag.as_deref(),
        query.talent_pool.unwrap_or(false),
        paging.limit(),
        paging.offset(),
        None,
    )
    .await?;
    Ok(ApiJson(CandidateListResponse {
        items: items.into_iter().map(|c| response(c, &user)).collect(),
        total,
    })
    .into_response())
}

/// One person with their applications. An interviewer reads only people whose interviews
/// they are on, with just those applications (anyone else's: 404).
#[utoipa::path(get, path = "/candidates/{id}", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = CandidateResponse), (status = 403), (status = 404)))]
async fn get_candidate(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<CandidateResponse>> {
    let view = super::visibility::candidate_view(&state.db, &user, id).await?;
    let person = candidates::get(&state.db, id).await?;
    candidates::record_view(&state.db, user.id, id).await?;
    let filter = ApplicationFilter {
        candidate_id: Some(id),
        ..Default::default()
    };
    let (mut applications, _) = views::list(&state.db, &filter, ListQuery::MAX, 0).await?;
    applications.retain(|a| view.shows(a.id));
    let mut body = response(person, &user);
    body.applications = Some(applications);
    Ok(ApiJson(body))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct PatchCandidateRequest {
    full_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    current_title: Option<String>,
    current_company: Option<String>,
    expected_salary: Option<i64>,
    currency: Option<String>,
    links: Option<String>,
    tags: Option<Vec<String>>,
    notes: Option<String>,
    /// The candidate allows us to contact their referees.
    reference_consent: Option<bool>,
    /// Keep the person for later positions.
    talent_pool: Option<bool>,
    /// ru or en: the language of their emails.
    lang: Option<String>,
}

/// Edits a person; omitted fields stay as they are.
#[utoipa::path(patch, path = "/candidates/{id}", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = PatchCandidateRequest,
    responses((status = 200, body = CandidateResponse), (status = 404), (status = 409), (status = 422)))]
async fn patch_candidate(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<PatchCandidateRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<CandidateResponse>> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let lang = FieldError::lang("lang", request.lang.as_deref())?;
    let current = candidates::get(&state.db, id).await?;
    let touches_profile = request.full_name.is_some()
        || lang.is_some()
        || request.email.is_some()
        || request.phone.is_some()
        || request.current_title.is_some()
        || request.current_company.is_some()
        || request.expected_salary.is_some()
        || request.currency.is_some()
        || request.links.is_some()
        || request.tags.is_some()
        || request.notes.is_some();
    let fields = touches_profile.then(|| CandidateFields {
        tags: request.tags.unwrap_or_else(|| tags_of(&current)),
        full_name: request.full_name.unwrap_or(current.full_name),
        email: request.email.or(current.email),
        phone: request.phone.or(current.phone),
        current_title: request.current_title.or(current.current_title),
        current_company: request.current_company.or(current.current_company),
        expected_salary: request.expected_salary.or(current.expected_salary),
        currency: request.currency.or(current.currency),
        links: request.links.or(current.links),
        notes: request.notes.or(current.notes),
        lang,
    });
    let patch = CandidatePatch {
        fields,
        reference_consent: request.reference_consent,
        talent_pool: request.talent_pool,
    };
    let updated = candidates::update(&state.db, user.id, id, patch).await?;
    Ok(ApiJson(response(updated, &user)))
}

/// Erases the person's personal data (anonymises); applications and statistics stay.
#[utoipa::path(delete, path = "/candidates/{id}", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 204), (status = 404)))]
async fn erase_candidate(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(Action::ManageCandidates)?;
    candidates::erase(&state.db, &state.files, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct CvResponse {
    file_id: i32,
    filename: String,
    content_type: String,
    size_bytes: i64,
}

/// Uploads a CV as multipart field `file`: PDF, DOCX or ODT (checked by content), ≤ 10 MB.
#[utoipa::path(post, path = "/candidates/{id}/cv", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 201, body = CvResponse), (status = 413), (status = 415), (status = 404)))]
async fn upload_cv(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<(StatusCode, ApiJson<CvResponse>)> {
    // Access before the body: a refused role learns nothing from how its upload was wrong.
    user.require(Action::ManageCandidates)?;
    let multipart = multipart.map_err(|_| crate::error::AppError::UnsupportedMediaType)?;
    let (upload, _) = read_upload(multipart, "file").await?;
    let upload = upload.ok_or_else(|| {
        crate::error::AppError::validation("file", crate::web::i18n::Message::new("field-required"))
    })?;
    let stored = candidates::attach_cv(&state.db, &state.files, Some(user.id), id, upload).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(CvResponse {
            file_id: stored.id,
            filename: stored.filename,
            content_type: stored.content_type,
            size_bytes: stored.size_bytes,
        }),
    ))
}

/// Downloads the CV (audited): the hiring team, and an interviewer of one of the person's
/// applications.
#[utoipa::path(get, path = "/candidates/{id}/cv", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200), (status = 404)))]
async fn download_cv(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    super::visibility::candidate_view(&state.db, &user, id).await?;
    let cv = candidates::cv(&state.db, &state.files, user.id, id).await?;
    Ok(file_response(cv))
}

/// A private file as an attachment the browser saves rather than renders.
pub fn file_response(cv: candidates::CvDownload) -> Response {
    let disposition = crate::files::attachment_disposition(&cv.filename);
    (
        [
            (header::CONTENT_TYPE, cv.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        cv.bytes,
    )
        .into_response()
}
