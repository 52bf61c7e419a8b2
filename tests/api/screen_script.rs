//! The phone-screen script and the screen scorecard's checks: the script quotes the band and
//! asks the notice period in both languages, its page is the hiring team's, a failed check on a
//! submitted screen card warns on the candidate's card and shows in the card's API, and bad
//! checks are refused with what was typed kept.

use hireloop::entities::scorecard_check;
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app, user_id};

/// A recruiter signed in on the app's client, with a token for the API too.
struct Recruiter {
    id: i32,
    token: String,
}

async fn recruiter(app: &TestApp) -> Recruiter {
    let email = hireloop::auth::model::normalize_email(&app.login_as("recruiter").await);
    let id = user_id(&app.db, &email).await;
    let token = hireloop::auth::model::create_token(&app.db, id, "test")
        .await
        .unwrap()
        .0;
    Recruiter { id, token }
}

/// An open middle position (band 90 000–140 000 RUB) with two must-haves in each language.
async fn position(app: &TestApp, token: &str) -> i64 {
    let (status, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director",
               "headcount": 1, "city": "Москва", "work_format": "hybrid",
               "title_en": "Account manager",
               "profile": {"company": "Орбита — агентство интернет-маркетинга.",
                           "requirements": "- Опыт работы с клиентами от года\n- Уверенный Excel"},
               "profile_en": {"company": "Orbita, an online marketing agency.",
                              "requirements": "- A year or more with clients\n- Confident with Excel"}}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, body) = call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    id
}

