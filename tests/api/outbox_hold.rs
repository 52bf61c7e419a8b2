//! Undo send for mass actions: a bulk rejection's letters, and the closing letters of a
//! position filled by a start, wait the hold in the outbox and can be called back, one by one
//! or all at once; one-time links a person waits for are never held.

use std::time::Duration;

use chrono::Utc;
use hireloop::entities::outbox_message;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::helpers::{TestApp, call, hire_through_offer, spawn_app};
use crate::outbox_safety::message_once;

async fn open_position(app: &TestApp, token: &str) -> i64 {
    let (status, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director",
               "headcount": 1}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    id
}

/// A person on the position's long-list; returns the application's id.
async fn apply(app: &TestApp, token: &str, position: i64, email: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": email}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    application["id"].as_i64().unwrap()
}

/// Rejects `ids` with one bulk action from the applications page.
async fn bulk_reject(app: &TestApp, ids: &[i64]) {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut fields = vec![
        ("to", "rejected"),
        ("reason", "skills_gap"),
        ("back", "/applications"),
        // As from the confirmation page: the first post only asks.
        ("confirmed", "1"),
    ];
    fields.extend(ids.iter().map(|id| ("ids", id.as_str())));
    let response = app.post_form("/applications/bulk", &fields).await;
    assert_eq!(response.status(), 303);
}

async fn messages(app: &TestApp, kind: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq(kind))
        .order_by_asc(outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// The hold passes: the batch's messages are due now, as if the minutes had gone by.
async fn hold_passes(app: &TestApp, batch: i32) {
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            (Utc::now() - chrono::Duration::seconds(1)).into(),
        )
        .filter(outbox_message::Column::BatchId.eq(batch))
        .exec(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bulk_rejection_waits_the_hold_and_a_cancelled_letter_is_never_sent() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(apply(&app, &token, position, &format!("person{n}@mail.test")).await);
    }
    app.login_as("recruiter").await;
    bulk_reject(&app, &ids).await;
    let told = app.get("/applications").await.text().await.unwrap();
    assert!(
        told.contains("3 письма уйдут через 5 минут"),
        "the person who acted is told how to undo it"
    );

    let held = messages(&app, "rejection").await;
    assert_eq!(held.len(), 3);
    let batch = held[0].batch_id.expect("queued in the action's batch");
    assert!(held.iter().all(|m| m.batch_id == Some(batch)));
    let wait = held[0].next_attempt_at - Utc::now();
    assert!(
        wait > chrono::Duration::minutes(4),
        "the default hold: {wait}"
    );
    // The worker polls every 100 ms: nothing goes before the hold.
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        messages(&app, "rejection")
            .await
            .iter()
            .all(|m| m.status == "pending")
    );

    let page = app.get("/admin/outbox").await.text().await.unwrap();
    assert!(page.contains("Массовый отказ"), "which action queued them");
    assert!(page.contains("3 письма"), "how many");
    assert!(page.contains("уйдёт в"), "when they go");

    let cancelled = app
        .post_form(&format!("/admin/outbox/{}/cancel", held[0].id), &[])
        .await;
    assert_eq!(cancelled.status(), 303);
    hold_passes(&app, batch).await;
    for other in &held[1..] {
        message_once(&app, other.id, |m| m.status == "sent").await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let first = message_once(&app, held[0].id, |_| true).await;
    assert_eq!((first.status.as_str(), first.sent_at), ("cancelled", None));
    let page = app.get("/admin/outbox").await.text().await.unwrap();
    assert!(page.contains("отменено"));

    // Sent and cancelled letters cannot be called back or sent again.
    let token = app.token_for("recruiter").await;
    let path = format!("/outbox/{}/cancel", held[1].id);
    let (status, _) = call(&app, Method::POST, &path, &token, json!({})).await;
    assert_eq!(status, 409);
    let retried = app
        .post_form(&format!("/admin/outbox/{}/retry", held[0].id), &[])
        .await;
    assert_eq!(retried.status(), 303);
    assert_eq!(
        message_once(&app, held[0].id, |_| true).await.status,
        "cancelled"
    );
}

