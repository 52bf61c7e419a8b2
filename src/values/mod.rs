//! The agency's values, which the CEO's cultural-fit interview asks about: the list the agency
//! keeps (`/settings/values`, `/api/v1/settings/values`) and the values question bank its
//! themes come from. The kit and the scores live with the interviews (`interviews::values_kit`,
//! `interviews::value_ratings`).

pub mod api;
pub mod bank;
pub mod forms;
pub mod model;
pub mod pages;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/settings/values", get(pages::show).post(pages::save))
}
