//! The one-month intern programme: enrolment (of an intern or a hire) with a plan on working
//! days, overdue items and the mentor's sign-off, exam attempts under the settings, the
//! weighted defence rubric, the decision at the end, and who may see and do what.

use chrono::{Days, NaiveDate, Utc};
use hireloop::auth::model::{create_token, normalize_email};
use hireloop::entities::{
    audit_entry, defence_grade, exam_attempt, internship, internship_item, outbox_message,
    rotation, user,
};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, hire_through_offer, spawn_app, user_id};

/// A user with their id, normalized email and a Bearer token.
struct Person {
    id: i32,
    email: String,
    token: String,
}

async fn person(app: &TestApp, role: &str) -> Person {
    let email = normalize_email(&app.add_user(role).await);
    let id = user_id(&app.db, &email).await;
    let token = create_token(&app.db, id, "test").await.unwrap().0;
    Person { id, email, token }
}

/// An intern's month: who runs it, the mentor, the intern, and the view enrolment answered with.
struct Month {
    recruiter: String,
    mentor: Person,
    intern: Person,
    id: i64,
    view: Value,
}

async fn enrol(
    app: &TestApp,
    recruiter: &str,
    intern: i32,
    mentor: i32,
    start: &str,
    track: &str,
) -> (u16, Value) {
    call(
        app,
        Method::POST,
        "/internships",
        recruiter,
        json!({"intern_user_id": intern, "mentor_id": mentor, "start_date": start,
               "exam_track": track, "group": "Группа 3"}),
    )
    .await
}

/// A new intern enrolled with `mentor`: the intern and the internship's id.
async fn enrol_with(
    app: &TestApp,
    recruiter: &str,
    mentor: &Person,
    start: &str,
    track: &str,
) -> (Person, i64) {
    let intern = person(app, "intern").await;
    let (status, view) = enrol(app, recruiter, intern.id, mentor.id, start, track).await;
    assert_eq!(status, 201, "{view}");
    (intern, view["id"].as_i64().unwrap())
}

/// A recruiter, a mentor and an intern, enrolled on `start` for the `track` exam.
async fn enrolled(app: &TestApp, start: &str, track: &str) -> Month {
    let recruiter = app.token_for("recruiter").await;
    let mentor = person(app, "mentor").await;
    let intern = person(app, "intern").await;
    let (status, view) = enrol(app, &recruiter, intern.id, mentor.id, start, track).await;
    assert_eq!(status, 201, "{view}");
    Month {
        recruiter,
        mentor,
        intern,
        id: view["id"].as_i64().unwrap(),
        view,
    }
}

async fn show(app: &TestApp, token: &str, id: i64) -> (u16, Value) {
    call(
        app,
        Method::GET,
        &format!("/internships/{id}"),
        token,
        json!({}),
    )
    .await
}

/// Every item of the plan, week by week.
fn plan_items(view: &Value) -> Vec<&Value> {
    view["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["items"].as_array().unwrap())
        .collect()
}

fn item<'a>(view: &'a Value, code: &str) -> &'a Value {
    plan_items(view)
        .into_iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code} in the plan"))
}

fn has_item(view: &Value, code: &str) -> bool {
    plan_items(view).iter().any(|i| i["code"] == code)
}

async fn tick(app: &TestApp, token: &str, id: i64, item_id: i64) -> (u16, Value) {
    call(
        app,
        Method::POST,
        &format!("/internships/{id}/items/{item_id}/done"),
        token,
        json!({}),
    )
    .await
}

async fn attempt(
    app: &TestApp,
    token: &str,
    id: i64,
    taken_on: &str,
    score: i32,
    max_score: i32,
) -> (u16, Value) {
    call(
        app,
        Method::POST,
        &format!("/internships/{id}/exam-attempts"),
        token,
        json!({"exam": "seo", "taken_on": taken_on, "score": score, "max_score": max_score,
               "notes": "graded"}),
    )
    .await
}

async fn put_settings(app: &TestApp, token: &str, max_attempts: Value, cooldown_days: Value) {
    let (status, body) = call(
        app,
        Method::PUT,
        "/internships/settings",
        token,
        json!({"pass_percent": 70, "max_attempts": max_attempts,
               "cooldown_days": cooldown_days, "defence_pass_mark": 3.0}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["max_attempts"], max_attempts);
    assert_eq!(body["cooldown_days"], cooldown_days);
}

async fn attempts_in_db(app: &TestApp, id: i64) -> Vec<(i32, bool)> {
    exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.eq(id as i32))
        .order_by_asc(exam_attempt::Column::Attempt)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.attempt, a.passed))
        .collect()
}

