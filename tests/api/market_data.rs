//! Market data that stays current: seeded figures with what they count, CSV import through a
//! preview and a confirmation (API and page), the six-month staleness flag, who may import.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::Value;

use crate::helpers::{TestApp, location, spawn_app, today, urlencode};

const GOOD: &str = "\u{feff}Грейд;От;До;Медиана;Количество\r\nJunior;60 000;90 000;75 000;120\r\nMiddle;90000;140000;;80\r\n";
/// Line 3 has its min above its max.
const ONE_BAD: &str =
    "bracket,min,max\nJunior,60000,90000\nMiddle,150000,140000\nSenior,140000,200000\n";

async fn datasets(app: &TestApp, token: &str) -> Vec<Value> {
    let body: Value = app
        .api(Method::GET, "/market/salaries?lang=en", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["datasets"].as_array().unwrap().clone()
}

fn by_code<'a>(all: &'a [Value], code: &str) -> &'a Value {
    all.iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("{code} is in the market data"))
}

async fn stored(app: &TestApp) -> (u64, u64, u64) {
    use hireloop::entities::{market_bucket, market_dataset, market_import};
    (
        market_dataset::Entity::find().count(&app.db).await.unwrap(),
        market_bucket::Entity::find().count(&app.db).await.unwrap(),
        market_import::Entity::find().count(&app.db).await.unwrap(),
    )
}

fn query(kind: &str, as_of: &str) -> String {
    format!(
        "/market/salaries?kind={kind}&title={}&source=hh.ru&region={}&as_of={as_of}",
        urlencode("Вилки по грейдам"),
        urlencode("Москва")
    )
}

async fn post_csv(app: &TestApp, token: &str, path: &str, csv: &str) -> reqwest::Response {
    app.api(Method::POST, path, token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_seeded_figures_are_present_with_what_they_count() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let all = datasets(&app, &token).await;
    let hh = by_code(&all, "hh-moscow-2022-07");
    assert_eq!(
        (hh["kind"].as_str(), hh["shape"].as_str()),
        (Some("resumes"), Some("histogram"))
    );
    assert_eq!(hh["total"], 15767, "job-seekers, not vacancies");
    assert!(hh["title"].as_str().unwrap().contains("résumés"));
    let survey = by_code(&all, "realhr-digital-2022-q2");
    assert_eq!(survey["kind"], "survey");
    assert_eq!(
        (survey["range_min"].as_i64(), survey["range_max"].as_i64()),
        (Some(40229), Some(229885))
    );
    let clients = by_code(&all, "hh-client-managers-marketing-2022-07");
    assert_eq!(
        (clients["kind"].as_str(), clients["total"].as_i64()),
        (Some("resumes"), Some(35689))
    );
    let experienced = by_code(&all, "agency-experienced-2022");
    assert_eq!(experienced["shape"], "average_over");
    assert_eq!(experienced["range_min"], 60000);
    let b2c = by_code(&all, "published-b2c-2022");
    assert_eq!(
        (b2c["range_min"].as_i64(), b2c["range_max"].as_i64()),
        (Some(15000), Some(40000))
    );
    let b2c_moscow = by_code(&all, "published-b2c-moscow-2022");
    assert_eq!(
        (
            b2c_moscow["range_min"].as_i64(),
            b2c_moscow["range_max"].as_i64()
        ),
        (Some(50000), Some(70000))
    );
    for code in [
        "published-russia-2022",
        "published-moscow-2022",
        "published-regions-2022",
        "published-b2b-2022",
    ] {
        assert_eq!(by_code(&all, code)["kind"], "vacancies", "{code}");
    }
}

#[tokio::test]
async fn old_labels_are_corrected_when_the_seed_is_loaded_again() {
    use hireloop::entities::market_dataset;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = spawn_app().await;
    let mut old: market_dataset::ActiveModel =
        market_dataset::Entity::find_by_id("hh-moscow-2022-07")
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    old.kind = Set("vacancies".into());
    old.title_en = Set("Account manager vacancies".into());
    old.update(&app.db).await.unwrap();
    hireloop::seed::load_reference_data(&app.db).await.unwrap();
    let fixed = market_dataset::Entity::find_by_id("hh-moscow-2022-07")
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fixed.kind, "resumes");
    assert!(fixed.title_en.contains("résumés"));
}

