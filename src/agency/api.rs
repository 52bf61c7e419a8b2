//! `GET|PUT /api/v1/settings/agency` and the logo (`PUT|DELETE …/agency/logo`): the same
//! operations as the `/admin/agency` page.

use axum::extract::{Multipart, State};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::logo;
use super::model::{self, Agency, AgencyFields};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_agency, put_agency))
        .routes(routes!(put_agency_logo, delete_agency_logo))
}

/// The agency as candidates meet it.
#[derive(Serialize, ToSchema)]
pub struct AgencyView {
    name: String,
    legal_name: String,
    address: String,
    /// Absolute address of the logo (a PNG), if there is one.
    logo_url: Option<String>,
    /// `#rrggbb`.
    accent_color: String,
    /// `ru` or `en`.
    default_lang: String,
    /// IANA zone name.
    time_zone: String,
}

pub fn view(agency: &Agency, public_url: &str) -> AgencyView {
    AgencyView {
        name: agency.name.clone(),
        legal_name: agency.legal_name.clone(),
        address: agency.address.clone(),
        logo_url: agency
            .logo_path()
            .map(|path| format!("{}{path}", public_url.trim_end_matches('/'))),
        accent_color: agency.accent_color.clone(),
        default_lang: agency.default_lang.as_str().into(),
        time_zone: agency.time_zone.clone(),
    }
}

/// The agency's name, legal details, logo, accent colour, default language and time zone.
#[utoipa::path(get, path = "/settings/agency", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = AgencyView), (status = 403)))]
async fn get_agency(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<AgencyView>> {
    user.require(Action::Administer)?;
    let agency = model::load(&state.db).await?;
    Ok(ApiJson(view(&agency, &state.config.mail.public_url)))
}

/// Sets the agency's face (the logo is sent apart, as a file). Empty `accent_color` and
/// `time_zone` fall back to the defaults (`#1f4e79`, `Europe/Moscow`).
#[utoipa::path(put, path = "/settings/agency", tag = "admin", security(("bearer" = [])),
    request_body = AgencyFields,
    responses((status = 200, body = AgencyView), (status = 403), (status = 422)))]
async fn put_agency(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<AgencyFields>, AppError>,
) -> AppResult<ApiJson<AgencyView>> {
    user.require(Action::Administer)?;
    let ApiJson(fields) = request?;
    let agency = model::save(&state.db, &state.agency, user.id, fields).await?;
    Ok(ApiJson(view(&agency, &state.config.mail.public_url)))
}

/// Uploads the logo as multipart field `file`: PNG, JPEG or SVG (checked by content), ≤ 1 MB.
/// It is kept as a PNG; an SVG is rasterised and never served as it was sent.
#[utoipa::path(put, path = "/settings/agency/logo", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = AgencyView), (status = 403), (status = 413), (status = 415),
        (status = 422)))]
async fn put_agency_logo(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<ApiJson<AgencyView>> {
    user.require(Action::Administer)?;
    let multipart = multipart.map_err(|_| AppError::UnsupportedMediaType)?;
    let (upload, _) =
        crate::web::upload::read_upload_limited(multipart, "file", logo::MAX_BYTES).await;
    let upload =
        upload?.ok_or_else(|| AppError::validation("file", Message::new("field-required")))?;
    let prepared = logo::prepare(&upload.bytes).map_err(|m| AppError::validation("file", m))?;
    let agency = model::set_logo(&state.db, &state.agency, user.id, Some(&prepared)).await?;
    Ok(ApiJson(view(&agency, &state.config.mail.public_url)))
}

/// Removes the logo; pages and letters show the agency's name alone.
#[utoipa::path(delete, path = "/settings/agency/logo", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = AgencyView), (status = 403)))]
async fn delete_agency_logo(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<AgencyView>> {
    user.require(Action::Administer)?;
    let agency = model::set_logo(&state.db, &state.agency, user.id, None).await?;
    Ok(ApiJson(view(&agency, &state.config.mail.public_url)))
}