#[tokio::test]
async fn cancelling_a_whole_action_sends_none_of_its_letters() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token).await;
    let a = apply(&app, &token, position, "a@mail.test").await;
    let b = apply(&app, &token, position, "b@mail.test").await;
    app.login_as("recruiter").await;
    bulk_reject(&app, &[a, b]).await;
    let held = messages(&app, "rejection").await;
    let batch = held[0].batch_id.unwrap();

    let (status, listed) = call(&app, Method::GET, "/outbox/batches", &token, json!({})).await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["items"][0]["kind"], "bulk_reject");
    assert_eq!(listed["items"][0]["waiting"], 2);
    let path = format!("/outbox/batches/{batch}/cancel");
    let (status, body) = call(&app, Method::POST, &path, &token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cancelled"], 2);

    hold_passes(&app, batch).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    for m in messages(&app, "rejection").await {
        assert_eq!((m.status.as_str(), m.attempts), ("cancelled", 0));
    }
    let (_, listed) = call(&app, Method::GET, "/outbox/batches", &token, json!({})).await;
    assert_eq!(listed["items"], json!([]));
}

#[tokio::test]
async fn the_hold_is_a_setting_and_zero_sends_at_once() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let (status, body) = call(&app, Method::GET, "/settings/outbox", &admin, json!({})).await;
    assert_eq!((status, body["hold_minutes"].as_i64()), (200, Some(5)));
    let (status, body) = call(
        &app,
        Method::PUT,
        "/settings/outbox",
        &admin,
        json!({"hold_minutes": -1}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "hold_minutes");
    let (status, _) = call(
        &app,
        Method::PUT,
        "/settings/outbox",
        &recruiter,
        json!({"hold_minutes": 0}),
    )
    .await;
    assert_eq!(status, 403);

    app.login_as("admin").await;
    let bad = app
        .post_form("/admin/outbox/settings", &[("hold_minutes", "пять")])
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("value=\"пять\""), "what was typed");
    assert!(page.contains("id=\"e-hold\""), "the error beside the field");
    let saved = app
        .post_form("/admin/outbox/settings", &[("hold_minutes", "0")])
        .await;
    assert_eq!(saved.status(), 303);

    let position = open_position(&app, &recruiter).await;
    let id = apply(&app, &recruiter, position, "anna@mail.test").await;
    bulk_reject(&app, &[id]).await;
    let letter = &messages(&app, "rejection").await[0];
    assert!(letter.batch_id.is_some());
    message_once(&app, letter.id, |m| m.status == "sent").await;
}

#[tokio::test]
async fn a_start_that_fills_the_position_holds_the_closing_letters_but_never_personal_links() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token).await;
    let hire = apply(&app, &token, position, "anna@mail.test").await;
    let warm = apply(&app, &token, position, "boris@mail.test").await;
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let path = format!("/applications/{hire}/move");
        let (status, body) = call(&app, Method::POST, &path, &token, json!({"to": to})).await;
        assert_eq!(status, 200, "{body}");
    }
    // A start is recorded on the day itself, and the offer's first day is not in the past.
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .to_string();
    hire_through_offer(&app, &token, hire, &today).await;
    // The offer's answer link and the new intern's password link go at once.
    let offer = &messages(&app, "offer_letter").await[0];
    assert_eq!(offer.batch_id, None);
    message_once(&app, offer.id, |m| m.status == "sent").await;
    let mentor = app.add_user("mentor").await;
    let mentor = crate::helpers::user_id(&app.db, &mentor).await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/internships",
        &token,
        json!({"application_id": hire, "mentor_id": mentor, "start_date": today,
               "exam_track": "ppc"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let welcome = &messages(&app, "internship_welcome").await[0];
    assert_eq!(welcome.batch_id, None);
    message_once(&app, welcome.id, |m| m.status == "sent").await;

    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{hire}/start"),
        &token,
        json!({"started_on": today}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let closing = messages(&app, "rejection").await;
    assert_eq!(closing.len(), 1);
    assert_eq!(closing[0].application_id, Some(warm as i32));
    let batch = closing[0].batch_id.expect("held in the closing's batch");
    assert!(closing[0].next_attempt_at > Utc::now() + chrono::Duration::minutes(4));
    let (_, listed) = call(&app, Method::GET, "/outbox/batches", &token, json!({})).await;
    assert_eq!(listed["items"][0]["id"], batch);
    assert_eq!(listed["items"][0]["kind"], "position_filled");
    assert_eq!(listed["items"][0]["position_id"], position);

    tokio::time::sleep(Duration::from_millis(500)).await;
    let closing = message_once(&app, closing[0].id, |_| true).await;
    assert_eq!(closing.status, "pending", "the closing letter still waits");
}
