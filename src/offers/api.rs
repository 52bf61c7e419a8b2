//! Offers in the API: draft a revision, edit a draft (with `version`), submit for approval,
//! approve or reject (hiring manager, then CEO), send, and record the candidate's answer.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, Change, OfferTerms};
use super::{answers, approvals};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::entities::offer;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(draft_offer, list_offers))
        .routes(routes!(edit_offer))
        .routes(routes!(submit_offer))
        .routes(routes!(approve_offer))
        .routes(routes!(reject_offer))
        .routes(routes!(send_offer))
        .routes(routes!(accept_offer))
        .routes(routes!(decline_offer))
        .routes(routes!(super::letter::download_offer_letter))
}

#[derive(Deserialize, ToSchema)]
pub struct OfferRequest {
    salary: i64,
    currency: Option<String>,
    start_date: NaiveDate,
    probation_months: Option<i32>,
    #[serde(default)]
    bonus_terms: String,
    #[serde(default)]
    terms: String,
    /// Required when the salary is outside the grade's band.
    band_exception_reason: Option<String>,
    /// Required from revision 2 on: why this revision differs.
    #[serde(default)]
    change_reason: String,
    /// What the candidate asked for, when a revision answers a counter-proposal.
    counter_proposal: Option<String>,
    /// On an edit: the `version` you read.
    version: Option<i32>,
}

impl OfferRequest {
    fn terms(self) -> (OfferTerms, Option<i32>) {
        (
            OfferTerms {
                salary: self.salary,
                currency: self
                    .currency
                    .unwrap_or_else(|| "RUB".into())
                    .trim()
                    .to_uppercase(),
                start_date: Some(self.start_date),
                probation_months: self.probation_months.unwrap_or(3),
                bonus_terms: self.bonus_terms,
                terms: self.terms,
                band_exception_reason: self.band_exception_reason,
                change_reason: self.change_reason,
                counter_proposal: self.counter_proposal,
            },
            self.version,
        )
    }
}

#[derive(Serialize, ToSchema)]
pub struct OfferResponse {
    #[serde(flatten)]
    offer: offer::Model,
    /// What changed from the revision before.
    changes: Vec<Change>,
}

async fn respond(state: &AppState, o: offer::Model) -> AppResult<OfferResponse> {
    let all = model::revisions(&state.db, o.application_id).await?;
    let changes = all
        .iter()
        .find(|p| p.revision == o.revision - 1)
        .map(|p| model::changes(p, &o))
        .unwrap_or_default();
    Ok(OfferResponse { offer: o, changes })
}

/// A body that may be left out: empty means the defaults.
fn optional_body<T: serde::de::DeserializeOwned + Default>(body: &[u8]) -> AppResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        AppError::BadRequest(Message::new("error-malformed-json").with("detail", e.to_string()))
    })
}

fn require_drafting(user: &CurrentUser) -> AppResult<()> {
    user.require(Action::DraftOffers)
}

/// Drafts the next revision (the application must be at the offer stage).
#[utoipa::path(post, path = "/applications/{id}/offers", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = OfferRequest,
    responses((status = 201, body = OfferResponse), (status = 409), (status = 422)))]
async fn draft_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<OfferRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<OfferResponse>)> {
    require_drafting(&user)?;
    let ApiJson(request) = request?;
    let (terms, _) = request.terms();
    let created = model::draft(&state.db, &user, id, terms).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(respond(&state, created).await?),
    ))
}

/// Every revision of an application's offer, oldest first.
#[utoipa::path(get, path = "/applications/{id}/offers", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = Vec<OfferResponse>)))]
async fn list_offers(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<OfferResponse>>> {
    user.require(Action::ViewSalaries)?;
    let mut out = Vec::new();
    for o in model::revisions(&state.db, id).await? {
        out.push(respond(&state, o).await?);
    }
    Ok(ApiJson(out))
}

/// Edits a draft; send the `version` you read (stale → 409, nothing overwritten).
#[utoipa::path(patch, path = "/offers/{id}", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = OfferRequest,
    responses((status = 200, body = OfferResponse), (status = 409), (status = 422)))]
async fn edit_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<OfferRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<OfferResponse>> {
    require_drafting(&user)?;
    let ApiJson(request) = request?;
    let (terms, version) = request.terms();
    let version =
        version.ok_or_else(|| AppError::validation("version", Message::new("field-required")))?;
    let updated = model::update_draft(&state.db, &user, id, version, terms).await?;
    Ok(ApiJson(respond(&state, updated).await?))
}

