//! Input bounds at the edge: what a name, a title or a date may hold (the same rules on the
//! forms and the API), and sign-in throttling per account and address.

mod dates;
mod text;
mod throttle;

// The files above `use super::*`: the imports and helpers they share are here.
use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, csrf_in, location, spawn_app, spawn_with};

fn position_request(title: &str) -> Value {
    json!({
        "title": title, "grade": "middle", "reports_to": "Account Director", "headcount": 1,
        "profile": {"company": "Агентство", "role": "Ведёт клиентов", "duties": "Отчёты",
                    "requirements": "Опыт", "conditions": "Гибрид"}
    })
}

/// An open position made through the API: its id and the slug of its public job page.
async fn open_position(app: &TestApp, token: &str) -> (i64, String) {
    let (status, body) = call(
        app,
        Method::POST,
        "/positions",
        token,
        position_request("Аккаунт-менеджер"),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().unwrap();
    let (status, _) = call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    (id, body["slug"].as_str().unwrap().to_owned())
}

/// A candidate on an open position, through the API: the application's id.
async fn application(app: &TestApp, token: &str) -> i64 {
    let (position_id, _) = open_position(app, token).await;
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.ru"}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, body) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position_id, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

/// The fields a 422 problem names.
fn fields_of(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The error paragraph a form shows beside `field`.
fn error_beside(html: &str, field: &str) -> Option<String> {
    let marker = format!("id=\"e-{field}\">");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('<')?;
    Some(html[start..start + end].to_owned())
}
