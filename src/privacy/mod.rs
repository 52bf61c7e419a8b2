//! Personal data as the law (152-FZ, GDPR) and candidates expect: destruction records, the
//! export of everything held about a person, and retention.

pub mod api;
pub mod destruction;
pub mod export;
pub mod retention;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/candidates/{id}/export", get(api::export_page))
}
