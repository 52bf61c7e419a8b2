//! Positions and what they rest on: grades with salary bands, market data, competencies.
//! (Positions themselves, their profile and status flow, come next: see issue 3's note.)

pub mod api;
pub mod forms;
pub mod model;
pub mod pages;
pub mod reference;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/grades", get(pages::grades))
        .route("/grades/{code}", post(pages::update_grade))
}
