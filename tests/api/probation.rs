//! Probation after the start: the plan a started hire gets (due days on working days), the
//! results and KPIs recorded over the API and the page, overdue milestones among the
//! follow-ups, who may record, and the predictive report counting passed probations.

use chrono::{Datelike, Months, NaiveDate, Utc};
use hireloop::domain::calendar::ProductionCalendar;
use hireloop::entities::{application, interview, position, scorecard, scorecard_rating};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, hire_through_offer, open_position, spawn_app, today};

async fn candidate_on(app: &TestApp, token: &str, position: i64, name: &str) -> i64 {
    let email = format!("{}@mail.test", name.to_lowercase().replace(' ', "."));
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
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap()
}

/// A hire through the real flow: the offer accepted for today, then started on `started_on`
/// (today or earlier). The application's id.
async fn started_hire(app: &TestApp, token: &str, name: &str, started_on: NaiveDate) -> i64 {
    let position = open_position(app, token, "Аккаунт-менеджер").await;
    let id = candidate_on(app, token, position, name).await;
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/applications/{id}/move"),
            token,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{to}: {body}");
    }
    hire_through_offer(app, token, id, &today()).await;
    let (status, body) = call(
        app,
        Method::POST,
        &format!("/applications/{id}/start"),
        token,
        json!({"started_on": started_on}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    id
}

/// A bearer token for the user with `email`.
async fn token_of(app: &TestApp, email: &str) -> String {
    let id = crate::helpers::user_id(&app.db, email).await;
    hireloop::auth::model::create_token(&app.db, id, "test")
        .await
        .unwrap()
        .0
}

/// The dashboard as the user with `email` sees it, in a browser of their own.
async fn dashboard_of(app: &TestApp, email: &str) -> String {
    let browser = crate::helpers::client();
    let login = browser.get(app.url("/login")).send().await.unwrap();
    let csrf = crate::helpers::csrf_in(&login.text().await.unwrap()).unwrap();
    let signed = browser
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", crate::helpers::PASSWORD),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    browser
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn agency_today() -> NaiveDate {
    today().parse().unwrap()
}

/// `months` after `start`, then on to the first working day — worked out here day by day.
fn working_day_after_months(start: NaiveDate, months: u32) -> NaiveDate {
    let mut day = start.checked_add_months(Months::new(months)).unwrap();
    while !ProductionCalendar::russian().is_working_day(day) {
        day = day.succ_opt().unwrap();
    }
    day
}

fn milestone<'a>(plan: &'a Value, code: &str) -> &'a Value {
    plan["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {plan}"))
}

async fn probation(app: &TestApp, token: &str, id: i64) -> (u16, Value) {
    call(
        app,
        Method::GET,
        &format!("/applications/{id}/probation"),
        token,
        json!({}),
    )
    .await
}

async fn record(app: &TestApp, token: &str, id: i64, body: Value) -> (u16, Value) {
    call(
        app,
        Method::PUT,
        &format!("/applications/{id}/probation"),
        token,
        body,
    )
    .await
}

