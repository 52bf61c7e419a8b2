//! Saved hh.ru resume searches on a position, through the real stack against the fake hh: a
//! search added over the API, run by the scheduled round (`searches::run_due` on an instance of
//! its own) or "Run now", what is new since the recruiter last looked, one click to the
//! long-list (a known person is not made twice), hh's refusals said as they are, back-off, two
//! instances at once, and who may do what. Prism checks the shape of every request a run and a
//! long-listing send.

mod access;
mod long_list;
mod runs;

use hireloop::app::{AppState, Application};
use hireloop::entities::hh_resume_search;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use serde_json::{Value, json};

use super::fake::{FakeHh, ResumeSeed};
use super::support::{Connected, connected};
use crate::helpers::{TestApp, call, open_position, test_config};

fn resume(first_name: &str, last_name: &str, title: &str) -> ResumeSeed {
    ResumeSeed {
        title: title.to_owned(),
        ..ResumeSeed::named(first_name, last_name)
    }
}

/// A connected app with an open position.
async fn position(fake: &FakeHh) -> (Connected, i64) {
    let hh = connected(fake).await;
    let position = open_position(&hh.app, &hh.recruiter, "Аккаунт-менеджер").await;
    (hh, position)
}

async fn add_search(hh: &Connected, position: i64, body: Value) -> Value {
    let (status, search) = call(
        &hh.app,
        Method::POST,
        &format!("/positions/{position}/hh/searches"),
        &hh.recruiter,
        body,
    )
    .await;
    assert_eq!(status, 201, "{search}");
    search
}

async fn hits(hh: &Connected, search: i64, only_new: bool) -> Value {
    let (status, page) = call(
        &hh.app,
        Method::GET,
        &format!("/hh/searches/{search}/hits?new={only_new}"),
        &hh.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Another instance of the app on the same database, as the scheduled round runs it.
async fn instance(app: &TestApp) -> AppState {
    let config = test_config(app.database_url.clone(), false);
    Application::build(config)
        .await
        .expect("a second instance")
        .state()
        .clone()
}

async fn row(app: &TestApp, search: i64) -> hh_resume_search::Model {
    hh_resume_search::Entity::find_by_id(search as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The search's turn has come (instead of waiting days for it).
async fn make_due(app: &TestApp, search: i64) {
    let mut due = row(app, search).await.into_active_model();
    due.next_run_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    due.update(&app.db).await.unwrap();
}

fn days_ahead(at: chrono::DateTime<chrono::Utc>) -> f64 {
    (at - chrono::Utc::now()).num_seconds() as f64 / 86_400.0
}

/// "Run now" over the API: the status and the outcome.
async fn run_now(hh: &Connected, search: i64) -> (u16, Value) {
    let path = format!("/hh/searches/{search}/run");
    call(&hh.app, Method::POST, &path, &hh.recruiter, json!({})).await
}

/// "Add to long-list" over the API: the status and the answer.
async fn long_list(hh: &Connected, hit: i64) -> (u16, Value) {
    let path = format!("/hh/hits/{hit}/long-list");
    call(&hh.app, Method::POST, &path, &hh.recruiter, json!({})).await
}

/// The search's newest hit.
async fn first_hit(hh: &Connected, search: i64) -> i64 {
    hits(hh, search, false).await["items"][0]["id"]
        .as_i64()
        .unwrap()
}

/// A new search's id.
async fn search_id(hh: &Connected, position: i64, body: Value) -> i64 {
    add_search(hh, position, body).await["id"].as_i64().unwrap()
}

/// A text as minijinja writes it into a page.
fn minijinja_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