#[tokio::test]
async fn a_csv_with_one_bad_row_is_previewed_with_its_error_and_nothing_is_imported() {
    let app = spawn_app().await;
    let token = app.token_for("hiring_manager").await;
    let before = stored(&app).await;
    for path in [
        query("vacancies", &today()),
        format!("{}&confirm=true", query("vacancies", &today())),
    ] {
        let response = post_csv(&app, &token, &path, ONE_BAD).await;
        assert_eq!(response.status(), 422, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/problem+json")
        );
        let body: Value = response.json().await.unwrap();
        let errors = body["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{body}");
        assert_eq!(errors[0]["field"], "rows[3].max");
        assert!(
            errors[0]["message"].as_str().unwrap().contains("Row 3"),
            "{body}"
        );
        let rows = body["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 3, "every row is in the preview");
        assert!(rows[0]["errors"].as_array().unwrap().is_empty());
        assert_eq!(rows[1]["line"], 3);
        assert_eq!(rows[1]["errors"].as_array().unwrap().len(), 1);
    }
    assert_eq!(
        stored(&app).await,
        before,
        "nothing stored, not even a pending import"
    );

    // The page: the upload becomes a preview that shows the row's problem and offers no import.
    app.login_as("admin").await;
    let uploaded = upload(&app, ONE_BAD, &today()).await;
    assert_eq!(uploaded.status(), 303);
    let preview = app.get(&location(&uploaded)).await;
    assert_eq!(preview.status(), 422);
    let html = preview.text().await.unwrap();
    assert!(
        html.contains("Строка 3: «от» больше, чем «до»."),
        "the row's problem in the reader's language"
    );
    assert!(
        !html.contains("/confirm\""),
        "no import button for a file with problems"
    );
    let (datasets_after, buckets_after, _) = stored(&app).await;
    assert_eq!((datasets_after, buckets_after), (before.0, before.1));
    let refused = app
        .post_form(&format!("{}/confirm", location(&uploaded)), &[])
        .await;
    assert_eq!(refused.status(), 409);
    assert_eq!(stored(&app).await.0, before.0);
}

async fn upload(app: &TestApp, csv: &str, as_of: &str) -> reqwest::Response {
    let token = app.csrf().await;
    let form = Form::new()
        .part(
            "file",
            Part::bytes(csv.as_bytes().to_vec()).file_name("market.csv"),
        )
        .text("kind", "resumes")
        .text("title", "Резюме по грейдам")
        .text("source", "hh.ru")
        .text("region", "Москва")
        .text("as_of", as_of.to_owned());
    app.client
        .post(app.url(&format!("/grades/market?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn confirming_a_good_csv_imports_it_with_kind_source_and_as_of() {
    let app = spawn_app().await;
    let token = app.token_for("hiring_manager").await;
    let before = stored(&app).await;
    let preview = post_csv(&app, &token, &query("vacancies", "2026-11-01"), GOOD).await;
    assert_eq!(preview.status(), 200);
    let body: Value = preview.json().await.unwrap();
    assert_eq!(body["rows"].as_array().unwrap().len(), 2);
    assert_eq!(body["rows"][0]["median"], 75000);
    assert_eq!(stored(&app).await, before, "a preview stores nothing");

    let imported = post_csv(
        &app,
        &token,
        &format!("{}&confirm=true", query("vacancies", "2026-11-01")),
        GOOD,
    )
    .await;
    assert_eq!(imported.status(), 201);
    let created: Value = imported.json().await.unwrap();
    let code = created["code"].as_str().unwrap().to_owned();
    let all = datasets(&app, &token).await;
    let dataset = by_code(&all, &code);
    assert_eq!(dataset["kind"], "vacancies");
    assert_eq!(dataset["source"], "hh.ru");
    assert_eq!(dataset["as_of"], "2026-11-01");
    assert_eq!(dataset["total"], 200);
    let buckets = dataset["buckets"].as_array().unwrap();
    assert_eq!(buckets.len(), 2);
    assert_eq!(
        (
            buckets[0]["label"].as_str(),
            buckets[0]["lower"].as_i64(),
            buckets[0]["upper"].as_i64()
        ),
        (Some("Junior"), Some(60000), Some(90000))
    );
    assert!(buckets[1]["median"].is_null());

    // The page: upload, preview, confirm; a second confirmation imports nothing more.
    app.login_as("hiring_manager").await;
    let uploaded = upload(&app, GOOD, &today()).await;
    assert_eq!(uploaded.status(), 303);
    let preview_path = location(&uploaded);
    let after_upload = stored(&app).await;
    let html = app.get(&preview_path).await.text().await.unwrap();
    assert!(
        html.contains("Junior") && html.contains("75\u{a0}000"),
        "every row is shown"
    );
    assert_eq!(
        stored(&app).await.0,
        after_upload.0,
        "nothing imported before the confirmation"
    );
    let confirmed = app.post_form(&format!("{preview_path}/confirm"), &[]).await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(stored(&app).await.0, after_upload.0 + 1);
    let again = app.post_form(&format!("{preview_path}/confirm"), &[]).await;
    assert_eq!(again.status(), 409);
    assert_eq!(stored(&app).await.0, after_upload.0 + 1);
    let imported = datasets(&app, &token).await;
    let from_page = imported
        .iter()
        .find(|d| d["title"] == "Резюме по грейдам")
        .unwrap();
    assert_eq!(
        (from_page["kind"].as_str(), from_page["stale"].as_bool()),
        (Some("resumes"), Some(false))
    );
}

#[tokio::test]
async fn a_dataset_older_than_six_months_is_flagged_stale_on_the_page_and_in_the_api() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let old = post_csv(
        &app,
        &token,
        &format!("{}&confirm=true", query("survey", "2025-01-15")),
        GOOD,
    )
    .await;
    assert_eq!(old.status(), 201);
    let old: Value = old.json().await.unwrap();
    let fresh = post_csv(
        &app,
        &token,
        &format!("{}&confirm=true", query("survey", &today())),
        GOOD,
    )
    .await;
    let fresh: Value = fresh.json().await.unwrap();
    assert_eq!(
        (old["stale"].as_bool(), fresh["stale"].as_bool()),
        (Some(true), Some(false))
    );
    let all = datasets(&app, &token).await;
    assert_eq!(by_code(&all, "hh-moscow-2022-07")["stale"], true);
    assert_eq!(
        by_code(&all, fresh["code"].as_str().unwrap())["stale"],
        false
    );

    app.login_as("recruiter").await;
    let page = app.get("/grades").await.text().await.unwrap();
    assert!(
        page.contains("market-stale-notice"),
        "the page asks for fresh figures"
    );
    let block = |code: &str| {
        let start = page.find(&format!("data-market-code=\"{code}\"")).unwrap();
        page[start..].split("</h3>").next().unwrap().to_owned()
    };
    assert!(block(old["code"].as_str().unwrap()).contains("Старше полугода"));
    assert!(!block(fresh["code"].as_str().unwrap()).contains("Старше полугода"));
}

#[tokio::test]
async fn each_grade_is_drawn_against_the_figures_that_meet_its_band() {
    let app = spawn_app().await;
    app.login_as("ceo").await;
    let page = app.get("/grades").await.text().await.unwrap();
    assert_eq!(
        page.matches("class=\"grade-market-chart\"").count(),
        6,
        "a chart per grade"
    );
    assert!(
        page.contains("Рынок и вилка грейда"),
        "labels in the reader's language"
    );
    assert!(page.contains("опрос") && page.contains("резюме"));
    assert!(
        !page.contains("id=\"market-upload\""),
        "a CEO does not import"
    );
}

#[tokio::test]
async fn only_admins_and_hiring_managers_import_market_data() {
    let app = spawn_app().await;
    for (role, status) in [
        ("recruiter", 403),
        ("ceo", 403),
        ("interviewer", 403),
        ("hiring_manager", 200),
        ("admin", 200),
    ] {
        let token = app.token_for(role).await;
        let response = post_csv(&app, &token, &query("resumes", &today()), GOOD).await;
        assert_eq!(response.status(), status, "{role}");
    }
    app.login_as("recruiter").await;
    let refused = upload(&app, GOOD, &today()).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        stored(&app).await.2,
        0,
        "no pending import from a refused upload"
    );
}

#[tokio::test]
async fn a_bad_description_or_file_is_refused_with_field_errors() {
    let app = spawn_app().await;
    let token = app.token_for("admin").await;
    let response = post_csv(
        &app,
        &token,
        "/market/salaries?kind=histogram&as_of=2999-01-01",
        "Name;Email\nЕва;e@x.test\n",
    )
    .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["kind", "title", "source", "region", "as_of", "csv"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let json = app
        .api(Method::POST, &query("resumes", &today()), &token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 415);
}
