//! Positions in the API: create, list, read, edit (optimistic locking), open, hold, cancel;
//! the vacancy text is in `vacancy_api`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, PositionFields, Profile};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::domain::position_status::{PositionStatus, StatusAction};
use crate::domain::role_variant::RoleVariant;
use crate::entities::position;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_position, list_positions))
        .routes(routes!(get_position, patch_position))
        .routes(routes!(open_position))
        .routes(routes!(hold_position))
        .routes(routes!(cancel_position))
        .merge(super::vacancy_api::router())
        .merge(super::screen_script_api::router())
}

#[derive(Deserialize, ToSchema)]
pub struct CreatePositionRequest {
    title: String,
    /// A grade code: intern, junior, middle, senior, group_head or director.
    grade: String,
    /// Who the position reports to, e.g. "Account Director".
    reports_to: String,
    headcount: Option<i32>,
    profile: Option<Profile>,
    target_date: Option<chrono::NaiveDate>,
    /// Where the work is, e.g. "Москва".
    city: Option<String>,
    /// office, hybrid or remote.
    work_format: Option<String>,
    /// The title in English, for the English job page.
    title_en: Option<String>,
    /// Who the position reports to, in English.
    reports_to_en: Option<String>,
    /// The profile in English (Markdown, no Cyrillic): the English vacancy is written from it
    /// alone.
    profile_en: Option<Profile>,
    /// account (default), account_project or sales_account: which variant of the role.
    #[schema(example = "account_project")]
    role_variant: Option<String>,
}

#[derive(Deserialize, ToSchema, Default)]
pub struct ProfilePatch {
    company: Option<String>,
    role: Option<String>,
    duties: Option<String>,
    requirements: Option<String>,
    conditions: Option<String>,
    kpis: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct PatchPositionRequest {
    /// The `version` last read; a stale one is refused with 409.
    version: i32,
    title: Option<String>,
    grade: Option<String>,
    reports_to: Option<String>,
    headcount: Option<i32>,
    profile: Option<ProfilePatch>,
    /// The English profile's fields; each left out stays as it is.
    profile_en: Option<ProfilePatch>,
    /// account, account_project or sales_account; left out stays as it is.
    role_variant: Option<String>,
    /// A value sets it, `null` or "" clears it, leaving it out keeps it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    city: Option<Option<String>>,
    /// office, hybrid or remote; `null` or "" clears it, leaving it out keeps it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    work_format: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    title_en: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    reports_to_en: Option<Option<String>>,
    /// A date sets it, `null` clears it, leaving it out keeps it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    target_date: Option<Option<chrono::NaiveDate>>,
    /// The hiring team; each field left out stays as it is, `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i32>)]
    recruiter_id: Option<Option<i32>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i32>)]
    hiring_manager_id: Option<Option<i32>>,
    interviewer_ids: Option<Vec<i32>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one left out (`None`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Serialize, ToSchema)]
pub struct ProfileResponse {
    company: String,
    role: String,
    duties: String,
    requirements: String,
    conditions: String,
    kpis: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = PositionTimeToFill)]
pub struct TimeToFill {
    calendar_days: i64,
    working_days: i64,
}

#[derive(Serialize, ToSchema)]
pub struct PositionResponse {
    id: i32,
    slug: String,
    title: String,
    grade: String,
    /// draft, open, on_hold, filled or cancelled.
    status: String,
    reports_to: String,
    headcount: i32,
    profile: ProfileResponse,
    /// Where the work is, as typed; null when not said.
    city: Option<String>,
    /// office, hybrid or remote; null when not said.
    work_format: Option<String>,
    title_en: Option<String>,
    reports_to_en: Option<String>,
    /// The profile in English; empty fields are "".
    profile_en: ProfileResponse,
    /// account, account_project or sales_account: which variant of the role it hires for.
    role_variant: String,
    recruiter_id: Option<i32>,
    hiring_manager_id: Option<i32>,
    target_date: Option<chrono::NaiveDate>,
    opened_on: Option<chrono::NaiveDate>,
    filled_on: Option<chrono::NaiveDate>,
    /// From opening to filling, or to today while the search goes on.
    time_to_fill: Option<TimeToFill>,
    /// On a single position: who interviews for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    interviewer_ids: Option<Vec<i32>>,
    version: i32,
}

