//! An interviewer reads the candidate card and the CV of the applications they interview for —
//! read-only, without salaries, references or correspondence — and is told "not found" about
//! everyone else, on pages and in the API alike.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, call, client, open_position, spawn_app, user_id};

/// A made-up salary that appears nowhere else on a page, written both ways a page may show it.
const SALARY: i64 = 287_500;
const SALARY_SHOWN: &str = "287\u{a0}500";
const CV: &[u8] = b"%PDF-1.4\n% Anna's CV for the interviewer\n%%EOF\n";

struct Setup {
    recruiter: String,
    interviewer_email: String,
    interviewer_token: String,
    /// Anna: interviewed by the interviewer on the first position, also on a second one.
    candidate: i64,
    interviewed: i64,
    other_application: i64,
    interview: i64,
    /// Boris: on the same position, with a CV, but nobody asked the interviewer about him.
    stranger: i64,
}

async fn person(app: &TestApp, token: &str, name: &str, email: &str, position: i64) -> (i64, i64) {
    let (status, created) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email, "expected_salary": SALARY, "currency": "RUB"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": id, "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    let uploaded = app
        .api(Method::POST, &format!("/candidates/{id}/cv"), token)
        .multipart(Form::new().part("file", Part::bytes(CV.to_vec()).file_name("anna-cv.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    (id, application["id"].as_i64().unwrap())
}

async fn setup(app: &TestApp) -> Setup {
    let recruiter = app.token_for("recruiter").await;
    let position = open_position(app, &recruiter, "Аккаунт-менеджер").await;
    let second = open_position(app, &recruiter, "Директор по работе с клиентами").await;
    let (candidate, interviewed) =
        person(app, &recruiter, "Анна Петрова", "anna@mail.test", position).await;
    let (status, other) = call(
        app,
        Method::POST,
        "/applications",
        &recruiter,
        json!({"candidate_id": candidate, "position_id": second, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{other}");
    let (stranger, _) = person(app, &recruiter, "Борис Орлов", "boris@mail.test", position).await;

    let interviewer_email = app.add_user("interviewer").await;
    let interviewer_id = user_id(&app.db, &interviewer_email).await;
    let interviewer_token = hireloop::auth::model::create_token(&app.db, interviewer_id, "test")
        .await
        .unwrap()
        .0;
    let at = chrono::Utc::now() + chrono::Duration::days(1);
    let (status, interview) = call(
        app,
        Method::POST,
        "/interviews",
        &recruiter,
        json!({"application_id": interviewed, "kind": "competency",
               "scheduled_at": at.to_rfc3339(), "interviewer_ids": [interviewer_id]}),
    )
    .await;
    assert_eq!(status, 201, "{interview}");
    Setup {
        recruiter,
        interviewer_email,
        interviewer_token,
        candidate,
        interviewed,
        other_application: other["id"].as_i64().unwrap(),
        interview: interview["id"].as_i64().unwrap(),
        stranger,
    }
}

/// A browser signed in as `email`.
async fn browser(app: &TestApp, email: &str) -> reqwest::Client {
    let browser = client();
    let login = browser.get(app.url("/login")).send().await.unwrap();
    let csrf = crate::helpers::csrf_in(&login.text().await.unwrap()).unwrap();
    let signed = browser
        .post(app.url("/login"))
        .form(&[("email", email), ("password", PASSWORD), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    browser
}

async fn page(browser: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = browser.get(app.url(path)).send().await.unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

#[tokio::test]
async fn an_interviewer_reads_the_card_of_the_candidate_they_interview_without_salary_or_edits() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let card = format!("/candidates/{}", s.candidate);

    // The same card as the hiring team sees it carries the salary, the edit form, the
    // references and the email section: what the interviewer's card must leave out is there.
    app.login_as("recruiter").await;
    let team = app.get(&card).await.text().await.unwrap();
    assert!(team.contains(SALARY_SHOWN), "the team sees the salary");
    assert!(team.contains(&format!("/applications/{}/references", s.interviewed)));
    assert!(team.contains("id=\"emails\""));

    let interviewer = browser(&app, &s.interviewer_email).await;
    let (status, html) = page(&interviewer, &app, &card).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Анна Петрова"));
    assert!(html.contains("anna@mail.test"), "contacts are on the card");
    assert!(
        html.contains(&format!("href=\"/candidates/{}/cv\"", s.candidate)),
        "the CV is a link away"
    );
    assert!(
        html.contains("Аккаунт-менеджер"),
        "the application interviewed for"
    );
    assert!(
        !html.contains("Директор по работе с клиентами"),
        "not the person's other applications"
    );
    assert!(
        !html.contains(SALARY_SHOWN) && !html.contains("287500"),
        "no salary"
    );
    for edit in [
        format!("action=\"/candidates/{}\"", s.candidate),
        format!("/candidates/{}/erase", s.candidate),
        format!("/candidates/{}/flags", s.candidate),
        format!("/applications/{}/move", s.interviewed),
        format!("/applications/{}/comments", s.interviewed),
        "name=\"full_name\"".to_owned(),
        "enctype=\"multipart/form-data\"".to_owned(),
    ] {
        assert!(!html.contains(&edit), "no edit control: {edit}");
    }
    assert!(
        !html.contains(&format!("/applications/{}/references", s.interviewed)),
        "no references"
    );
    assert!(!html.contains("id=\"emails\""), "no correspondence");
    let (status, edit) = page(&interviewer, &app, &format!("{card}?edit=1")).await;
    assert_eq!(status, 200);
    assert!(
        !edit.contains("name=\"full_name\""),
        "no edit form on demand either"
    );
    assert!(
        html.contains(&format!("/interviews/{}", s.interview)),
        "their interview is linked"
    );

    // The interview page leads to the card.
    let (status, interview) =
        page(&interviewer, &app, &format!("/interviews/{}", s.interview)).await;
    assert_eq!(status, 200);
    assert!(interview.contains(&format!("href=\"/candidates/{}\"", s.candidate)));
}

#[tokio::test]
async fn an_interviewer_downloads_the_cv_they_must_read_before_the_interview() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let interviewer = browser(&app, &s.interviewer_email).await;

    let response = interviewer
        .get(app.url(&format!("/candidates/{}/cv", s.candidate)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().as_ref(), CV);

    let response = app
        .api(
            Method::GET,
            &format!("/candidates/{}/cv", s.candidate),
            &s.interviewer_token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().as_ref(), CV);
}

#[tokio::test]
async fn the_api_gives_an_interviewer_the_candidate_with_only_their_application_and_no_salary() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let path = format!("/candidates/{}", s.candidate);

    let (status, team) = call(&app, Method::GET, &path, &s.recruiter, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(team["expected_salary"], SALARY);
    assert_eq!(team["applications"].as_array().unwrap().len(), 2);

    let (status, body) = call(&app, Method::GET, &path, &s.interviewer_token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["full_name"], "Анна Петрова");
    assert_eq!(body["has_cv"], true);
    assert!(body.get("expected_salary").is_none(), "{body}");
    let ids: Vec<i64> = body["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![s.interviewed]);
    assert!(!ids.contains(&s.other_application));
}

#[tokio::test]
async fn an_interviewer_is_told_not_found_about_people_they_do_not_interview() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let interviewer = browser(&app, &s.interviewer_email).await;

    for path in [
        format!("/candidates/{}", s.stranger),
        format!("/candidates/{}/cv", s.stranger),
        "/candidates/999999".to_owned(),
    ] {
        let (status, _) = page(&interviewer, &app, &path).await;
        assert_eq!(status, 404, "page {path}");
        let (status, body): (u16, Value) =
            call(&app, Method::GET, &path, &s.interviewer_token, json!({})).await;
        assert_eq!(status, 404, "API {path}: {body}");
    }
    // Still no list of everyone, and no edits on the one they interview.
    let (status, _) = page(&interviewer, &app, "/candidates").await;
    assert_eq!(status, 403);
    let (status, _) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{}", s.candidate),
        &s.interviewer_token,
        json!({"notes": "edited"}),
    )
    .await;
    assert_eq!(status, 403);
}
