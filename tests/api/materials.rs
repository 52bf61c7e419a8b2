//! Intern programme materials (links and files on plan and template items, seen by the intern on
//! their plan), the exam's retake record under the default settings, and the reference cases
//! beside the agency's own figures in the time-to-fill report.

use hireloop::auth::model::{create_token, normalize_email};
use hireloop::entities::item_material;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, call, spawn_app, user_id};

struct Person {
    email: String,
    id: i32,
    token: String,
}

async fn person(app: &TestApp, role: &str) -> Person {
    let email = normalize_email(&app.add_user(role).await);
    let id = user_id(&app.db, &email).await;
    let token = create_token(&app.db, id, "test").await.unwrap().0;
    Person { email, id, token }
}

/// A mentor and an intern enrolled on the `track` exam; the internship's id.
async fn enrolled(app: &TestApp, mentor: &Person, track: &str) -> (Person, i64) {
    let recruiter = app.token_for("recruiter").await;
    let intern = person(app, "intern").await;
    let (status, view) = call(
        app,
        Method::POST,
        "/internships",
        &recruiter,
        json!({"intern_user_id": intern.id, "mentor_id": mentor.id,
               "start_date": "2026-11-02", "exam_track": track}),
    )
    .await;
    assert_eq!(status, 201, "{view}");
    (intern, view["id"].as_i64().unwrap())
}

