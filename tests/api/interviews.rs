//! Interviews and scorecards, HTTP in and database out: scheduling with a frozen kit and
//! invitations, who may open an interview, blind scoring, score validation, the competency
//! profile, the versioned question bank, the coverage gate on the pipeline, the pages, and the
//! reminders for overdue scorecards.

mod bank;
mod coverage;
mod pages;
mod profile;
mod reminders;
mod scheduling;
mod scorecards;
mod values;

// The files above `use super::*`: the imports and helpers they share are here.
use chrono::{DateTime, Duration, Utc};
use hireloop::entities::{
    application_event, interview, interview_question, outbox_message, question, scorecard,
    scorecard_answer, scorecard_rating,
};
use reqwest::{Client, Method};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, call, client, csrf_in, spawn_app, user_id};

/// A user of the agency with a Bearer token, who can also sign in with `PASSWORD`.
struct Member {
    id: i32,
    email: String,
    token: String,
}

async fn member(app: &TestApp, role: &str) -> Member {
    let email = hireloop::auth::model::normalize_email(&app.add_user(role).await);
    let id = user_id(&app.db, &email).await;
    let token = hireloop::auth::model::create_token(&app.db, id, "test")
        .await
        .unwrap()
        .0;
    Member { id, email, token }
}

/// A recruiter with an open position and one candidate on its long-list.
struct Hiring {
    recruiter: Member,
    position: i64,
    application: i64,
}

async fn hiring(app: &TestApp) -> Hiring {
    let recruiter = member(app, "recruiter").await;
    let position = open_position(app, &recruiter.token).await;
    two_questions_per_competency(app, &recruiter.token, position).await;
    let application = on_long_list(
        app,
        &recruiter.token,
        position,
        "Анна Петрова",
        "anna@mail.test",
    )
    .await;
    Hiring {
        recruiter,
        position,
        application,
    }
}

