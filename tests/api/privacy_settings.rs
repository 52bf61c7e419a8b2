//! The retention settings page an admin works in, and the consent the intern programme records.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{call, spawn_app};

#[tokio::test]
async fn an_admin_sets_retention_periods_on_a_page_and_runs_the_round() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/privacy").await;
    let status = page.status();
    let html = page.text().await.unwrap();
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("name=\"days_after_end\""));
    assert!(html.contains("value=\"30\""), "the default is shown");

    let refused = app
        .post_form(
            "/admin/privacy",
            &[
                ("days_after_end", "месяц"),
                ("talent_pool_months", "0"),
                ("reconsent_days", "7"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("value=\"месяц\""), "what was typed is kept");
    assert!(html.contains("Введите целое число"));
    let token = app.token_for("admin").await;
    let (_, unchanged) = call(&app, Method::GET, "/privacy/retention", &token, Value::Null).await;
    assert_eq!(
        unchanged["days_after_end"], 30,
        "nothing saved: {unchanged}"
    );

    let saved = app
        .post_form(
            "/admin/privacy",
            &[
                ("days_after_end", "45"),
                ("talent_pool_months", "6"),
                ("reconsent_days", "10"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let (_, now) = call(&app, Method::GET, "/privacy/retention", &token, Value::Null).await;
    assert_eq!(
        now,
        json!({"days_after_end": 45, "talent_pool_months": 6, "reconsent_days": 10})
    );

    let ran = app.post_form("/admin/privacy/run", &[]).await;
    assert_eq!(ran.status(), 303);
    let after = app.get("/admin/privacy").await.text().await.unwrap();
    assert!(
        after.contains("Готово. Обезличено: 0"),
        "the outcome is flashed"
    );
}

#[tokio::test]
async fn only_admins_reach_the_retention_page() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    assert_eq!(app.get("/admin/privacy").await.status(), 403);
    let refused = app
        .post_form(
            "/admin/privacy",
            &[
                ("days_after_end", "1"),
                ("talent_pool_months", "1"),
                ("reconsent_days", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(app.post_form("/admin/privacy/run", &[]).await.status(), 403);
}
