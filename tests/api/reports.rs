//! Reports against a fixture whose figures were worked out by hand: the funnel, sources, time to
//! fill, offers, interviewer calibration, intern outcomes and which questions predict; CSV that
//! reads back to the same numbers as the JSON; XLSX; the date filter; who may read them.

mod cache;
mod scale;

use chrono::{NaiveDate, TimeZone, Utc};
use hireloop::entities::{
    application, exam_attempt, internship, interview, position, scorecard, scorecard_rating,
};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, hire_through_offer, spawn_app, today, user_id};

async fn report(app: &TestApp, token: &str, path: &str) -> Value {
    let (status, body) = call(app, Method::GET, path, token, json!({})).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn new_application(
    app: &TestApp,
    token: &str,
    position: i64,
    name: &str,
    source: &str,
) -> i64 {
    let email = format!("{}@mail.test", name.to_lowercase());
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, created) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": source}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap()
}

async fn go(app: &TestApp, token: &str, id: i64, action: &str, body: Value) {
    let (status, answer) = call(
        app,
        Method::POST,
        &format!("/applications/{id}/{action}"),
        token,
        body,
    )
    .await;
    assert_eq!(status, 200, "{action}: {answer}");
}

/// Five people on one position:
/// - Anna (referral) is hired through the offer flow;
/// - Boris (referral) is rejected from the short-list for a skills gap;
/// - Vera (job board) withdraws from the long-list for another offer;
/// - Gleb (job board) is at references;
/// - Dina (job board) stays on the long-list.
struct Fixture {
    position: i64,
    applications: Vec<i64>,
}

async fn fixture(app: &TestApp, token: &str) -> Fixture {
    let (_, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = created["id"].as_i64().unwrap();
    call(
        app,
        Method::POST,
        &format!("/positions/{position}/open"),
        token,
        json!({}),
    )
    .await;
    let anna = new_application(app, token, position, "Anna", "referral").await;
    let boris = new_application(app, token, position, "Boris", "referral").await;
    let vera = new_application(app, token, position, "Vera", "job_board").await;
    let gleb = new_application(app, token, position, "Gleb", "job_board").await;
    let dina = new_application(app, token, position, "Dina", "job_board").await;
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        go(app, token, anna, "move", json!({"to": to})).await;
    }
    hire_through_offer(app, token, anna, &today()).await;
    go(app, token, boris, "move", json!({"to": "short_list"})).await;
    go(
        app,
        token,
        boris,
        "reject",
        json!({"reason": "skills_gap", "notify": false}),
    )
    .await;
    go(
        app,
        token,
        vera,
        "withdraw",
        json!({"reason": "other_offer", "notify": false}),
    )
    .await;
    go(app, token, gleb, "move", json!({"to": "short_list"})).await;
    go(app, token, gleb, "move", json!({"to": "references"})).await;
    Fixture {
        position,
        applications: vec![anna, boris, vera, gleb, dina],
    }
}

fn stage<'a>(funnel: &'a Value, code: &str) -> &'a Value {
    funnel["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == code)
        .unwrap()
}

