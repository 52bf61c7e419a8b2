//! Reports a manager acts on (funnel, time to fill, sources, offers, interviewer calibration,
//! intern programme outcomes, which questions predict), with charts, tables and downloads; and
//! the dashboards.

pub mod api;
pub mod cache;
pub mod calibration;
pub mod chart;
pub mod figures;
pub mod filter;
pub mod funnel;
pub mod internships;
pub mod kinds;
pub mod model;
pub mod offers;
pub mod output;
pub mod pages;
pub mod predictive;
pub mod reference_cases;
pub mod report_pages;
pub mod sources;
pub mod stays;
pub mod time_to_fill;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::dashboard))
        .route("/reports", get(report_pages::index))
        .route("/reports/{slug}", get(report_pages::show))
}
