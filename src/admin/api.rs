//! `/api/v1/users`: the same user administration for scripts and integrations, and the list
//! of colleagues recruiters and hiring managers pick interviewers and mentors from.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model;
use crate::app::AppState;
use crate::auth::model::{NewUser, create_user};
use crate::domain::access::{Action, Role};
use crate::entities::user;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user_account))
        .routes(routes!(update_user))
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Only users with this role (admin, recruiter, hiring_manager, ceo, interviewer, mentor,
    /// intern).
    role: Option<String>,
    limit: Option<u64>,
    offset: Option<u64>,
}

/// Users by name, to pick interviewers, mentors and approvers: for admins, recruiters and
/// hiring managers. Only admins see deactivated users.
#[utoipa::path(get, path = "/users", tag = "admin", security(("bearer" = [])), params(UserQuery),
    responses((status = 200, body = UserListResponse), (status = 401), (status = 403),
        (status = 422)))]
async fn list_users(
    State(state): State<AppState>,
    AuthUser(caller): AuthUser,
    Query(query): Query<UserQuery>,
) -> AppResult<ApiJson<UserListResponse>> {
    if !matches!(
        caller.role,
        Role::Admin | Role::Recruiter | Role::HiringManager
    ) {
        return Err(AppError::Forbidden);
    }
    let role = match query
        .role
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        None => None,
        Some(text) => Some(
            text.parse::<Role>()
                .map_err(|_| AppError::validation("role", Message::new("field-role-invalid")))?,
        ),
    };
    let paging = ListQuery {
        limit: query.limit,
        offset: query.offset,
    };
    let with_inactive = caller.role == Role::Admin;
    let list = model::list_users(
        &state.db,
        role,
        with_inactive,
        paging.limit(),
        paging.offset(),
    )
    .await?;
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
async fn create_user_account(
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
async fn update_user(
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
