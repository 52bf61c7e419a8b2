//! The hh.ru connection in the API: its settings (the secret write-only, no token ever) and
//! who it is connected as. Connecting itself happens in a browser (`/integrations/hh/connect`).

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::settings::{self, HhSettingsRequest, HhView};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_hh, put_hh))
        .routes(routes!(check_hh))
        .merge(super::publish_api::router())
        .merge(super::search_api::router())
        .merge(super::sync_api::router())
}

/// The hh.ru connection: addresses, client id, whether a secret is saved, whether it is
/// connected and as which employer and manager.
#[utoipa::path(get, path = "/integrations/hh", tag = "integrations", security(("bearer" = [])),
    responses((status = 200, body = HhView), (status = 403)))]
async fn get_hh(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<HhView>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(settings::view(&state.db).await?))
}

/// Sets the connection. A missing or empty `client_secret` keeps the saved one; another
/// client id or base address drops the tokens (connect again).
#[utoipa::path(put, path = "/integrations/hh", tag = "integrations", security(("bearer" = [])),
    request_body = HhSettingsRequest,
    responses((status = 200, body = HhView), (status = 403), (status = 422)))]
async fn put_hh(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<HhSettingsRequest>, AppError>,
) -> AppResult<ApiJson<HhView>> {
    user.require(Action::Administer)?;
    let ApiJson(request) = request?;
    Ok(ApiJson(
        settings::save(&state.db, &state.secret_key, user.id, request).await?,
    ))
}

/// Asks hh.ru who the connection is and shows it; a refused token answers 409 and marks the
/// connection for reconnecting.
#[utoipa::path(post, path = "/integrations/hh/check", tag = "integrations", security(("bearer" = [])),
    responses((status = 200, body = HhView), (status = 403), (status = 409), (status = 502)))]
async fn check_hh(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<HhView>> {
    user.require(Action::Administer)?;
    let row = super::connection::check(&state).await?;
    Ok(ApiJson(HhView::from(&row)))
}
