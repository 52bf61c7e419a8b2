//! hh.ru, where almost every account-manager hire in Russia starts. `client` speaks hh's API
//! (user agent, bearer token, hh's error format) and knows no database; `oauth` runs the
//! authorization-code flow; `settings` is the connection's row; `connection` connects,
//! disconnects and is the one door calls go through (tokens refreshed, refusals recorded);
//! `errors` says hh's refusals in the app's words. `publish` puts positions on hh
//! (`vacancy_body` is the position as hh's vacancy, `archive` takes it down); `resumes` turns
//! a resume into a person on the long-list; `sync` brings responses in (`negotiation` reads
//! hh's shapes), `statuses` and `pushes` send invitations and discards back, `card` shows an
//! application's hh side; `searches` and `search_*` keep saved resume searches; `round` is the
//! scheduled job that runs them all.

pub mod api;
pub mod archive;
pub mod card;
pub mod client;
pub mod connection;
pub mod errors;
pub mod negotiation;
pub mod oauth;
pub mod on_positions;
pub mod pages;
pub mod publish;
pub mod publish_api;
pub mod publish_pages;
pub mod pushes;
pub mod responses;
pub mod resumes;
pub mod round;
pub mod search_api;
pub mod search_hits;
pub mod search_pages;
pub mod search_rules;
pub mod search_runs;
pub mod searches;
pub mod settings;
pub mod statuses;
pub mod sync;
pub mod sync_api;
pub mod sync_pages;
pub mod vacancy_body;

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
        .route("/positions/{id}/hh", get(publish_pages::form))
        .route("/positions/{id}/hh/publish", post(publish_pages::publish))
        .route("/positions/{id}/hh/update", post(publish_pages::update))
        .route("/positions/{id}/hh/archive", post(publish_pages::archive))
        .route(
            "/positions/{id}/hh/searches",
            get(search_pages::list).post(search_pages::add),
        )
        .route(
            "/hh/searches/{id}",
            get(search_pages::show).post(search_pages::edit),
        )
        .route("/hh/searches/{id}/run", post(search_pages::run))
        .route("/hh/searches/{id}/remove", post(search_pages::remove))
        .route("/hh/hits/{id}/long-list", post(search_pages::long_list))
}
