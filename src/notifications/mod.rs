//! Notifications: the bell in the header, its page, the API, and the daily digest email.
//! Features call [`model::notify`] inside their own transaction when something needs a person.

pub mod api;
pub mod digest;
pub mod mentions;
pub mod model;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(pages::list))
        .route("/notifications/{id}/open", post(pages::open))
        .route("/notifications/read-all", post(pages::read_all))
        .route("/notifications/digest", post(pages::digest_setting))
}
