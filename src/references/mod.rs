//! References from previous employers: referees, calls logged by the recruiter, and a short
//! form a referee answers through a one-time link.

pub mod api;
pub mod model;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/applications/{id}/references",
            get(pages::list).post(pages::add),
        )
        .route("/references/{id}/call", post(pages::log_call))
        .route("/references/{id}/request", post(pages::request))
        .route(
            "/r/{token}",
            get(pages::referee_form).post(pages::referee_answer),
        )
}
