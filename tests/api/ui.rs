//! The little things of the UI through HTTP: the user's time zone, the erase confirmation that
//! works without JS, the "More" menu and the board's keyboard help.

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{call, location, spawn_app, spawn_app_with_demo, user_id};
use hireloop::entities::{candidate, user};

#[tokio::test]
async fn a_user_picks_a_time_zone_and_times_are_shown_on_that_clock() {
    let app = spawn_app().await;
    let email = app.login_as("recruiter").await;
    let id = user_id(&app.db, &email).await;

    let refused = app
        .post_form(
            "/profile",
            &[("name", "R"), ("lang", "en"), ("timezone", "Mars/Olympus")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let stored = user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.timezone, "Europe/Moscow");

    let saved = app
        .post_form(
            "/profile",
            &[
                ("name", "R"),
                ("lang", "en"),
                ("timezone", "Asia/Vladivostok"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let stored = user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.timezone, "Asia/Vladivostok");
    let profile = app.get("/profile").await.text().await.unwrap();
    // minijinja escapes "/" in values as &#x2f;.
    assert!(
        profile.contains(r#"Vladivostok" selected>"#),
        "the zone is not selected"
    );

    // An interview booked for 10:00 on the user's clock is stored as 00:00 UTC and shown as 10:00.
    let token = app.token_for("recruiter").await;
    let (_, position) = call(&app, Method::POST, "/positions", &token, json!({
        "title": "AM", "grade": "middle", "reports_to": "CSD", "headcount": 1,
        "profile": {"company": "c", "role": "r", "duties": "d", "requirements": "q", "conditions": "w"}
    })).await;
    let (_, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({
            "full_name": "Tz Person", "email": "tz@example.com",
            "consent": {"given_at": "2026-01-01T00:00:00Z", "text_version": "v1"}
        }),
    )
    .await;
    let (status, application) = call(
        &app,
        Method::POST,
        "/applications",
        &token,
        json!({
            "candidate_id": person["id"], "position_id": position["id"], "source": "referral"
        }),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    let me = user_id(&app.db, &email).await.to_string();
    let booked = app
        .post_form(
            &format!("/applications/{}/interviews", application["id"]),
            &[
                ("kind", "screen"),
                ("date", "2030-03-04"),
                ("time", "10:00"),
                ("duration_minutes", "60"),
                ("place", ""),
                ("interviewer_ids", &me),
            ],
        )
        .await;
    assert_eq!(booked.status(), 303, "{}", booked.text().await.unwrap());
    let page = app.get(&location(&booked)).await.text().await.unwrap();
    assert!(
        page.contains("4 March 2030, 10:00 MSK+7"),
        "not on the user's clock"
    );
}

#[tokio::test]
async fn erasing_a_candidate_asks_first_even_without_javascript() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let token = app.token_for("recruiter").await;
    let (_, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({
            "full_name": "Keep Me", "email": "keep@example.com",
            "consent": {"given_at": "2026-01-01T00:00:00Z", "text_version": "v1"}
        }),
    )
    .await;
    let id = person["id"].as_i64().unwrap();
    let page = app
        .get(&format!("/candidates/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!(r#"action="/candidates/{id}/erase""#)));

    // The first post is the question: what goes, for good, and a Confirm button.
    let unconfirmed = app.post_form(&format!("/candidates/{id}/erase"), &[]).await;
    assert_eq!(unconfirmed.status(), 200);
    let asked = unconfirmed.text().await.unwrap();
    assert!(asked.contains(r#"name="confirmed" value="1""#), "{asked}");
    let kept = candidate::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(kept.erased_at.is_none(), "erased without confirmation");

    let confirmed = app
        .post_form(&format!("/candidates/{id}/erase"), &[("confirmed", "1")])
        .await;
    assert_eq!(confirmed.status(), 303);
    let gone = candidate::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(gone.erased_at.is_some());
}

#[tokio::test]
async fn a_long_menu_folds_into_more_and_the_board_explains_its_keys() {
    let app = spawn_app_with_demo().await;
    app.login_as("admin").await;
    let home = app.get("/").await.text().await.unwrap();
    let more = home.find("nav-more").expect("a More menu for the admin");
    let audit = "admin&#x2f;audit\"";
    assert!(home[more..].contains(audit), "audit not under More");
    assert!(!home[..more].contains(audit), "audit also in the bar");

    let token = app.token_for("admin").await;
    let (_, positions) = call(&app, Method::GET, "/positions", &token, json!({})).await;
    let board = app
        .get(&format!("/positions/{}/board", positions["items"][0]["id"]))
        .await
        .text()
        .await
        .unwrap();
    assert!(board.contains(r#"id="board-keys""#) && board.contains("<kbd>?</kbd>"));
}