async fn plan(app: &TestApp, token: &str, id: i64) -> Value {
    let (status, view) = call(
        app,
        Method::GET,
        &format!("/internships/{id}"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    view
}

fn item<'a>(view: &'a Value, code: &str) -> &'a Value {
    view["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["items"].as_array().unwrap())
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

fn all_materials(view: &Value) -> Vec<Value> {
    view["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["items"].as_array().unwrap())
        .flat_map(|i| i["materials"].as_array().unwrap().clone())
        .collect()
}

async fn signed_in(app: &TestApp, email: &str) {
    let response = app.login(email, PASSWORD).await;
    assert_eq!(response.status(), 303);
}

#[tokio::test]
async fn a_link_added_to_a_plan_item_shows_on_the_interns_plan_page_and_api() {
    let app = spawn_app().await;
    let mentor = person(&app, "mentor").await;
    let (intern, id) = enrolled(&app, &mentor, "seo").await;
    let view = plan(&app, &mentor.token, id).await;
    let meet = item(&view, "meet-group")["id"].as_i64().unwrap();
    let defence = item(&view, "write-work-plan")["id"].as_i64().unwrap();

    // Through the API…
    let (status, added) = call(
        &app,
        Method::POST,
        &format!("/internships/{id}/items/{meet}/materials"),
        &mentor.token,
        json!({"title": "Оргструктура агентства", "url": "https://wiki.agency.test/org"}),
    )
    .await;
    assert_eq!(status, 201, "{added}");
    assert_eq!(added["url"], "https://wiki.agency.test/org");
    // …and through the page's form.
    signed_in(&app, &mentor.email).await;
    let posted = app
        .post_form(
            &format!("/internships/{id}/items/{defence}/materials"),
            &[
                ("title", "Пример плана работ"),
                ("url", "http://wiki.agency.test/plan-example"),
            ],
        )
        .await;
    assert_eq!(posted.status(), 303);

    let seen = plan(&app, &intern.token, id).await;
    let on_meet = item(&seen, "meet-group")["materials"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(on_meet.len(), 1);
    assert_eq!(on_meet[0]["title"], "Оргструктура агентства");
    let on_defence = &item(&seen, "write-work-plan")["materials"][0];
    assert_eq!(on_defence["url"], "http://wiki.agency.test/plan-example");

    let page = crate::helpers::client();
    let login = page.get(app.url("/login")).send().await.unwrap();
    let csrf = crate::helpers::csrf_in(&login.text().await.unwrap()).unwrap();
    let signed = page
        .post(app.url("/login"))
        .form(&[
            ("email", intern.email.as_str()),
            ("password", PASSWORD),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    let html = page
        .get(app.url(&format!("/internships/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Оргструктура агентства"));
    assert!(
        html.contains("https:&#x2f;&#x2f;wiki.agency.test&#x2f;org"),
        "the link is on the page"
    );
    assert!(html.contains("Пример плана работ"));
    // The intern reads; only the mentor's side has the forms.
    assert!(!html.contains(&format!("/internships/{id}/items/{meet}/materials\"")));
}

#[tokio::test]
async fn a_link_that_is_not_a_web_address_is_refused_with_the_form_kept() {
    let app = spawn_app().await;
    let mentor = person(&app, "mentor").await;
    let (_, id) = enrolled(&app, &mentor, "ppc").await;
    let view = plan(&app, &mentor.token, id).await;
    let meet = item(&view, "meet-group")["id"].as_i64().unwrap();

    signed_in(&app, &mentor.email).await;
    let refused = app
        .post_form(
            &format!("/internships/{id}/items/{meet}/materials"),
            &[("title", "Ωматериал-71"), ("url", "javascript:alert(72)")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Ωматериал-71"), "the title comes back");
    assert!(
        html.contains("javascript:alert(72)"),
        "the address comes back"
    );
    assert!(
        html.contains("http:&#x2f;&#x2f; или https:&#x2f;&#x2f;"),
        "the reason beside it"
    );

    let (status, problem) = call(
        &app,
        Method::POST,
        &format!("/internships/{id}/items/{meet}/materials"),
        &mentor.token,
        json!({"title": "FTP", "url": "ftp://files.agency.test/a.pdf"}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem.to_string().contains("url"), "{problem}");
    let stored = item_material::Entity::find()
        .filter(item_material::Column::InternshipItemId.eq(meet as i32))
        .all(&app.db)
        .await
        .unwrap();
    assert!(stored.is_empty(), "nothing was attached");
}

#[tokio::test]
async fn the_ppc_intern_sees_ppc_preparation_and_not_seo() {
    let app = spawn_app().await;
    let mentor = person(&app, "mentor").await;
    let (ppc_intern, ppc) = enrolled(&app, &mentor, "ppc").await;
    let (seo_intern, seo) = enrolled(&app, &mentor, "seo").await;

    let ppc_view = plan(&app, &ppc_intern.token, ppc).await;
    let ppc_materials = all_materials(&ppc_view);
    let titles: Vec<&str> = ppc_materials
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Курс подготовки к экзамену по контекстной рекламе"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Пробный билет экзамена по контекстной рекламе"),
        "{titles:?}"
    );
    assert!(
        ppc_materials.iter().all(|m| m["track"] != "seo"),
        "{titles:?}"
    );
    assert!(titles.iter().all(|t| !t.contains("SEO")), "{titles:?}");
    // The practice paper sits on an item both tracks share: only the track's own is copied.
    let review = item(&ppc_view, "exam-prep-review")["materials"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(review.len(), 1);
    assert_eq!(review[0]["track"], "ppc");
    // A seeded placeholder says where the document lives and has no made-up address.
    assert!(review[0]["url"].is_null());
    assert!(!review[0]["note"].as_str().unwrap().is_empty());

    let seo_view = plan(&app, &seo_intern.token, seo).await;
    let seo_titles: Vec<String> = all_materials(&seo_view)
        .iter()
        .map(|m| m["title"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        seo_titles.contains(&"Курс подготовки к экзамену по SEO".to_owned()),
        "{seo_titles:?}"
    );
    assert!(
        seo_titles.iter().all(|t| !t.contains("контекстной")),
        "{seo_titles:?}"
    );

    // And so on the intern's page.
    signed_in(&app, &ppc_intern.email).await;
    let html = app
        .get(&format!("/internships/{ppc}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Курс подготовки к экзамену по контекстной рекламе"));
    assert!(!html.contains("Курс подготовки к экзамену по SEO"));
    assert!(!html.contains("Пробный билет экзамена по SEO"));
}

#[tokio::test]
async fn a_template_material_reaches_new_plans_and_removing_one_asks_first() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let (_, items) = call(
        &app,
        Method::GET,
        "/internships/programme",
        &admin,
        json!({}),
    )
    .await;
    let take_exam = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "take-exam")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let mentor = person(&app, "mentor").await;
    let (_, earlier) = enrolled(&app, &mentor, "seo").await;

    let (status, added) = call(
        &app,
        Method::POST,
        &format!("/internships/programme/{take_exam}/materials"),
        &admin,
        json!({"title": "Правила экзамена", "url": "https://wiki.agency.test/exam-rules"}),
    )
    .await;
    assert_eq!(status, 201, "{added}");
    let (intern, later) = enrolled(&app, &mentor, "ppc").await;
    let later_view = plan(&app, &intern.token, later).await;
    let copied = item(&later_view, "take-exam")["materials"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0]["title"], "Правила экзамена");
    let earlier_view = plan(&app, &mentor.token, earlier).await;
    assert_eq!(
        item(&earlier_view, "take-exam")["materials"],
        json!([]),
        "earlier plans keep theirs"
    );

    // The mentor removes the plan's copy: the first press only asks.
    let copy = copied[0]["id"].as_i64().unwrap();
    signed_in(&app, &mentor.email).await;
    let asked = app
        .post_form(&format!("/internships/materials/{copy}/remove"), &[])
        .await;
    assert_eq!(asked.status(), 200);
    let text = asked.text().await.unwrap();
    assert!(text.contains("Правила экзамена"));
    assert!(text.contains("confirmed"));
    let still = plan(&app, &intern.token, later).await;
    assert_eq!(
        item(&still, "take-exam")["materials"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let done = app
        .post_form(
            &format!("/internships/materials/{copy}/remove"),
            &[("confirmed", "1")],
        )
        .await;
    assert_eq!(done.status(), 303);
    let gone = plan(&app, &intern.token, later).await;
    assert_eq!(item(&gone, "take-exam")["materials"], json!([]));
    let row = item_material::Entity::find_by_id(copy as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.removed_at.is_some());
    // The intern may not remove what the mentor gave them.
    let other = added["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/internships/materials/{other}"),
        &intern.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_uploaded_file_is_downloaded_by_the_intern_as_an_attachment() {
    let app = spawn_app().await;
    let mentor = person(&app, "mentor").await;
    let (intern, id) = enrolled(&app, &mentor, "seo").await;
    let view = plan(&app, &mentor.token, id).await;
    let prep = item(&view, "exam-prep-seo")["id"].as_i64().unwrap();
    let path = format!("/internships/{id}/items/{prep}/materials/file");

    let not_a_document = Form::new().text("title", "Шпаргалка").part(
        "file",
        Part::bytes(b"MZ\x90\x00 an exe".to_vec()).file_name("cheat.pdf"),
    );
    let refused = app
        .api(Method::POST, &path, &mentor.token)
        .multipart(not_a_document)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 415);

    let pdf = b"%PDF-1.4\n% SEO checklist\n%%EOF\n".to_vec();
    let form = Form::new()
        .text("title", "Чек-лист технического аудита")
        .part(
            "file",
            Part::bytes(pdf.clone()).file_name("Чек-лист аудита.pdf"),
        );
    let uploaded = app
        .api(Method::POST, &path, &mentor.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    let added: Value = uploaded.json().await.unwrap();
    assert_eq!(added["file"]["content_type"], "application/pdf");

    let seen = plan(&app, &intern.token, id).await;
    let material = item(&seen, "exam-prep-seo")["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["title"] == "Чек-лист технического аудита")
        .cloned()
        .expect("the intern sees the file");
    let url = material["file_url"].as_str().unwrap().to_owned();
    let download = app
        .api(Method::GET, &url, &intern.token)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);

    // Someone else's intern may not read it.
    let stranger = person(&app, "intern").await;
    let refused = app
        .api(Method::GET, &url, &stranger.token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn with_the_default_settings_four_failures_are_followed_by_a_pass_on_the_fifth_attempt() {
    let app = spawn_app().await;
    let mentor = person(&app, "mentor").await;
    let (intern, id) = enrolled(&app, &mentor, "seo").await;
    // Nobody has touched the settings: the defaults neither cap attempts nor space them out.
    let (_, settings) = call(
        &app,
        Method::GET,
        "/internships/settings",
        &mentor.token,
        json!({}),
    )
    .await;
    assert!(settings["max_attempts"].is_null(), "{settings}");
    assert!(settings["cooldown_days"].is_null(), "{settings}");

    // The seeds' record: four retakes, so four failures and the fifth sitting passes.
    for (n, day) in (1..=4).zip(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"]) {
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("/internships/{id}/exam-attempts"),
            &mentor.token,
            json!({"exam": "seo", "taken_on": day, "score": 55, "max_score": 100}),
        )
        .await;
        assert_eq!(status, 201, "attempt {n}: {body}");
        assert_eq!(body["attempt"], n);
        assert_eq!(body["passed"], false);
    }
    let view = plan(&app, &intern.token, id).await;
    assert_eq!(view["next_attempt"], 5);
    let (status, fifth) = call(
        &app,
        Method::POST,
        &format!("/internships/{id}/exam-attempts"),
        &mentor.token,
        json!({"exam": "seo", "taken_on": "2026-11-27", "score": 78, "max_score": 100}),
    )
    .await;
    assert_eq!(status, 201, "{fifth}");
    assert_eq!(fifth["attempt"], 5);
    assert_eq!(fifth["passed"], true);
    let view = plan(&app, &intern.token, id).await;
    assert_eq!(view["exam_passed"], true);
    assert_eq!(view["exam_attempts"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn the_reference_cases_stand_beside_the_agencys_figures_in_the_time_to_fill_report() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, report) = call(
        &app,
        Method::GET,
        "/reports/time-to-fill",
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let cases = report["reference_cases"].as_array().unwrap();
    assert_eq!(cases.len(), 7);
    for case in cases {
        let given = case["given_days"].as_i64().unwrap();
        match case["counted_in"].as_str().unwrap() {
            // No dates in the source: the other count is not given, never estimated.
            "calendar" => {
                assert_eq!(case["calendar_days"], given);
                assert!(case["working_days"].is_null(), "{case}");
            }
            "working" => {
                assert_eq!(case["working_days"], given);
                assert!(case["calendar_days"].is_null(), "{case}");
            }
            other => panic!("counted in {other}"),
        }
        assert!(!case["source"].as_str().unwrap().is_empty());
    }
    let range = &report["reference_range"];
    assert_eq!(
        (
            range["calendar_min"].clone(),
            range["calendar_max"].clone(),
            range["calendar_cases"].clone()
        ),
        (json!(24), json!(68), json!(4))
    );
    assert_eq!(
        (
            range["working_min"].clone(),
            range["working_max"].clone(),
            range["working_cases"].clone()
        ),
        (json!(31), json!(32), json!(3))
    );

    let csv = app
        .api(Method::GET, "/reports/time-to-fill?format=csv", &token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let account_director = csv
        .lines()
        .find(|l| l.contains("Account Director"))
        .expect("the case is in the CSV");
    assert!(account_director.contains("68"), "{account_director}");
    assert!(
        account_director.contains("не указано"),
        "{account_director}"
    );

    app.login_as("recruiter").await;
    let html = app.get("/reports/time-to-fill").await.text().await.unwrap();
    assert!(html.contains("Senior PR account manager (музыкальная индустрия)"));
    assert!(html.contains("не указано"));
    assert!(html.contains("24–68"), "the summary gives the spread");
}