impl From<position::Model> for PositionResponse {
    fn from(p: position::Model) -> Self {
        let time_to_fill = model::time_to_fill(&p, chrono::Utc::now().date_naive()).map(
            |(calendar_days, working_days)| TimeToFill {
                calendar_days,
                working_days,
            },
        );
        PositionResponse {
            time_to_fill,
            profile: ProfileResponse {
                company: p.company,
                role: p.role,
                duties: p.duties,
                requirements: p.requirements,
                conditions: p.conditions,
                kpis: p.kpis,
            },
            profile_en: ProfileResponse {
                company: p.company_en.unwrap_or_default(),
                role: p.role_en.unwrap_or_default(),
                duties: p.duties_en.unwrap_or_default(),
                requirements: p.requirements_en.unwrap_or_default(),
                conditions: p.conditions_en.unwrap_or_default(),
                kpis: p.kpis_en.unwrap_or_default(),
            },
            city: p.city,
            work_format: p.work_format,
            role_variant: p.role_variant,
            title_en: p.title_en,
            reports_to_en: p.reports_to_en,
            id: p.id,
            slug: p.slug,
            title: p.title,
            grade: p.grade,
            status: p.status,
            reports_to: p.reports_to,
            headcount: p.headcount,
            recruiter_id: p.recruiter_id,
            hiring_manager_id: p.hiring_manager_id,
            target_date: p.target_date,
            opened_on: p.opened_on,
            filled_on: p.filled_on,
            interviewer_ids: None,
            version: p.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PositionListResponse {
    items: Vec<PositionResponse>,
    total: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PositionListQuery {
    status: Option<String>,
    limit: Option<u64>,
    offset: Option<u64>,
}

/// Opens a position as a draft.
#[utoipa::path(post, path = "/positions", tag = "positions", security(("bearer" = [])),
    request_body = CreatePositionRequest,
    responses((status = 201, body = PositionResponse), (status = 403), (status = 422)))]
async fn create_position(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<CreatePositionRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<PositionResponse>)> {
    user.require(Action::ManagePositions)?;
    let ApiJson(request) = request?;
    let fields = PositionFields {
        title: request.title,
        grade: request.grade,
        reports_to: request.reports_to,
        headcount: request.headcount.unwrap_or(1),
        profile: request.profile.unwrap_or_default(),
        target_date: request.target_date,
        city: request.city,
        work_format: request.work_format,
        title_en: request.title_en,
        reports_to_en: request.reports_to_en,
        profile_en: request.profile_en.unwrap_or_default(),
        role_variant: request
            .role_variant
            .unwrap_or_else(|| RoleVariant::default().code().to_owned()),
    };
    let created = model::create(&state.db, user.id, fields).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

/// Positions, newest first; `?status=` filters.
#[utoipa::path(get, path = "/positions", tag = "positions", security(("bearer" = [])), params(PositionListQuery),
    responses((status = 200, body = PositionListResponse), (status = 403)))]
async fn list_positions(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<PositionListQuery>,
) -> AppResult<ApiJson<PositionListResponse>> {
    user.require(Action::ViewPositions)?;
    let status = match query.status.as_deref() {
        None | Some("") => None,
        Some(text) => Some(PositionStatus::parse(text).ok_or_else(|| {
            AppError::validation("status", Message::new("field-position-status-invalid"))
        })?),
    };
    let paging = ListQuery {
        limit: query.limit,
        offset: query.offset,
    };
    let (items, total) = model::list(&state.db, status, paging.limit(), paging.offset()).await?;
    Ok(ApiJson(PositionListResponse {
        items: items.into_iter().map(Into::into).collect(),
        total,
    }))
}

/// One position with its profile and time to fill.
#[utoipa::path(get, path = "/positions/{id}", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = PositionResponse), (status = 404)))]
async fn get_position(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<PositionResponse>> {
    user.require(Action::ViewPositions)?;
    with_team(&state, model::get(&state.db, id).await?).await
}

async fn with_team(state: &AppState, p: position::Model) -> AppResult<ApiJson<PositionResponse>> {
    let id = p.id;
    let mut body: PositionResponse = p.into();
    body.interviewer_ids = Some(super::team::interviewer_ids(&state.db, id).await?);
    Ok(ApiJson(body))
}

/// Edits a position; send the `version` you read. Omitted fields stay as they are.
#[utoipa::path(patch, path = "/positions/{id}", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = PatchPositionRequest,
    responses((status = 200, body = PositionResponse), (status = 404), (status = 409), (status = 422)))]
