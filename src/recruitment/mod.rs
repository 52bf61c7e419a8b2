//! The hiring pipeline: candidates, their applications to positions, the board, the timeline,
//! follow-ups, sourcing channels and the applications sent from the public job page.

pub mod application_pages;
pub mod applications_api;
pub mod board;
pub mod board_pages;
pub mod candidate_pages;
pub mod candidates;
pub mod candidates_api;
pub mod channel_pages;
pub mod channels;
pub mod confirm_pages;
pub mod consent;
pub mod contacts;
pub mod forms;
pub mod job_applications;
pub mod merge_pages;
pub mod moves;
pub mod pipeline;
pub mod previews;
pub mod reason_pages;
pub mod reasons;
pub mod rejection_pages;
pub mod search;
pub mod views;
pub mod visibility;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::app::AppState;
use crate::files::MAX_CV_BYTES;

/// Upload routes read up to a CV plus the form around it.
pub const UPLOAD_LIMIT: usize = MAX_CV_BYTES + 256 * 1024;

pub fn router() -> Router<AppState> {
    let uploads = Router::new()
        .route("/candidates/{id}/cv", post(candidate_pages::upload_cv))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    Router::new()
        .route(
            "/candidates",
            get(candidate_pages::list).post(candidate_pages::create),
        )
        .route("/candidates/new", get(candidate_pages::new))
        .route(
            "/candidates/{id}",
            get(candidate_pages::show).post(candidate_pages::update),
        )
        .route("/candidates/{id}/cv", get(candidate_pages::download_cv))
        .route("/candidates/{id}/flags", post(candidate_pages::flags))
        .route(
            "/candidates/{id}/applications",
            post(candidate_pages::add_to_position),
        )
        .route("/candidates/{id}/merge", post(merge_pages::merge))
        .route("/candidates/{id}/erase", post(candidate_pages::erase))
        .route("/applications", get(application_pages::list))
        .route("/applications/bulk", post(application_pages::bulk))
        .route(
            "/applications/{id}/move",
            post(application_pages::move_application),
        )
        .route(
            "/applications/{id}/follow-up",
            post(application_pages::follow_up),
        )
        .route(
            "/applications/{id}/comments",
            post(application_pages::comment),
        )
        .route(
            "/applications/{id}/reject",
            get(rejection_pages::show).post(rejection_pages::reject),
        )
        .route("/positions/{id}/board", get(board_pages::board))
        .route(
            "/positions/{id}/channels",
            get(crate::positions::profile_pages::channel_page).post(channel_pages::add),
        )
        .route("/channels/{id}/checked", post(channel_pages::checked))
        .route("/channels/{id}/delete", post(channel_pages::remove))
        .route(
            "/admin/reasons",
            get(reason_pages::list).post(reason_pages::save),
        )
        .route(
            "/admin/reasons/{code}/active",
            post(reason_pages::set_active),
        )
        .merge(uploads)
}