#[tokio::test]
async fn a_started_hire_gets_milestones_due_on_working_days() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let start = agency_today();
    let id = started_hire(&app, &token, "Вера Кузнецова", start).await;

    let (status, plan) = probation(&app, &token, id).await;
    assert_eq!(status, 200, "{plan}");
    let codes: Vec<&str> = plan["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["first_week", "two_month_check", "probation_result"]);
    let two_months = milestone(&plan, "two_month_check");
    assert_eq!(
        two_months["due_on"],
        working_day_after_months(start, 2).to_string()
    );
    assert_eq!(two_months["done_at"], Value::Null);
    assert_eq!(two_months["result"], Value::Null);
    // The offer's three months of probation.
    assert_eq!(
        milestone(&plan, "probation_result")["due_on"],
        working_day_after_months(start, 3).to_string()
    );
    let first_week: NaiveDate = milestone(&plan, "first_week")["due_on"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let calendar = ProductionCalendar::russian();
    assert!(calendar.is_working_day(first_week));
    assert_eq!(
        calendar.working_days_between(start, first_week + chrono::Days::new(1)),
        5,
        "the first week ends on its fifth working day"
    );
    assert_eq!(plan["kpis"], json!([]));

    // The plan was written once, at the start: reading again makes no second one.
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let rows = hireloop::entities::probation_milestone::Entity::find()
        .filter(hireloop::entities::probation_milestone::Column::ApplicationId.eq(id as i32))
        .count(&app.db)
        .await
        .unwrap();
    probation(&app, &token, id).await;
    assert_eq!(rows, 3);
}

#[tokio::test]
async fn an_application_that_has_not_started_has_no_probation() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, "Аккаунт-менеджер").await;
    let id = candidate_on(&app, &token, position, "Олег Новиков").await;
    let (status, body) = probation(&app, &token, id).await;
    assert_eq!(status, 409, "{body}");
    let manager = app.token_for("hiring_manager").await;
    let (status, _) = record(&app, &manager, id, json!({"kpis": []})).await;
    assert_eq!(status, 409);
    let (status, _) = probation(&app, &token, 999_999).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_hiring_manager_records_the_result_and_kpis_and_an_interviewer_may_not() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = started_hire(&app, &token, "Ирина Белова", agency_today()).await;
    let manager = app.token_for("hiring_manager").await;

    let interviewer = app.token_for("interviewer").await;
    let decision = json!({"milestones": [{"code": "probation_result", "result": "passed"}]});
    let (status, _) = record(&app, &interviewer, id, decision.clone()).await;
    assert_eq!(status, 403, "an interviewer may not record the result");
    let (status, _) = record(&app, &token, id, decision.clone()).await;
    assert_eq!(status, 403, "nor may the recruiter decide it");

    let (status, plan) = record(
        &app,
        &manager,
        id,
        json!({
            "milestones": [
                {"code": "two_month_check", "result": "independent", "note": "Ведёт пять клиентов"},
                {"code": "probation_result", "result": "passed"}
            ],
            "kpis": [{"month": 1, "churn_percent": 0, "nps": 40, "client_lifetime_months": 14,
                      "receivables_percent": 95}]
        }),
    )
    .await;
    assert_eq!(status, 200, "{plan}");
    let (status, read) = probation(&app, &token, id).await;
    assert_eq!(status, 200);
    let result = milestone(&read, "probation_result");
    assert_eq!(result["result"], "passed");
    assert!(result["done_at"].is_string(), "{result}");
    assert_eq!(
        milestone(&read, "two_month_check")["note"],
        "Ведёт пять клиентов"
    );
    assert_eq!(
        read["kpis"],
        json!([{"month": 1, "churn_percent": 0, "nps": 40, "client_lifetime_months": 14,
                "receivables_percent": 95}])
    );

    // A month recorded again replaces its figures.
    let (status, plan) = record(
        &app,
        &manager,
        id,
        json!({"kpis": [{"month": 1, "nps": 10}]}),
    )
    .await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(plan["kpis"][0]["nps"], 10);
    assert_eq!(plan["kpis"][0]["churn_percent"], Value::Null);
}

#[tokio::test]
async fn an_extension_moves_the_end_to_a_working_day_and_leaves_the_decision_open() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let start = agency_today();
    let id = started_hire(&app, &token, "Пётр Орлов", start).await;
    let ceo = app.token_for("ceo").await;
    let wanted = start.checked_add_months(Months::new(5)).unwrap();
    let (status, plan) = record(
        &app,
        &ceo,
        id,
        json!({"milestones": [{"code": "probation_result", "result": "extended",
                               "extended_to": wanted}]}),
    )
    .await;
    assert_eq!(status, 200, "{plan}");
    let result = milestone(&plan, "probation_result");
    assert_eq!(result["result"], "extended");
    assert_eq!(result["done_at"], Value::Null);
    assert_eq!(
        result["due_on"],
        working_day_after_months(start, 5).to_string()
    );
    assert_eq!(
        plan["kpi_months"],
        5 + u32::from(working_day_after_months(start, 5) > wanted)
    );
}

