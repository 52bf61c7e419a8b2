//! Reports and dashboards.

pub mod model;
pub mod pages;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(pages::dashboard))
}