#[tokio::test]
async fn the_funnel_and_sources_match_the_hand_count() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let f = fixture(&app, &token).await;

    let funnel = report(&app, &token, "/reports/funnel").await;
    assert_eq!(funnel["applications"], 5);
    let reached: Vec<i64> = [
        "long_list",
        "short_list",
        "references",
        "ceo_interview",
        "offer",
        "hired",
        "started",
    ]
    .iter()
    .map(|s| stage(&funnel, s)["reached"].as_i64().unwrap())
    .collect();
    assert_eq!(reached, [5, 3, 2, 1, 1, 1, 0]);
    assert_eq!(stage(&funnel, "long_list")["conversion"], 60.0);
    assert_eq!(stage(&funnel, "short_list")["conversion"], 66.7);
    assert_eq!(stage(&funnel, "references")["conversion"], 50.0);
    assert_eq!(stage(&funnel, "hired")["conversion"], 0.0);
    assert_eq!(stage(&funnel, "long_list")["withdrawn"], 1);
    assert_eq!(stage(&funnel, "short_list")["rejected"], 1);
    let reasons: Vec<(String, String, i64)> = funnel["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["outcome"].as_str().unwrap().to_owned(),
                r["reason"].as_str().unwrap().to_owned(),
                r["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(reasons.len(), 2);
    assert!(reasons.contains(&("rejected".into(), "skills_gap".into(), 1)));
    assert!(reasons.contains(&("withdrawn".into(), "other_offer".into(), 1)));

    let sources = report(&app, &token, "/reports/sources").await;
    assert_eq!(
        sources["sources"],
        json!([
            {"source": "referral", "candidates": 2, "short_listed": 2, "hired": 1, "hire_rate": 50.0},
            {"source": "job_board", "candidates": 3, "short_listed": 1, "hired": 0, "hire_rate": 0.0}
        ])
    );

    // Dina applied long ago: a range that starts this year leaves her out.
    let dina = f.applications[4] as i32;
    let mut old: application::ActiveModel = application::Entity::find_by_id(dina)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    old.created_at = Set(Utc.with_ymd_and_hms(2025, 6, 1, 10, 0, 0).unwrap());
    old.update(&app.db).await.unwrap();
    let recent = report(&app, &token, "/reports/funnel?from=2026-01-01").await;
    assert_eq!(stage(&recent, "long_list")["reached"], 4);
    let last_year = report(
        &app,
        &token,
        "/reports/funnel?from=2025-01-01&to=2025-12-31",
    )
    .await;
    assert_eq!(last_year["applications"], 1);
    let other = report(
        &app,
        &token,
        &format!("/reports/funnel?position_id={}", f.position + 1000),
    )
    .await;
    assert_eq!(other["applications"], 0);
}

/// A competency interview booked for `at`.
fn scheduled_interview(application_id: i32, at: chrono::DateTime<Utc>) -> interview::ActiveModel {
    interview::ActiveModel {
        application_id: Set(application_id),
        kind: Set("competency".into()),
        scheduled_at: Set(at),
        duration_minutes: Set(60),
        place: Set("Офис".into()),
        status: Set("scheduled".into()),
        created_by: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
}

/// A scorecard handed in at `at`, as an interviewer's form would leave it.
fn submitted_scorecard(
    interview_id: i32,
    interviewer_id: i32,
    recommendation: &str,
    at: chrono::DateTime<Utc>,
) -> scorecard::ActiveModel {
    scorecard::ActiveModel {
        interview_id: Set(interview_id),
        interviewer_id: Set(interviewer_id),
        status: Set("submitted".into()),
        recommendation: Set(Some(recommendation.into())),
        strengths: Set(String::new()),
        concerns: Set(String::new()),
        notes: Set(String::new()),
        submitted_at: Set(Some(at)),
        reminder_sent_at: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
}

#[tokio::test]
async fn csv_reads_back_to_the_json_and_xlsx_is_a_workbook() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    fixture(&app, &token).await;
    let json_report = report(&app, &token, "/reports/sources").await;

    let response = app
        .api(Method::GET, "/reports/sources", &token)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("sources-all-all.csv")
    );
    let bytes = response.bytes().await.unwrap();
    let text = std::str::from_utf8(&bytes)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_owned();
    // The test user reads Russian: Russian Excel splits cells on `;`.
    assert!(text.lines().next().unwrap().contains(';'), "{text}");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), json_report["sources"].as_array().unwrap().len());
    for (row, source) in rows.iter().zip(json_report["sources"].as_array().unwrap()) {
        assert_eq!(row[1], source["candidates"].to_string());
        assert_eq!(row[2], source["short_listed"].to_string());
        assert_eq!(row[3], source["hired"].to_string());
        assert_eq!(
            row[4].replace(',', ".").parse::<f64>().unwrap(),
            source["hire_rate"].as_f64().unwrap()
        );
    }

    let workbook = app
        .api(Method::GET, "/reports/funnel?format=xlsx", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(workbook.status(), 200);
    assert_eq!(
        workbook.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(&workbook.bytes().await.unwrap()[..2], b"PK");
}

#[tokio::test]
async fn time_to_fill_counts_working_days_against_the_target() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let f = fixture(&app, &token).await;
    let mut filled: position::ActiveModel = position::Entity::find_by_id(f.position as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    filled.opened_on = Set(Some(day(3, 2)));
    filled.filled_on = Set(Some(day(3, 31)));
    filled.target_date = Set(Some(day(3, 20)));
    filled.status = Set("filled".into());
    filled.update(&app.db).await.unwrap();

    let ttf = report(
        &app,
        &token,
        "/reports/time-to-fill?from=2026-03-01&to=2026-03-31",
    )
    .await;
    let row = &ttf["filled"][0];
    assert_eq!(row["calendar_days"], 29);
    // 2 March to 31 March 2026: 21 weekdays, less 9 March (the 8 March holiday moved).
    assert_eq!(row["working_days"], 20);
    assert_eq!(row["days_past_target"], 11);
    assert_eq!(ttf["on_target"], 0);
    assert_eq!(ttf["with_target"], 1);
    assert_eq!(ttf["mean_working_days"], 20.0);
    let later = report(&app, &token, "/reports/time-to-fill?from=2026-04-01").await;
    assert_eq!(later["filled"], json!([]));
    // The moves were all made today, so no stay in a stage ended in March.
    let stays: i64 = ttf["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stays"].as_i64().unwrap())
        .sum();
    assert_eq!(stays, 0, "no stay ended in March");
    let now = report(&app, &token, "/reports/time-to-fill").await;
    let long_list = now["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == "long_list")
        .unwrap();
    assert_eq!(
        long_list["stays"], 4,
        "Anna, Boris, Vera and Gleb left the long-list"
    );
}

#[tokio::test]
async fn offers_report_the_acceptance_rate_and_the_place_in_the_band() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    fixture(&app, &token).await;
    let offers = report(&app, &token, "/reports/offers").await;
    assert_eq!(offers["offered"], 1);
    assert_eq!(offers["accepted"], 1);
    assert_eq!(offers["acceptance_rate"], 100.0);
    assert_eq!(offers["mean_revisions_per_hire"], 1.0);
    let hire = &offers["hires"][0];
    assert_eq!(hire["candidate"], "Anna");
    assert_eq!(
        hire["band_position"], 0.0,
        "the offer is at the bottom of the band"
    );
    assert_eq!(hire["salary"], hire["band_min"]);
}

