//! A Hireloop connected to a fake hh.ru the way an admin connects it: the settings saved over
//! the API, then "Connect hh.ru" in a browser session — the app's redirect to hh's authorize
//! page, hh's redirect back to the callback with a code, the code exchanged for tokens.

use hireloop::entities::hh_connection;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::json;

use super::fake::FakeHh;
use crate::helpers::{TestApp, location, spawn_app};

pub const CLIENT_ID: &str = "HIRELOOPTEST01";
pub const CLIENT_SECRET: &str = "client-secret-Ω-7";

pub struct Connected {
    pub app: TestApp,
    /// An admin's bearer token; the app's own client is signed in as that admin too.
    pub admin: String,
    pub recruiter: String,
}

/// Saves the connection's settings, pointing both bases at `fake`.
pub async fn configure(app: &TestApp, admin: &str, fake: &FakeHh) {
    fake.set_client(CLIENT_ID, CLIENT_SECRET);
    let saved = app
        .api(reqwest::Method::PUT, "/integrations/hh", admin)
        .json(&json!({
            "api_base": fake.base, "oauth_base": fake.base,
            "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        saved.status(),
        StatusCode::OK,
        "{}",
        saved.text().await.unwrap()
    );
}

/// "Connect hh.ru" as the signed-in admin: follows the app's redirect to the fake's
/// authorize page and the fake's redirect back; returns the callback's answer.
pub async fn connect_in_browser(app: &TestApp) -> reqwest::Response {
    let start = app.get("/integrations/hh/connect").await;
    assert_eq!(
        start.status(),
        StatusCode::SEE_OTHER,
        "connect redirects to hh"
    );
    let authorize = location(&start);
    let at_hh = crate::helpers::client()
        .get(&authorize)
        .send()
        .await
        .unwrap();
    assert!(at_hh.status().is_redirection(), "hh sends the browser back");
    callback(app, &location(&at_hh)).await
}

/// The callback address hh gave (under the app's public URL) opened on this test's app.
pub async fn callback(app: &TestApp, back: &str) -> reqwest::Response {
    let url = url::Url::parse(back).expect("an absolute callback address");
    let path = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    app.get(&path).await
}

/// A fresh app connected to `fake`.
pub async fn connected(fake: &FakeHh) -> Connected {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    app.login_as("admin").await;
    configure(&app, &admin, fake).await;
    let back = connect_in_browser(&app).await;
    assert!(
        back.status().is_redirection() && location(&back) == "/admin/hh",
        "the callback lands on the hh page: {}",
        back.status()
    );
    let row = hh_connection::Entity::find_by_id(1)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the connection row");
    assert!(row.access_token_sealed.is_some(), "tokens stored");
    Connected {
        app,
        admin,
        recruiter,
    }
}
