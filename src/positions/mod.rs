//! Positions and what they rest on: grades with salary bands, market data, competencies.

pub mod api;
pub mod criteria;
pub mod extensions;
pub mod fields;
pub mod forms;
pub mod grade_market_chart;
pub mod grade_pages;
pub mod market_chart;
pub mod market_import;
pub mod market_import_api;
pub mod market_pages;
pub mod model;
pub mod pages;
pub mod profile_form;
pub mod profile_pages;
pub mod reference;
pub mod reference_api;
pub mod regenerate_pages;
pub mod screen_script;
pub mod screen_script_api;
pub mod team;
pub mod vacancy;
pub mod vacancy_api;
pub mod vacancy_text;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/grades", get(grade_pages::grades))
        .route("/grades/{code}", post(grade_pages::update_grade))
        .route("/grades/market", post(market_pages::upload))
        .route("/grades/market/{id}", get(market_pages::show))
        .route("/grades/market/{id}/confirm", post(market_pages::confirm))
        .route("/positions", get(pages::list).post(pages::create))
        .route("/positions/new", get(pages::new))
        .route("/positions/{id}", get(pages::show).post(pages::update))
        .route("/positions/{id}/status", post(pages::change_status))
        .route("/positions/{id}/edit", get(pages::edit))
        .route("/positions/{id}/screen-script", get(screen_script::page))
        .route(
            "/positions/{id}/team",
            get(profile_pages::team_page).post(profile_pages::update_team),
        )
        .route(
            "/positions/{id}/vacancy",
            get(profile_pages::vacancy_page).post(profile_pages::save_vacancy),
        )
}
