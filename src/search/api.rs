//! `GET /api/v1/search?q=`: the header's box for integrations.

use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, Hit};
use crate::app::AppState;
use crate::error::AppResult;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// A name, part of an email, 4 or more digits of a phone, a title; any case, `ё` = `е`.
    q: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
struct SearchResults {
    items: Vec<Hit>,
}

/// Candidates, positions and interns matching `q`, of those the caller may see.
#[utoipa::path(get, path = "/search", tag = "search", security(("bearer" = [])),
    params(SearchQuery), responses((status = 200, body = SearchResults), (status = 401)))]
async fn search(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<SearchQuery>,
) -> AppResult<ApiJson<SearchResults>> {
    let items = model::find(&state.db, &user, query.q.as_deref().unwrap_or_default()).await?;
    Ok(ApiJson(SearchResults { items }))
}
