//! Field-level visibility: salary expectations, offers, scorecards and references reach only the
//! roles that need them. An interviewer interviews the person but sees neither the money nor
//! the referees — not in the application, its timeline, the interview, or the pages.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app, user_id};

const EXPECTED_SALARY: i64 = 187_345;
const REFEREE_COMPANY: &str = "Вектор-Референс";

struct Case {
    application: i64,
    candidate: i64,
    interview: i64,
    offer_salary: String,
    interviewer: String,
    interviewer_email: String,
}

async fn member(app: &TestApp, role: &str) -> (String, String, i32) {
    let email = hireloop::auth::model::normalize_email(&app.add_user(role).await);
    let id = user_id(&app.db, &email).await;
    let token = hireloop::auth::model::create_token(&app.db, id, "test")
        .await
        .unwrap()
        .0;
    (token, email, id)
}

async fn ok(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Value {
    let (status, answer) = call(app, method, path, token, body).await;
    assert!((200..300).contains(&status), "{path}: {status} {answer}");
    answer
}

/// A person with a salary expectation and a referee, interviewed by a fresh interviewer, with
/// an offer drafted.
async fn case(app: &TestApp, recruiter: &str) -> Case {
    let (interviewer, interviewer_email, interviewer_id) = member(app, "interviewer").await;
    let position = ok(
        app,
        Method::POST,
        "/positions",
        recruiter,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    ok(
        app,
        Method::POST,
        &format!("/positions/{position}/open"),
        recruiter,
        json!({}),
    )
    .await;
    let person = ok(
        app,
        Method::POST,
        "/candidates",
        recruiter,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test",
               "expected_salary": EXPECTED_SALARY, "currency": "RUB"}),
    )
    .await;
    let candidate = person["id"].as_i64().unwrap();
    ok(
        app,
        Method::PATCH,
        &format!("/candidates/{candidate}"),
        recruiter,
        json!({"reference_consent": true}),
    )
    .await;
    let application = ok(
        app,
        Method::POST,
        "/applications",
        recruiter,
        json!({"candidate_id": candidate, "position_id": position, "source": "referral"}),
    )
    .await;
    let application = application["id"].as_i64().unwrap();
    ok(
        app,
        Method::POST,
        &format!("/applications/{application}/references"),
        recruiter,
        json!({"name": "Олег Смирнов", "company": REFEREE_COMPANY, "relation": "руководитель",
               "email": "oleg@vector.test"}),
    )
    .await;
    let at = (Utc::now() + Duration::days(1)).to_rfc3339();
    let interview = ok(
        app,
        Method::POST,
        "/interviews",
        recruiter,
        json!({"application_id": application, "kind": "competency", "scheduled_at": at,
               "interviewer_ids": [interviewer_id]}),
    )
    .await;
    let interview = interview["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        ok(
            app,
            Method::POST,
            &format!("/applications/{application}/move"),
            recruiter,
            json!({"to": to, "override_coverage": true, "reason": "проверка"}),
        )
        .await;
    }
    let grades = ok(app, Method::GET, "/grades", recruiter, json!({})).await;
    let min = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()["salary_min"]
        .as_i64()
        .unwrap();
    let salary = min + 1_234;
    let start = (Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    ok(
        app,
        Method::POST,
        &format!("/applications/{application}/offers"),
        recruiter,
        json!({"salary": salary, "start_date": start}),
    )
    .await;
    Case {
        application,
        candidate,
        interview,
        offer_salary: salary.to_string(),
        interviewer,
        interviewer_email,
    }
}

fn hides_money_and_referees(case: &Case, text: &str, what: &str) {
    assert!(
        !text.contains(&EXPECTED_SALARY.to_string()),
        "{what} shows the expectation"
    );
    assert!(
        !text.contains("187 345") && !text.contains("187\u{a0}345"),
        "{what}"
    );
    assert!(!text.contains(&case.offer_salary), "{what} shows the offer");
    assert!(!text.contains(REFEREE_COMPANY), "{what} shows the referee");
}