/// Three interviewers score one candidate on five competencies: the first gives 5s, the others
/// 3s. Against the panel, the first is 2.0 softer; each of the others is 1.0 harsher (3 against
/// the mean of 5 and 3).
#[tokio::test]
async fn calibration_finds_the_soft_interviewer() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let f = fixture(&app, &token).await;
    let now = Utc::now();
    let meeting = scheduled_interview(f.applications[3] as i32, now)
        .insert(&app.db)
        .await
        .unwrap();
    let competencies = [
        "client_service",
        "communication",
        "product",
        "tools",
        "finance_paperwork",
    ];
    let mut ids = Vec::new();
    for (score, recommendation) in [(5, "strong_yes"), (3, "no"), (3, "yes")] {
        let email = app.add_user("interviewer").await;
        let interviewer = user_id(&app.db, &email).await;
        ids.push(interviewer);
        let card = submitted_scorecard(meeting.id, interviewer, recommendation, now)
            .insert(&app.db)
            .await
            .unwrap();
        for competency in competencies {
            scorecard_rating::ActiveModel {
                scorecard_id: Set(card.id),
                competency: Set(competency.into()),
                score: Set(score),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
    }
    let calibration = report(&app, &token, "/reports/calibration").await;
    let rows = calibration["interviewers"].as_array().unwrap();
    let soft = rows.iter().find(|r| r["interviewer_id"] == ids[0]).unwrap();
    assert_eq!(soft["mean"], 5.0);
    assert_eq!(soft["panel_mean"], 3.0);
    assert_eq!(soft["difference"], 2.0);
    assert_eq!(soft["compared"], 5);
    assert_eq!(soft["verdict"], "softer");
    assert_eq!(soft["positive"], 100.0);
    assert_eq!(soft["panel_positive"], 50.0);
    let harsh = rows.iter().find(|r| r["interviewer_id"] == ids[1]).unwrap();
    assert_eq!(harsh["difference"], -1.0);
    assert_eq!(harsh["verdict"], "harsher");
    assert_eq!(rows[0]["interviewer_id"], ids[0], "the softest comes first");
}

/// Five hires who did the internship: their communication scores at interview are 1..5 and
/// their first exam attempts 50, 40, 70, 60, 80 per cent — a correlation of 0.8 worked out by
/// hand (sxy = 80, sxx = 10, syy = 1000).
#[tokio::test]
async fn the_predictive_report_correlates_interview_scores_with_the_exam() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let mentor = user_id(&app.db, &app.add_user("mentor").await).await;
    let interviewer = user_id(&app.db, &app.add_user("interviewer").await).await;
    let (_, created) = call(
        &app,
        Method::POST,
        "/positions",
        &token,
        json!({"title": "Стажёр", "grade": "intern", "reports_to": "Account Director"}),
    )
    .await;
    let position = created["id"].as_i64().unwrap();
    let now = Utc::now();
    for (n, percent) in [50, 40, 70, 60, 80].into_iter().enumerate() {
        let application =
            new_application(&app, &token, position, &format!("Intern{n}"), "referral").await;
        let meeting = interview::ActiveModel {
            application_id: Set(application as i32),
            kind: Set("competency".into()),
            scheduled_at: Set(now),
            duration_minutes: Set(60),
            place: Set(String::new()),
            status: Set("scheduled".into()),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let card = scorecard::ActiveModel {
            interview_id: Set(meeting.id),
            interviewer_id: Set(interviewer),
            status: Set("submitted".into()),
            recommendation: Set(Some("yes".into())),
            strengths: Set(String::new()),
            concerns: Set(String::new()),
            notes: Set(String::new()),
            submitted_at: Set(Some(now)),
            reminder_sent_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        scorecard_rating::ActiveModel {
            scorecard_id: Set(card.id),
            competency: Set("communication".into()),
            score: Set(n as i32 + 1),
        }
        .insert(&app.db)
        .await
        .unwrap();
        let intern = user_id(&app.db, &app.add_user("intern").await).await;
        let month = internship::ActiveModel {
            intern_id: Set(intern),
            mentor_id: Set(mentor),
            application_id: Set(Some(application as i32)),
            group_name: Set(String::new()),
            start_date: Set(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
            exam_track: Set("seo".into()),
            exam_on: Set(None),
            project_plan: Set(String::new()),
            project_plan_at: Set(None),
            mentor_notes: Set(String::new()),
            status: Set("active".into()),
            outcome: Set(None),
            outcome_department: Set(None),
            outcome_reason: Set(None),
            decided_at: Set(None),
            decided_by: Set(None),
            created_by: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        exam_attempt::ActiveModel {
            internship_id: Set(month.id),
            exam: Set("seo".into()),
            attempt: Set(1),
            taken_on: Set(NaiveDate::from_ymd_opt(2026, 3, 27).unwrap()),
            score: Set(percent),
            max_score: Set(100),
            pass_percent: Set(70),
            passed: Set(percent >= 70),
            notes: Set(String::new()),
            graded_by: Set(Some(mentor)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let predictive = report(&app, &token, "/reports/predictive").await;
    assert_eq!(predictive["people"], 5);
    let communication = predictive["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "communication")
        .unwrap();
    assert_eq!(communication["people_exam"], 5);
    assert_eq!(communication["exam"], 0.8);
    assert_eq!(communication["people_defence"], 0, "nobody defended yet");
    assert_eq!(communication["defence"], Value::Null);

    let outcomes = report(
        &app,
        &token,
        "/reports/internships?from=2026-03-01&to=2026-03-31",
    )
    .await;
    assert_eq!(outcomes["internships"], 5);
    let seo = &outcomes["exams"][0];
    assert_eq!(
        (
            seo["exam"].as_str(),
            seo["interns"].as_i64(),
            seo["passed"].as_i64()
        ),
        (Some("seo"), Some(5), Some(2))
    );
    assert_eq!(seo["pass_rate"], 40.0);
    assert_eq!(seo["passed_first_time"], 2);
}

#[tokio::test]
async fn reports_are_for_those_who_see_reports_and_bad_dates_are_422() {
    let app = spawn_app().await;
    let interviewer = app.token_for("interviewer").await;
    let (status, _) = call(
        &app,
        Method::GET,
        "/reports/funnel",
        &interviewer,
        json!({}),
    )
    .await;
    assert_eq!(status, 403);
    let mentor = app.token_for("mentor").await;
    let (status, _) = call(&app, Method::GET, "/reports/offers", &mentor, json!({})).await;
    assert_eq!(status, 403);
    let ceo = app.token_for("ceo").await;
    let (status, body) = call(
        &app,
        Method::GET,
        "/reports/funnel?from=2026-02-30",
        &ceo,
        json!({}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "from");
    let (status, body) = call(
        &app,
        Method::GET,
        "/reports/sources?from=2026-05-01&to=2026-04-01",
        &ceo,
        json!({}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "to");
    let (status, _) = call(
        &app,
        Method::GET,
        "/reports/time-to-fill?format=pdf",
        &ceo,
        json!({}),
    )
    .await;
    assert_eq!(status, 422);

    // The page shows the form again with the error beside the field.
    app.login_as("hiring_manager").await;
    let page = app.get("/reports/funnel?from=yesterday").await;
    assert_eq!(page.status(), 422);
    assert!(page.text().await.unwrap().contains("id=\"e-from\""));
    let page = app.get("/reports/calibration").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg class=\"report-chart\""));
    let download = app.get("/reports/funnel?format=csv").await;
    assert_eq!(download.status(), 200);
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
}

#[tokio::test]
async fn each_role_sees_its_own_figures_on_the_dashboard() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    fixture(&app, &token).await;
    app.login_as("recruiter").await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(
        html.contains("<strong>1</strong><span>открытые вакансии</span>"),
        "{html}"
    );
    assert!(html.contains("<strong>100%</strong><span>доля принятых офферов (за год)</span>"));

    let ceo = crate::helpers::client();
    let email = app.add_user("ceo").await;
    let signed_in = ceo
        .post(app.url("/login"))
        .form(&[
            ("email", email.as_str()),
            ("password", crate::helpers::PASSWORD),
            ("_csrf", &csrf_of(&app, &ceo).await),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    let html = ceo
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<strong>0</strong><span>офферы ждут вашего решения</span>"));
    assert!(
        !html.contains("открытые вакансии"),
        "the CEO's figures are the CEO's"
    );
}

async fn csrf_of(app: &TestApp, client: &reqwest::Client) -> String {
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    crate::helpers::csrf_in(&page).unwrap()
}
