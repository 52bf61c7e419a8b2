//! Dates outside the range of their kind, and language codes we do not speak, are a 422 that
//! names the field — on the API and on the forms, which keep what was typed.

use super::*;

#[tokio::test]
async fn a_consent_given_in_2999_and_a_target_date_in_year_0_are_refused_by_name() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Анна", "email": "anna@mail.ru",
               "consent": {"given_at": "2999-01-01T00:00:00Z", "text_version": "v1"}}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["consent.given_at"]);

    for day in ["0000-01-01", "9999-12-31"] {
        let mut request = position_request("Аккаунт-менеджер");
        request["target_date"] = json!(day);
        let (status, body) = call(&app, Method::POST, "/positions", &token, request).await;
        assert_eq!(status, 422, "{day}: {body}");
        assert_eq!(fields_of(&body), ["target_date"], "{day}");
    }
    let (status, body) = call(
        &app,
        Method::GET,
        "/reports/funnel?from=0001-01-01",
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["from"]);
}

#[tokio::test]
async fn an_interview_in_9999_is_refused_by_the_api_and_the_form_keeps_what_was_typed() {
    let app = spawn_app().await;
    let email = app.login_as("recruiter").await;
    let token = app.token_for("recruiter").await;
    let application_id = application(&app, &token).await;
    let me = crate::helpers::user_id(&app.db, &email).await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/interviews",
        &token,
        json!({"application_id": application_id, "kind": "screen",
               "scheduled_at": "9999-03-04T10:00:00Z", "interviewer_ids": [me]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["scheduled_at"]);

    let response = app
        .post_form(
            &format!("/applications/{application_id}/interviews"),
            &[
                ("kind", "screen"),
                ("date", "9999-03-04"),
                ("time", "10:00"),
                ("duration_minutes", "60"),
                ("place", "Переговорная Юпитер"),
                ("interviewer_ids", &me.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    let error = error_beside(&html, "date").expect("an error beside the date");
    assert!(error.contains("2000-01-01"), "{error}");
    assert!(html.contains("9999-03-04"), "the typed date is kept");
    assert!(
        html.contains("Переговорная Юпитер"),
        "the typed place is kept"
    );
}

#[tokio::test]
async fn a_language_other_than_ru_or_en_is_refused_by_name() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Анна", "email": "anna@mail.ru", "lang": "de"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["lang"]);
    let (status, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Анна", "email": "anna@mail.ru", "lang": "en"}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let path = format!("/candidates/{}", person["id"]);
    let (status, body) = call(&app, Method::PATCH, &path, &token, json!({"lang": "fr"})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["lang"]);
    let (status, body) = call(&app, Method::GET, "/questions?lang=xx", &token, json!({})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["lang"]);
    let (status, body) = call(&app, Method::GET, "/grades?lang=de", &token, json!({})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["lang"]);

    app.login_as("recruiter").await;
    let response = app
        .post_form("/profile", &[("name", "Typed Name"), ("lang", "de")])
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Typed Name"), "the typed name is kept");
    assert!(html.contains("Выберите русский или английский"), "{html}");
}
