//! Email that is never lost: a transactional outbox, rendered templates in two languages,
//! calendar invitations, a worker that delivers with retries, and the admin's view of it all.

pub mod emails;
pub mod ics;
pub mod mailer;
pub mod model;
pub mod pages;
pub mod worker;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/outbox", get(pages::list))
        .route("/admin/outbox/test", post(pages::send_test))
        .route("/admin/outbox/{id}", get(pages::show))
        .route("/admin/outbox/{id}/html", get(pages::html))
        .route("/admin/outbox/{id}/retry", post(pages::retry))
}
