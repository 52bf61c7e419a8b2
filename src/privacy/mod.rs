//! Personal data as the law (152-FZ, GDPR) and candidates expect: destruction records, the
//! export of everything held about a person, and retention.

pub mod api;
pub mod destruction;
pub mod export;
pub mod links;
pub mod person;
pub mod person_pages;
pub mod retention;
pub mod settings_pages;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/candidates/{id}/export", get(api::export_page))
        .route("/my-data/{token}", get(person_pages::show))
        .route("/my-data/{token}/withdraw", post(person_pages::withdraw))
        .route("/my-data/{token}/give", post(person_pages::give))
        .route("/consents/{purpose}", get(person_pages::document_page))
        .route(
            "/admin/privacy",
            get(settings_pages::show).post(settings_pages::save),
        )
        .route("/admin/privacy/run", post(settings_pages::run_now))
}
