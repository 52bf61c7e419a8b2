//! Signed webhooks for integrations. `model` registers and lists them (the secret sealed);
//! `events` is the transactional outbox — an event and its deliveries are written with the
//! change that caused them; `deliveries` is the queue (claimed across instances, backed off,
//! given up on); `sender` signs and posts, and knows no database; `worker` runs the rounds;
//! `document` describes each event in the OpenAPI document's `webhooks`.

pub mod api;
pub mod deliveries;
pub mod document;
pub mod events;
pub mod forms;
pub mod model;
pub mod pages;
pub mod sender;
pub mod worker;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(pages::PATH, get(pages::list).post(pages::create))
        .route("/admin/webhooks/{id}", get(pages::show))
        .route("/admin/webhooks/{id}/delete", post(pages::delete))
        .route("/admin/webhooks/deliveries/{id}/retry", post(pages::retry))
}
