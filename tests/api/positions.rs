//! Reference data for positions: competencies, grades and their salary bands, market data.

use hireloop::entities::{audit_entry, grade};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::spawn_app;

async fn band(app: &crate::helpers::TestApp, code: &str) -> (i64, i64) {
    let g = grade::Entity::find_by_id(code.to_owned())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    (g.salary_min, g.salary_max)
}

#[tokio::test]
async fn reference_data_is_served_from_seed_data() {
    let app = spawn_app().await;
    let token = app.token_for("interviewer").await;

    let competencies: Value = app
        .api(Method::GET, "/competencies?lang=en", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let competencies = competencies.as_array().unwrap();
    assert!(competencies.len() >= 10);
    assert!(
        competencies
            .iter()
            .all(|c| c["kind"] == "hard" || c["kind"] == "soft")
    );
    assert_eq!(competencies[0]["code"], "product");
    assert_eq!(competencies[0]["name"], "Product knowledge");

    let grades: Value = app
        .api(Method::GET, "/grades", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes: Vec<&str> = grades
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "intern",
            "junior",
            "middle",
            "senior",
            "group_head",
            "director"
        ]
    );
    assert_eq!(grades[2]["currency"], "RUB");
    assert_eq!(
        grades[2]["name"], "Аккаунт-менеджер",
        "names in the user's language"
    );

    let market: Value = app
        .api(Method::GET, "/market/salaries", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let hh = market["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "hh-moscow-2022-07")
        .unwrap();
    assert_eq!(hh["source"], "hh.ru");
    assert_eq!(hh["as_of"], "2022-07-01");
    let total: i64 = hh["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 9605);
    assert!(
        hh["buckets"][0]["lower"].is_null(),
        "the first bucket is open below"
    );
}

#[tokio::test]
async fn a_hiring_manager_sets_a_band_and_the_change_is_audited() {
    let app = spawn_app().await;
    let token = app.token_for("hiring_manager").await;
    let response = app
        .api(Method::PUT, "/grades/middle", &token)
        .json(&json!({"salary_min": 100000, "salary_max": 150000, "currency": "RUB"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["salary_min"], 100000);
    assert_eq!(band(&app, "middle").await, (100000, 150000));
    let audit = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("grade.band_update"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audit.entity_id.as_deref(), Some("middle"));
}

#[tokio::test]
async fn a_band_upside_down_is_refused_field_by_field_and_nothing_changes() {
    let app = spawn_app().await;
    let token = app.token_for("ceo").await;
    let before = band(&app, "senior").await;
    let response = app
        .api(Method::PUT, "/grades/senior", &token)
        .json(&json!({"salary_min": 200000, "salary_max": 150000, "currency": "RUB"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "salary_min");

    let zero = app
        .api(Method::PUT, "/grades/senior", &token)
        .json(&json!({"salary_min": 0, "salary_max": -1, "currency": "rubles"}))
        .send()
        .await
        .unwrap();
    let fields: Vec<String> = zero.json::<Value>().await.unwrap()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["salary_min", "salary_max", "currency"]);
    assert_eq!(band(&app, "senior").await, before);
}

#[tokio::test]
async fn only_roles_that_approve_bands_may_change_them() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let request = json!({"salary_min": 1, "salary_max": 2, "currency": "RUB"});
    let response = app
        .api(Method::PUT, "/grades/middle", &token)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let manager = app.token_for("hiring_manager").await;
    let unknown = app
        .api(Method::PUT, "/grades/wizard", &manager)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn the_grades_page_shows_bands_and_market_data_and_edits_them_by_form() {
    let app = spawn_app().await;
    app.login_as("hiring_manager").await;
    let page = app.get("/grades").await.text().await.unwrap();
    assert!(page.contains("Зарплатные вилки") && page.contains("hh.ru"));

    let saved = app
        .post_form(
            "/grades/junior",
            &[
                ("salary_min", "65 000"),
                ("salary_max", "95000"),
                ("currency", "RUB"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(band(&app, "junior").await, (65000, 95000));

    let refused = app
        .post_form(
            "/grades/junior",
            &[
                ("salary_min", "много"),
                ("salary_max", "95000"),
                ("currency", "RUB"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("junior-e-salary_min"),
        "the message sits beside the field"
    );
    assert!(html.contains("value=\"много\""), "what was typed is kept");
    assert_eq!(band(&app, "junior").await, (65000, 95000));
}

/// The text of the chart's `<desc>`: what the chart says to a screen reader.
fn chart_description(page: &str) -> &str {
    let start = page.find("<desc>").expect("the chart has a description") + "<desc>".len();
    let end = page[start..].find("</desc>").unwrap();
    &page[start..start + end]
}

#[tokio::test]
async fn the_grades_page_draws_every_band_over_the_market_histogram() {
    let app = spawn_app().await;
    app.login_as("hiring_manager").await;
    let page = app.get("/grades").await.text().await.unwrap();
    assert!(page.contains("<svg ") && page.contains(r#"role="img""#));
    assert_eq!(
        page.matches(r#"class="market-chart-bar""#).count(),
        5,
        "a bar per bucket"
    );
    assert_eq!(
        page.matches(r#"class="market-chart-band""#).count(),
        6,
        "a band per grade"
    );
    assert!(chart_description(&page).contains("90\u{a0}000–140\u{a0}000 RUB"));

    let token = app.token_for("hiring_manager").await;
    let response = app
        .api(Method::PUT, "/grades/middle", &token)
        .json(&json!({"salary_min": 123000, "salary_max": 177000, "currency": "RUB"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let page = app.get("/grades").await.text().await.unwrap();
    let description = chart_description(&page);
    assert!(
        description.contains("123\u{a0}000–177\u{a0}000 RUB"),
        "{description}"
    );
    assert!(!description.contains("90\u{a0}000–140\u{a0}000"));
}

#[tokio::test]
async fn a_recruiter_reads_the_grades_page_but_cannot_post_a_band() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let page = app.get("/grades").await.text().await.unwrap();
    assert!(!page.contains("action=\"/grades/middle\"") && !page.contains("action=\"&#x2f;grades"));
    let response = app
        .post_form(
            "/grades/middle",
            &[
                ("salary_min", "1"),
                ("salary_max", "2"),
                ("currency", "RUB"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
}

// --- positions ---------------------------------------------------------------------------------

fn new_position() -> Value {
    json!({
        "title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director", "headcount": 1,
        "profile": {"company": "Агентство", "role": "Ведёт клиентов", "duties": "Отчёты", "requirements": "Опыт", "conditions": "Гибрид"}
    })
}

#[tokio::test]
async fn a_recruiter_drafts_opens_pauses_and_resumes_a_position() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let created = app
        .api(Method::POST, "/positions", &token)
        .json(&new_position())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["status"], "draft");
    assert!(
        body["slug"]
            .as_str()
            .unwrap()
            .starts_with("akkaunt-menedzher-")
    );
    assert!(body["time_to_fill"].is_null(), "no clock before it opens");
    let id = body["id"].as_i64().unwrap();

    let opened: Value = app
        .api(Method::POST, &format!("/positions/{id}/open"), &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(opened["status"], "open");
    assert_eq!(
        opened["opened_on"],
        chrono::Utc::now().date_naive().to_string()
    );
    assert_eq!(opened["time_to_fill"]["calendar_days"], 0);
    let held = app
        .api(Method::POST, &format!("/positions/{id}/hold"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(held.status(), 200);
    let resumed: Value = app
        .api(Method::POST, &format!("/positions/{id}/open"), &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(resumed["status"], "open");

    let list: Value = app
        .api(Method::GET, "/positions?status=open", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    let stored = hireloop::entities::position::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "open");
}

#[tokio::test]
async fn a_move_the_status_flow_does_not_allow_is_409_naming_the_allowed_ones() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let body: Value = app
        .api(Method::POST, "/positions", &token)
        .json(&new_position())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = body["id"].as_i64().unwrap();
    let refused = app
        .api(Method::POST, &format!("/positions/{id}/hold"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    let problem: Value = refused.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("open, cancel"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_overwrites_nothing() {
    let app = spawn_app().await;
    let token = app.token_for("hiring_manager").await;
    let body: Value = app
        .api(Method::POST, "/positions", &token)
        .json(&new_position())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = body["id"].as_i64().unwrap();

    let first = app
        .api(Method::PATCH, &format!("/positions/{id}"), &token)
        .json(&json!({"version": 1, "headcount": 2, "profile": {"kpis": "NPS"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["version"], 2);
    assert_eq!(first["profile"]["kpis"], "NPS");
    assert_eq!(
        first["profile"]["company"], "Агентство",
        "omitted fields stay"
    );

    let stale = app
        .api(Method::PATCH, &format!("/positions/{id}"), &token)
        .json(&json!({"version": 1, "title": "Overwritten"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);
    let stored = hireloop::entities::position::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.title, "Аккаунт-менеджер");
    assert_eq!(stored.headcount, 2);
}

#[tokio::test]
async fn a_position_needs_a_title_a_known_grade_and_a_head_to_report_to() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let response = app
        .api(Method::POST, "/positions", &token)
        .json(&json!({"title": "", "grade": "wizard", "reports_to": " ", "headcount": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let fields: Vec<String> = response.json::<Value>().await.unwrap()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["title", "grade", "reports_to", "headcount"]);
    let (_, total) = hireloop::positions::model::list(&app.db, None, 10, 0)
        .await
        .unwrap();
    assert_eq!(total, 0);
}

#[tokio::test]
async fn an_interviewer_may_not_see_or_open_positions() {
    let app = spawn_app().await;
    let token = app.token_for("interviewer").await;
    assert_eq!(
        app.api(Method::GET, "/positions", &token)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let create = app
        .api(Method::POST, "/positions", &token)
        .json(&new_position())
        .send()
        .await
        .unwrap();
    assert_eq!(create.status(), 403);
    let manager = app.token_for("ceo").await;
    assert_eq!(
        app.api(Method::GET, "/positions/999", &manager)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

fn position_form<'a>(title: &'a str, version: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("grade", "senior"),
        ("reports_to", "Client Service Director"),
        ("headcount", "1"),
        ("company", "Агентство"),
        ("role", "Старший аккаунт"),
        ("duties", "Портфель клиентов"),
        ("requirements", "3 года"),
        ("conditions", "Офис"),
        ("kpis", "NPS"),
        ("target_date", "2026-12-31"),
        ("version", version),
    ]
}

async fn only_position(app: &crate::helpers::TestApp) -> hireloop::entities::position::Model {
    hireloop::entities::position::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_recruiter_creates_and_opens_a_position_in_the_browser() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let created = app
        .post_form("/positions", &position_form("Старший аккаунт-менеджер", ""))
        .await;
    assert_eq!(created.status(), 303);
    let stored = only_position(&app).await;
    assert_eq!(
        crate::helpers::location(&created),
        format!("/positions/{}", stored.id)
    );
    assert_eq!(
        (stored.status.as_str(), stored.grade.as_str()),
        ("draft", "senior")
    );
    assert_eq!(stored.target_date.unwrap().to_string(), "2026-12-31");

    let opened = app
        .post_form(
            &format!("/positions/{}/status", stored.id),
            &[("action", "open")],
        )
        .await;
    assert_eq!(opened.status(), 303);
    let page = app
        .get(&format!("/positions/{}", stored.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Статус вакансии: Открыта"),
        "a flash confirms the change"
    );
    assert!(
        page.contains("0 календарных дней"),
        "time to fill starts at zero"
    );
    assert_eq!(only_position(&app).await.status, "open");
    let list = app
        .get("/positions?status=open")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Старший аккаунт-менеджер"));
}

#[tokio::test]
async fn a_bad_position_form_comes_back_with_messages_and_nothing_is_created() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let mut form = position_form("", "");
    form.retain(|(k, _)| *k != "reports_to" && *k != "target_date");
    form.push(("reports_to", ""));
    form.push(("target_date", "31.12.2026"));
    let response = app.post_form("/positions", &form).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"e-target_date\""),
        "the date message sits beside its field"
    );
    assert!(
        html.contains("value=\"31.12.2026\""),
        "what was typed is kept"
    );
    assert!(
        hireloop::entities::position::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_stale_edit_in_the_browser_keeps_what_was_typed_and_overwrites_nothing() {
    let app = spawn_app().await;
    app.login_as("hiring_manager").await;
    app.post_form("/positions", &position_form("Аккаунт-директор", ""))
        .await;
    let id = only_position(&app).await.id;
    assert_eq!(
        app.post_form(
            &format!("/positions/{id}"),
            &position_form("Версия два", "1")
        )
        .await
        .status(),
        303
    );

    let stale = app
        .post_form(
            &format!("/positions/{id}"),
            &position_form("Моя правка", "1"),
        )
        .await;
    assert_eq!(stale.status(), 409);
    let html = stale.text().await.unwrap();
    assert!(html.contains("ничего не перезаписано"));
    assert!(
        html.contains("value=\"Моя правка\""),
        "the user's edit is still in the form"
    );
    assert_eq!(only_position(&app).await.title, "Версия два");
}

#[tokio::test]
async fn a_refused_status_change_is_explained_in_a_flash() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    app.post_form("/positions", &position_form("Стажёр", ""))
        .await;
    let id = only_position(&app).await.id;
    let response = app
        .post_form(&format!("/positions/{id}/status"), &[("action", "hold")])
        .await;
    assert_eq!(response.status(), 303);
    let page = app
        .get(&format!("/positions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Сейчас можно: open, cancel"));
    assert_eq!(only_position(&app).await.status, "draft");
}

#[tokio::test]
async fn an_interviewer_cannot_reach_the_positions_pages() {
    let app = spawn_app().await;
    app.login_as("interviewer").await;
    assert_eq!(app.get("/positions").await.status(), 403);
    assert_eq!(app.get("/positions/new").await.status(), 403);
}

#[tokio::test]
async fn the_vacancy_text_is_generated_from_the_profile_in_both_languages() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let body: Value = app
        .api(Method::POST, "/positions", &token)
        .json(&new_position())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = body["id"].as_i64().unwrap();

    let ru: Value = app
        .api(
            Method::GET,
            &format!("/positions/{id}/vacancy?lang=ru"),
            &token,
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = ru["text"].as_str().unwrap();
    assert!(
        !text.starts_with("Аккаунт-менеджер"),
        "the job page shows the title; the text does not repeat it: {text}"
    );
    assert!(text.contains("## Что предстоит делать\n\nОтчёты"), "{text}");
    assert!(
        text.contains("от 90\u{a0}000 до 140\u{a0}000\u{a0}₽"),
        "the grade's band: {text}"
    );
    assert!(!text.contains("RUB"), "{text}");
    assert!(
        !text.contains("Как мы оцениваем"),
        "empty sections are left out"
    );

    let en: Value = app
        .api(
            Method::GET,
            &format!("/positions/{id}/vacancy?lang=en"),
            &token,
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(en["lang"], "en");
    assert!(
        en["text"]
            .as_str()
            .unwrap()
            .contains("You will report to the Account Director.")
    );

    let cookie_app = &app;
    cookie_app.login_as("recruiter").await;
    let page = cookie_app
        .get(&format!("/positions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Текст вакансии") && page.contains("Что предстоит делать"));
}

#[tokio::test]
async fn each_grade_says_what_it_can_do_and_what_it_expects_on_each_competency() {
    use crate::helpers::call;
    let app = spawn_app().await;
    let token = app.token_for("interviewer").await;

    let (status, grades) = call(&app, Method::GET, "/grades?lang=en", &token, json!({})).await;
    assert_eq!(status, 200, "{grades}");
    let grade = |code: &str| {
        grades
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["code"] == code)
            .unwrap()
            .clone()
    };
    assert!(
        grade("intern")["description"]
            .as_str()
            .unwrap()
            .contains("mentor")
    );
    assert!(
        grade("director")["description"]
            .as_str()
            .unwrap()
            .contains("group heads")
    );
    let level = |g: &Value, competency: &str| {
        g["expectations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["competency"] == competency)
            .and_then(|e| e["level"].as_i64())
            .unwrap()
    };
    for g in grades.as_array().unwrap() {
        assert_eq!(g["expectations"].as_array().unwrap().len(), 12, "{g}");
    }
    assert!(level(&grade("senior"), "communication") > level(&grade("junior"), "communication"));
    assert_eq!(level(&grade("middle"), "product"), 3);

    let (_, russian) = call(&app, Method::GET, "/grades?lang=ru", &token, json!({})).await;
    assert!(
        russian[0]["description"]
            .as_str()
            .unwrap()
            .contains("наставник"),
        "{russian}"
    );

    let (_, competencies) = call(
        &app,
        Method::GET,
        "/competencies?lang=en",
        &token,
        json!({}),
    )
    .await;
    for c in competencies.as_array().unwrap() {
        let scores: Vec<i64> = c["anchors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["score"].as_i64().unwrap())
            .collect();
        assert_eq!(scores, [1, 3, 5], "{c}");
    }

    app.login_as("recruiter").await;
    let page = app.get("/grades").await.text().await.unwrap();
    assert!(
        page.contains("Руководит группой аккаунт-менеджеров"),
        "the page describes the grades"
    );
    assert!(page.contains("Ожидаемый уровень по компетенциям"));
}
