//! The audit log in the browser and the API: search by who, what, which record and when, page
//! through it, download it.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::{EntityTrait, QueryOrder};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::audit_log::{self, AuditPage, AuditQuery};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Lang;
use crate::web::tabular::{self, Format};
use crate::web::{ApiJson, AuthUser, Page};

fn headings(lang: Lang) -> Vec<String> {
    [
        "audit-at",
        "audit-actor-id",
        "audit-actor",
        "audit-action",
        "audit-entity",
        "audit-entity-id",
        "audit-details",
        "audit-ip",
    ]
    .iter()
    .map(|k| lang.text(k))
    .collect()
}

async fn download(
    state: &AppState,
    query: &AuditQuery,
    format: Format,
    lang: Lang,
) -> AppResult<Response> {
    let table = audit_log::export(&state.db, query, headings(lang)).await?;
    tabular::download(&table, format, "audit-log", lang)
}

#[derive(Serialize)]
struct LogPage {
    log: Option<AuditPage>,
    query: AuditQuery,
    /// The filters as a query string, for the pager and the downloads.
    filters: String,
    users: Vec<(i32, String)>,
    errors: std::collections::BTreeMap<String, String>,
}

pub async fn page(page: Page, Query(query): Query<AuditQuery>) -> AppResult<Response> {
    page.require(Action::ViewAuditLog)?;
    let db = &page.state.db;
    if let Some(format) = Format::requested(query.format.as_deref(), &HeaderMap::new()) {
        return download(&page.state, &query, format, page.lang).await;
    }
    let filters = serde_urlencoded::to_string(AuditQuery {
        page: None,
        format: None,
        ..query.clone()
    })
    .unwrap_or_default();
    let users = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut context = LogPage {
        log: None,
        query: query.clone(),
        filters,
        users,
        errors: Default::default(),
    };
    match audit_log::search(db, &query).await {
        Ok(log) => {
            context.log = Some(log);
            Ok(page
                .render("admin/audit.html", context)
                .await?
                .into_response())
        }
        Err(AppError::Validation(errors)) => {
            context.errors = page.field_errors(&errors);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page.render("admin/audit.html", context).await?,
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(audit_api))
}

/// The audit log, newest first, 100 a page; CSV or XLSX of every match (up to 100 000) with
/// `Accept` or `?format=`.
#[utoipa::path(get, path = "/audit", tag = "admin", security(("bearer" = [])),
    params(AuditQuery), responses((status = 200, body = AuditPage), (status = 403), (status = 422)))]
async fn audit_api(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<AuditQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    user.require(Action::ViewAuditLog)?;
    if let Some(format) = Format::requested(query.format.as_deref(), &headers) {
        return download(&state, &query, format, user.lang).await;
    }
    Ok(ApiJson(audit_log::search(&state.db, &query).await?).into_response())
}
