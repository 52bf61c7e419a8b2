//! Email templates and writing to a candidate in the API: the same operations as the pages.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::compose::{self, ComposeRequest};
use super::model::{self, TemplateRequest, TemplateView};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_templates, create_template))
        .routes(routes!(update_template, delete_template))
        .routes(routes!(send_email))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// Only the templates in this language (`ru` or `en`).
    lang: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TemplateList {
    items: Vec<TemplateView>,
}

/// The agency's email templates, by language and name.
#[utoipa::path(get, path = "/email-templates", tag = "candidates", security(("bearer" = [])),
    params(TemplateQuery),
    responses((status = 200, body = TemplateList), (status = 403), (status = 422)))]
async fn list_templates(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<TemplateQuery>,
) -> AppResult<ApiJson<TemplateList>> {
    user.require(Action::ManageCandidates)?;
    let lang = FieldError::lang("lang", query.lang.as_deref())?;
    Ok(ApiJson(TemplateList {
        items: model::list(&state.db, lang).await?,
    }))
}

/// Adds a template. Subject and body may use `{{ candidate.first_name }}`,
/// `{{ candidate.full_name }}`, `{{ position.title }}`, `{{ recruiter.name }}` and
/// `{{ agency.name }}`; any other variable → 422 naming it.
#[utoipa::path(post, path = "/email-templates", tag = "candidates", security(("bearer" = [])),
    request_body = TemplateRequest,
    responses((status = 201, body = TemplateView), (status = 403), (status = 422)))]
async fn create_template(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<TemplateRequest>, AppError>,
) -> AppResult<(StatusCode, ApiJson<TemplateView>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let created = model::create(&state.db, user.id, request).await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

/// Replaces a template's name, language, subject and body (checked as on creation).
#[utoipa::path(put, path = "/email-templates/{id}", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = TemplateRequest,
    responses((status = 200, body = TemplateView), (status = 403), (status = 404), (status = 422)))]
async fn update_template(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<TemplateRequest>, AppError>,
) -> AppResult<ApiJson<TemplateView>> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    Ok(ApiJson(
        model::update(&state.db, user.id, id, request).await?,
    ))
}

/// Removes a template from the list.
#[utoipa::path(delete, path = "/email-templates/{id}", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
async fn delete_template(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(Action::ManageCandidates)?;
    model::delete(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Queued {
    /// The outbox message's id.
    id: i32,
    /// Always `queued`: the outbox sends it.
    status: &'static str,
}

/// Emails the candidate through the outbox, from `template_id` or from `subject` and `body`
/// (which may use the templates' variables). An erased candidate or one without an address
/// → 409; an unknown variable → 422 naming it.
#[utoipa::path(post, path = "/candidates/{id}/emails", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ComposeRequest,
    responses((status = 202, body = Queued), (status = 403), (status = 404), (status = 409), (status = 422)))]
async fn send_email(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<ComposeRequest>, AppError>,
) -> AppResult<(StatusCode, ApiJson<Queued>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let queued = compose::send(&state.db, &state.composer, &user, id, &request).await?;
    Ok((
        StatusCode::ACCEPTED,
        ApiJson(Queued {
            id: queued.id,
            status: "queued",
        }),
    ))
}
