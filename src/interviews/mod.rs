//! The interview checklist: the versioned question bank, position kits, interviews with their
//! invitations, blind scorecards, and the competency profile the team compares.

pub mod api;
pub mod bank;
pub mod bank_pages;
pub mod brief;
pub mod demo;
pub mod kit_pages;
pub mod kits;
pub mod model;
pub mod pages;
pub mod profile;
pub mod profile_pages;
pub mod radar;
pub mod reminders;
pub mod scorecards;
pub mod screen_checks;
pub mod value_ratings;
pub mod values_kit;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications/{id}/interviews", post(pages::schedule))
        .route(
            "/applications/{id}/interviews/new",
            get(pages::schedule_form),
        )
        .route("/applications/{id}/profile", get(profile_pages::show))
        .route("/applications/{id}/brief", get(profile_pages::brief))
        .route(
            "/applications/{id}/ceo-decision",
            post(profile_pages::decide),
        )
        .route("/positions/{id}/compare", get(profile_pages::compare))
        .route(
            "/positions/{id}/kit",
            get(kit_pages::show).post(kit_pages::save),
        )
        .route("/interviews/{id}", get(pages::show))
        .route("/interviews/{id}/print", get(pages::print))
        .route("/interviews/{id}/scorecard", post(pages::save_scorecard))
        .route("/questions", get(bank_pages::list).post(bank_pages::create))
        .route("/questions/new", get(bank_pages::new))
        .route("/questions/{id}", post(bank_pages::revise))
        .route("/questions/{id}/edit", get(bank_pages::edit))
        .route("/questions/{id}/retire", post(bank_pages::retire))
}
