//! Moving candidates in and out without a script: CSV import (preview with per-row messages,
//! duplicates linked, chosen rows imported in chunks, large files in the background) and the
//! candidate list's export as CSV or XLSX with the import's columns.

pub mod api;
pub mod check;
pub mod export;
pub mod forms;
pub mod model;
pub mod pages;
pub mod reader;
pub mod run;
pub mod vocabulary;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    let upload = Router::new()
        .route(
            "/candidates/import",
            get(pages::upload_page).post(pages::upload),
        )
        .layer(DefaultBodyLimit::max(reader::MAX_BYTES + 256 * 1024));
    Router::new()
        .route(
            "/candidates/import/{id}",
            get(pages::show).post(pages::choose),
        )
        .route("/candidates/import/{id}/cancel", post(pages::cancel))
        .route("/candidates/import/{id}/progress", get(pages::progress))
        .route("/candidates/export", get(pages::export))
        .merge(upload)
}
