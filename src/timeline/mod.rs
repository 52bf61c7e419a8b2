//! The candidate's timeline: the one place features write what happened (`model::record` for an
//! application, `model::note` for the person) and the one read the card shows (`card`), merged
//! from every kind, newest first, in the reader's words.
//!
//! Dependencies point down: features call this module; this module reads entities and pure
//! rules only, never a feature, so no feature imports another to leave a line on the timeline.

pub mod api;
pub mod card;
pub mod model;
pub mod notes;
pub mod pages;

use axum::Router;
use axum::routing::post;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/candidates/{id}/notes", post(pages::add_note))
}
