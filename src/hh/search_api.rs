//! hh.ru resume searches in the API: a position's searches (list, add), one search (read,
//! change, remove, run now), its hits (`?new=true` for the ones since the last look) and the
//! look itself, a hit onto the long-list, and the employer's saved searches on hh to pick from.
//! The pages (`search_pages`) call the same operations.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::search_hits::{self, HitsPage, HitsQuery, LongListed};
use super::search_rules::{SearchPatch, SearchRequest};
use super::search_runs::{self, RunOutcome};
use super::searches::{self, SavedSearch, SearchView};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_searches, add_search))
        .routes(routes!(get_search, patch_search, delete_search))
        .routes(routes!(run_search))
        .routes(routes!(list_hits))
        .routes(routes!(mark_seen))
        .routes(routes!(long_list_hit))
        .routes(routes!(list_saved_searches))
}

/// A position's hh.ru resume searches, with how many hits each has and how many are new.
#[utoipa::path(get, path = "/positions/{id}/hh/searches", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = Vec<SearchView>), (status = 403), (status = 404)))]
async fn list_searches(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<SearchView>>> {
    user.require(Action::ViewAllCandidates)?;
    Ok(ApiJson(searches::for_position(&state.db, id).await?))
}

/// Adds a search to a position: a text query (with an area) or one of the employer's saved
/// searches on hh. It runs at the next round, then every `every_days` days.
#[utoipa::path(post, path = "/positions/{id}/hh/searches", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)), request_body = SearchRequest,
    responses((status = 201, body = SearchView), (status = 403), (status = 404),
        (status = 409, description = "the position is closed, or hh.ru is not connected"),
        (status = 422)))]
async fn add_search(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<SearchRequest>, AppError>,
) -> AppResult<(StatusCode, ApiJson<SearchView>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let created = searches::create(&state, user.id, id, request).await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

/// One search with its counts and its last problem, if any.
#[utoipa::path(get, path = "/hh/searches/{id}", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = SearchView), (status = 403), (status = 404)))]
async fn get_search(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<SearchView>> {
    user.require(Action::ViewAllCandidates)?;
    Ok(ApiJson(searches::view(&state.db, id).await?))
}

/// Renames a search or changes how often it runs.
#[utoipa::path(patch, path = "/hh/searches/{id}", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)), request_body = SearchPatch,
    responses((status = 200, body = SearchView), (status = 403), (status = 404), (status = 422)))]
async fn patch_search(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<SearchPatch>, AppError>,
) -> AppResult<ApiJson<SearchView>> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(patch) = request?;
    Ok(ApiJson(
        searches::update(&state.db, user.id, id, patch).await?,
    ))
}

/// Removes a search and its hits; people already on the long-list stay there.
#[utoipa::path(delete, path = "/hh/searches/{id}", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
async fn delete_search(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(Action::ManageCandidates)?;
    searches::remove(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Runs the search now, whatever its turn. hh's refusals come back as they are: 429 with
/// `Retry-After`, 409 for no paid access, 502 when hh is down.
#[utoipa::path(post, path = "/hh/searches/{id}/run", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = RunOutcome), (status = 403), (status = 404), (status = 409),
        (status = 429), (status = 502)))]
async fn run_search(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<RunOutcome>> {
    user.require(Action::ManageCandidates)?;
    Ok(ApiJson(search_runs::run_now(&state, id).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HitsParams {
    /// Only the hits found since the last look.
    new: Option<bool>,
    limit: Option<u64>,
    offset: Option<u64>,
}

/// A search's hits, newest first; `new` marks the ones found since the last look. Reading
/// them is not a look: `POST /hh/searches/{id}/seen` says the recruiter has seen them.
#[utoipa::path(get, path = "/hh/searches/{id}/hits", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path), HitsParams),
    responses((status = 200, body = HitsPage), (status = 403), (status = 404)))]
async fn list_hits(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    Query(params): Query<HitsParams>,
) -> AppResult<ApiJson<HitsPage>> {
    user.require(Action::ViewAllCandidates)?;
    let search = searches::get(&state.db, id).await?;
    let paging = ListQuery {
        limit: params.limit,
        offset: params.offset,
    };
    let query = HitsQuery {
        since: search.last_viewed_at,
        only_new: params.new.unwrap_or(false),
        limit: paging.limit(),
        offset: paging.offset(),
    };
    Ok(ApiJson(search_hits::list(&state.db, &search, query).await?))
}

/// The recruiter has seen the search's hits: from now on only hits found later are new.
#[utoipa::path(post, path = "/hh/searches/{id}/seen", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
async fn mark_seen(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(Action::ManageCandidates)?;
    let search = searches::get(&state.db, id).await?;
    search_hits::mark_seen(&state.db, &search).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a hit to its position's long-list (source `cold_search`, channel hh): the full resume
/// is read from hh for the contacts, and a person already known by resume, email or phone
/// gets the application instead of a twin. 201 when an application was made, 200 when the
/// hit or the person was on the long-list already.
#[utoipa::path(post, path = "/hh/hits/{id}/long-list", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 201, body = LongListed), (status = 200, body = LongListed),
        (status = 403), (status = 404),
        (status = 409, description = "no paid access to hh.ru's resume database, a closed position, or hh.ru not connected"),
        (status = 429), (status = 502)))]
async fn long_list_hit(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<(StatusCode, ApiJson<LongListed>)> {
    user.require(Action::ManageCandidates)?;
    let added = search_hits::add_to_long_list(&state, user.id, id).await?;
    let status = if added.new_application {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, ApiJson(added)))
}

/// The employer's saved resume searches on hh.ru, to run one from a position.
#[utoipa::path(get, path = "/hh/saved-searches", tag = "integrations",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<SavedSearch>), (status = 403),
        (status = 409, description = "hh.ru is not connected")))]
async fn list_saved_searches(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<Vec<SavedSearch>>> {
    user.require(Action::ManageCandidates)?;
    Ok(ApiJson(searches::saved_searches(&state).await?))
}