/// The rubric's criteria in the order of `scores`.
const CRITERIA: [&str; 6] = [
    "goals",
    "tasks",
    "budget",
    "communication",
    "risks",
    "presentation",
];

fn scorecard(scores: [i32; 6]) -> Value {
    let grades: Vec<Value> = CRITERIA
        .iter()
        .zip(scores)
        .map(|(criterion, score)| json!({"criterion": criterion, "score": score}))
        .collect();
    json!({"grades": grades, "notes": "clear plan"})
}

async fn grade(app: &TestApp, token: &str, id: i64, body: Value) -> (u16, Value) {
    call(
        app,
        Method::POST,
        &format!("/internships/{id}/defence"),
        token,
        body,
    )
    .await
}

async fn decide(app: &TestApp, token: &str, id: i64, body: Value) -> (u16, Value) {
    call(
        app,
        Method::POST,
        &format!("/internships/{id}/decision"),
        token,
        body,
    )
    .await
}

async fn grade_rows(app: &TestApp, id: i64) -> Vec<defence_grade::Model> {
    defence_grade::Entity::find()
        .filter(defence_grade::Column::InternshipId.eq(id as i32))
        .order_by_asc(defence_grade::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// Queued emails of `kind`: (to, body text).
async fn emails(app: &TestApp, kind: &str) -> Vec<(String, String)> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq(kind))
        .order_by_asc(outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.to_email, m.body_text))
        .collect()
}

