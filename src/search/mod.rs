//! One box in the header that finds candidates, positions and interns, for whatever the reader
//! may see. The page and `GET /api/v1/search` call the same [`model::find`].

pub mod api;
pub mod model;
pub mod pages;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/search", get(pages::results))
}
