//! Signed webhooks end to end: registration (admins only, bad input named, the secret never
//! shown again), and deliveries to a real receiver — signed, retried with the same event id,
//! delivered once when the receiver comes back, and once across two instances.

mod receiver;

use std::time::Duration;

use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{TestApp, call, open_position, spawn_app};
use receiver::{Receiver, free_port};

const SECRET: &str = "s3cret-for-tests-0123456789";

async fn register(app: &TestApp, token: &str, url: &str, events: &[&str]) -> i64 {
    let (status, body) = call(
        app,
        Method::POST,
        "/webhooks",
        token,
        json!({"url": url, "events": events, "secret": SECRET}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

async fn application(app: &TestApp, token: &str, position: i64, name: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": format!("{}@mail.test", uuid::Uuid::new_v4().simple())}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, created) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap()
}

async fn deliveries(app: &TestApp, token: &str, webhook: i64) -> Vec<Value> {
    let (status, body) = call(
        app,
        Method::GET,
        &format!("/webhooks/{webhook}/deliveries"),
        token,
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["items"].as_array().unwrap().clone()
}

/// Waits until the webhook's only delivery satisfies `done`; returns it.
async fn wait_for_delivery(
    app: &TestApp,
    token: &str,
    webhook: i64,
    done: impl Fn(&Value) -> bool,
) -> Value {
    for _ in 0..300 {
        let items = deliveries(app, token, webhook).await;
        if let Some(first) = items.first()
            && done(first)
        {
            return first.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the delivery never got there: {:?}",
        deliveries(app, token, webhook).await
    );
}

fn signed(timestamp: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[tokio::test]
async fn bad_registrations_are_refused_field_by_field() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/webhooks",
        &admin,
        json!({"url": "ftp://hooks.example.com/x", "events": ["offer.sent", "offer.lost"], "secret": "short"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["url", "events", "secret"], "{body}");
    let events_error = body["errors"][1]["message"].as_str().unwrap();
    assert!(events_error.contains("offer.lost"), "{events_error}");

    let (status, body) = call(
        &app,
        Method::POST,
        "/webhooks",
        &admin,
        json!({"url": "https://hooks.example.com/x", "events": [], "secret": SECRET}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "events");
    let (list_status, list) = call(&app, Method::GET, "/webhooks", &admin, Value::Null).await;
    assert_eq!(list_status, 200);
    assert_eq!(list["total"], 0, "nothing refused was stored");
}

#[tokio::test]
async fn only_admins_manage_webhooks() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (status, _) = call(
        &app,
        Method::POST,
        "/webhooks",
        &recruiter,
        json!({"url": "https://hooks.example.com/x", "events": ["offer.sent"], "secret": SECRET}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(&app, Method::GET, "/webhooks", &recruiter, Value::Null).await;
    assert_eq!(status, 403);
    app.login_as("recruiter").await;
    assert_eq!(app.get("/admin/webhooks").await.status(), 403);
}

#[tokio::test]
async fn the_secret_is_sealed_and_never_shown_in_the_api_or_the_page() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let id = register(
        &app,
        &admin,
        "https://hooks.example.com/in",
        &["offer.sent"],
    )
    .await;
    let (_, list) = call(&app, Method::GET, "/webhooks", &admin, Value::Null).await;
    assert_eq!(list["items"][0]["url"], "https://hooks.example.com/in");
    assert!(!list.to_string().contains(SECRET), "{list}");
    let (_, one) = call(
        &app,
        Method::GET,
        &format!("/webhooks/{id}"),
        &admin,
        Value::Null,
    )
    .await;
    assert!(!one.to_string().contains(SECRET), "{one}");

    use hireloop::entities::webhook;
    use sea_orm::EntityTrait;
    let stored = webhook::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.secret_sealed.starts_with("v1:"));
    assert!(!stored.secret_sealed.contains(SECRET));

    app.login_as("admin").await;
    for path in [
        "/admin/webhooks".to_owned(),
        format!("/admin/webhooks/{id}"),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains("hooks.example.com"), "{path}");
        assert!(!html.contains(SECRET), "{path} shows the secret");
    }
}

#[tokio::test]
async fn the_form_comes_back_as_typed_without_the_secret() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let response = app
        .post_form(
            "/admin/webhooks",
            &[
                ("url", "http://hooks.example.com/Ωtyped"),
                ("events", "offer.accepted"),
                ("events", "hire.started"),
                ("secret", "typed-but-short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Ωtyped"), "the URL comes back as typed");
    assert!(html.contains("value=\"hire.started\" checked"));
    assert!(!html.contains("value=\"offer.sent\" checked"));
    assert!(
        !html.contains("typed-but-short"),
        "the secret is never shown back"
    );
}

#[tokio::test]
async fn a_stage_change_is_delivered_signed_and_retried_with_the_same_event_id() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let receiver = Receiver::start().await;
    receiver.answer(503);
    let webhook = register(&app, &admin, &receiver.url, &["application.stage_changed"]).await;
    let position = open_position(&app, &recruiter, "Аккаунт-менеджер").await;
    let id = application(&app, &recruiter, position, "Анна Вебхукова").await;
    let (status, moved) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/move"),
        &recruiter,
        json!({"to": "short_list"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");

    let first = receiver.wait_for(1).await;
    receiver.answer(200);
    let all = receiver.wait_for(2).await;
    let delivered = wait_for_delivery(&app, &admin, webhook, |d| d["status"] == "delivered").await;

    let body = first[0].json();
    assert_eq!(body["type"], "application.stage_changed");
    assert_eq!(body["data"]["application_id"], id);
    assert_eq!(body["data"]["position_id"], position);
    assert_eq!(body["data"]["from_stage"], "long_list");
    assert_eq!(body["data"]["to_stage"], "short_list");
    assert!(!first[0].body.contains("Анна"), "no names in payloads");
    for request in &all {
        assert_eq!(
            request.event_id,
            body["id"].as_str().unwrap(),
            "the same event id each time"
        );
        assert_eq!(request.body, first[0].body, "the same body each time");
        assert_eq!(request.signature, signed(&request.timestamp, &request.body));
        let at: i64 = request.timestamp.parse().unwrap();
        assert!((chrono::Utc::now().timestamp() - at).abs() < 60);
    }
    assert_ne!(
        all[0].signature,
        signed(&all[0].timestamp, "{}"),
        "the signature covers the body"
    );
    assert_eq!(delivered["event_id"], body["id"]);
    assert_eq!(delivered["type"], "application.stage_changed");
    assert_eq!(delivered["attempts"], 2);
    assert_eq!(delivered["last_status_code"], 200);
    // Only stage changes were asked for: the application's creation went nowhere.
    assert_eq!(deliveries(&app, &admin, webhook).await.len(), 1);
}

#[tokio::test]
async fn a_receiver_that_was_down_gets_the_event_exactly_once_when_it_comes_back() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let port = free_port().await;
    let url = format!("http://127.0.0.1:{port}/hook");
    let webhook = register(&app, &admin, &url, &["application.created"]).await;
    let position = open_position(&app, &recruiter, "Аккаунт-менеджер").await;
    let id = application(&app, &recruiter, position, "Борис Недоступный").await;

    let failed = wait_for_delivery(&app, &admin, webhook, |d| d["last_error"].is_string()).await;
    assert_eq!(failed["status"], "pending", "{failed}");
    assert!(failed["last_status_code"].is_null(), "no answer, no code");
    let receiver = Receiver::start_on(port).await;
    let got = receiver.wait_for(1).await;
    let delivered = wait_for_delivery(&app, &admin, webhook, |d| d["status"] == "delivered").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(receiver.received().len(), 1, "delivered exactly once");
    assert_eq!(got[0].json()["data"]["application_id"], id);
    assert!(delivered["attempts"].as_i64().unwrap() >= 2, "{delivered}");
    assert_eq!(delivered["last_status_code"], 200);
}

#[tokio::test]
async fn a_failed_delivery_can_be_retried_now_with_the_same_event_id() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let receiver = Receiver::start().await;
    receiver.answer(500);
    let webhook = register(&app, &admin, &receiver.url, &["candidate.erased"]).await;
    let (_, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &admin,
        json!({"full_name": "Вера Стёртая", "email": "vera.erased@mail.test"}),
    )
    .await;
    let person = person["id"].as_i64().unwrap();
    let recruiter = app.token_for("recruiter").await;
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/candidates/{person}"),
        &recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(status, 204);
    // The test config gives up after four attempts.
    let failed = wait_for_delivery(&app, &admin, webhook, |d| d["status"] == "failed").await;
    assert_eq!(failed["attempts"], 4);
    assert_eq!(failed["last_status_code"], 500);
    let first = receiver.received();
    assert_eq!(first.len(), 4);
    assert_eq!(
        first[0].json()["data"],
        json!({"candidate_id": person}),
        "the id only"
    );

    receiver.answer(204);
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/webhooks/deliveries/{}/retry", failed["id"]),
        &admin,
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let again = receiver.wait_for(5).await;
    assert_eq!(again[4].event_id, first[0].event_id);
    wait_for_delivery(&app, &admin, webhook, |d| d["status"] == "delivered").await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/webhooks/deliveries/{}/retry", failed["id"]),
        &admin,
        Value::Null,
    )
    .await;
    assert_eq!(status, 409, "a delivered one is not sent again");
}

#[tokio::test]
async fn two_instances_on_one_database_deliver_each_event_once() {
    let app = spawn_app().await;
    let config = crate::helpers::test_config(app.database_url.clone(), false);
    let _second = crate::helpers::start(config).await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let receiver = Receiver::start().await;
    register(&app, &admin, &receiver.url, &["application.created"]).await;
    let position = open_position(&app, &recruiter, "Аккаунт-менеджер").await;
    for n in 0..10 {
        application(&app, &recruiter, position, &format!("Кандидат {n}")).await;
    }
    receiver.wait_for(10).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let got = receiver.received();
    assert_eq!(got.len(), 10, "no event delivered twice");
    let mut ids: Vec<&str> = got.iter().map(|r| r.event_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 10);
}

#[tokio::test]
async fn removing_a_webhook_asks_first_then_stops_its_deliveries() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let id = register(
        &app,
        &admin,
        "https://hooks.example.com/gone",
        &["offer.sent"],
    )
    .await;
    app.login_as("admin").await;
    let path = format!("/admin/webhooks/{id}/delete");
    let asked = app.post_form(&path, &[]).await;
    assert_eq!(asked.status(), 200);
    assert!(asked.text().await.unwrap().contains("name=\"confirmed\""));
    let (_, still) = call(&app, Method::GET, "/webhooks", &admin, Value::Null).await;
    assert_eq!(still["total"], 1, "asking removes nothing");
    let done = app.post_form(&path, &[("confirmed", "1")]).await;
    assert_eq!(done.status(), 303);
    let (_, gone) = call(&app, Method::GET, "/webhooks", &admin, Value::Null).await;
    assert_eq!(gone["total"], 0);
}

#[tokio::test]
async fn the_document_describes_every_event_and_its_headers() {
    let app = spawn_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let hooks = doc["webhooks"].as_object().unwrap();
    assert_eq!(hooks.len(), 9);
    let moved = &hooks["application.stage_changed"]["post"];
    let headers: Vec<&str> = moved["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "X-Hireloop-Event-Id",
            "X-Hireloop-Timestamp",
            "X-Hireloop-Signature"
        ]
    );
    let body = &moved["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        body["properties"]["data"]["$ref"],
        "#/components/schemas/WebhookApplicationData"
    );
    assert!(doc["components"]["schemas"]["WebhookOfferData"].is_object());
}
