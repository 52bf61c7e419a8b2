//! Administration: users and roles and the audit log.

pub mod api;
pub mod audit_log;
pub mod audit_pages;
pub mod forms;
pub mod model;
pub mod pages;
pub mod settings;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(pages::users).post(pages::create))
        .route("/admin/users/{id}", post(pages::update))
        .route("/admin/audit", get(audit_pages::page))
}
