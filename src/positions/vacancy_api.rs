//! A position's vacancy text in the API: read it in either language, save an edit, and
//! regenerate it from the profile (with a preview of what changes). The same operations as the
//! pages (`positions::vacancy`).

use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model;
use super::reference_api::LangQuery;
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(vacancy, put_vacancy))
        .routes(routes!(regenerate_vacancy))
}

#[derive(Serialize, ToSchema)]
pub struct VacancyResponse {
    lang: String,
    text: String,
    /// The recruiter edited it; otherwise it is generated from the profile.
    edited: bool,
    /// The edited text was written against a band the grade no longer has; `text` already shows
    /// the current band's figures, and saving it (or the page's refresh) makes that permanent.
    stale: bool,
    /// The profile in this language is empty, so a generated text says only what the product
    /// knows without it (grade, head, pay, city, work format).
    profile_missing: bool,
}

async fn vacancy_response(
    state: &AppState,
    position: &crate::entities::position::Model,
    lang: crate::web::i18n::Lang,
) -> AppResult<VacancyResponse> {
    let vacancy = super::vacancy::vacancy(&state.db, &state.templates, position, lang).await?;
    Ok(VacancyResponse {
        lang: lang.as_str().to_owned(),
        stale: vacancy.stale.is_some(),
        profile_missing: vacancy.profile_missing,
        edited: vacancy.edited,
        text: vacancy.text,
    })
}

/// The vacancy text generated from the position's profile and its grade's band.
#[utoipa::path(get, path = "/positions/{id}/vacancy", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path), LangQuery), responses((status = 200, body = VacancyResponse), (status = 404)))]
async fn vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    Query(query): Query<LangQuery>,
) -> AppResult<ApiJson<VacancyResponse>> {
    user.require(Action::ViewPositions)?;
    let lang = query.resolve(&user)?;
    let position = model::get(&state.db, id).await?;
    Ok(ApiJson(vacancy_response(&state, &position, lang).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct VacancyRequest {
    /// ru or en.
    lang: String,
    /// The edited text; empty goes back to the generated one.
    text: String,
}

/// Saves the edited vacancy text the job page publishes.
#[utoipa::path(put, path = "/positions/{id}/vacancy", tag = "positions", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = VacancyRequest,
    responses((status = 200, body = VacancyResponse), (status = 404), (status = 422)))]
async fn put_vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<VacancyRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<VacancyResponse>> {
    user.require(Action::ManagePositions)?;
    let ApiJson(request) = request?;
    let lang = crate::web::i18n::Lang::parse(&request.lang)
        .ok_or_else(|| AppError::validation("lang", Message::new("field-lang-invalid")))?;
    let position = model::save_vacancy_text(&state.db, user.id, id, lang, &request.text).await?;
    Ok(ApiJson(vacancy_response(&state, &position, lang).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct RegenerateVacancyRequest {
    /// ru or en.
    lang: String,
    /// `true` only shows what would change and writes nothing.
    #[serde(default)]
    preview: bool,
}

#[derive(Serialize, ToSchema)]
pub struct VacancyLine {
    /// same, removed (only in the edited text) or added (only in the generated one).
    change: crate::domain::line_diff::Change,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct RegenerationResponse {
    lang: String,
    /// Nothing was written.
    preview: bool,
    /// There was an edited text to replace; without one the generated text was already live.
    had_edit: bool,
    /// The generated text differs from the edited one.
    changed: bool,
    /// The edited text against the generated one, line by line.
    lines: Vec<VacancyLine>,
    /// The text as it stands after the call (unchanged on a preview).
    vacancy: VacancyResponse,
}

/// Replaces the edited vacancy text with one generated from the profile now; with
/// `preview: true`, only shows line by line what that would change.
#[utoipa::path(post, path = "/positions/{id}/vacancy/regenerate", tag = "positions",
    security(("bearer" = [])), params(("id" = i32, Path)), request_body = RegenerateVacancyRequest,
    responses((status = 200, body = RegenerationResponse), (status = 404), (status = 422)))]
async fn regenerate_vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<RegenerateVacancyRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<RegenerationResponse>> {
    user.require(Action::ManagePositions)?;
    let ApiJson(request) = request?;
    let lang = crate::web::i18n::Lang::parse(&request.lang)
        .ok_or_else(|| AppError::validation("lang", Message::new("field-lang-invalid")))?;
    let diff = super::vacancy::regeneration(&state.db, &state.templates, id, lang).await?;
    let position = if request.preview {
        model::get(&state.db, id).await?
    } else {
        super::vacancy::regenerate(&state.db, user.id, id, lang).await?
    };
    Ok(ApiJson(RegenerationResponse {
        lang: lang.as_str().to_owned(),
        preview: request.preview,
        had_edit: diff.edited,
        changed: diff.changed,
        lines: diff
            .lines
            .into_iter()
            .map(|l| VacancyLine {
                change: l.change,
                text: l.text,
            })
            .collect(),
        vacancy: vacancy_response(&state, &position, lang).await?,
    }))
}
