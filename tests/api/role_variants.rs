//! A position's role variant (account, account_project, sales_account): kept by the API and the
//! form, refused when unknown, and felt where it matters — the default interview kit and the
//! vacancy text.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app};

async fn create(app: &TestApp, token: &str, variant: Option<&str>) -> (u16, Value) {
    let mut body = json!({"title": "Аккаунт-менеджер", "grade": "middle",
                          "reports_to": "Account Director", "profile": {"duties": "Вести клиентов"}});
    if let Some(variant) = variant {
        body["role_variant"] = json!(variant);
    }
    call(app, Method::POST, "/positions", token, body).await
}

/// The competencies of a default kit's questions, in order.
async fn kit_competencies(app: &TestApp, token: &str, position: &Value, kind: &str) -> Vec<String> {
    let path = format!("/positions/{}/kit?kind={kind}", position["id"]);
    let (status, kit) = call(app, Method::GET, &path, token, json!({})).await;
    assert_eq!(status, 200, "{kit}");
    kit["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["competency"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_role_variant_round_trips_through_the_api_and_defaults_to_account() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;

    let (status, plain) = create(&app, &token, None).await;
    assert_eq!(status, 201, "{plain}");
    assert_eq!(plain["role_variant"], "account");

    let (status, created) = create(&app, &token, Some("account_project")).await;
    assert_eq!(status, 201, "{created}");
    let path = format!("/positions/{}", created["id"]);
    let (_, read) = call(&app, Method::GET, &path, &token, json!({})).await;
    assert_eq!(read["role_variant"], "account_project");

    let patch = json!({"version": read["version"], "role_variant": "sales_account"});
    let (status, patched) = call(&app, Method::PATCH, &path, &token, patch).await;
    assert_eq!(status, 200, "{patched}");
    let (_, read) = call(&app, Method::GET, &path, &token, json!({})).await;
    assert_eq!(read["role_variant"], "sales_account");

    let other = json!({"version": read["version"], "title": "Аккаунт и продажи"});
    let (status, kept) = call(&app, Method::PATCH, &path, &token, other).await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(kept["role_variant"], "sales_account", "left out, it stays");
}

#[tokio::test]
async fn an_unknown_role_variant_is_a_422_naming_the_field_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;

    let (status, problem) = create(&app, &token, Some("hunter")).await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem.to_string().contains("role_variant"), "{problem}");

    let (_, created) = create(&app, &token, Some("account_project")).await;
    let path = format!("/positions/{}", created["id"]);
    let patch = json!({"version": created["version"], "role_variant": "farmer"});
    let (status, problem) = call(&app, Method::PATCH, &path, &token, patch).await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem.to_string().contains("role_variant"), "{problem}");
    let (_, read) = call(&app, Method::GET, &path, &token, json!({})).await;
    assert_eq!(read["role_variant"], "account_project");
    assert_eq!(read["version"], created["version"]);
}

#[tokio::test]
async fn the_variant_puts_its_heavy_competencies_first_in_the_default_kit_with_more_questions() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, account) = create(&app, &token, None).await;
    let (_, project) = create(&app, &token, Some("account_project")).await;
    let (_, sales) = create(&app, &token, Some("sales_account")).await;

    let plain = kit_competencies(&app, &token, &account, "screen").await;
    let projects = kit_competencies(&app, &token, &project, "screen").await;
    let selling = kit_competencies(&app, &token, &sales, "screen").await;

    assert_eq!(plain[0], "product", "{plain:?}");
    let count = |kit: &[String], code: &str| kit.iter().filter(|c| *c == code).count();
    assert_eq!(projects[0], "project_management", "{projects:?}");
    assert!(
        count(&projects, "project_management") > count(&plain, "project_management"),
        "{projects:?} against {plain:?}"
    );
    assert!(count(&projects, "finance_paperwork") >= 1, "{projects:?}");
    assert_eq!(selling[0], "consultative_sales", "{selling:?}");
    assert!(count(&selling, "consultative_sales") > count(&plain, "consultative_sales"));
    assert!(
        projects.len() > plain.len(),
        "the extra questions add to the kit"
    );
}

#[tokio::test]
async fn the_vacancy_speaks_of_projects_or_sales_as_the_variant_asks() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, account) = create(&app, &token, None).await;
    let (_, project) = create(&app, &token, Some("account_project")).await;
    let (_, sales) = create(&app, &token, Some("sales_account")).await;
    let vacancy = |position: Value, lang: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let path = format!("/positions/{}/vacancy?lang={lang}", position["id"]);
            let (status, body) = call(app, Method::GET, &path, &token, json!({})).await;
            assert_eq!(status, 200, "{body}");
            body["text"].as_str().unwrap().to_owned()
        }
    };

    let plain = vacancy(account.clone(), "ru").await;
    let projects = vacancy(project.clone(), "ru").await;
    let projects_en = vacancy(project, "en").await;
    let selling = vacancy(sales, "ru").await;

    assert!(!plain.contains("медиапланы"), "{plain}");
    assert!(projects.contains("медиапланы"), "{projects}");
    assert!(
        projects.contains("Вести клиентов"),
        "the typed duties stay: {projects}"
    );
    assert!(projects_en.contains("media plans"), "{projects_en}");
    assert!(selling.contains("кросс-продажи"), "{selling}");
    assert!(!plain.contains("кросс-продажи"), "{plain}");
}

#[tokio::test]
async fn the_position_form_sets_the_variant_and_the_page_shows_it() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let form = [
        ("title", "Аккаунт и проекты"),
        ("grade", "middle"),
        ("reports_to", "Account Director"),
        ("headcount", "1"),
        ("role_variant", "account_project"),
        ("version", ""),
    ];
    let created = app.post_form("/positions", &form).await;
    assert_eq!(created.status(), 303);
    let location = crate::helpers::location(&created);
    let page = app.get(&location).await.text().await.unwrap();
    assert!(
        page.contains("<dd>Аккаунт- и проджект-менеджер</dd>"),
        "{page}"
    );

    let mut bad = form.to_vec();
    bad[4] = ("role_variant", "hunter");
    let refused = app.post_form("/positions", &bad).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Выберите вариант роли"), "{page}");
    assert!(page.contains("Аккаунт и проекты"), "what was typed is kept");
}