async fn user_row(app: &TestApp, id: i32) -> user::Model {
    user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

fn days_from_today(days: i64) -> NaiveDate {
    let today = Utc::now().date_naive();
    if days >= 0 {
        today + Days::new(days as u64)
    } else {
        today - Days::new(days.unsigned_abs())
    }
}

#[tokio::test]
async fn the_plan_falls_on_working_days_around_the_february_and_march_holidays() {
    let app = spawn_app().await;
    // Friday 20 February 2026; Monday 23 February and Monday 9 March are public holidays.
    let m = enrolled(&app, "2026-02-20", "seo").await;
    let view = &m.view;
    assert_eq!(view["status"], "active");
    assert_eq!(view["exam_track"], "seo");
    assert_eq!(view["group"], "Группа 3");
    assert_eq!(view["start_date"], "2026-02-20");
    assert_eq!(view["intern"]["id"], m.intern.id);
    assert_eq!(view["mentor"]["id"], m.mentor.id);

    // `due` working days from the start, counted by hand on the 2026 calendar.
    for (code, due) in [
        ("meet-group", "2026-02-20"),                // 0
        ("accesses-and-instructions", "2026-02-20"), // 0
        ("checklists", "2026-02-24"),                // 1: over the 23 February holiday
        ("account-manager-code", "2026-02-24"),      // 1
        ("exam-prep-seo", "2026-02-25"),             // 2
        ("meet-implementation-head", "2026-02-26"),  // 3
        ("meet-finance", "2026-02-27"),              // 4
        ("cms-content-change", "2026-03-02"),        // 5: over the weekend
        ("check-site-change", "2026-03-05"),         // 8
        ("ppc-keyword-research", "2026-03-10"),      // 10: over the 9 March holiday
        ("ppc-read-stats", "2026-03-13"),            // 13
        ("weekly-client-report", "2026-03-16"),      // 14
        ("exam-prep-review", "2026-03-17"),          // 15
        ("write-work-plan", "2026-03-19"),           // 17
        ("take-exam", "2026-03-20"),                 // 18
        ("defend-work-plan", "2026-03-24"),          // 20
    ] {
        assert_eq!(item(view, code)["due_on"], due, "{code}");
    }

    // The SEO plan has the SEO-only item and not the PPC-only one: 26 − 1 items.
    assert!(has_item(view, "exam-prep-seo"));
    assert!(!has_item(view, "exam-prep-ppc"));
    assert_eq!(plan_items(view).len(), 25);
    let weeks: Vec<(i64, usize)> = view["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["number"].as_i64().unwrap(),
                w["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(weeks, [(1, 10), (2, 4), (3, 7), (4, 4)]);
    assert!(
        view["weeks"].as_array().unwrap().iter().all(|w| w["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["week"] == w["number"] && i["done_at"].is_null())),
        "items sit in their own week and start undone"
    );
    assert_eq!(view["progress"]["total"], 25);
    assert_eq!(view["progress"]["done"], 0);

    // One rotation for each department the plan rotates through, in its week.
    let rotations: Vec<(i64, &str)> = view["rotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["week"].as_i64().unwrap(),
                r["department"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(rotations, [(2, "implementation"), (3, "ppc")]);

    // What landed in the database.
    let row = internship::Entity::find_by_id(m.id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            row.intern_id,
            row.mentor_id,
            row.status.as_str(),
            row.exam_track.as_str()
        ),
        (m.intern.id, m.mentor.id, "active", "seo")
    );
    assert_eq!(
        row.start_date,
        NaiveDate::from_ymd_opt(2026, 2, 20).unwrap()
    );
    let items = internship_item::Entity::find()
        .filter(internship_item::Column::InternshipId.eq(row.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(items.len(), 25);
    let exam = items.iter().find(|i| i.code == "take-exam").unwrap();
    assert_eq!(exam.due_on, NaiveDate::from_ymd_opt(2026, 3, 20).unwrap());
    assert_eq!(
        rotation::Entity::find()
            .filter(rotation::Column::InternshipId.eq(row.id))
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("internship.enrol"))
            .filter(audit_entry::Column::EntityId.eq(row.id.to_string()))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // A PPC intern gets the PPC preparation instead, on the same dates.
    let (_, ppc) = enrol_with(&app, &m.recruiter, &m.mentor, "2026-02-20", "ppc").await;
    let (status, ppc_view) = show(&app, &m.recruiter, ppc).await;
    assert_eq!(status, 200);
    assert!(has_item(&ppc_view, "exam-prep-ppc"));
    assert!(!has_item(&ppc_view, "exam-prep-seo"));
    assert_eq!(item(&ppc_view, "exam-prep-ppc")["due_on"], "2026-02-25");
    assert_eq!(plan_items(&ppc_view).len(), 25);
}

#[tokio::test]
async fn overdue_items_leave_the_list_when_ticked_and_wait_for_the_mentors_sign_off() {
    let app = spawn_app().await;
    // 45 days ago: even the last item (20 working days in) is past, whatever the holidays.
    let start = days_from_today(-45).to_string();
    let m = enrolled(&app, &start, "seo").await;

    let (status, view) = show(&app, &m.mentor.token, m.id).await;
    assert_eq!(status, 200, "{view}");
    let overdue = view["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 25, "every item is past due");
    assert_eq!(view["progress"]["overdue"], 25);
    assert!(overdue.iter().all(|i| i["overdue"] == true));
    assert_eq!(view["at_risk"], true);

    // The intern ticks one: it is done, no longer overdue, and waits for the mentor.
    let ticked = overdue[0]["id"].as_i64().unwrap();
    let (status, done) = tick(&app, &m.intern.token, m.id, ticked).await;
    assert_eq!(status, 200, "{done}");
    assert!(done["done_at"].is_string());
    assert!(done["signed_off_at"].is_null());
    assert_eq!(done["overdue"], false);

    let (_, view) = show(&app, &m.intern.token, m.id).await;
    let overdue: Vec<i64> = view["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(overdue.len(), 24);
    assert!(!overdue.contains(&ticked));
    assert_eq!(view["progress"]["overdue"], 24);
    assert_eq!(view["progress"]["done"], 1);
    assert_eq!(view["progress"]["waiting_sign_off"], 1);

    // Ticking it again changes nothing; the mentor's tick signs it off.
    let (status, again) = tick(&app, &m.intern.token, m.id, ticked).await;
    assert_eq!(status, 200);
    assert_eq!(again["done_at"], done["done_at"]);
    assert!(again["signed_off_at"].is_null());
    let (status, signed) = tick(&app, &m.mentor.token, m.id, ticked).await;
    assert_eq!(status, 200, "{signed}");
    assert!(signed["signed_off_at"].is_string());
    assert_eq!(
        signed["done_at"], done["done_at"],
        "the intern's tick stands"
    );

    let (_, view) = show(&app, &m.mentor.token, m.id).await;
    assert_eq!(view["progress"]["waiting_sign_off"], 0);
    assert_eq!(view["progress"]["done"], 1);
    assert_eq!(view["progress"]["overdue"], 24);
    let row = internship_item::Entity::find_by_id(ticked as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.done_by, Some(m.intern.id));
    assert_eq!(row.signed_off_by, Some(m.mentor.id));
    assert!(row.done_at.is_some() && row.signed_off_at.is_some());
}

#[tokio::test]
async fn an_intern_who_starts_in_the_future_has_nothing_overdue() {
    let app = spawn_app().await;
    let m = enrolled(&app, &days_from_today(10).to_string(), "ppc").await;
    let (status, view) = show(&app, &m.intern.token, m.id).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["overdue"], json!([]));
    assert_eq!(view["progress"]["overdue"], 0);
    assert_eq!(view["progress"]["total"], 25);
    assert_eq!(view["at_risk"], false);
}

#[tokio::test]
async fn attempts_are_numbered_and_refused_past_the_maximum() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    put_settings(&app, &m.recruiter, json!(2), Value::Null).await;

    let (status, first) = attempt(&app, &m.mentor.token, m.id, "2026-11-20", 50, 100).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["attempt"], 1);
    assert_eq!(first["passed"], false);
    assert_eq!(first["percent"], 50);
    assert_eq!(first["pass_percent"], 70);
    assert_eq!(first["attempts_left"], 1);
    assert_eq!(first["exam"], "seo");

    let (status, second) = attempt(&app, &m.mentor.token, m.id, "2026-11-23", 60, 100).await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["attempt"], 2);
    assert_eq!(second["attempts_left"], 0);

    let (status, third) = attempt(&app, &m.mentor.token, m.id, "2026-11-25", 95, 100).await;
    assert_eq!(status, 409, "out of attempts: {third}");
    assert_eq!(third["status"], 409);
    assert_eq!(attempts_in_db(&app, m.id).await, [(1, false), (2, false)]);

    let (_, view) = show(&app, &m.mentor.token, m.id).await;
    assert_eq!(view["exam_attempts"].as_array().unwrap().len(), 2);
    assert_eq!(view["attempts_left"], 0);
    assert!(view["next_attempt"].is_null());
    assert_eq!(view["exam_passed"], false);
    assert_eq!(view["at_risk"], true, "a failed attempt not yet mended");
    let results = emails(&app, "exam_result").await;
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|(to, _)| to == &m.intern.email));
}

#[tokio::test]
async fn without_a_limit_a_sixth_attempt_is_recorded_and_none_after_a_pass() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    for (n, day) in (1..=5).zip([
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-19",
        "2026-11-20",
    ]) {
        let (status, body) = attempt(&app, &m.mentor.token, m.id, day, 40, 100).await;
        assert_eq!(status, 201, "attempt {n}: {body}");
        assert_eq!(body["attempt"], n);
        assert_eq!(body["passed"], false);
        assert!(body["attempts_left"].is_null());
    }
    let (_, view) = show(&app, &m.mentor.token, m.id).await;
    assert_eq!(view["next_attempt"], 6);
    assert!(view["attempts_left"].is_null());

    // The record is four retakes; a fifth is still allowed, and passes.
    let (status, sixth) = attempt(&app, &m.mentor.token, m.id, "2026-11-23", 85, 100).await;
    assert_eq!(status, 201, "{sixth}");
    assert_eq!(sixth["attempt"], 6);
    assert_eq!(sixth["passed"], true);

    let (status, body) = attempt(&app, &m.mentor.token, m.id, "2026-11-24", 90, 100).await;
    assert_eq!(status, 409, "already passed: {body}");
    let recorded = attempts_in_db(&app, m.id).await;
    assert_eq!(recorded.len(), 6);
    assert_eq!(recorded.last(), Some(&(6, true)));

    let (status, listed) = call(
        &app,
        Method::GET,
        &format!("/internships/{}/exam-attempts", m.id),
        &m.intern.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let numbers: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["attempt"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    let (_, view) = show(&app, &m.mentor.token, m.id).await;
    assert_eq!(view["exam_passed"], true);
    assert!(view["next_attempt"].is_null());
}

#[tokio::test]
async fn the_pass_mark_is_inclusive() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let (status, below) = attempt(&app, &m.mentor.token, m.id, "2026-11-20", 69, 100).await;
    assert_eq!(status, 201, "{below}");
    assert_eq!(below["passed"], false);
    let (status, at) = attempt(&app, &m.mentor.token, m.id, "2026-11-23", 70, 100).await;
    assert_eq!(status, 201, "{at}");
    assert_eq!(
        (at["attempt"].as_i64(), at["passed"].as_bool()),
        (Some(2), Some(true))
    );
    assert_eq!(at["percent"], 70);
    assert_eq!(attempts_in_db(&app, m.id).await, [(1, false), (2, true)]);
}

#[tokio::test]
async fn an_intern_sits_the_exam_of_their_own_track_only() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "ppc").await;
    let (status, body) = attempt(&app, &m.mentor.token, m.id, "2026-11-20", 95, 100).await;
    assert_eq!(status, 422, "an SEO attempt for a PPC intern: {body}");
    assert_eq!(body["errors"][0]["field"], "exam");
    assert!(attempts_in_db(&app, m.id).await.is_empty());
}

#[tokio::test]
async fn a_retake_waits_for_the_cool_down() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    put_settings(&app, &m.recruiter, Value::Null, json!(3)).await;
    let (status, _) = attempt(&app, &m.mentor.token, m.id, "2026-11-16", 50, 100).await;
    assert_eq!(status, 201);
    let (status, body) = attempt(&app, &m.mentor.token, m.id, "2026-11-18", 80, 100).await;
    assert_eq!(status, 409, "two days later is too soon: {body}");
    assert_eq!(attempts_in_db(&app, m.id).await, [(1, false)]);
    let (status, body) = attempt(&app, &m.mentor.token, m.id, "2026-11-19", 80, 100).await;
    assert_eq!(status, 201, "three days later: {body}");
    assert_eq!(body["attempt"], 2);
    assert_eq!(attempts_in_db(&app, m.id).await, [(1, false), (2, true)]);
}

#[tokio::test]
async fn a_score_above_the_maximum_is_refused() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let (status, body) = attempt(&app, &m.mentor.token, m.id, "2026-11-16", 101, 100).await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "score"),
        "{body}"
    );
    assert!(attempts_in_db(&app, m.id).await.is_empty());
    assert!(emails(&app, "exam_result").await.is_empty());
}

