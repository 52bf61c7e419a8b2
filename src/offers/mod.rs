//! Offers with revisions, approvals and the candidate's answer.

pub mod answers;
pub mod api;
pub mod approvals;
pub mod letter;
pub mod model;
pub mod onboarding;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/applications/{id}/offers",
            get(pages::list).post(pages::draft),
        )
        .route("/offers/{id}", post(pages::act))
        .route("/offers/{id}/letter.pdf", get(letter::letter_page))
        .route("/onboarding/{id}", post(pages::tick))
        .route(
            "/o/{token}",
            get(pages::candidate_link).post(pages::answer_link),
        )
        .route(
            "/offers/decide/{token}",
            get(pages::approver_link).post(pages::answer_link),
        )
}
