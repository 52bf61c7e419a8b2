//! `/api/v1/tokens` and `/api/v1/me`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, LoginRefused};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::client::ClientMeta;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(me, update_me))
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    email: String,
    password: String,
    /// A label to recognise the token by later, e.g. "1C export".
    name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    id: i32,
    name: String,
    /// The token itself, shown only in this response.
    token: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenInfo {
    id: i32,
    name: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Exchanges an email and password for an API token.
#[utoipa::path(post, path = "/tokens", tag = "auth", request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 401, description = "Wrong email or password"),
        (status = 429, description = "Locked after repeated failures from this address; `Retry-After` says for how many seconds")))]
async fn create_token(
    State(state): State<AppState>,
    client: ClientMeta,
    ApiJson(request): ApiJson<TokenRequest>,
) -> AppResult<(StatusCode, ApiJson<TokenResponse>)> {
    let user = match model::authenticate(
        &state.db,
        &state.config.login,
        &request.email,
        &request.password,
        client.ip.as_deref(),
    )
    .await?
    {
        Ok(user) => user,
        Err(refused @ LoginRefused::Locked { seconds }) => {
            return Err(AppError::RetryLater {
                message: refused.message(),
                seconds,
            });
        }
        Err(_) => return Err(AppError::Unauthenticated),
    };
    let (token, row) =
        model::create_token(&state.db, user.id, request.name.as_deref().unwrap_or("API")).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(TokenResponse {
            id: row.id,
            name: row.name,
            token,
        }),
    ))
}

/// The caller's own tokens (never the tokens themselves).
#[utoipa::path(get, path = "/tokens", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = [TokenInfo])))]
async fn list_tokens(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> AppResult<ApiJson<Vec<TokenInfo>>> {
    let tokens = model::list_tokens(&state.db, user.id).await?;
    Ok(ApiJson(
        tokens
            .into_iter()
            .map(|t| TokenInfo {
                id: t.id,
                name: t.name,
                created_at: t.created_at,
            })
            .collect(),
    ))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 204), (status = 404)))]
async fn revoke_token(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    model::revoke_token(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct MeResponse {
    id: i32,
    email: String,
    name: String,
    #[schema(example = "recruiter")]
    role: String,
    grade: Option<String>,
    #[schema(example = "ru")]
    lang: String,
    /// The IANA zone the user reads times in.
    #[schema(example = "Europe/Moscow")]
    time_zone: String,
}

impl From<&crate::auth::model::CurrentUser> for MeResponse {
    fn from(user: &crate::auth::model::CurrentUser) -> Self {
        MeResponse {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role.as_str().to_owned(),
            grade: user.grade.clone(),
            lang: user.lang.as_str().to_owned(),
            time_zone: user.timezone.clone(),
        }
    }
}

/// The user the token belongs to.
#[utoipa::path(get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = MeResponse), (status = 401)))]
async fn me(AuthUser(user): AuthUser) -> ApiJson<MeResponse> {
    ApiJson(MeResponse::from(&user))
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateMeRequest {
    /// `ru` or `en`.
    lang: Option<String>,
    /// An IANA zone name such as `Europe/Moscow` or `Asia/Yekaterinburg`.
    time_zone: Option<String>,
}

/// Changes the caller's language or time zone; an unknown zone or language → 422.
#[utoipa::path(patch, path = "/me", tag = "auth", security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses((status = 200, body = MeResponse), (status = 401), (status = 422)))]
async fn update_me(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    request: Result<ApiJson<UpdateMeRequest>, AppError>,
) -> AppResult<ApiJson<MeResponse>> {
    let ApiJson(request) = request?;
    let lang =
        crate::error::FieldError::lang("lang", request.lang.as_deref())?.unwrap_or(user.lang);
    let zone = request.time_zone.unwrap_or_default();
    if !zone.trim().is_empty() && crate::web::dates::zone(zone.trim()).is_none() {
        return Err(AppError::validation(
            "time_zone",
            crate::web::i18n::Message::new("profile-timezone-invalid"),
        ));
    }
    model::update_profile(&state.db, user.id, &user.name, lang, &zone).await?;
    let updated = model::active_user(&state.db, user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(ApiJson(MeResponse::from(&updated)))
}
