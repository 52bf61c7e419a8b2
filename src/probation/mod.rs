//! Probation after the start: an experienced hire's milestones (the first week, the two-month
//! check that they lead projects alone, the decision at the end) and monthly KPIs.

pub mod api;
pub mod follow_ups;
pub mod forms;
pub mod model;
pub mod pages;
pub mod record;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/applications/{id}/probation",
        get(pages::show).post(pages::save),
    )
}
