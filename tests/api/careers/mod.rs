//! The careers site: `/careers` and `GET /api/v1/public/positions` list open positions only,
//! with filters; a closed position's job page answers 410; the job page is formatted, carries
//! Open Graph tags and a schema.org JobPosting with the band; applying in a language makes a
//! candidate of that language and queues the confirmation in it; candidates' language is
//! editable on the card and in the API.
//!
//! The honeypot, the per-address limit, the consent ledger and the CV on the job page are
//! tested in recruitment_pages/job_page.rs.

mod applying;
mod job_page;
mod listing;

// The files above `use super::*`: the imports and helpers they share are here.
use hireloop::entities::{application, candidate, outbox_message, position};
use hireloop::recruitment::consent::CONSENT_TEXT_VERSION;
use reqwest::multipart::Form;
use reqwest::{Client, Method};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, spawn_app};

/// An open position made over the API: its id and slug.
async fn open(app: &TestApp, token: &str, title: &str) -> (i32, String) {
    let id = crate::helpers::open_position(app, token, title).await as i32;
    (id, stored(app, id).await.slug)
}

async fn stored(app: &TestApp, id: i32) -> position::Model {
    position::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Sets a column of a position directly, as the profile form (another feature) will.
async fn set(app: &TestApp, id: i32, column: position::Column, value: &str) {
    position::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(position::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn place(app: &TestApp, id: i32, city: &str, format: &str) {
    set(app, id, position::Column::City, city).await;
    set(app, id, position::Column::WorkFormat, format).await;
}

/// A visitor's page: status and HTML.
async fn visit(browser: &Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = browser.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The public API, without a token.
async fn public_api(app: &TestApp, query: &str) -> (u16, Value) {
    let response = client()
        .get(app.url(&format!("/api/v1/public/positions{query}")))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The `content` of `<meta property="{property}">` as the page writes it.
fn meta(html: &str, property: &str) -> Option<String> {
    let marker = format!("<meta property=\"{property}\" content=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(unescape(&html[start..start + end]))
}

fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The JobPosting in the page's `application/ld+json` script, parsed.
fn job_posting(html: &str) -> Value {
    let marker = "<script type=\"application/ld+json\">";
    let start = html.find(marker).expect("a JSON-LD script") + marker.len();
    let end = html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..start + end]).expect("the JSON-LD parses")
}

async fn middle_band(app: &TestApp, token: &str) -> (i64, i64) {
    let (_, grades) = call(app, Method::GET, "/grades", token, json!({})).await;
    let middle = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()
        .clone();
    (
        middle["salary_min"].as_i64().unwrap(),
        middle["salary_max"].as_i64().unwrap(),
    )
}
