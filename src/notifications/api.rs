//! `GET /api/v1/notifications` and `POST /api/v1/notifications/{id}/read`: the bell for
//! integrations, the same operations as the page.

use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::model::{self, Shown};
use crate::app::AppState;
use crate::error::AppResult;
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notifications))
        .routes(routes!(read_notification))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    limit: Option<u64>,
    offset: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
struct NotificationList {
    items: Vec<Shown>,
    /// How many of the caller's notifications are unread, on every page.
    unread: u64,
}

/// The caller's notifications, newest first, each in the caller's language.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("bearer" = [])),
    params(Paging), responses((status = 200, body = NotificationList), (status = 401)))]
async fn list_notifications(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(paging): Query<Paging>,
) -> AppResult<ApiJson<NotificationList>> {
    let paging = ListQuery {
        limit: paging.limit,
        offset: paging.offset,
    };
    let (rows, unread) = model::list(&state.db, user.id, paging.limit(), paging.offset()).await?;
    Ok(ApiJson(NotificationList {
        items: rows
            .into_iter()
            .map(|row| model::shown(row, user.lang))
            .collect(),
        unread,
    }))
}

/// Marks one of the caller's notifications read; another person's is 404.
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = Shown), (status = 401), (status = 404)))]
async fn read_notification(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<ApiJson<Shown>> {
    let row = model::mark_read(&state.db, user.id, id).await?;
    Ok(ApiJson(model::shown(row, user.lang)))
}
