//! The one-month intern programme: enrolment and the plan made from the template, rotations,
//! exams with retakes, the project defence, the decision, and the views of the intern, the
//! mentor and the head of client service.

pub mod api;
pub mod assessments;
pub mod cohort;
pub mod decision;
pub mod decision_pages;
pub mod demo;
pub mod exams;
pub mod form_pages;
pub mod materials;
pub mod materials_api;
pub mod materials_pages;
pub mod model;
pub mod notify;
pub mod pages;
pub mod plan;
pub mod programme;
pub mod view;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    let uploads = Router::new()
        .route(
            "/internships/{id}/items/{item_id}/materials/file",
            post(materials_pages::upload_plan_file),
        )
        .route(
            "/internships/programme/{item_id}/materials/file",
            post(materials_pages::upload_template_file),
        )
        .layer(DefaultBodyLimit::max(crate::recruitment::UPLOAD_LIMIT));
    Router::new()
        .merge(uploads)
        .route(
            "/internships/{id}/items/{item_id}/materials",
            post(materials_pages::add_plan_link),
        )
        .route(
            "/internships/programme/{item_id}/materials",
            post(materials_pages::add_template_link),
        )
        .route(
            "/internships/materials/{id}/remove",
            post(materials_pages::remove),
        )
        .route(
            "/internships/materials/{id}/file",
            get(materials_pages::download),
        )
        .route("/internships", get(pages::index).post(pages::enrol))
        .route("/internships/new", get(pages::enrol_form))
        .route("/internships/code", get(pages::code))
        .route(
            "/internships/programme",
            get(pages::programme).post(pages::save_programme_item),
        )
        .route("/internships/settings", post(pages::save_settings))
        .route("/internships/{id}", get(pages::show))
        .route("/internships/{id}/act", post(pages::act))
        .route(
            "/internships/{id}/decision",
            get(decision_pages::decision_page).post(decision_pages::decide),
        )
}
