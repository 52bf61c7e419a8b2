//! Privacy in the API and the browser: a person's data export as a ZIP, and the destruction
//! records their erasure left.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::destruction::{self, DestructionView};
use super::export;
use super::retention::{self, RetentionRun, RetentionSettings};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::{ApiJson, AuthUser, Page};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export_candidate))
        .routes(routes!(destruction_records))
        .routes(routes!(get_retention, put_retention))
        .routes(routes!(run_retention))
}

/// Retention periods: days after the last application ended, talent-pool months, the
/// re-consent notice.
#[utoipa::path(get, path = "/privacy/retention", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = RetentionSettings), (status = 403)))]
async fn get_retention(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<RetentionSettings>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(retention::settings(&state.db).await?))
}

#[utoipa::path(put, path = "/privacy/retention", tag = "admin", security(("bearer" = [])),
    request_body = RetentionSettings,
    responses((status = 200, body = RetentionSettings), (status = 403), (status = 422)))]
async fn put_retention(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<RetentionSettings>, crate::error::AppError>,
) -> AppResult<ApiJson<RetentionSettings>> {
    user.require(Action::Administer)?;
    let ApiJson(request) = request?;
    Ok(ApiJson(
        retention::save_settings(&state.db, user.id, request).await?,
    ))
}

/// Runs the retention round now (it also runs once a day on its own).
#[utoipa::path(post, path = "/privacy/retention/run", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = RetentionRun), (status = 403)))]
async fn run_retention(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<RetentionRun>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(retention::run(&state, chrono::Utc::now()).await?))
}

fn as_zip(bytes: Vec<u8>, id: i32) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    if let Ok(value) =
        HeaderValue::from_str(&format!("attachment; filename=\"candidate-{id}-data.zip\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Everything held about the person: `person.json` and their CV, as a ZIP. Audited.
#[utoipa::path(get, path = "/candidates/{id}/export", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, content_type = "application/zip", body = Vec<u8>), (status = 403), (status = 404)))]
async fn export_candidate(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    user.require(Action::ManageCandidates)?;
    Ok(as_zip(
        export::zip(&state.db, &state.files, user.id, id).await?,
        id,
    ))
}

/// What the person's erasure destroyed, when, why and by whom.
#[utoipa::path(get, path = "/candidates/{id}/destruction-records", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = Vec<DestructionView>), (status = 403)))]
async fn destruction_records(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Vec<DestructionView>>> {
    user.require(Action::ManageCandidates)?;
    Ok(ApiJson(destruction::for_candidate(&state.db, id).await?))
}

/// The same export from the candidate's page.
pub async fn export_page(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    Ok(as_zip(
        export::zip(&page.state.db, &page.state.files, user.id, id).await?,
        id,
    ))
}