#[tokio::test]
async fn the_defence_result_weighs_the_panels_means_by_the_rubric() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let panel = person(&app, "hiring_manager").await;

    let (_, view) = show(&app, &m.mentor.token, m.id).await;
    let rubric: Vec<(&str, i64)> = view["defence_rubric"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["criterion"].as_str().unwrap(),
                c["weight"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rubric,
        [
            ("goals", 3),
            ("tasks", 3),
            ("budget", 2),
            ("communication", 2),
            ("risks", 2),
            ("presentation", 1)
        ]
    );
    assert!(view["defence"]["result"].is_null());

    // The mentor alone: (5·3 + 4·3 + 3·2 + 4·2 + 2·2 + 5·1) / 13 = 50 / 13 = 3.846…
    let (status, defence) = grade(&app, &m.mentor.token, m.id, scorecard([5, 4, 3, 4, 2, 5])).await;
    assert_eq!(status, 200, "{defence}");
    assert_eq!(defence["result"].as_f64(), Some(3.85));

    // With the hiring manager's (3, 3, 2, 5, 3, 4), the means are 4, 3.5, 2.5, 4.5, 2.5, 4.5:
    // (12 + 10.5 + 5 + 9 + 5 + 4.5) / 13 = 46 / 13 = 3.538…
    let (status, defence) = grade(&app, &panel.token, m.id, scorecard([3, 3, 2, 5, 3, 4])).await;
    assert_eq!(status, 200, "{defence}");
    assert_eq!(defence["result"].as_f64(), Some(3.54));
    assert_eq!(defence["passed"], true);
    assert_eq!(defence["pass_mark"].as_f64(), Some(3.0));
    assert_eq!(defence["panel"].as_array().unwrap().len(), 2);

    let (_, view) = show(&app, &m.recruiter, m.id).await;
    let means: Vec<Option<f64>> = view["defence_rubric"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mean"].as_f64())
        .collect();
    assert_eq!(
        means,
        [
            Some(4.0),
            Some(3.5),
            Some(2.5),
            Some(4.5),
            Some(2.5),
            Some(4.5)
        ]
    );
    assert_eq!(view["defence"]["result"].as_f64(), Some(3.54));
    assert_eq!(grade_rows(&app, m.id).await.len(), 12);
}

#[tokio::test]
async fn a_defence_scorecard_needs_every_criterion_graded_one_to_five() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;

    // No presentation grade.
    let mut missing = scorecard([4, 4, 4, 4, 4, 4]);
    missing["grades"].as_array_mut().unwrap().pop();
    let (status, body) = grade(&app, &m.mentor.token, m.id, missing).await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["grades.presentation"]);

    let (status, body) = grade(&app, &m.mentor.token, m.id, scorecard([4, 6, 4, 4, 4, 4])).await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["grades.tasks"]);
    assert!(grade_rows(&app, m.id).await.is_empty());
}

