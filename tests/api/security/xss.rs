//! HTML escaping everywhere: a script tag and both kinds of quote go into every free-text field
//! a user can type, and every page that shows them prints them as text.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app};

const PAYLOAD: &str = r#"<script>alert("x")</script>'"><img src=x onerror=alert(1)>"#;

async fn ok(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Value {
    let (status, answer) = call(app, method, path, token, body).await;
    assert!((200..300).contains(&status), "{path}: {status} {answer}");
    answer
}

fn tagged(field: &str) -> String {
    format!("{field}{PAYLOAD}")
}

#[tokio::test]
async fn every_free_text_field_is_printed_as_text_on_every_page_that_shows_it() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let admin_token = app.token_for("admin").await;

    let position = ok(
        &app,
        Method::POST,
        "/positions",
        &recruiter,
        json!({
            "title": tagged("title"), "grade": "middle", "reports_to": tagged("reports_to"),
            "profile": {"company": tagged("company"), "duties": tagged("duties")}
        }),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    ok(
        &app,
        Method::POST,
        &format!("/positions/{position}/open"),
        &recruiter,
        json!({}),
    )
    .await;
    let person = ok(
        &app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({
            "full_name": tagged("name"), "email": "anna@mail.test",
            "current_title": tagged("current_title"), "current_company": tagged("current_company"),
            "notes": tagged("notes"), "tags": [tagged("tag")], "expected_salary": 150000
        }),
    )
    .await;
    let candidate = person["id"].as_i64().unwrap();
    ok(
        &app,
        Method::PATCH,
        &format!("/candidates/{candidate}"),
        &recruiter,
        json!({"reference_consent": true}),
    )
    .await;
    let application = ok(
        &app,
        Method::POST,
        "/applications",
        &recruiter,
        json!({
            "candidate_id": candidate, "position_id": position, "source": "referral"
        }),
    )
    .await;
    let application = application["id"].as_i64().unwrap();
    ok(
        &app,
        Method::POST,
        &format!("/applications/{application}/comments"),
        &recruiter,
        json!({"text": tagged("comment")}),
    )
    .await;
    ok(
        &app,
        Method::POST,
        &format!("/applications/{application}/references"),
        &recruiter,
        json!({
            "name": tagged("referee"), "company": tagged("ref_company"),
            "relation": tagged("relation"), "email": "oleg@orbita.test"
        }),
    )
    .await;
    ok(
        &app,
        Method::POST,
        "/users",
        &admin_token,
        json!({
            "email": "evil@agency.test", "name": tagged("user_name"), "role": "interviewer",
            "password": "correct horse battery"
        }),
    )
    .await;

    app.login_as("admin").await;
    let pages = [
        "/".to_owned(),
        "/positions".to_owned(),
        format!("/positions/{position}"),
        format!("/positions/{position}/board"),
        "/candidates".to_owned(),
        format!("/candidates/{candidate}"),
        "/applications".to_owned(),
        format!("/applications/{application}/references"),
        format!("/applications/{application}/offers"),
        "/admin/users".to_owned(),
        "/admin/audit".to_owned(),
    ];
    let mut shown = 0;
    for path in &pages {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(!html.contains("<script>alert"), "{path} runs the script");
        assert!(!html.contains("<img src=x"), "{path} renders the tag");
        assert!(
            !html.contains(r#"'"><img"#),
            "{path} breaks out of an attribute"
        );
        shown += html.matches("&lt;script&gt;alert(").count();
    }
    assert!(shown >= pages.len(), "the text is shown, escaped: {shown}");
    // The public job page shows the position's own text.
    let slug = {
        let (_, position) = call(
            &app,
            Method::GET,
            &format!("/positions/{position}"),
            &recruiter,
            json!({}),
        )
        .await;
        position["slug"].as_str().unwrap_or_default().to_owned()
    };
    if !slug.is_empty() {
        let html = app
            .get(&format!("/jobs/{slug}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !html.contains("<script>alert"),
            "the job page runs the script"
        );
    }
}
