//! References: refused without the candidate's permission, logged from a call, or answered by
//! the referee through a one-time link that expires and works once.

use chrono::{Duration, Utc};
use hireloop::entities::referee;
use mail_parser::MessageParser;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, csrf_in, spawn_app, spawn_app_with_smtp};
use crate::smtp::SmtpSink;

/// A person on an open position's long-list: (candidate id, application id).
async fn finalist(app: &TestApp, token: &str) -> (i64, i64) {
    let (_, position) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    call(
        app,
        Method::POST,
        &format!("/positions/{position}/open"),
        token,
        json!({}),
    )
    .await;
    let (_, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test"}),
    )
    .await;
    let person = person["id"].as_i64().unwrap();
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person, "position_id": position, "source": "referral"}),
    )
    .await;
    (person, application["id"].as_i64().unwrap())
}

fn referee_body() -> Value {
    json!({"name": "Олег Смирнов", "company": "Орбита", "relation": "руководитель, 2022–2024",
           "email": "oleg@orbita.test", "phone": "+7 916 000-11-22"})
}

async fn allow_references(app: &TestApp, token: &str, person: i64) {
    let (status, _) = call(
        app,
        Method::PATCH,
        &format!("/candidates/{person}"),
        token,
        json!({"reference_consent": true}),
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_referee_cannot_be_added_before_the_candidate_allows_it() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (person, application) = finalist(&app, &token).await;
    let path = format!("/applications/{application}/references");
    let (status, body) = call(&app, Method::POST, &path, &token, referee_body()).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["detail"].as_str().unwrap().contains("permission"));
    assert!(
        referee::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );

    allow_references(&app, &token, person).await;
    let (status, body) = call(&app, Method::POST, &path, &token, referee_body()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "added");
    assert_eq!(body["phone"], "+79160001122");

    let (status, body) = call(
        &app,
        Method::POST,
        &path,
        &token,
        json!({"name": "", "company": "X", "relation": "peer"}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "name");
    let (status, _) = call(
        &app,
        Method::POST,
        &path,
        &token,
        json!({"name": "Без контактов", "company": "X", "relation": "peer"}),
    )
    .await;
    assert_eq!(status, 422, "a referee needs a way to be reached");

    let interviewer = app.token_for("interviewer").await;
    assert_eq!(
        call(&app, Method::GET, &path, &interviewer, json!({}))
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn a_call_is_logged_with_answers_and_a_verdict() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (person, application) = finalist(&app, &token).await;
    allow_references(&app, &token, person).await;
    let (_, added) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/references"),
        &token,
        referee_body(),
    )
    .await;
    let path = format!("/references/{}", added["id"]);
    let (status, _) = call(
        &app,
        Method::PUT,
        &path,
        &token,
        json!({"verdict": "great"}),
    )
    .await;
    assert_eq!(status, 422);
    let (status, body) = call(&app, Method::PUT, &path, &token,
        json!({"answers": {"strengths": "Держит слово", "rehire": "Да"}, "verdict": "positive", "notes": "Звонок 10 минут"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "logged");
    assert_eq!(body["answers"]["strengths"], "Держит слово");
    let (_, list) = call(
        &app,
        Method::GET,
        &format!("/applications/{application}/references"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(list[0]["verdict"], "positive");
}

#[tokio::test]
async fn a_referee_answers_once_through_the_emailed_link_and_an_old_link_expires() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (person, application) = finalist(&app, &token).await;
    allow_references(&app, &token, person).await;
    let (_, added) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/references"),
        &token,
        referee_body(),
    )
    .await;
    let id = added["id"].as_i64().unwrap();
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/references/{id}/request"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "requested");

    let raw = smtp.wait_for(1).await.remove(0);
    let letter = MessageParser::default().parse(&raw).unwrap();
    // The name stays in the nominative where Russian grammar allows it, and nothing guesses
    // the candidate's gender.
    assert_eq!(
        letter.subject(),
        Some("Просим отзыв о совместной работе: Анна Петрова")
    );
    let text = letter.body_text(0).unwrap().to_string();
    assert!(
        text.contains("Мы рассматриваем кандидатуру: Анна Петрова"),
        "{text}"
    );
    assert!(!text.contains("(а)"), "{text}");
    assert!(text.contains("действует 7 дней"), "{text}");
    let start = text.find("/r/").expect("a link in the letter");
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();

    // The referee, not signed in, opens the form and answers.
    let referee_browser = client();
    let form = referee_browser.get(app.url(&link)).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    assert!(html.contains("Анна Петрова"));
    let csrf = csrf_in(&html).unwrap();
    let answer = [
        ("q_strengths", "Быстро отвечает клиентам"),
        ("verdict", "mixed"),
        ("notes", "Иногда спешит"),
        ("_csrf", &csrf),
    ];
    let sent = referee_browser
        .post(app.url(&link))
        .form(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    let stored = referee::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.status.as_str(), stored.verdict.as_deref()),
        ("answered", Some("mixed"))
    );
    assert!(stored.token_hash.is_none(), "the link works once");

    let again = referee_browser
        .post(app.url(&link))
        .form(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410);
    assert_eq!(
        referee_browser
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .status(),
        410
    );

    // A new link that has run out of time.
    call(
        &app,
        Method::POST,
        &format!("/references/{id}/request"),
        &token,
        json!({}),
    )
    .await;
    let raw = smtp.wait_for(2).await;
    let newest = raw
        .iter()
        .map(|r| {
            MessageParser::default()
                .parse(r.as_slice())
                .unwrap()
                .body_text(0)
                .unwrap()
                .to_string()
        })
        .find(|t| !t.contains(&link))
        .unwrap();
    let start = newest.find("/r/").unwrap();
    let second: String = newest[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let row = referee::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut expired: referee::ActiveModel = row.into();
    expired.token_expires_at = Set(Some(Utc::now() - Duration::hours(1)));
    expired.update(&app.db).await.unwrap();
    let late = referee_browser.get(app.url(&second)).send().await.unwrap();
    assert_eq!(late.status(), 410);
    assert!(late.text().await.unwrap().contains("Срок ссылки истёк"));
    let page = referee_browser
        .get(app.url("/r/not-a-real-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
}

#[tokio::test]
async fn the_references_page_adds_a_referee_and_logs_a_call() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (person, application) = finalist(&app, &token).await;
    app.login_as("recruiter").await;
    let path = format!("/applications/{application}/references");
    let page = app.get(&path).await.text().await.unwrap();
    assert!(
        page.contains("Нет согласия кандидата"),
        "the missing permission is said up front"
    );
    allow_references(&app, &token, person).await;
    let response = app
        .post_form(
            &path,
            &[
                ("name", "Олег"),
                ("company", "Орбита"),
                ("relation", "руководитель"),
                ("phone", "+7 916 000-11-22"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let row = referee::Entity::find().one(&app.db).await.unwrap().unwrap();
    let response = app
        .post_form(
            &format!("/references/{}/call", row.id),
            &[("q_rehire", "Да"), ("verdict", "positive")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get(&path).await.text().await.unwrap();
    assert!(page.contains("разговор записан") && page.contains("положительная"));
}

#[tokio::test]
async fn the_ceo_brief_gathers_the_red_flags_and_records_the_go_or_no_go() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (person, application) = finalist(&app, &token).await;
    // Above the middle band, and a referee with doubts.
    call(
        &app,
        Method::PATCH,
        &format!("/candidates/{person}"),
        &token,
        json!({"expected_salary": 900000, "reference_consent": true}),
    )
    .await;
    let (_, added) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/references"),
        &token,
        referee_body(),
    )
    .await;
    call(
        &app,
        Method::PUT,
        &format!("/references/{}", added["id"]),
        &token,
        json!({"verdict": "negative", "answers": {"growth": "Срывает сроки"}}),
    )
    .await;

    let ceo = app.token_for("ceo").await;
    let (status, brief) = call(
        &app,
        Method::GET,
        &format!("/applications/{application}/brief"),
        &ceo,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{brief}");
    assert_eq!(brief["salary"]["against_band"], "above");
    let kinds: Vec<&str> = brief["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"above_band") && kinds.contains(&"negative_reference"),
        "{kinds:?}"
    );
    assert_eq!(brief["references"][0]["answers"]["growth"], "Срывает сроки");

    let path = format!("/applications/{application}/ceo-decision");
    let manager = app.token_for("hiring_manager").await;
    assert_eq!(
        call(
            &app,
            Method::POST,
            &path,
            &manager,
            json!({"decision": "go"})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        call(
            &app,
            Method::POST,
            &path,
            &ceo,
            json!({"decision": "maybe"})
        )
        .await
        .0,
        422
    );
    let (status, brief) = call(
        &app,
        Method::POST,
        &path,
        &ceo,
        json!({"decision": "no_go", "note": "Не наши ценности"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (brief["decision"].as_str(), brief["decision_note"].as_str()),
        (Some("no_go"), Some("Не наши ценности"))
    );
    let interviewer = app.token_for("interviewer").await;
    assert_eq!(
        call(
            &app,
            Method::GET,
            &format!("/applications/{application}/brief"),
            &interviewer,
            json!({})
        )
        .await
        .0,
        403
    );

    app.login_as("ceo").await;
    let page = app
        .get(&format!("/applications/{application}/brief"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ожидания выше вилки") && page.contains("Отрицательная рекомендация"));
    assert!(
        page.contains("Не берём: Не наши ценности"),
        "the decision is on the brief"
    );
}
