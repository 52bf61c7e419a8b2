//! The hiring pipeline over the API: candidates, applications and their moves, from an empty
//! database to a started hire that fills the position.

use hireloop::entities::{application, candidate, position, stored_file};
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app};

async fn open_position(app: &TestApp, token: &str, headcount: i32) -> i64 {
    let (status, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director",
               "headcount": headcount, "profile": {"company": "Орбита"}}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, _) = call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    id
}

async fn new_candidate(app: &TestApp, token: &str, name: &str, email: &str) -> i64 {
    let (status, body) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email, "expected_salary": 150000, "currency": "RUB",
               "consent": {"text_version": "hh-2026"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

async fn apply(app: &TestApp, token: &str, candidate: i64, position: i64) -> i64 {
    let (status, body) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": candidate, "position_id": position, "source": "job_board"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["stage"], "long_list");
    body["id"].as_i64().unwrap()
}

async fn move_to(app: &TestApp, token: &str, id: i64, to: &str) -> (u16, Value) {
    call(
        app,
        Method::POST,
        &format!("/applications/{id}/move"),
        token,
        json!({"to": to}),
    )
    .await
}

async fn stage_of(app: &TestApp, id: i64) -> String {
    application::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .stage
}

async fn walk_to_offer(app: &TestApp, token: &str, id: i64) {
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = move_to(app, token, id, to).await;
        assert_eq!(status, 200, "{to}: {body}");
        assert_eq!(body["stage"], to);
    }
}

mod candidates;
mod flow;
