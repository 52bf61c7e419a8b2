//! Administration: users and roles (settings, retention and the outbox join later).

pub mod api;
pub mod forms;
pub mod model;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(pages::users).post(pages::create))
        .route("/admin/users/{id}", post(pages::update))
}
