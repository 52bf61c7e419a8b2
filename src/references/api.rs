//! References in the API: add a referee (needs the candidate's permission), list them, record
//! a reference, and email the referee a one-time link.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, RefereeFields, ReferenceAnswer, ReferenceView};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_reference, list_references))
        .routes(routes!(record_reference))
        .routes(routes!(request_reference))
}

#[derive(Deserialize, ToSchema)]
pub struct RefereeRequest {
    name: String,
    company: String,
    /// How they know the candidate.
    relation: String,
    email: Option<String>,
    phone: Option<String>,
}

/// Adds a referee; without the candidate's recorded permission (`PATCH /candidates/{id}
/// {reference_consent: true}`) → 409.
#[utoipa::path(post, path = "/applications/{id}/references", tag = "references", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = RefereeRequest,
    responses((status = 201, body = ReferenceView), (status = 409), (status = 422)))]
async fn add_reference(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<RefereeRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<ReferenceView>)> {
    user.require(Action::ManageReferences)?;
    let ApiJson(request) = request?;
    let fields = RefereeFields {
        name: request.name,
        company: request.company,
        relation: request.relation,
        email: request.email,
        phone: request.phone,
    };
    let created = model::add(&state.db, user.id, id, fields).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// The references of an application.
#[utoipa::path(get, path = "/applications/{id}/references", tag = "references", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = Vec<ReferenceView>)))]
async fn list_references(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<ReferenceView>>> {
    user.require(Action::ViewReferences)?;
    crate::recruitment::pipeline::get(&state.db, id).await?;
    let found = model::for_application(&state.db, id).await?;
    Ok(ApiJson(found.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct ReferenceRequest {
    /// Answers by question: period_role, duties, strengths, growth, difficult_client, rehire.
    #[serde(default)]
    answers: BTreeMap<String, String>,
    /// positive, mixed or negative.
    verdict: String,
    #[serde(default)]
    notes: String,
}

/// Records a reference taken by phone.
#[utoipa::path(put, path = "/references/{id}", tag = "references", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ReferenceRequest,
    responses((status = 200, body = ReferenceView), (status = 404), (status = 422)))]
async fn record_reference(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<ReferenceRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<ReferenceView>> {
    user.require(Action::ManageReferences)?;
    let ApiJson(request) = request?;
    let answer = ReferenceAnswer {
        answers: request.answers,
        verdict: request.verdict,
        notes: request.notes,
    };
    Ok(ApiJson(
        model::log_call(&state.db, user.id, id, answer)
            .await?
            .into(),
    ))
}

/// Emails the referee a link to a short form that needs no sign-in, works once and expires.
#[utoipa::path(post, path = "/references/{id}/request", tag = "references", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = ReferenceView), (status = 409)))]
async fn request_reference(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<ReferenceView>> {
    user.require(Action::ManageReferences)?;
    let base = state.config.mail.public_url.clone();
    let updated = model::request(&state.db, &state.composer, user.id, id, &base).await?;
    Ok(ApiJson(updated.into()))
}