#[tokio::test]
async fn bad_probation_input_is_422_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let start = agency_today();
    let id = started_hire(&app, &token, "Анна Лебедева", start).await;
    let manager = app.token_for("hiring_manager").await;
    for (body, field) in [
        (
            json!({"milestones": [{"code": "probation_result", "result": "maybe"}]}),
            "milestones[0].result",
        ),
        (
            json!({"milestones": [{"code": "third_week", "result": "done"}]}),
            "milestones[0].code",
        ),
        (
            json!({"milestones": [{"code": "probation_result", "result": "extended"}]}),
            "milestones[0].extended_to",
        ),
        (
            json!({"milestones": [{"code": "probation_result", "result": "extended",
                                   "extended_to": start.checked_add_months(Months::new(7)).unwrap()}]}),
            "milestones[0].extended_to",
        ),
        (
            json!({"milestones": [{"code": "probation_result", "result": "extended",
                                   "extended_to": start}]}),
            "milestones[0].extended_to",
        ),
        (json!({"kpis": [{"month": 0, "nps": 10}]}), "kpis[0].month"),
        (json!({"kpis": [{"month": 9, "nps": 10}]}), "kpis[0].month"),
        (json!({"kpis": [{"month": 1, "nps": 140}]}), "kpis[0].nps"),
        (
            json!({"kpis": [{"month": 1, "churn_percent": -3}]}),
            "kpis[0].churn_percent",
        ),
        (json!({"kpis": [{"month": "first"}]}), "kpis[0].month"),
    ] {
        let (status, problem) = record(&app, &manager, id, body.clone()).await;
        assert_eq!(status, 422, "{body} → {problem}");
        assert!(
            problem["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == field),
            "{body} → {problem}"
        );
    }
    // One bad field refuses the whole request: the good KPI beside it is not kept either.
    let (status, _) = record(
        &app,
        &manager,
        id,
        json!({"milestones": [{"code": "two_month_check", "result": "independent"}],
               "kpis": [{"month": 1, "nps": 500}]}),
    )
    .await;
    assert_eq!(status, 422);
    let (_, plan) = probation(&app, &token, id).await;
    assert_eq!(plan["kpis"], json!([]));
    assert_eq!(milestone(&plan, "two_month_check")["result"], Value::Null);
}

#[tokio::test]
async fn an_overdue_milestone_appears_in_the_follow_ups_of_the_recruiter_and_the_manager() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;
    let token = token_of(&app, &email).await;
    // Started ten weeks ago: the first week and the two-month check are past their day.
    let start = agency_today() - chrono::Days::new(70);
    let id = started_hire(&app, &token, "Максим Соколов", start).await;
    let manager_email = app.add_user("hiring_manager").await;
    let manager_id = crate::helpers::user_id(&app.db, &manager_email).await;
    let hire = application::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut owned: position::ActiveModel = position::Entity::find_by_id(hire.position_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    owned.hiring_manager_id = Set(Some(manager_id));
    owned.update(&app.db).await.unwrap();

    let (_, plan) = probation(&app, &token, id).await;
    assert_eq!(milestone(&plan, "two_month_check")["overdue"], true);
    assert_eq!(milestone(&plan, "probation_result")["overdue"], false);

    let page = dashboard_of(&app, &email).await;
    let section = page
        .split("id=\"probation-follow-ups\"")
        .nth(1)
        .expect("the dashboard lists overdue probation milestones");
    assert!(section.contains("Максим Соколов"), "{section}");
    assert!(section.contains(&format!("/applications/{id}/probation")));

    // The hiring manager of the position sees it too; another manager does not.
    let page = dashboard_of(&app, &manager_email).await;
    assert!(page.contains("id=\"probation-follow-ups\""));
    assert!(page.contains("Максим Соколов"));
    let stranger = app.add_user("hiring_manager").await;
    let page = dashboard_of(&app, &stranger).await;
    assert!(!page.contains("id=\"probation-follow-ups\""));

    // Recorded, the check leaves the follow-ups.
    let manager = token_of(&app, &manager_email).await;
    let (status, _) = record(
        &app,
        &manager,
        id,
        json!({"milestones": [{"code": "two_month_check", "result": "independent"},
                              {"code": "first_week", "result": "done"}]}),
    )
    .await;
    assert_eq!(status, 200);
    let page = dashboard_of(&app, &manager_email).await;
    assert!(
        !page.contains("id=\"probation-follow-ups\""),
        "nothing is owed any more"
    );
}