#[tokio::test]
async fn an_interviewer_sees_the_person_but_neither_salaries_offers_nor_references() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let case = case(&app, &recruiter).await;
    let me = &case.interviewer;

    let application = ok(
        &app,
        Method::GET,
        &format!("/applications/{}", case.application),
        me,
        json!({}),
    )
    .await;
    assert_eq!(application["full_name"], "Анна Петрова");
    hides_money_and_referees(&case, &application.to_string(), "the application");
    let interview = ok(
        &app,
        Method::GET,
        &format!("/interviews/{}", case.interview),
        me,
        json!({}),
    )
    .await;
    hides_money_and_referees(&case, &interview.to_string(), "the interview");
    // The card of the person they interview (issue 20): read, but without money or referees.
    let person = ok(
        &app,
        Method::GET,
        &format!("/candidates/{}", case.candidate),
        me,
        json!({}),
    )
    .await;
    hides_money_and_referees(&case, &person.to_string(), "the candidate");

    for path in [
        format!("/applications/{}/offers", case.application),
        format!("/applications/{}/references", case.application),
        format!("/applications/{}/brief", case.application),
        format!("/interviews/{}/scorecards", case.interview),
    ] {
        let (status, body) = call(&app, Method::GET, &path, me, json!({})).await;
        assert!(matches!(status, 403 | 404), "{path}: {status} {body}");
        hides_money_and_referees(&case, &body.to_string(), &path);
    }

    // The same in the browser.
    let browser = crate::helpers::client();
    let login = browser.get(app.url("/login")).send().await.unwrap();
    let csrf = crate::helpers::csrf_in(&login.text().await.unwrap()).unwrap();
    let signed = browser
        .post(app.url("/login"))
        .form(&[
            ("email", case.interviewer_email.as_str()),
            ("password", crate::helpers::PASSWORD),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    for path in [
        format!("/interviews/{}", case.interview),
        format!("/interviews/{}/print", case.interview),
        format!("/candidates/{}", case.candidate),
        "/".to_owned(),
    ] {
        let page = browser.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        hides_money_and_referees(&case, &page.text().await.unwrap(), &path);
    }
    for path in [
        format!("/applications/{}/offers", case.application),
        format!("/applications/{}/references", case.application),
        format!("/applications/{}/profile", case.application),
    ] {
        let page = browser.get(app.url(&path)).send().await.unwrap();
        assert!(
            matches!(page.status().as_u16(), 403 | 404),
            "{path}: {}",
            page.status()
        );
        hides_money_and_referees(&case, &page.text().await.unwrap(), &path);
    }
}

#[tokio::test]
async fn the_hiring_team_sees_what_it_decides_on_and_a_mentor_sees_none_of_it() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let case = case(&app, &recruiter).await;
    let (manager, _, _) = member(&app, "hiring_manager").await;

    let person = ok(
        &app,
        Method::GET,
        &format!("/candidates/{}", case.candidate),
        &manager,
        json!({}),
    )
    .await;
    assert_eq!(person["expected_salary"], EXPECTED_SALARY);
    let offers = ok(
        &app,
        Method::GET,
        &format!("/applications/{}/offers", case.application),
        &manager,
        json!({}),
    )
    .await;
    assert!(offers.to_string().contains(&case.offer_salary), "{offers}");
    let references = ok(
        &app,
        Method::GET,
        &format!("/applications/{}/references", case.application),
        &manager,
        json!({}),
    )
    .await;
    assert!(
        references.to_string().contains(REFEREE_COMPANY),
        "{references}"
    );
    let application = ok(
        &app,
        Method::GET,
        &format!("/applications/{}", case.application),
        &manager,
        json!({}),
    )
    .await;
    let kinds: Vec<&str> = application["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"offer") && kinds.contains(&"reference"),
        "{kinds:?}"
    );

    let (mentor, _, _) = member(&app, "mentor").await;
    for path in [
        format!("/candidates/{}", case.candidate),
        format!("/applications/{}", case.application),
        format!("/applications/{}/offers", case.application),
        format!("/applications/{}/references", case.application),
        format!("/interviews/{}", case.interview),
    ] {
        let (status, body) = call(&app, Method::GET, &path, &mentor, json!({})).await;
        // Refused, or not even told that the interview exists.
        assert!(matches!(status, 403 | 404), "{path}: {status} {body}");
    }
}
