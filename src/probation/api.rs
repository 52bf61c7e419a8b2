//! The probation plan in the API: `GET` and `PUT /applications/{id}/probation`.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, Probation};
use super::record::{self, ProbationUpdate};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_probation, record_probation))
}

/// A started hire's probation plan: the milestones with their working-day due dates and the
/// monthly KPIs. The plan is made on this first read for a hire who started before plans
/// existed. Not started yet → 409.
#[utoipa::path(get, path = "/applications/{id}/probation", tag = "applications",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = Probation, description = "The plan as it stands"),
        (status = 404), (status = 409, description = "The application has not started")))]
async fn get_probation(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Probation>> {
    user.require(Action::ViewAllCandidates)?;
    Ok(ApiJson(model::read(&state.db, id).await?))
}

/// Records milestone results (the decision at the end: `passed`, `extended` with
/// `extended_to`, or `not_passed`) and monthly KPIs; answers the plan after. Hiring managers,
/// the CEO and admins.
#[utoipa::path(put, path = "/applications/{id}/probation", tag = "applications",
    security(("bearer" = [])), params(("id" = i32, Path)), request_body = ProbationUpdate,
    responses((status = 200, body = Probation, description = "The plan after the change"),
        (status = 404), (status = 409, description = "The application has not started"),
        (status = 422)))]
async fn record_probation(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<ProbationUpdate>, AppError>,
) -> AppResult<ApiJson<Probation>> {
    // Access before input: a refused role learns nothing from how its body was wrong.
    user.require(Action::RecordProbation)?;
    let ApiJson(update) = request?;
    Ok(ApiJson(
        record::record(&state.db, user.id, id, update).await?,
    ))
}
