//! The hiring pipeline in the browser: candidates, the board, CVs, the public job page, bulk
//! actions, the applications list, sourcing channels, follow-ups, the hiring team and the
//! admin's list of reasons — HTTP in, database out.

mod applications;
mod board;
mod candidates;
mod consents;
mod cvs;
mod dashboard;
mod job_page;
mod merge;
mod reasons;
mod team;

// The files above `use super::*`: the imports and helpers they share are here.
use chrono::{Days, Utc};
use hireloop::entities::{
    application, application_event, candidate, consent, end_reason, position, position_interviewer,
    sourcing_channel, stored_file,
};
use hireloop::recruitment::consent::{CONSENT_TEXT_VERSION, consent_text, text_hash};
use hireloop::web::i18n::Lang;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Method, Response};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

use crate::helpers::{TestApp, client, location, spawn_app, user_id};

fn position_request(title: &str) -> Value {
    json!({
        "title": title, "grade": "middle", "reports_to": "Account Director", "headcount": 1,
        "profile": {"company": "Агентство", "role": "Ведёт клиентов", "duties": "Отчёты",
                    "requirements": "Опыт", "conditions": "Гибрид"}
    })
}

/// A draft position made through the API: its id and slug.
async fn new_draft_position(app: &TestApp, token: &str, title: &str) -> (i32, String) {
    let response = app
        .api(Method::POST, "/positions", token)
        .json(&position_request(title))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    (
        body["id"].as_i64().unwrap() as i32,
        body["slug"].as_str().unwrap().to_owned(),
    )
}

/// An open position made through the API: its id and slug.
async fn new_open_position(app: &TestApp, token: &str, title: &str) -> (i32, String) {
    let (id, slug) = new_draft_position(app, token, title).await;
    let opened = app
        .api(Method::POST, &format!("/positions/{id}/open"), token)
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 200);
    (id, slug)
}

/// Adds a person on a position with the new-candidate form: their id and application id.
async fn add_candidate(app: &TestApp, name: &str, email: &str, position_id: i32) -> (i32, i32) {
    let position = position_id.to_string();
    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", name),
                ("email", email),
                ("position_id", &position),
                ("source", "referral"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "adding {name}");
    let id: i32 = location(&response)
        .strip_prefix("/candidates/")
        .unwrap()
        .parse()
        .unwrap();
    (id, application_for(app, id, position_id).await.id)
}

async fn application_for(app: &TestApp, candidate_id: i32, position_id: i32) -> application::Model {
    application::Entity::find()
        .filter(application::Column::CandidateId.eq(candidate_id))
        .filter(application::Column::PositionId.eq(position_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the application exists")
}

async fn application(app: &TestApp, id: i32) -> application::Model {
    application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn person(app: &TestApp, id: i32) -> candidate::Model {
    candidate::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn text_of(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.unwrap()
}

/// The part of a page from the element marked by `marker` to the end of its section.
fn section<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} on the page"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

async fn move_application(app: &TestApp, id: i32, fields: &[(&str, &str)]) -> Response {
    let path = format!("/applications/{id}/move");
    app.post_form(&path, fields).await
}

fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

async fn count_candidates(app: &TestApp) -> u64 {
    candidate::Entity::find().count(&app.db).await.unwrap()
}

async fn count_applications(app: &TestApp) -> u64 {
    application::Entity::find().count(&app.db).await.unwrap()
}

async fn count_files(app: &TestApp) -> u64 {
    stored_file::Entity::find().count(&app.db).await.unwrap()
}

/// The smallest bytes recognised as a PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