async fn patch_position(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<PatchPositionRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<PositionResponse>> {
    user.require(Action::ManagePositions)?;
    let ApiJson(request) = request?;
    let current = model::get(&state.db, id).await?;
    let before = current.clone();
    let current_team = (current.recruiter_id, current.hiring_manager_id);
    let patch = request.profile.unwrap_or_default();
    let patch_en = request.profile_en.unwrap_or_default();
    let kept = |value: Option<Option<String>>, current: Option<String>| match value {
        Some(value) => value,
        None => current,
    };
    let fields = PositionFields {
        city: kept(request.city, current.city),
        work_format: kept(request.work_format, current.work_format),
        role_variant: request.role_variant.unwrap_or(current.role_variant),
        title_en: kept(request.title_en, current.title_en),
        reports_to_en: kept(request.reports_to_en, current.reports_to_en),
        profile_en: Profile {
            company: patch_en.company.or(current.company_en).unwrap_or_default(),
            role: patch_en.role.or(current.role_en).unwrap_or_default(),
            duties: patch_en.duties.or(current.duties_en).unwrap_or_default(),
            requirements: patch_en
                .requirements
                .or(current.requirements_en)
                .unwrap_or_default(),
            conditions: patch_en
                .conditions
                .or(current.conditions_en)
                .unwrap_or_default(),
            kpis: patch_en.kpis.or(current.kpis_en).unwrap_or_default(),
        },
        title: request.title.unwrap_or(current.title),
        grade: request.grade.unwrap_or(current.grade),
        reports_to: request.reports_to.unwrap_or(current.reports_to),
        headcount: request.headcount.unwrap_or(current.headcount),
        profile: Profile {
            company: patch.company.unwrap_or(current.company),
            role: patch.role.unwrap_or(current.role),
            duties: patch.duties.unwrap_or(current.duties),
            requirements: patch.requirements.unwrap_or(current.requirements),
            conditions: patch.conditions.unwrap_or(current.conditions),
            kpis: patch.kpis.unwrap_or(current.kpis),
        },
        target_date: match request.target_date {
            Some(date) => date,
            None => current.target_date,
        },
    };
    // The team is checked before anything is written, so a refused team leaves the profile
    // untouched too.
    let team = if request.recruiter_id.is_some()
        || request.hiring_manager_id.is_some()
        || request.interviewer_ids.is_some()
    {
        let team = super::team::Team {
            recruiter_id: request.recruiter_id.unwrap_or(current_team.0),
            hiring_manager_id: request.hiring_manager_id.unwrap_or(current_team.1),
            interviewer_ids: match request.interviewer_ids {
                Some(ids) => ids,
                None => super::team::interviewer_ids(&state.db, id).await?,
            },
        };
        super::team::check(&state.db, &before, &team).await?;
        Some(team)
    } else {
        None
    };
    let mut updated = model::update(&state.db, user.id, id, request.version, fields).await?;
    if let Some(team) = team {
        updated = super::team::set_team(&state.db, user.id, id, team).await?;
    }
    with_team(&state, updated).await
}

async fn status_change(
    state: &AppState,
    user: &CurrentUser,
    id: i32,
    action: StatusAction,
) -> AppResult<ApiJson<PositionResponse>> {
    user.require(Action::ManagePositions)?;
    let changed = model::change_status(&state.db, &state.composer, user.id, id, action).await?;
    state.position_extensions.status_changed(state, id).await;
    Ok(ApiJson(changed.into()))
}

/// Publishes a draft, or resumes a position on hold.
#[utoipa::path(post, path = "/positions/{id}/open", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = PositionResponse), (status = 409)))]
async fn open_position(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<PositionResponse>> {
    status_change(&state, &user, id, StatusAction::Open).await
}

/// Pauses the search.
#[utoipa::path(post, path = "/positions/{id}/hold", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = PositionResponse), (status = 409)))]
async fn hold_position(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<PositionResponse>> {
    status_change(&state, &user, id, StatusAction::Hold).await
}

/// Cancels the position for good.
#[utoipa::path(post, path = "/positions/{id}/cancel", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = PositionResponse), (status = 409)))]
async fn cancel_position(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<PositionResponse>> {
    status_change(&state, &user, id, StatusAction::Cancel).await
}
