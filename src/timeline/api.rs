//! `POST /candidates/{id}/notes`: a note on the person's timeline.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(add_note))
}

#[derive(Deserialize, ToSchema)]
pub struct NoteRequest {
    text: String,
    /// One of this person's applications the note is about.
    #[serde(default)]
    application_id: Option<i32>,
}

#[derive(Serialize, ToSchema)]
pub struct NoteResponse {
    id: i32,
    candidate_id: i32,
    application_id: Option<i32>,
    text: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Adds a note to the candidate's timeline; `@email` of a colleague in it notifies them.
#[utoipa::path(post, path = "/candidates/{id}/notes", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = NoteRequest,
    responses((status = 201, body = NoteResponse), (status = 404), (status = 409), (status = 422)))]
async fn add_note(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<NoteRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<NoteResponse>)> {
    user.require(Action::ManageCandidates)?;
    let ApiJson(request) = request?;
    let note = super::notes::add(
        &state.db,
        user.id,
        id,
        request.application_id,
        &request.text,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(NoteResponse {
            id: note.id,
            candidate_id: note.candidate_id,
            application_id: note.application_id,
            text: note.text,
            created_at: note.created_at,
        }),
    ))
}
