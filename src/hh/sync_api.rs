//! `POST /api/v1/integrations/hh/sync`: fetch hh.ru responses now, the same sync the round
//! runs (waiting its turn behind one in progress).

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::sync::{self, SyncOutcome};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sync_now))
}

/// Fetches new responses to the published vacancies into their long-lists. 409 when hh.ru is
/// not connected (or needs reconnecting); 429 with `Retry-After` while hh.ru asked to wait;
/// 502 when hh.ru does not answer.
#[utoipa::path(post, path = "/integrations/hh/sync", tag = "integrations", security(("bearer" = [])),
    responses((status = 200, body = SyncOutcome), (status = 403), (status = 409), (status = 429),
        (status = 502)))]
async fn sync_now(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<SyncOutcome>> {
    user.require(Action::ManageCandidates)?;
    Ok(ApiJson(sync::run(&state).await?))
}
