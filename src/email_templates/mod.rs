//! Email to candidates from the card: the agency's templates (Russian and English, with
//! variables), a compose page with a preview, and sending through the outbox. `render` fills
//! variables in a sandbox; `model` keeps the templates; `compose` prepares and queues an email.

pub mod api;
pub mod compose;
pub mod forms;
pub mod model;
pub mod pages;
pub mod render;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/email-templates", get(pages::list).post(pages::create))
        .route(
            "/email-templates/{id}",
            get(pages::edit).post(pages::update),
        )
        .route("/email-templates/{id}/delete", post(pages::delete))
        .route("/candidates/{id}/email/new", get(pages::compose))
        .route("/candidates/{id}/email", post(pages::compose_post))
}
