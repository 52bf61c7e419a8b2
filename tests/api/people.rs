//! People over the API: recruiters and hiring managers list colleagues by role (to pick
//! interviewers and mentors), only admins see deactivated accounts; everyone sets their own
//! language and time zone with `PATCH /me`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{call, spawn_app, user_id};

fn emails(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn colleagues_are_listed_by_role_for_those_who_pick_them() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let manager = app.token_for("hiring_manager").await;
    let kept = hireloop::auth::model::normalize_email(&app.add_user("interviewer").await);
    let gone = hireloop::auth::model::normalize_email(&app.add_user("interviewer").await);
    let gone_id = user_id(&app.db, &gone).await;
    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/users/{gone_id}"),
        &admin,
        json!({"role": "interviewer", "active": false}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    for token in [&recruiter, &manager] {
        let (status, body) = call(
            &app,
            Method::GET,
            "/users?role=interviewer",
            token,
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            emails(&body),
            vec![kept.clone()],
            "active interviewers only"
        );
        assert!(body["items"][0]["id"].is_i64() && body["items"][0]["name"].is_string());
        assert_eq!(body["items"][0]["role"], "interviewer");
    }
    let (_, all) = call(
        &app,
        Method::GET,
        "/users?role=interviewer",
        &admin,
        json!({}),
    )
    .await;
    let mut listed = emails(&all);
    listed.sort();
    let mut both = vec![kept.clone(), gone.clone()];
    both.sort();
    assert_eq!(listed, both, "admins see deactivated accounts too");

    let (status, body) = call(
        &app,
        Method::GET,
        "/users?role=wizard",
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let interviewer = app.token_for("interviewer").await;
    let (status, _) = call(&app, Method::GET, "/users", &interviewer, json!({})).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn everyone_sets_their_own_language_and_time_zone() {
    let app = spawn_app().await;
    let token = app.token_for("interviewer").await;
    let (status, me) = call(
        &app,
        Method::PATCH,
        "/me",
        &token,
        json!({"lang": "en", "time_zone": "Asia/Yekaterinburg"}),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (me["lang"].as_str(), me["time_zone"].as_str()),
        (Some("en"), Some("Asia/Yekaterinburg"))
    );
    let (_, again) = call(&app, Method::GET, "/me", &token, json!({})).await;
    assert_eq!(again["time_zone"], "Asia/Yekaterinburg");

    let (status, body) = call(
        &app,
        Method::PATCH,
        "/me",
        &token,
        json!({"time_zone": "Mars/Olympus"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("time_zone"), "{body}");
    let (status, body) = call(&app, Method::PATCH, "/me", &token, json!({"lang": "de"})).await;
    assert_eq!(status, 422, "{body}");
    let (_, unchanged) = call(&app, Method::GET, "/me", &token, json!({})).await;
    assert_eq!(
        (unchanged["lang"].as_str(), unchanged["time_zone"].as_str()),
        (Some("en"), Some("Asia/Yekaterinburg"))
    );
}