#[tokio::test]
async fn a_panel_member_grading_again_replaces_their_grades() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let panel = person(&app, "hiring_manager").await;
    grade(&app, &m.mentor.token, m.id, scorecard([5, 4, 3, 4, 2, 5])).await;
    grade(&app, &panel.token, m.id, scorecard([3, 3, 2, 5, 3, 4])).await;
    assert_eq!(grade_rows(&app, m.id).await.len(), 12);

    // The hiring manager changes their mind: all ones. Means 3, 2.5, 2, 2.5, 1.5, 3:
    // (9 + 7.5 + 4 + 5 + 3 + 3) / 13 = 31.5 / 13 = 2.42, below the pass mark of 3.
    let (status, defence) = grade(&app, &panel.token, m.id, scorecard([1, 1, 1, 1, 1, 1])).await;
    assert_eq!(status, 200, "{defence}");
    assert_eq!(defence["result"].as_f64(), Some(2.42));
    assert_eq!(defence["passed"], false);
    let rows = grade_rows(&app, m.id).await;
    assert_eq!(rows.len(), 12, "six grades per member, none doubled");
    let theirs: Vec<i32> = rows
        .iter()
        .filter(|g| g.grader_id == panel.id)
        .map(|g| g.score)
        .collect();
    assert_eq!(theirs, [1, 1, 1, 1, 1, 1]);
    assert_eq!(
        rows.iter().filter(|g| g.grader_id == m.mentor.id).count(),
        6
    );
}

