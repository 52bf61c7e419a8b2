//! Marking a hire as started in the browser asks first: the board's move shows who the start
//! closes and who gets a letter, and nothing changes until Confirm is pressed.

use reqwest::Method;
use serde_json::json;

use crate::browser::Browser;
use crate::helpers::{call, hire_through_offer, spawn_app};
use crate::hiring::stage;
use crate::session::login;

#[tokio::test]
async fn marking_as_started_lists_who_is_closed_and_waits_for_confirm() {
    let app = spawn_app().await;
    let Some(b) = Browser::start(&app.address).await else {
        return;
    };
    let api = app.token_for("recruiter").await;
    let recruiter = app.add_user("recruiter").await;
    let (_, position) = call(&app, Method::POST, "/positions", &api,
        json!({"title": "Account manager (start)", "grade": "middle", "reports_to": "Account Director"})).await;
    let position = position["id"].as_i64().unwrap();
    call(
        &app,
        Method::POST,
        &format!("/positions/{position}/open"),
        &api,
        json!({}),
    )
    .await;
    let mut ids = Vec::new();
    for (name, email) in [
        ("Hanna Hire", "hanna@example.com"),
        ("Boris Backup", "boris@example.com"),
    ] {
        let (_, person) = call(
            &app,
            Method::POST,
            "/candidates",
            &api,
            json!({"full_name": name, "email": email}),
        )
        .await;
        let (_, a) = call(
            &app,
            Method::POST,
            "/applications",
            &api,
            json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
        )
        .await;
        ids.push(a["id"].as_i64().unwrap());
    }
    let (hire, backup) = (ids[0], ids[1]);
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        call(
            &app,
            Method::POST,
            &format!("/applications/{hire}/move"),
            &api,
            json!({"to": to}),
        )
        .await;
    }
    call(
        &app,
        Method::POST,
        &format!("/applications/{backup}/move"),
        &api,
        json!({"to": "short_list"}),
    )
    .await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .to_string();
    hire_through_offer(&app, &api, hire, &today).await;

    login(&b, &recruiter).await;
    b.goto(&format!("/positions/{position}/board")).await;
    let card = format!("article[data-application='{hire}']");
    b.script(&format!(
        "document.querySelector(\"{card} details\").open = true"
    ))
    .await;
    b.select(&format!("#b-to-{hire}"), "started").await;
    b.fill(&format!("#b-date-{hire}"), &today).await;
    b.click(&format!("{card} .move-form button[type=submit]"))
        .await;

    // The confirmation: the backup by name, with the letter they would get; nothing done yet.
    let listed = b.text("[data-affected]").await;
    assert!(listed.contains("Boris Backup"), "{listed}");
    assert!(!b.text("[data-confirmation] .consequences").await.is_empty());
    assert_eq!(stage(&app, &api, hire).await, "hired");
    assert_eq!(stage(&app, &api, backup).await, "short_list");

    b.click("[data-confirmation] button[name=confirmed]").await;
    assert!(!b.flash().await.is_empty(), "no message after confirming");
    assert_eq!(stage(&app, &api, hire).await, "started");
    assert_eq!(stage(&app, &api, backup).await, "rejected");
    b.close().await;
}