/// Submits a draft for approval (or straight to approved when no approval is needed).
#[utoipa::path(post, path = "/offers/{id}/submit", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = OfferResponse), (status = 409)))]
async fn submit_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<OfferResponse>> {
    require_drafting(&user)?;
    let base = state.config.mail.public_url.clone();
    let o = approvals::submit(&state.db, &state.composer, &user, id, &base).await?;
    Ok(ApiJson(respond(&state, o).await?))
}

#[derive(Deserialize, ToSchema, Default)]
#[schema(as = OfferCommentRequest)]
pub struct CommentRequest {
    #[serde(default)]
    comment: String,
    #[serde(default)]
    reason: String,
}

async fn approval(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
    approve: bool,
    comment: &str,
) -> AppResult<ApiJson<OfferResponse>> {
    user.require(Action::ApproveOffers)?;
    let who = approvals::approver_role(user).ok_or(AppError::Forbidden)?;
    let base = state.config.mail.public_url.clone();
    let o = approvals::decide(
        &state.db,
        &state.composer,
        Some(user),
        id,
        who,
        approvals::Decision { approve, comment },
        &base,
    )
    .await?;
    Ok(ApiJson(respond(state, o).await?))
}

/// Approves: the hiring manager first, then the CEO (out of turn → 409).
#[utoipa::path(post, path = "/offers/{id}/approve", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = CommentRequest,
    responses((status = 200, body = OfferResponse), (status = 403), (status = 409)))]
async fn approve_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    body: Bytes,
) -> AppResult<ApiJson<OfferResponse>> {
    let comment = optional_body::<CommentRequest>(&body)?.comment;
    approval(&state, &user, id, true, &comment).await
}

/// Rejects with a reason; the next revision may be drafted.
#[utoipa::path(post, path = "/offers/{id}/reject", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = CommentRequest,
    responses((status = 200, body = OfferResponse), (status = 409), (status = 422)))]
async fn reject_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    ApiJson(body): ApiJson<CommentRequest>,
) -> AppResult<ApiJson<OfferResponse>> {
    let comment = if body.reason.is_empty() {
        body.comment
    } else {
        body.reason
    };
    approval(&state, &user, id, false, &comment).await
}

/// Emails the candidate the letter with a one-time link to accept or decline.
#[utoipa::path(post, path = "/offers/{id}/send", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = OfferResponse), (status = 409)))]
async fn send_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    body: Bytes,
) -> AppResult<ApiJson<OfferResponse>> {
    require_drafting(&user)?;
    let note = optional_body::<SendRequest>(&body)?.note;
    let base = state.config.mail.public_url.clone();
    let o = answers::send(&state.db, &state.composer, &user, id, &note, &base).await?;
    Ok(ApiJson(respond(&state, o).await?))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct SendRequest {
    /// A personal note put at the top of the letter.
    #[serde(default)]
    note: String,
}

#[derive(Deserialize, ToSchema, Default)]
pub struct AcceptRequest {
    start_date: Option<NaiveDate>,
}

/// Records the candidate's acceptance: the application becomes `hired`.
#[utoipa::path(post, path = "/offers/{id}/accept", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = AcceptRequest,
    responses((status = 200, body = OfferResponse), (status = 409)))]
async fn accept_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    body: Bytes,
) -> AppResult<ApiJson<OfferResponse>> {
    require_drafting(&user)?;
    let start = optional_body::<AcceptRequest>(&body)?.start_date;
    let o = answers::accept(&state.db, &state.composer, Some(&user), id, start).await?;
    Ok(ApiJson(respond(&state, o).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct DeclineRequest {
    /// Why we lost them.
    reason: String,
    /// What they would accept instead.
    #[serde(default)]
    counter_proposal: String,
}

/// Records the candidate's refusal; a new revision may follow.
#[utoipa::path(post, path = "/offers/{id}/decline", tag = "offers", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = DeclineRequest,
    responses((status = 200, body = OfferResponse), (status = 409), (status = 422)))]
async fn decline_offer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    body: Result<ApiJson<DeclineRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<OfferResponse>> {
    require_drafting(&user)?;
    let ApiJson(body) = body?;
    let o = answers::decline(
        &state.db,
        Some(&user),
        id,
        &body.reason,
        &body.counter_proposal,
    )
    .await?;
    Ok(ApiJson(respond(&state, o).await?))
}