#[tokio::test]
async fn promotion_needs_a_passed_exam_and_a_passed_defence() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let panel = person(&app, "hiring_manager").await;
    let promote = json!({"outcome": "promote", "reason": "Ready to run clients"});

    let (status, body) = decide(&app, &m.mentor.token, m.id, promote.clone()).await;
    assert_eq!(status, 409, "no exam passed: {body}");

    let (status, _) = attempt(&app, &m.mentor.token, m.id, "2026-11-20", 82, 100).await;
    assert_eq!(status, 201);
    let (status, body) = decide(&app, &m.mentor.token, m.id, promote.clone()).await;
    assert_eq!(status, 409, "no defence: {body}");

    // A defence below the pass mark is not enough either.
    grade(&app, &m.mentor.token, m.id, scorecard([2, 2, 2, 2, 2, 2])).await;
    let (status, body) = decide(&app, &m.mentor.token, m.id, promote.clone()).await;
    assert_eq!(status, 409, "failed defence: {body}");
    let row = internship::Entity::find_by_id(m.id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.status.as_str(), row.outcome), ("active", None));
    assert!(emails(&app, "internship_decision").await.is_empty());

    grade(&app, &m.mentor.token, m.id, scorecard([4, 4, 4, 4, 4, 4])).await;
    grade(&app, &panel.token, m.id, scorecard([4, 5, 4, 4, 3, 4])).await;
    let (status, view) = decide(&app, &m.mentor.token, m.id, promote.clone()).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["status"], "decided");
    assert_eq!(view["decision"]["outcome"], "promote");
    assert_eq!(view["decision"]["reason"], "Ready to run clients");

    let intern = user_row(&app, m.intern.id).await;
    assert_eq!(intern.grade.as_deref(), Some("junior"));
    assert_eq!(intern.department.as_deref(), Some("client_service"));
    let row = internship::Entity::find_by_id(m.id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "decided");
    assert_eq!(row.outcome.as_deref(), Some("promote"));
    assert_eq!(row.decided_by, Some(m.mentor.id));
    let letters = emails(&app, "internship_decision").await;
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].0, m.intern.email);

    let (status, body) = decide(
        &app,
        &m.mentor.token,
        m.id,
        json!({"outcome": "part_ways", "reason": "changed my mind"}),
    )
    .await;
    assert_eq!(status, 409, "decided once: {body}");
    assert_eq!(emails(&app, "internship_decision").await.len(), 1);
    assert_eq!(
        user_row(&app, m.intern.id).await.grade.as_deref(),
        Some("junior")
    );
}

