//! The agency's face to candidates: the settings an admin keeps (`/admin/agency`,
//! `/api/v1/settings/agency`), the logo they upload, and what every public page and email
//! reads of them. `model` holds the settings and the per-instance copy; `logo` checks and
//! converts uploads; `public` serves the logo and the colour to visitors.

pub mod api;
pub mod logo;
pub mod model;
pub mod pages;
pub mod public;

pub use model::{Agency, AgencyCache};

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/agency", get(pages::show).post(pages::save))
        .route("/admin/agency/logo/remove", post(pages::remove_logo))
        .route("/agency/logo/{file}", get(public::logo))
        .route("/agency.css", get(public::stylesheet))
}
