//! The internship's irreversible steps: an exam is recorded once sat, a decision before the
//! programme's last week says why (and the page asks, then confirms), and a promoted intern
//! stays on the mentor's page as finished.

use hireloop::auth::model::normalize_email;
use hireloop::entities::{exam_attempt, internship};

use super::*;
use crate::helpers::{PASSWORD, user_id};

/// A recruiter's token, a mentor's email and token, and an internship starting `start`.
struct Month {
    recruiter: String,
    mentor_email: String,
    mentor: String,
    id: i64,
}

async fn month_from(app: &TestApp, start: NaiveDate) -> Month {
    let recruiter = app.token_for("recruiter").await;
    let mentor_email = normalize_email(&app.add_user("mentor").await);
    let mentor_id = user_id(&app.db, &mentor_email).await;
    let mentor = hireloop::auth::model::create_token(&app.db, mentor_id, "test")
        .await
        .unwrap()
        .0;
    let intern = user_id(&app.db, &normalize_email(&app.add_user("intern").await)).await;
    let (status, view) = call(
        app,
        Method::POST,
        "/internships",
        &recruiter,
        json!({"intern_user_id": intern, "mentor_id": mentor_id, "start_date": start.to_string(),
               "exam_track": "seo"}),
    )
    .await;
    assert_eq!(status, 201, "{view}");
    Month {
        recruiter,
        mentor_email,
        mentor,
        id: view["id"].as_i64().unwrap(),
    }
}

async fn attempts(app: &TestApp, id: i64) -> u64 {
    exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.eq(id as i32))
        .count(&app.db)
        .await
        .unwrap()
}

async fn row(app: &TestApp, id: i64) -> internship::Model {
    internship::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn an_exam_sat_tomorrow_is_refused_on_the_api_and_on_the_page() {
    let app = crate::helpers::spawn_app().await;
    let m = month_from(&app, agency_day(-10)).await;
    let tomorrow = agency_day(1).to_string();
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/internships/{}/exam-attempts", m.id),
        &m.mentor,
        json!({"exam": "seo", "taken_on": tomorrow, "score": 80, "max_score": 100}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "taken_on");
    assert_eq!(attempts(&app, m.id).await, 0);

    assert_eq!(app.login(&m.mentor_email, PASSWORD).await.status(), 303);
    let response = app
        .post_form(
            &format!("/internships/{}/act", m.id),
            &[
                ("do", "attempt"),
                ("exam", "seo"),
                ("taken_on", &tomorrow),
                ("score", "87"),
                ("max_score", "100"),
                ("notes", "устная часть"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"e-taken-on\""),
        "the error beside the date"
    );
    assert!(html.contains(&format!("value=\"{tomorrow}\"")) && html.contains("value=\"87\""));
    assert!(html.contains("устная часть"));
    assert_eq!(attempts(&app, m.id).await, 0);

    // Today is fine.
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/internships/{}/exam-attempts", m.id),
        &m.mentor,
        json!({"exam": "seo", "taken_on": agency_day(0).to_string(), "score": 80, "max_score": 100}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn an_early_decision_needs_its_reason_and_keeps_it() {
    let app = crate::helpers::spawn_app().await;
    let m = month_from(&app, agency_day(0)).await;
    let path = format!("/internships/{}/decision", m.id);
    let body = json!({"outcome": "part_ways", "reason": "Не подходит по темпу"});
    let (status, answer) = call(&app, Method::POST, &path, &m.mentor, body.clone()).await;
    assert_eq!(status, 409, "{answer}");
    assert_eq!(row(&app, m.id).await.status, "active");

    let mut with_reason = body.clone();
    with_reason["early_reason"] = json!("Сам попросил закончить раньше");
    let (status, view) = call(&app, Method::POST, &path, &m.mentor, with_reason).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        view["decision"]["early_reason"],
        "Сам попросил закончить раньше"
    );
    let decided = row(&app, m.id).await;
    assert_eq!(
        decided.early_reason.as_deref(),
        Some("Сам попросил закончить раньше")
    );
    let (_, shown) = call(
        &app,
        Method::GET,
        &format!("/internships/{}", m.id),
        &m.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(
        shown["decision"]["early_reason"],
        "Сам попросил закончить раньше"
    );
}

#[tokio::test]
async fn a_decision_in_the_last_week_needs_no_early_reason() {
    let app = crate::helpers::spawn_app().await;
    let m = month_from(&app, agency_day(-40)).await;
    let (status, view) = call(
        &app,
        Method::POST,
        &format!("/internships/{}/decision", m.id),
        &m.mentor,
        json!({"outcome": "stay_intern", "reason": "Ещё месяц практики"}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert!(view["decision"]["early_reason"].is_null());
}

#[tokio::test]
async fn the_page_asks_why_early_then_confirms_then_decides() {
    let app = crate::helpers::spawn_app().await;
    let m = month_from(&app, agency_day(0)).await;
    assert_eq!(app.login(&m.mentor_email, PASSWORD).await.status(), 303);
    let path = format!("/internships/{}/decision", m.id);
    let page = app.get(&path).await.text().await.unwrap();
    assert!(
        page.contains("name=\"early_reason\""),
        "the form asks why early"
    );

    let typed = [("outcome", "part_ways"), ("reason", "Не подходит по темпу")];
    let response = app.post_form(&path, &typed).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"e-early-reason\"") && html.contains("Не подходит по темпу"));
    assert_eq!(row(&app, m.id).await.status, "active");

    let mut early = typed.to_vec();
    early.push(("early_reason", "Сам попросил"));
    let response = app.post_form(&path, &early).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("data-confirmation") && html.contains("Решение окончательное"));
    assert!(html.contains("Почему раньше: Сам попросил"), "{html}");
    assert_eq!(row(&app, m.id).await.status, "active");

    early.push(("confirmed", "1"));
    let response = app.post_form(&path, &early).await;
    assert_eq!(response.status(), 303);
    let decided = row(&app, m.id).await;
    assert_eq!(decided.status, "decided");
    assert_eq!(decided.early_reason.as_deref(), Some("Сам попросил"));
    let shown = app
        .get(&format!("/internships/{}", m.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(shown.contains("Сам попросил"));
}

#[tokio::test]
async fn after_a_promotion_the_mentor_still_sees_the_intern_under_finished() {
    let app = crate::helpers::spawn_app().await;
    let m = month_from(&app, agency_day(-40)).await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/internships/{}/exam-attempts", m.id),
        &m.mentor,
        json!({"exam": "seo", "taken_on": agency_day(-5).to_string(), "score": 90, "max_score": 100}),
    )
    .await;
    assert_eq!(status, 201);
    let grades: Vec<_> = [
        "goals",
        "tasks",
        "budget",
        "communication",
        "risks",
        "presentation",
    ]
    .iter()
    .map(|c| json!({"criterion": c, "score": 4}))
    .collect();
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/internships/{}/defence", m.id),
        &m.mentor,
        json!({"grades": grades, "notes": "ясный план"}),
    )
    .await;
    assert!(status < 300, "{body}");
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/internships/{}/decision", m.id),
        &m.mentor,
        json!({"outcome": "promote", "reason": "Готов вести клиентов"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    assert_eq!(app.login(&m.mentor_email, PASSWORD).await.status(), 303);
    let html = app.get("/internships").await.text().await.unwrap();
    assert!(html.contains("id=\"finished\""), "{html}");
    assert!(html.contains(&format!("/internships/{}", m.id)));
    assert!(
        !html.contains("Стажёров здесь пока нет"),
        "never 'no interns'"
    );
}