#[tokio::test]
async fn a_transfer_names_a_department_and_parting_ways_a_reason() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let (status, body) = decide(
        &app,
        &m.mentor.token,
        m.id,
        json!({"outcome": "transfer", "reason": "Strong in PPC"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "department");

    let (status, body) = decide(
        &app,
        &m.mentor.token,
        m.id,
        json!({"outcome": "part_ways", "reason": "   "}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "reason");
    let row = internship::Entity::find_by_id(m.id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "active");

    let (status, view) = decide(
        &app,
        &m.mentor.token,
        m.id,
        json!({"outcome": "transfer", "department": "ppc", "reason": "Strong in PPC"}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["decision"]["department"], "ppc");
    let intern = user_row(&app, m.intern.id).await;
    assert_eq!(intern.department.as_deref(), Some("ppc"));
    assert_ne!(intern.grade.as_deref(), Some("junior"));
}

#[tokio::test]
async fn a_mentor_sees_and_works_with_their_own_interns_only() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let other = person(&app, "mentor").await;
    let (_, theirs) = enrol_with(&app, &m.recruiter, &other, "2026-11-02", "ppc").await;

    let (status, _) = show(&app, &other.token, m.id).await;
    assert_eq!(status, 403);
    let first = plan_items(&m.view)[0]["id"].as_i64().unwrap();
    let (status, _) = tick(&app, &other.token, m.id, first).await;
    assert_eq!(status, 403);
    let (status, _) = attempt(&app, &other.token, m.id, "2026-11-20", 90, 100).await;
    assert_eq!(status, 403);
    let (status, _) = grade(&app, &other.token, m.id, scorecard([5, 5, 5, 5, 5, 5])).await;
    assert_eq!(status, 403);

    // Nothing of theirs landed.
    let untouched = internship_item::Entity::find_by_id(first as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(untouched.done_at.is_none());
    assert!(attempts_in_db(&app, m.id).await.is_empty());
    assert!(grade_rows(&app, m.id).await.is_empty());

    // Each mentor's list holds their own intern only.
    for (mentor, id) in [(&m.mentor, m.id), (&other, theirs)] {
        let (status, list) =
            call(&app, Method::GET, "/internships", &mentor.token, json!({})).await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["id"], id);
        assert_eq!(list["items"][0]["mentor"]["id"], mentor.id);
    }
    let (_, all) = call(&app, Method::GET, "/internships", &m.recruiter, json!({})).await;
    assert_eq!(all["total"], 2);
}

#[tokio::test]
async fn an_intern_sees_only_their_own_internship() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let (other, theirs) = enrol_with(&app, &m.recruiter, &m.mentor, "2026-11-02", "seo").await;

    let (status, _) = show(&app, &other.token, m.id).await;
    assert_eq!(status, 403);
    let (status, view) = show(&app, &other.token, theirs).await;
    assert_eq!(status, 200, "{view}");
    assert!(
        view["mentor_notes"].is_null(),
        "the mentor's notes are not the intern's"
    );
    let (status, _) = attempt(&app, &other.token, theirs, "2026-11-20", 90, 100).await;
    assert_eq!(status, 403, "an intern does not grade their own exam");
    let (_, list) = call(&app, Method::GET, "/internships", &other.token, json!({})).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], theirs);
}

#[tokio::test]
async fn an_interviewer_may_not_list_internships() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let interviewer = app.token_for("interviewer").await;
    let (status, _) = call(&app, Method::GET, "/internships", &interviewer, json!({})).await;
    assert_eq!(status, 403);
    let (status, _) = show(&app, &interviewer, m.id).await;
    assert_eq!(status, 403);
}

/// A candidate with an email on an open position, walked to the offer stage: the application.
async fn at_offer(app: &TestApp, token: &str, email: &str) -> i64 {
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
    let (status, candidate) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": email}),
    )
    .await;
    assert_eq!(status, 201, "{candidate}");
    let (status, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": candidate["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    let id = application["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/applications/{id}/move"),
            token,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    id
}

async fn enrol_hire(app: &TestApp, token: &str, application: i64, mentor: i32) -> (u16, Value) {
    call(
        app,
        Method::POST,
        "/internships",
        token,
        json!({"application_id": application, "mentor_id": mentor,
               "start_date": "2026-12-01", "exam_track": "ppc"}),
    )
    .await
}

