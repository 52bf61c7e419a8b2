//! Every route × every role: who is let in, who is refused (403), and who is told "not found"
//! (404) about things their role may not know exist. Anonymous callers get 401 on the API and
//! a redirect to the sign-in page on pages. The table lives in `access_table_rows.rs`; this file
//! fills in the ids, sends the requests and reports every cell that disagrees at once.
//!
//! Each role uses a fresh user, so an interviewer, a mentor and an intern own nothing: the demo
//! company's applications, interviews and internships are someone else's to them.

use std::collections::{BTreeMap, BTreeSet};

use hireloop::domain::access::{Action, Role, can};
use reqwest::{Client, Method};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::access_table_rows::{API, PAGES, Row};
use crate::helpers::{PASSWORD, TestApp, client, csrf_in, spawn_app_with_demo};

/// Who may use a route.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// Anyone, signed in or not (sign-in, one-time links, the public job page).
    Public,
    /// Any signed-in user, whatever the role.
    Signed,
    /// Roles that [`can`] do the action; everyone else signed in gets 403.
    Can(Action),
    /// Spelled out per role where ownership matters (an interviewer sees only the interviews
    /// they are on, a mentor only their interns): the roles listed as allowed and as told "not
    /// found"; every other role 403.
    Only {
        allowed: &'static [&'static str],
        hidden: &'static [&'static str],
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Allowed,
    Forbidden,
    NotFound,
    SignIn,
}

const ROLES: [&str; 8] = [
    "anonymous",
    "intern",
    "mentor",
    "interviewer",
    "ceo",
    "hiring_manager",
    "recruiter",
    "admin",
];

fn expected(rule: Rule, role: &str) -> Expect {
    if role == "anonymous" {
        return if matches!(rule, Rule::Public) {
            Expect::Allowed
        } else {
            Expect::SignIn
        };
    }
    let parsed: Role = role.parse().unwrap();
    let allowed = match rule {
        Rule::Public | Rule::Signed => true,
        Rule::Can(action) => can(parsed, action),
        Rule::Only { allowed, hidden } => {
            if hidden.contains(&role) {
                return Expect::NotFound;
            }
            allowed.contains(&role)
        }
    };
    if allowed {
        Expect::Allowed
    } else {
        Expect::Forbidden
    }
}

/// What the response says about access.
fn observed(status: u16, location: &str, page: bool) -> Expect {
    match status {
        401 => Expect::SignIn,
        303 | 302 if page && location.starts_with("/login") => Expect::SignIn,
        403 => Expect::Forbidden,
        404 | 410 => Expect::NotFound,
        _ => Expect::Allowed,
    }
}

/// A signed-in (or anonymous) caller: a token for the API, a browser session for pages.
struct Caller {
    role: &'static str,
    token: Option<String>,
    browser: Client,
    csrf: String,
}