#[tokio::test]
async fn the_page_records_a_decision_and_shows_a_bad_month_again_with_its_error() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = started_hire(&app, &token, "Ольга Морозова", agency_today()).await;
    app.login_as("hiring_manager").await;
    let path = format!("/applications/{id}/probation");
    let page = app.get(&path).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("name=\"extended_to\""));

    let saved = app
        .post_form(
            &path,
            &[
                ("part", "milestone"),
                ("code", "probation_result"),
                ("result", "not_passed"),
                ("note", "Не удержал клиентов"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let (_, plan) = probation(&app, &token, id).await;
    assert_eq!(milestone(&plan, "probation_result")["result"], "not_passed");

    let refused = app
        .post_form(
            &path,
            &[
                ("part", "kpis"),
                ("month", "1"),
                ("nps", "300"),
                ("churn_percent", "7"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("value=\"300\"") && html.contains("value=\"7\""));
    assert!(html.contains("class=\"error\" id=\"e-nps\""), "{html}");
}

/// Five experienced hires scored 1..5 in communication at interview; the two lowest do not pass
/// probation and the three highest do: r = 3 / √12 ≈ 0.87 (sxy = 3, sxx = 10, syy = 1.2).
#[tokio::test]
async fn the_predictive_report_pairs_interview_scores_with_passed_probations() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let manager = app.token_for("hiring_manager").await;
    let interviewer = crate::helpers::user_id(&app.db, &app.add_user("interviewer").await).await;
    let position = open_position(&app, &token, "Аккаунт-менеджер").await;
    let now = Utc::now();
    let started_on = agency_today();
    for n in 0..5 {
        let id = candidate_on(&app, &token, position, &format!("Hire{n}")).await;
        let meeting = interview::ActiveModel {
            application_id: Set(id as i32),
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
            score: Set(n + 1),
        }
        .insert(&app.db)
        .await
        .unwrap();
        // Started before plans were made at the start: the plan comes on the first read.
        let mut hire: application::ActiveModel = application::Entity::find_by_id(id as i32)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        hire.stage = Set("started".into());
        hire.started_on = Set(Some(started_on));
        hire.update(&app.db).await.unwrap();
        let result = if n < 2 { "not_passed" } else { "passed" };
        let (status, body) = record(
            &app,
            &manager,
            id,
            json!({"milestones": [{"code": "probation_result", "result": result}]}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, report) = call(&app, Method::GET, "/reports/predictive", &token, json!({})).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["people_probation"], 5);
    assert_eq!(report["people"], 0, "no interns among them");
    let communication = report["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "communication")
        .unwrap();
    assert_eq!(communication["people_probation"], 5);
    assert_eq!(communication["probation"], 0.87);
    assert_eq!(communication["people_exam"], 0);

    // A period that ends before they started leaves them out.
    let before = started_on - chrono::Days::new(40);
    let path = format!(
        "/reports/predictive?from={}-01-01&to={before}",
        before.year()
    );
    let (_, earlier) = call(&app, Method::GET, &path, &token, json!({})).await;
    assert_eq!(earlier["people_probation"], 0, "{earlier}");
}
