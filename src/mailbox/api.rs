//! The mailbox in the API: its settings (the password write-only), a poll on demand, and a
//! candidate's email log.

use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::log::{self, EmailItem};
use super::settings::{self, MailboxRequest, MailboxView};
use super::sync::{self, PollOutcome};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::recruitment::candidates;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_mailbox, put_mailbox))
        .routes(routes!(poll_mailbox))
        .routes(routes!(candidate_emails))
}

/// The agency mailbox replies are fetched from; never the password, only whether one is saved.
#[utoipa::path(get, path = "/settings/mailbox", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = MailboxView), (status = 403)))]
async fn get_mailbox(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<MailboxView>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(settings::view(&state.db).await?))
}

/// Sets the mailbox. A missing or empty `password` keeps the saved one.
#[utoipa::path(put, path = "/settings/mailbox", tag = "admin", security(("bearer" = [])),
    request_body = MailboxRequest,
    responses((status = 200, body = MailboxView), (status = 403), (status = 422)))]
async fn put_mailbox(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<MailboxRequest>, AppError>,
) -> AppResult<ApiJson<MailboxView>> {
    user.require(Action::Administer)?;
    let ApiJson(request) = request?;
    Ok(ApiJson(
        settings::save(&state.db, &state.secret_key, user.id, request).await?,
    ))
}

/// Reads the mailbox now (after a poll in progress ends). A mailbox that cannot be read is
/// not a failed request: the answer and the settings carry the error.
#[utoipa::path(post, path = "/settings/mailbox/poll", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = PollOutcome), (status = 403), (status = 409)))]
async fn poll_mailbox(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<PollOutcome>> {
    user.require(Action::Administer)?;
    Ok(ApiJson(sync::now(&state.db, &state.secret_key).await?))
}

#[derive(Serialize, ToSchema)]
pub struct EmailLog {
    items: Vec<EmailItem>,
}

/// Everything sent to and received from the candidate, newest first (at most 100).
#[utoipa::path(get, path = "/candidates/{id}/emails", tag = "candidates", security(("bearer" = [])),
    params(("id" = i32, Path)),
    responses((status = 200, body = EmailLog), (status = 403), (status = 404)))]
async fn candidate_emails(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<EmailLog>> {
    user.require(Action::ViewAllCandidates)?;
    let person = candidates::get(&state.db, id).await?;
    let items = log::of_candidate(&state.db, &person, &state.composer.from.to_string())
        .await?
        .into_iter()
        .map(|e| e.item)
        .collect();
    Ok(ApiJson(EmailLog { items }))
}
