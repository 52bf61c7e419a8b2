//! `GET|PUT /api/v1/settings/values`: the agency's values as the `/settings/values` page keeps
//! them, through the same operation.

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, AgencyValue};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_values, replace_values))
}

/// The agency's values in their order; everyone signed in may read them.
#[utoipa::path(get, path = "/settings/values", tag = "interviews", security(("bearer" = [])),
    responses((status = 200, description = "The values in the agency's order.", body = Vec<AgencyValue>),
        (status = 401)))]
async fn list_values(
    State(state): State<AppState>,
    AuthUser(_user): AuthUser,
) -> AppResult<ApiJson<Vec<AgencyValue>>> {
    Ok(ApiJson(
        model::list(&state.db)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Replaces the list (admin or CEO): the order sent is the order kept; a value keeps its
/// code when renamed; values left out are removed. Interviews already scheduled keep the
/// values they were set to ask about, with their scores.
#[utoipa::path(put, path = "/settings/values", tag = "interviews", security(("bearer" = [])),
    request_body = Vec<AgencyValue>,
    responses((status = 200, description = "The list as now kept.", body = Vec<AgencyValue>),
        (status = 403), (status = 422)))]
async fn replace_values(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<Vec<AgencyValue>>, AppError>,
) -> AppResult<ApiJson<Vec<AgencyValue>>> {
    user.require(Action::EditValues)?;
    let ApiJson(values) = request?;
    Ok(ApiJson(model::replace(&state.db, user.id, values).await?))
}
