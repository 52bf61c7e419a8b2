//! `Idempotency-Key` on POST: a retried create returns the first answer and creates nothing new;
//! the same key with another body is refused; keys belong to the caller who sent them.

use hireloop::entities::{candidate, idempotency_key};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

async fn create(app: &TestApp, token: &str, key: &str, body: &Value) -> reqwest::Response {
    app.api(Method::POST, "/candidates", token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn candidates_named(app: &TestApp, name: &str) -> u64 {
    candidate::Entity::find()
        .filter(candidate::Column::FullName.eq(name))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_retried_create_with_the_same_key_returns_the_first_answer_and_creates_one_candidate() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let body = json!({"full_name": "Повторная Попытка", "email": "retry@example.test"});

    let first = create(&app, &token, "create-retry-1", &body).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();

    let again = create(&app, &token, "create-retry-1", &body).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert!(
        again.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], first["id"]);
    assert_eq!(candidates_named(&app, "Повторная Попытка").await, 1);

    // Without a key, the same body is a new request like any other.
    let other = create(
        &app,
        &token,
        "create-retry-2",
        &json!({"full_name": "Другой Человек"}),
    )
    .await;
    assert_eq!(other.status(), 201);
    assert_eq!(candidates_named(&app, "Другой Человек").await, 1);
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused_and_nothing_is_created() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let first = create(&app, &token, "k-1", &json!({"full_name": "Первый Вариант"})).await;
    assert_eq!(first.status(), 201);

    let reused = create(&app, &token, "k-1", &json!({"full_name": "Второй Вариант"})).await;
    assert_eq!(reused.status(), 422);
    assert!(
        reused.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
    let problem: Value = reused.json().await.unwrap();
    assert_eq!(
        problem["errors"][0]["field"], "Idempotency-Key",
        "{problem}"
    );
    assert_eq!(candidates_named(&app, "Второй Вариант").await, 0);
}

#[tokio::test]
async fn a_refused_request_releases_its_key_and_keys_belong_to_their_caller() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;

    // A 422 writes nothing, so its key is not held: the corrected retry runs.
    let bad = create(&app, &token, "fix-and-retry", &json!({"full_name": ""})).await;
    assert_eq!(bad.status(), 422);
    let fixed = create(
        &app,
        &token,
        "fix-and-retry",
        &json!({"full_name": "Исправленный Ввод"}),
    )
    .await;
    assert_eq!(fixed.status(), 201);
    assert!(fixed.headers().get("idempotent-replayed").is_none());

    // Another integration choosing the same key makes its own record.
    let other_token = app.token_for("recruiter").await;
    let theirs = create(
        &app,
        &other_token,
        "fix-and-retry",
        &json!({"full_name": "Исправленный Ввод"}),
    )
    .await;
    assert_eq!(theirs.status(), 201);
    assert!(theirs.headers().get("idempotent-replayed").is_none());
    assert_eq!(candidates_named(&app, "Исправленный Ввод").await, 2);

    // Kept once per caller and key; an over-long key is refused before anything runs.
    let kept = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::Key.eq("fix-and-retry"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, 2);
    let long = create(
        &app,
        &token,
        &"x".repeat(256),
        &json!({"full_name": "Длинный Ключ"}),
    )
    .await;
    assert_eq!(long.status(), 400);
    assert_eq!(candidates_named(&app, "Длинный Ключ").await, 0);
}

#[tokio::test]
async fn a_new_api_token_is_never_kept() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;
    let body = json!({"email": email, "password": crate::helpers::PASSWORD});
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let answer = app
            .client
            .post(app.url("/api/v1/tokens"))
            .header("Idempotency-Key", "sign-in")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 201);
        let answer: Value = answer.json().await.unwrap();
        tokens.push(answer["token"].as_str().unwrap().to_owned());
    }
    assert_ne!(tokens[0], tokens[1], "each sign-in gets its own token");
    assert_eq!(
        idempotency_key::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn the_document_offers_the_key_on_every_post() {
    let app = spawn_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut posts = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if let Some(post) = item.get("post") {
            posts += 1;
            let has = post["parameters"].as_array().is_some_and(|ps| {
                ps.iter()
                    .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header")
            });
            assert!(has, "POST {path} lacks the Idempotency-Key header");
        }
    }
    assert!(posts > 20);
}