#[tokio::test]
async fn a_hire_is_enrolled_with_a_new_intern_account_and_welcome_letters() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let mentor = person(&app, "mentor").await;
    let application = at_offer(&app, &recruiter, "Anna.Petrova@Mail.test").await;
    let hired = hire_through_offer(&app, &recruiter, application, &crate::helpers::today()).await;
    assert_eq!(hired["stage"], "hired");
    // The hire's offers page offers the enrolment to whoever enrols interns.
    app.login_as("recruiter").await;
    let offers_page = format!("/applications/{application}/offers");
    let html = app.get(&offers_page).await.text().await.unwrap();
    assert!(html.contains(&format!("/internships/new?application_id={application}")));

    let (status, view) = enrol_hire(&app, &recruiter, application, mentor.id).await;
    assert_eq!(status, 201, "{view}");
    let html = app.get(&offers_page).await.text().await.unwrap();
    assert!(html.contains(&format!("href=\"/internships/{}\"", view["id"])));
    assert_eq!(view["application_id"], application);
    assert_eq!(view["exam_track"], "ppc");
    assert_eq!(view["intern"]["email"], "anna.petrova@mail.test");

    let account = user::Entity::find()
        .filter(user::Column::Email.eq("anna.petrova@mail.test"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an account for the hire");
    assert_eq!(account.role, "intern");
    assert!(account.active);
    assert_eq!(view["intern"]["id"], account.id);
    let row = internship::Entity::find_by_id(view["id"].as_i64().unwrap() as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.intern_id, account.id);
    assert_eq!(row.application_id, Some(application as i32));
    // The month's records are a purpose of their own in the hire's consent ledger.
    let hire = hireloop::entities::application::Entity::find_by_id(application as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let intern_records = hireloop::entities::consent::Entity::find()
        .filter(hireloop::entities::consent::Column::CandidateId.eq(hire.candidate_id))
        .filter(hireloop::entities::consent::Column::Purpose.eq("intern_records"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the intern records basis is in the ledger");
    assert!(intern_records.recorded_by.is_some());

    let welcome = emails(&app, "internship_welcome").await;
    assert_eq!(welcome.len(), 1);
    assert_eq!(welcome[0].0, "anna.petrova@mail.test");
    assert!(welcome[0].1.contains("/welcome/"), "{}", welcome[0].1);
    let assigned = emails(&app, "mentor_assigned").await;
    assert_eq!(assigned.len(), 1);
    assert_eq!(assigned[0].0, mentor.email);

    // The same hire again: the first internship is named, nothing new is made.
    let (status, body) = enrol_hire(&app, &recruiter, application, mentor.id).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["existing_id"], view["id"]);
    assert_eq!(internship::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(emails(&app, "internship_welcome").await.len(), 1);
}

#[tokio::test]
async fn only_a_hire_can_be_enrolled_and_only_with_a_mentor() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let mentor = person(&app, "mentor").await;
    let not_a_mentor = person(&app, "hiring_manager").await;

    // Still at the offer stage: not hired yet.
    let application = at_offer(&app, &recruiter, "boris@mail.test").await;
    let (status, body) = enrol_hire(&app, &recruiter, application, mentor.id).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "application_id");

    let intern = person(&app, "intern").await;
    let (status, body) = enrol(
        &app,
        &recruiter,
        intern.id,
        not_a_mentor.id,
        "2026-12-01",
        "seo",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "mentor_id");

    assert_eq!(internship::Entity::find().count(&app.db).await.unwrap(), 0);
    assert!(
        user::Entity::find()
            .filter(user::Column::Email.eq("boris@mail.test"))
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    assert!(emails(&app, "internship_welcome").await.is_empty());
}

#[tokio::test]
async fn scheduling_the_exam_emails_the_intern_and_the_mentor() {
    let app = spawn_app().await;
    let m = enrolled(&app, "2026-11-02", "seo").await;
    let (status, view) = call(
        &app,
        Method::PUT,
        &format!("/internships/{}/exam-date", m.id),
        &m.mentor.token,
        json!({"exam_on": "2026-11-27"}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["exam_on"], "2026-11-27");
    let row = internship::Entity::find_by_id(m.id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.exam_on, NaiveDate::from_ymd_opt(2026, 11, 27));

    let mut to: Vec<String> = emails(&app, "exam_scheduled")
        .await
        .into_iter()
        .map(|(to, body)| {
            assert!(body.contains("27 ноября 2026"), "{body}");
            to
        })
        .collect();
    to.sort();
    let mut expected = vec![m.intern.email.clone(), m.mentor.email.clone()];
    expected.sort();
    assert_eq!(to, expected);
}