async fn open_position(app: &TestApp, token: &str) -> i64 {
    let (status, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director",
               "headcount": 1, "profile": {"company": "Орбита"}}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let path = format!("/positions/{id}/open");
    let (status, body) = call(app, Method::POST, &path, token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    id
}

/// The default competency kit asks one question per competency; the tests score two of some,
/// so the position's kit takes the first two of each from the bank.
async fn two_questions_per_competency(app: &TestApp, token: &str, position: i64) {
    let (_, bank) = call(app, Method::GET, "/questions?lang=en", token, json!({})).await;
    let mut taken: std::collections::HashMap<String, usize> = Default::default();
    let mut codes = Vec::new();
    for q in bank.as_array().unwrap() {
        let fits = q["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "competency");
        let count = taken
            .entry(q["competency"].as_str().unwrap().to_owned())
            .or_default();
        if fits && *count < 2 {
            *count += 1;
            codes.push(q["code"].clone());
        }
    }
    let path = format!("/positions/{position}/kit");
    let body = json!({"kind": "competency", "competencies": [], "questions": codes});
    let (status, answer) = call(app, Method::PUT, &path, token, body).await;
    assert_eq!(status, 200, "{answer}");
}

/// A person on the position's long-list: the application's id.
async fn on_long_list(app: &TestApp, token: &str, position: i64, name: &str, email: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email, "lang": "en"}),
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

async fn move_to(app: &TestApp, token: &str, application: i64, body: Value) -> (u16, Value) {
    let path = format!("/applications/{application}/move");
    call(app, Method::POST, &path, token, body).await
}

fn tomorrow() -> DateTime<Utc> {
    Utc::now() + Duration::days(1)
}

/// `POST /interviews` for a competency interview at `at`.
async fn schedule_at(
    app: &TestApp,
    token: &str,
    application: i64,
    at: DateTime<Utc>,
    interviewers: &[&Member],
) -> (u16, Value) {
    let ids: Vec<i32> = interviewers.iter().map(|m| m.id).collect();
    call(
        app,
        Method::POST,
        "/interviews",
        token,
        json!({"application_id": application, "kind": "competency",
               "scheduled_at": at.to_rfc3339(), "interviewer_ids": ids}),
    )
    .await
}

/// A competency interview tomorrow, scheduled by the recruiter: its JSON with the kit.
async fn interview_with(app: &TestApp, hiring: &Hiring, interviewers: &[&Member]) -> Value {
    let (status, body) = schedule_at(
        app,
        &hiring.recruiter.token,
        hiring.application,
        tomorrow(),
        interviewers,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

fn id_of(value: &Value) -> i64 {
    value["id"].as_i64().expect("an id")
}

/// The kit's questions of one competency, in kit order.
fn kit_questions<'a>(interview: &'a Value, competency: &str) -> Vec<&'a Value> {
    interview["kit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["competency"] == competency)
        .collect()
}

/// The id of the kit's `n`-th question of `competency`.
fn kit_question(interview: &Value, competency: &str, n: usize) -> i64 {
    id_of(kit_questions(interview, competency)[n])
}

fn scorecard_path(interview: &Value, rest: &str) -> String {
    format!("/interviews/{}/scorecards{rest}", id_of(interview))
}

/// `PUT /interviews/{id}/scorecards/me`.
async fn put_card(app: &TestApp, who: &Member, interview: &Value, card: Value) -> (u16, Value) {
    let path = scorecard_path(interview, "/me");
    call(app, Method::PUT, &path, &who.token, card).await
}

/// `POST /interviews/{id}/scorecards/me/submit`.
async fn submit(app: &TestApp, who: &Member, interview: &Value) -> (u16, Value) {
    let path = scorecard_path(interview, "/me/submit");
    call(app, Method::POST, &path, &who.token, json!({})).await
}

/// Saves `card` as the draft and submits it; both must succeed.
async fn score(app: &TestApp, who: &Member, interview: &Value, card: Value) {
    let (status, body) = put_card(app, who, interview, card).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = submit(app, who, interview).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "submitted");
}

/// A card with only competency ratings and a recommendation.
fn ratings(list: &[(&str, i32)], recommendation: &str) -> Value {
    let ratings: Vec<Value> = list
        .iter()
        .map(|(c, s)| json!({"competency": c, "score": s}))
        .collect();
    json!({"answers": [], "ratings": ratings, "recommendation": recommendation})
}

/// The fields a problem response names.
fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A scorecard as stored, with its answers and ratings.
struct StoredCard {
    card: scorecard::Model,
    answers: Vec<scorecard_answer::Model>,
    ratings: Vec<scorecard_rating::Model>,
}

async fn stored_card(app: &TestApp, interview: &Value, who: &Member) -> Option<StoredCard> {
    let card = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.eq(id_of(interview) as i32))
        .filter(scorecard::Column::InterviewerId.eq(who.id))
        .one(&app.db)
        .await
        .unwrap()?;
    let answers = scorecard_answer::Entity::find()
        .filter(scorecard_answer::Column::ScorecardId.eq(card.id))
        .all(&app.db)
        .await
        .unwrap();
    let ratings = scorecard_rating::Entity::find()
        .filter(scorecard_rating::Column::ScorecardId.eq(card.id))
        .all(&app.db)
        .await
        .unwrap();
    Some(StoredCard {
        card,
        answers,
        ratings,
    })
}

async fn events_of(app: &TestApp, application: i64, kind: &str) -> Vec<application_event::Model> {
    application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(application as i32))
        .filter(application_event::Column::Kind.eq(kind))
        .all(&app.db)
        .await
        .unwrap()
}

async fn question_row(app: &TestApp, id: i64) -> question::Model {
    question::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the question exists")
}

/// A browser of its own, signed in as `who`.
async fn browser(app: &TestApp, who: &Member) -> Client {
    let browser = client();
    let login = browser.get(app.url("/login")).send().await.unwrap();
    let token = csrf_in(&login.text().await.unwrap()).unwrap();
    let response = browser
        .post(app.url("/login"))
        .form(&[
            ("email", who.email.as_str()),
            ("password", PASSWORD),
            ("_csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "signing in {}", who.email);
    browser
}

async fn page(browser: &Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = browser.get(app.url(path)).send().await.unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

/// Text as minijinja escapes it into HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}
