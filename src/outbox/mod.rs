//! Email that is never lost: a transactional outbox, rendered templates in two languages,
//! calendar invitations, a worker that delivers with retries, and the admin's view of it all.

pub mod api;
pub mod emails;
pub mod hold;
pub mod hold_pages;
pub mod ics;
pub mod kinds;
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
        .route("/admin/outbox/{id}/cancel", post(hold_pages::cancel))
        .route(
            "/admin/outbox/batches/{id}/cancel",
            post(hold_pages::cancel_batch),
        )
        .route("/admin/outbox/settings", post(hold_pages::save_settings))
}
