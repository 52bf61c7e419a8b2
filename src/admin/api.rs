//! `/api/v1/users`: the same user administration for scripts and integrations.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model;
use crate::app::AppState;
use crate::auth::model::{NewUser, create_user};
use crate::domain::access::Action;
use crate::entities::user;
use crate::error::{AppResult, FieldError};
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update))
}

#[derive(Serialize, ToSchema)]
pub struct UserResponse {
    id: i32,
    email: String,
    name: String,
    role: String,
    grade: Option<String>,
    lang: String,
    active: bool,
}

impl From<user::Model> for UserResponse {
    fn from(u: user::Model) -> Self {
        UserResponse {
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            grade: u.grade,
            lang: u.lang,
            active: u.active,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UserListResponse {
    items: Vec<UserResponse>,
    total: u64,
}

/// All users (admins only).
#[utoipa::path(get, path = "/users", tag = "admin", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = UserListResponse), (status = 401), (status = 403)))]
async fn list(
    State(state): State<AppState>,
    AuthUser(admin): AuthUser,
    Query(query): Query<ListQuery>,
) -> AppResult<ApiJson<UserListResponse>> {
    admin.require(Action::Administer)?;
    let list = model::list_users(&state.db, query.limit(), query.offset()).await?;
    Ok(ApiJson(UserListResponse {
        items: list.items.into_iter().map(Into::into).collect(),
        total: list.total,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct CreateUserRequest {
    email: String,
    name: String,
    /// admin, recruiter, hiring_manager, ceo, interviewer, mentor or intern.
    role: String,
    password: String,
    lang: Option<String>,
}

/// Adds a user (admins only).
#[utoipa::path(post, path = "/users", tag = "admin", security(("bearer" = [])), request_body = CreateUserRequest,
    responses((status = 201, body = UserResponse), (status = 422), (status = 403)))]
async fn create(
    State(state): State<AppState>,
    AuthUser(admin): AuthUser,
    request: Result<ApiJson<CreateUserRequest>, crate::error::AppError>,
) -> AppResult<(StatusCode, ApiJson<UserResponse>)> {
    admin.require(Action::Administer)?;
    let ApiJson(request) = request?;
    let input = NewUser {
        email: request.email,
        name: request.name,
        role: request.role,
        password: request.password,
        lang: FieldError::lang("lang", request.lang.as_deref())?.unwrap_or_default(),
    };
    let created = create_user(&state.db, Some(admin.id), input).await?;
    Ok((StatusCode::CREATED, ApiJson(created.into())))
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateUserRequest {
    role: String,
    active: bool,
}

/// Changes a user's role or deactivates them (admins only).
#[utoipa::path(patch, path = "/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = UpdateUserRequest,
    responses((status = 200, body = UserResponse), (status = 404), (status = 409)))]
async fn update(
    State(state): State<AppState>,
    AuthUser(admin): AuthUser,
    Path(id): Path<i32>,
    request: Result<ApiJson<UpdateUserRequest>, crate::error::AppError>,
) -> AppResult<ApiJson<UserResponse>> {
    admin.require(Action::Administer)?;
    let ApiJson(request) = request?;
    let updated =
        model::update_user(&state.db, admin.id, id, &request.role, request.active).await?;
    Ok(ApiJson(updated.into()))
}
