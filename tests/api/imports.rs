//! Candidates in and out without a script: CSV import (preview, per-row messages, duplicates,
//! confirmation, cancellation, the background path) and the candidate list's export — HTTP
//! in, database out.

mod background;
mod export;
mod pages;
mod preview;
mod round_trip;

// The files above `use super::*`: the imports and helpers they share are here.
use hireloop::entities::{candidate, consent, import_batch, import_row};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app};

/// Uploads `csv` as a text/csv body with `query` (consent and the rest): status and body.
async fn upload(app: &TestApp, token: &str, csv: &[u8], query: &str) -> (u16, Value) {
    let response = app
        .api(Method::POST, &format!("/imports?{query}"), token)
        .header("content-type", "text/csv; charset=utf-8")
        .body(csv.to_vec())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn count_candidates(app: &TestApp) -> u64 {
    candidate::Entity::find().count(&app.db).await.unwrap()
}

async fn find_by_email(app: &TestApp, email: &str) -> Option<candidate::Model> {
    candidate::Entity::find()
        .filter(candidate::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
}

/// A person added through the API: their id.
async fn add_person(app: &TestApp, token: &str, body: Value) -> i64 {
    let (status, created) = call(app, Method::POST, "/candidates", token, body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap()
}

/// The row of `line` in an import answer.
fn row(body: &Value, line: i64) -> &Value {
    body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["line"] == line)
        .unwrap_or_else(|| panic!("no line {line} in {body}"))
}

/// Asks for the batch until it is done (or a minute passed); the progress values seen.
async fn wait_until_done(app: &TestApp, token: &str, id: i64) -> (Value, Vec<i64>) {
    let mut seen = Vec::new();
    for _ in 0..1200 {
        let (status, body) = call(
            app,
            Method::GET,
            &format!("/imports/{id}?limit=1"),
            token,
            json!(null),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        seen.push(body["progress"].as_i64().unwrap());
        if body["state"] == "done" {
            return (body, seen);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("import {id} not done; progress seen {seen:?}");
}