async fn caller(app: &TestApp, role: &'static str) -> Caller {
    let browser = client();
    let login = browser.get(app.url("/login")).send().await.unwrap();
    let mut csrf = csrf_in(&login.text().await.unwrap()).unwrap();
    let mut token = None;
    if role != "anonymous" {
        let email = app.add_user(role).await;
        let signed = browser
            .post(app.url("/login"))
            .form(&[
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("_csrf", &csrf),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(signed.status(), 303, "{role} signs in");
        let profile = browser.get(app.url("/profile")).send().await.unwrap();
        csrf = csrf_in(&profile.text().await.unwrap()).unwrap();
        let id = crate::helpers::user_id(&app.db, &email).await;
        token = Some(
            hireloop::auth::model::create_token(&app.db, id, "table")
                .await
                .unwrap()
                .0,
        );
    }
    Caller {
        role,
        token,
        browser,
        csrf,
    }
}

async fn first_id(db: &DatabaseConnection, table: &str) -> String {
    let sql = format!("SELECT MIN(id) AS id FROM {table}");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    row.and_then(|r| r.try_get::<Option<i32>>("", "id").ok().flatten())
        .map(|id| id.to_string())
        .unwrap_or_else(|| "999999".into())
}

async fn first_text(db: &DatabaseConnection, sql: &str, column: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap();
    row.and_then(|r| r.try_get::<String>("", column).ok())
        .unwrap_or_else(|| "none".into())
}

/// The demo company has no offer: a draft for its first application, so that reading one (its
/// letter) is a real answer. Its id.
async fn draft_offer(db: &DatabaseConnection, application_id: &str) -> String {
    use hireloop::entities::offer;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let now = chrono::Utc::now();
    let created = offer::ActiveModel {
        application_id: Set(application_id.parse().unwrap()),
        revision: Set(1),
        status: Set("draft".into()),
        salary: Set(120_000),
        currency: Set("RUB".into()),
        start_date: Set(now.date_naive() + chrono::Days::new(30)),
        probation_months: Set(3),
        bonus_terms: Set(String::new()),
        terms: Set(String::new()),
        needs_approval: Set(true),
        change_reason: Set(String::new()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    created.id.to_string()
}

/// The demo company has no hh.ru resume search: one on its first position, so that reading
/// a search and its hits is a real answer. Its id.
async fn hh_search(db: &DatabaseConnection, position_id: &str) -> String {
    use hireloop::entities::hh_resume_search;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let now = chrono::Utc::now();
    let created = hh_resume_search::ActiveModel {
        position_id: Set(position_id.parse().unwrap()),
        name: Set("Аккаунт-менеджеры".into()),
        query: Set(Some("text=account+manager".into())),
        saved_search_id: Set(None),
        every_days: Set(3),
        next_run_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    created.id.to_string()
}

/// A registered webhook, so that its page and its deliveries log are real answers. Its id.
async fn webhook(db: &DatabaseConnection) -> String {
    use hireloop::entities::webhook;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let now = chrono::Utc::now();
    let key = hireloop::secrets::SecretKey::from_bytes([42; 32]);
    let created = webhook::ActiveModel {
        url: Set("https://hooks.example.com/hireloop".into()),
        events: Set("offer.sent".into()),
        secret_sealed: Set(key.seal(&hireloop::secrets::Secret::new("0123456789abcdef"))),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    created.id.to_string()
}

/// A market CSV waiting for its confirmation, so that its preview and button are real answers.
async fn market_import(db: &DatabaseConnection) -> String {
    use hireloop::entities::market_import;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let now = chrono::Utc::now();
    let created = market_import::ActiveModel {
        created_by: Set(None),
        kind: Set("vacancies".into()),
        title: Set("Вилки".into()),
        source: Set("hh.ru".into()),
        region: Set("Москва".into()),
        as_of: Set(now.date_naive()),
        currency: Set("RUB".into()),
        csv: Set("min;max\n60000;90000\n".into()),
        row_count: Set(1),
        error_count: Set(0),
        dataset_code: Set(None),
        confirmed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    created.id.to_string()
}

/// The demo company's ids, one per kind of thing a path names.
async fn fixtures(db: &DatabaseConnection) -> BTreeMap<&'static str, String> {
    let mut ids = BTreeMap::new();
    for (prefix, table) in [
        ("applications", "applications"),
        ("candidates", "candidates"),
        ("positions", "positions"),
        ("interviews", "interviews"),
        ("offers", "offers"),
        ("internships", "internships"),
        ("references", "referees"),
        ("channels", "sourcing_channels"),
        ("questions", "questions"),
        ("outbox", "outbox_messages"),
        ("onboarding", "onboarding_items"),
        ("item_id", "internship_items"),
        ("rotation_id", "rotations"),
        ("programme", "programme_items"),
        ("email-templates", "email_templates"),
    ] {
        ids.insert(prefix, first_id(db, table).await);
    }
    ids.insert("offers", draft_offer(db, &ids["applications"]).await);
    ids.insert("searches", hh_search(db, &ids["positions"]).await);
    ids.insert("webhooks", webhook(db).await);
    ids.insert("deliveries", "999999".into());
    ids.insert("market", market_import(db).await);
    // The demo's first user is not one of the table's callers; tokens are never someone's own.
    ids.insert("users", first_id(db, "users").await);
    ids.insert("tokens", "999999".into());
    ids.insert("notifications", "999999".into());
    ids.insert(
        "grades",
        first_text(db, "SELECT code FROM grades ORDER BY code", "code").await,
    );
    ids.insert(
        "reasons",
        first_text(db, "SELECT code FROM end_reasons ORDER BY code", "code").await,
    );
    ids.insert(
        "jobs",
        first_text(
            db,
            "SELECT slug FROM positions WHERE status = 'open' ORDER BY id",
            "slug",
        )
        .await,
    );
    ids
}

/// The path with its placeholders filled from the fixtures: `{id}` by the segment before it.
fn concrete(path: &str, ids: &BTreeMap<&'static str, String>) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let filled = match *segment {
            "{id}" | "{code}" | "{slug}" => {
                let before = segments[i - 1];
                let key = match before {
                    "users" if path.starts_with("/admin") => "users",
                    "tokens" => "tokens",
                    "reports" => {
                        out.push("funnel".to_owned());
                        continue;
                    }
                    other => other,
                };
                ids.get(key).cloned().unwrap_or_else(|| "999999".into())
            }
            "{item_id}" if path.contains("/programme/") => ids["programme"].clone(),
            "{item_id}" => ids["item_id"].clone(),
            "{rotation_id}" => ids["rotation_id"].clone(),
            "{token}" => "not-a-real-token-00000000000000000000".to_owned(),
            "{purpose}" => "talent_pool".to_owned(),
            "{name}" => "app.css".to_owned(),
            other => other.to_owned(),
        };
        out.push(filled);
    }
    out.join("/")
}

async fn send(app: &TestApp, who: &Caller, row: &Row, path: &str, page: bool) -> (u16, String) {
    let method = Method::from_bytes(row.method.as_bytes()).unwrap();
    let mut request = if page {
        who.browser.request(method.clone(), app.url(path))
    } else {
        let request = who.browser.request(method.clone(), app.url(path));
        match &who.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    };
    if page && method == Method::POST {
        request = request.form(&[("_csrf", who.csrf.as_str())]);
    } else if !page && matches!(method, Method::POST | Method::PUT | Method::PATCH) {
        request = request.json(&serde_json::json!({}));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let location = crate::helpers::location(&response);
    (status, location)
}

/// Reads run before writes, and signing out comes last, so that no write changes what a later
/// read finds or who is asking.
fn ordered(rows: &'static [Row]) -> Vec<&'static Row> {
    let mut ordered: Vec<&Row> = rows.iter().collect();
    ordered.sort_by_key(|row| (row.method != "GET", row.path == "/logout"));
    ordered
}

/// An import waiting in preview, so that its pages and operations have something to show.
async fn preview_import(app: &TestApp, admin: &Caller) -> String {
    let previewed = admin
        .browser
        .post(app.url("/api/v1/imports?consent=true"))
        .bearer_auth(admin.token.as_deref().unwrap())
        .header("content-type", "text/csv")
        .body("name,email\nИмпорт Тестов,import@mail.test\n")
        .send()
        .await
        .unwrap();
    assert_eq!(previewed.status(), 201);
    let batch: serde_json::Value = previewed.json().await.unwrap();
    batch["id"].to_string()
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_access_rules_say() {
    let app = spawn_app_with_demo().await;
    let mut ids = fixtures(&app.db).await;
    let mut callers = Vec::new();
    for role in ROLES {
        callers.push(caller(&app, role).await);
    }

    // The first candidate gets a CV, so that downloading it is a real answer.
    let admin = callers.last().unwrap();
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("cv.pdf");
    let uploaded = admin
        .browser
        .post(app.url(&format!("/api/v1/candidates/{}/cv", ids["candidates"])))
        .bearer_auth(admin.token.as_deref().unwrap())
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    // A template item gets a file, so that downloading and removing a material are real answers.
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("prep.pdf");
    let material = admin
        .browser
        .post(app.url(&format!(
            "/api/v1/internships/programme/{}/materials/file",
            ids["programme"]
        )))
        .bearer_auth(admin.token.as_deref().unwrap())
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(material.status(), 201);
    let material: serde_json::Value = material.json().await.unwrap();
    ids.insert("materials", material["id"].to_string());
    let batch = preview_import(&app, admin).await;
    ids.insert("imports", batch.clone());
    ids.insert("import", batch);

    let mut wrong = Vec::new();
    let mut cells: Vec<(&Row, bool)> = ordered(API).into_iter().map(|r| (r, false)).collect();
    cells.extend(ordered(PAGES).into_iter().map(|r| (r, true)));
    cells.sort_by_key(|(row, _)| (row.method != "GET", row.path == "/logout"));
    {
        for (row, page) in cells {
            let path = concrete(row.path, &ids);
            for who in &callers {
                let want = expected(row.rule, who.role);
                let (status, location) = send(&app, who, row, &path, page).await;
                let got = observed(status, &location, page);
                let server_error = status >= 500;
                // A write may find its target already changed by an earlier allowed role.
                let tolerated = (want == Expect::Allowed
                    && got == Expect::NotFound
                    && row.method != "GET")
                    // Public routes: made-up tokens and slugs are "gone", signing out goes to
                    // the sign-in page; none of that is a refusal.
                    || (matches!(row.rule, Rule::Public) && status != 403 && status != 401);
                if server_error || (got != want && !tolerated) {
                    wrong.push(format!(
                        "{:6} {:55} {:15} expected {:?}, got {status} {location}",
                        row.method, row.path, who.role, want
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells disagree with the access table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test]
async fn the_access_table_has_a_row_for_every_operation_in_the_openapi_document() {
    let app = spawn_app_with_demo().await;
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let tabled: BTreeSet<(String, String)> = API
        .iter()
        .map(|row| (row.method.to_owned(), row.path.to_owned()))
        .collect();
    let missing: Vec<_> = documented.difference(&tabled).collect();
    let stale: Vec<_> = tabled.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "operations without a row in access_table_rows.rs: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for operations the document no longer has: {stale:?}"
    );
}

#[tokio::test]
async fn every_page_route_in_the_table_exists() {
    // A row for a route the router lacks would pass as "not found" for the roles that should not
    // see it; a page that answers 404 to an admin is a stale row.
    let app = spawn_app_with_demo().await;
    let mut ids = fixtures(&app.db).await;
    let admin = caller(&app, "admin").await;
    let batch = preview_import(&app, &admin).await;
    ids.insert("imports", batch.clone());
    ids.insert("import", batch);
    let mut stale = Vec::new();
    for row in PAGES.iter().filter(|row| row.method == "GET") {
        let path = concrete(row.path, &ids);
        let (status, _) = send(&app, &admin, row, &path, true).await;
        if status == 404
            && !path.contains("not-a-real-token")
            && !path.ends_with("/cv")
            // A material's file, like a CV, is uploaded only by the access table itself.
            && !path.ends_with("/file")
            && !path.starts_with("/jobs/")
        {
            stale.push(format!("{} {}", row.method, row.path));
        }
    }
    assert!(
        stale.is_empty(),
        "page rows the router does not serve: {stale:?}"
    );
}
