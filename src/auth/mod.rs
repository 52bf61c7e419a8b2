//! Accounts and access: sign-in and sign-out, sessions, profile, API tokens.

pub mod api;
pub mod forms;
pub mod model;
pub mod pages;
pub mod reset;
pub mod welcome;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route(
            "/welcome/{token}",
            get(welcome::form).post(welcome::set_password),
        )
        .route("/password/forgot", get(reset::form).post(reset::send_link))
        // The same one-time page as the welcome link: set a password, lift any lock.
        .route(
            "/password/reset/{token}",
            get(welcome::form).post(welcome::set_password),
        )
        .route("/lang", post(pages::switch_lang))
        .route("/profile", get(pages::profile).post(pages::update_profile))
        .route("/profile/password", post(pages::change_password))
        .route("/profile/tokens", post(pages::create_token))
        .route("/profile/tokens/{id}/revoke", post(pages::revoke_token))
}