async fn script(app: &TestApp, token: &str, position: i64, lang: &str) -> Value {
    let path = format!("/positions/{position}/screen-script?lang={lang}");
    let (status, body) = call(app, Method::GET, &path, token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn section<'a>(script: &'a Value, code: &str) -> Vec<&'a str> {
    script["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code)
        .unwrap_or_else(|| panic!("no {code} section in {script}"))["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect()
}

fn codes(script: &Value) -> Vec<&str> {
    script["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_script_holds_the_band_and_the_notice_check_in_both_languages() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = position(&app, &token).await;

    let ru = script(&app, &token, position, "ru").await;
    assert_eq!(ru["lang"], "ru");
    let checks = section(&ru, "checks");
    assert!(
        checks[0].contains("от 90\u{a0}000 до 140\u{a0}000\u{a0}₽"),
        "{checks:?}"
    );
    assert!(checks[1].contains("выйти на работу"), "{checks:?}");
    assert!(checks.iter().any(|l| l.contains("Уверенный Excel")));
    assert_eq!(
        codes(&ru),
        [
            "salary",
            "notice",
            "location",
            "requirement-1",
            "requirement-2"
        ]
    );
    assert!(
        section(&ru, "pitch")[1..]
            .iter()
            .any(|l| l.contains("Орбита"))
    );
    assert!(
        !section(&ru, "questions").is_empty(),
        "the screen kit is asked"
    );

    let en = script(&app, &token, position, "en").await;
    let checks = section(&en, "checks");
    assert!(checks[0].contains("RUB\u{a0}90,000–140,000"), "{checks:?}");
    assert!(checks[1].contains("Could you start"), "{checks:?}");
    assert_eq!(codes(&en), codes(&ru), "the same checks in either language");
    let everything = en.to_string();
    assert!(
        !everything
            .chars()
            .any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
        "{everything}"
    );

    let (status, problem) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}/screen-script?lang=de"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
}

#[tokio::test]
async fn the_script_page_renders_for_a_recruiter_and_is_refused_to_roles_that_may_not_see_positions()
 {
    let app = spawn_app().await;
    let recruiter = recruiter(&app).await;
    let position = position(&app, &recruiter.token).await;

    let show = app
        .get(&format!("/positions/{position}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(show.contains(&format!("/positions/{position}/screen-script")));
    let page = app
        .get(&format!("/positions/{position}/screen-script"))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Скрипт телефонного скрининга"), "{html}");
    assert!(html.contains("от 90\u{a0}000 до 140\u{a0}000\u{a0}₽"));
    let english = app
        .get(&format!("/positions/{position}/screen-script?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(english.contains("RUB\u{a0}90,000–140,000"));
    assert!(english.contains("Could you start"));

    for role in ["interviewer", "mentor", "intern"] {
        app.login_as(role).await;
        let refused = app
            .get(&format!("/positions/{position}/screen-script"))
            .await;
        assert_eq!(refused.status(), 403, "{role}");
        let token = app.token_for(role).await;
        let path = format!("/positions/{position}/screen-script");
        let (status, _) = call(&app, Method::GET, &path, &token, json!({})).await;
        assert_eq!(status, 403, "{role}");
    }
}

/// A screen interview of a new candidate on `position`, the recruiter its interviewer: the
/// interview's id and the candidate's.
async fn screen(app: &TestApp, who: &Recruiter, position: i64) -> (i64, i64) {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        &who.token,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test", "lang": "ru"}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, application) = call(
        app,
        Method::POST,
        "/applications",
        &who.token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    let at = chrono::Utc::now() + chrono::Duration::days(1);
    let (status, interview) = call(
        app,
        Method::POST,
        "/interviews",
        &who.token,
        json!({"application_id": application["id"], "kind": "screen",
               "scheduled_at": at.to_rfc3339(), "interviewer_ids": [who.id]}),
    )
    .await;
    assert_eq!(status, 201, "{interview}");
    (
        interview["id"].as_i64().unwrap(),
        person["id"].as_i64().unwrap(),
    )
}

fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .map(|e| e.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default()
}

async fn stored(app: &TestApp) -> Vec<scorecard_check::Model> {
    scorecard_check::Entity::find().all(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_failed_screen_check_warns_on_the_candidate_card_and_in_the_scorecard_api() {
    let app = spawn_app().await;
    let recruiter = recruiter(&app).await;
    let position = position(&app, &recruiter.token).await;
    let (interview, candidate) = screen(&app, &recruiter, position).await;
    let me = format!("/interviews/{interview}/scorecards/me");

    // Two checks answered: a screen card is submitted only with all of them.
    let partial = json!({"recommendation": "no", "ratings": [{"competency": "communication", "score": 3}],
        "checks": [{"code": "salary", "answer": "yes", "expected_salary": 200000, "note": "Хочет 200"},
                   {"code": "notice", "answer": "no", "note": "Отработка два месяца"}]});
    let (status, draft) = call(&app, Method::PUT, &me, &recruiter.token, partial).await;
    assert_eq!(status, 200, "{draft}");
    assert_eq!(draft["failed_checks"], json!(["salary", "notice"]));
    let (status, problem) = call(
        &app,
        Method::POST,
        &format!("{me}/submit"),
        &recruiter.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert!(fields(&problem).contains(&"checks.location"), "{problem}");
    let page = app
        .get(&format!("/candidates/{candidate}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("Срок выхода на работу не подходит"),
        "a draft warns no one yet"
    );

    let full = json!({"recommendation": "no", "ratings": [{"competency": "communication", "score": 3}],
        "checks": [{"code": "salary", "answer": "yes", "expected_salary": 200000},
                   {"code": "notice", "answer": "no", "note": "Отработка два месяца"},
                   {"code": "location", "answer": "yes"},
                   {"code": "requirement-1", "answer": "yes"},
                   {"code": "requirement-2", "answer": "yes"}]});
    let (status, draft) = call(&app, Method::PUT, &me, &recruiter.token, full).await;
    assert_eq!(status, 200, "{draft}");
    let (status, card) = call(
        &app,
        Method::POST,
        &format!("{me}/submit"),
        &recruiter.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{card}");
    assert_eq!(card["failed_checks"], json!(["salary", "notice"]));
    assert_eq!(card["checks"][0]["expected_salary"], 200000);
    let rows = stored(&app).await;
    assert_eq!(rows.len(), 5);
    assert_eq!(rows.iter().filter(|r| r.failed).count(), 2);

    let (status, team) = call(
        &app,
        Method::GET,
        &format!("/interviews/{interview}/scorecards"),
        &recruiter.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{team}");
    assert_eq!(team[0]["failed_checks"], json!(["salary", "notice"]));

    let page = app
        .get(&format!("/candidates/{candidate}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Срок выхода на работу не подходит"), "{page}");
    assert!(page.contains("Отработка два месяца"));
    assert!(page.contains("Ожидания по доходу выше вилки"));
    assert!(page.contains("200\u{a0}000"));
}

#[tokio::test]
async fn bad_checks_are_refused_with_what_was_typed_kept() {
    let app = spawn_app().await;
    let recruiter = recruiter(&app).await;
    let position = position(&app, &recruiter.token).await;
    let (interview, _) = screen(&app, &recruiter, position).await;
    let me = format!("/interviews/{interview}/scorecards/me");

    let unknown = json!({"checks": [{"code": "horoscope", "answer": "yes"}]});
    let (status, problem) = call(&app, Method::PUT, &me, &recruiter.token, unknown).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["checks[0].code"]);
    let missing = json!({"checks": [{"code": "notice", "note": "Не ответила"}]});
    let (status, problem) = call(&app, Method::PUT, &me, &recruiter.token, missing).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["checks[0].answer"]);
    assert!(stored(&app).await.is_empty(), "nothing refused is saved");

    // The form: a note typed on a check left unanswered comes back with the note in it.
    let path = format!("/interviews/{interview}/scorecard");
    let form = app
        .get(&format!("/interviews/{interview}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("name=\"check_notice\""),
        "the form asks the checks"
    );
    let response = app
        .post_form(
            &path,
            &[
                ("checknote_notice", "Ωотработка-месяц"),
                ("checksalary_salary", "150000"),
                ("check_salary", "yes"),
                ("strengths", "Ωсильная-сторона"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Ωотработка-месяц"), "the note is kept");
    assert!(
        html.contains("Ωсильная-сторона"),
        "the rest of the card is kept"
    );
    assert!(html.contains("value=\"150000\""), "the figure is kept");
    assert!(html.contains("Отметьте «да» или «нет»."), "{html}");

    let response = app
        .post_form(
            &path,
            &[
                ("check_horoscope", "yes"),
                ("strengths", "Ωещё-раз"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Ωещё-раз"));
    assert!(stored(&app).await.is_empty());
}
