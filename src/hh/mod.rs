//! hh.ru, where almost every account-manager hire in Russia starts. `client` speaks hh's API
//! (user agent, bearer token, hh's error format) and knows no database; `oauth` runs the
//! authorization-code flow; `settings` is the connection's row; `connection` connects,
//! disconnects and is the one door calls go through (tokens refreshed, refusals recorded);
//! `errors` says hh's refusals in the app's words. `sync` brings responses into the long-list
//! (`negotiation` reads hh's shapes), `statuses` sends invitations and discards back, `card`
//! shows an application's hh side, and `round` is the scheduled job that runs them.

pub mod api;
pub mod card;
pub mod client;
pub mod connection;
pub mod errors;
pub mod negotiation;
pub mod oauth;
pub mod pages;
pub mod pushes;
pub mod responses;
pub mod resumes;
pub mod round;
pub mod settings;
pub mod statuses;
pub mod sync;
pub mod sync_api;
pub mod sync_pages;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(pages::PATH, get(pages::show).post(pages::save))
        .route("/admin/hh/disconnect", post(pages::disconnect))
        .route("/admin/hh/check", post(pages::check))
        .route("/admin/hh/sync", post(sync_pages::sync_now))
        .route("/integrations/hh/connect", get(pages::connect))
        .route(connection::CALLBACK_PATH, get(pages::callback))
}
