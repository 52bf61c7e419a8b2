//! A position's hh.ru vacancy in the API: publish, update, archive, and how it stands. The
//! same operations as the position page (`hh::publish`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::publish::{self, HhVacancyView};
use super::vacancy_body::{self, Choices};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::entities::position;
use crate::error::{AppError, AppResult};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_vacancy))
        .routes(routes!(publish_vacancy))
        .routes(routes!(update_vacancy))
        .routes(routes!(archive_vacancy))
}

/// The choices hh needs ids for. Any left out follow the position: the area from its city
/// (Moscow 1, Saint Petersburg 2, ...), the account manager's role (70), the experience from
/// its grade, the work format from its own, full employment.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct PublishRequest {
    /// One of the employer's publication types (`vacancy_billing_type` in hh's `/dictionaries`).
    pub billing_type: String,
    pub area: Option<String>,
    pub professional_role: Option<String>,
    pub experience: Option<String>,
    pub work_format: Option<String>,
    pub employment_form: Option<String>,
}

impl PublishRequest {
    fn choices(self, position: &position::Model) -> Choices {
        let defaults = vacancy_body::defaults(
            &position.grade,
            position.city.as_deref(),
            position.work_format.as_deref(),
            &[],
        );
        let or = |given: Option<String>, default: String| {
            given
                .map(|g| g.trim().to_owned())
                .filter(|g| !g.is_empty())
                .unwrap_or(default)
        };
        Choices {
            billing_type: self.billing_type.trim().to_owned(),
            area: or(self.area, defaults.area),
            professional_role: or(self.professional_role, defaults.professional_role),
            experience: or(self.experience, defaults.experience),
            work_format: or(self.work_format, defaults.work_format),
            employment_form: or(self.employment_form, defaults.employment_form),
        }
    }
}

async fn shown(state: &AppState, position_id: i32) -> AppResult<ApiJson<HhVacancyView>> {
    let position = crate::positions::model::get(&state.db, position_id).await?;
    publish::view(state, &position)
        .await?
        .map(ApiJson)
        .ok_or(AppError::NotFound)
}

/// A position on hh.ru: its vacancy there, or `null` when it was never published.
#[derive(Serialize, ToSchema)]
pub struct PositionOnHh {
    pub position_id: i32,
    pub vacancy: Option<HhVacancyView>,
}

/// The position's hh.ru vacancy: its id and link, published or archived, responses so far,
/// the last error, and whether the position changed since it was sent (`changed`).
#[utoipa::path(get, path = "/positions/{id}/hh", tag = "integrations", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = PositionOnHh), (status = 403), (status = 404)))]
async fn get_vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<PositionOnHh>> {
    user.require(Action::ManagePositions)?;
    let position = crate::positions::model::get(&state.db, id).await?;
    Ok(ApiJson(PositionOnHh {
        position_id: id,
        vacancy: publish::view(&state, &position).await?,
    }))
}

/// Publishes the open position on hh.ru: its title, Russian vacancy text and grade band with
/// the choices given. 409 when the position is not open, is already published, or hh allows
/// no more publications of that type (the message says which); 422 with `errors` naming the
/// fields hh refused.
#[utoipa::path(post, path = "/positions/{id}/hh/publish", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)), request_body = PublishRequest,
    responses((status = 201, body = HhVacancyView), (status = 403), (status = 404),
        (status = 409), (status = 422), (status = 429), (status = 502)))]
async fn publish_vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<PublishRequest>, AppError>,
) -> AppResult<(StatusCode, ApiJson<HhVacancyView>)> {
    user.require(Action::ManagePositions)?;
    let ApiJson(request) = request?;
    let position = crate::positions::model::get(&state.db, id).await?;
    publish::publish(&state, user.id, id, request.choices(&position)).await?;
    Ok((StatusCode::CREATED, shown(&state, id).await?))
}

/// Sends the position's title, text and band as they are now to its live hh.ru vacancy.
#[utoipa::path(post, path = "/positions/{id}/hh/update", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = HhVacancyView), (status = 403), (status = 404),
        (status = 409), (status = 422), (status = 429), (status = 502)))]
async fn update_vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<HhVacancyView>> {
    user.require(Action::ManagePositions)?;
    publish::update(&state, user.id, id).await?;
    shown(&state, id).await
}

/// Moves the position's hh.ru vacancy to hh's archive: no more responses come.
#[utoipa::path(post, path = "/positions/{id}/hh/archive", tag = "integrations",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = HhVacancyView), (status = 403), (status = 404),
        (status = 409), (status = 429), (status = 502)))]
async fn archive_vacancy(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<HhVacancyView>> {
    user.require(Action::ManagePositions)?;
    super::archive::archive(&state, Some(user.id), id).await?;
    shown(&state, id).await
}
