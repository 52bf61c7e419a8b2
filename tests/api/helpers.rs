//! `spawn_app()`: the real app on a random port against a fresh database — a temporary SQLite
//! file, or a new PostgreSQL database when `TEST_DATABASE_URL` points at a server — and a
//! client with a cookie jar that does not follow redirects, so tests see them.

use hireloop::app::Application;
use hireloop::auth::model::{NewUser, create_token, create_user};
use hireloop::config::{Config, LoginPolicy, MailConfig};
use hireloop::web::i18n::Lang;
use reqwest::{Client, Response, redirect};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tokio::sync::oneshot;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub db: DatabaseConnection,
    pub database_url: String,
    /// The app's runner of background jobs, to submit work to as the app does.
    pub jobs: hireloop::jobs::Jobs,
    _shutdown: oneshot::Sender<()>,
    _dir: Option<tempfile::TempDir>,
}

pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

/// A fresh database URL: a new PostgreSQL database per test, or a temporary SQLite file.
async fn fresh_database() -> (String, Option<tempfile::TempDir>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            // CI names its run's databases with its own prefix so that it drops only those.
            let prefix = std::env::var("TEST_DATABASE_PREFIX")
                .unwrap_or_else(|_| "hireloop_test_".to_string());
            let name = format!("{prefix}{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&server)
                .await
                .expect("TEST_DATABASE_URL reachable");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.ok();
            let base = server
                .rsplit_once('/')
                .map(|(base, _)| base)
                .unwrap_or(&server);
            (format!("{base}/{name}"), None)
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            (url, Some(dir))
        }
    }
}

pub fn test_config(database_url: String, demo: bool) -> Config {
    let files =
        std::env::temp_dir().join(format!("hireloop-files-{}", uuid::Uuid::new_v4().simple()));
    Config {
        files_url: files.display().to_string(),
        job_applications_per_hour: 3,
        trust_forwarded_for: false,
        mail: MailConfig {
            outbox_dir: std::env::temp_dir()
                .join(format!("hireloop-outbox-{}", uuid::Uuid::new_v4().simple()))
                .display()
                .to_string(),
            from: "Orbita hiring <jobs@orbita.test>".into(),
            poll: std::time::Duration::from_millis(100),
            retry_base: std::time::Duration::from_millis(200),
            max_attempts: 4,
            // The digest is tested by calling it; the worker must not race the tests for it.
            digest_hour_utc: 24,
            // The hh round is tested by calling it; a day apart, it never races a test.
            hh_poll: std::time::Duration::from_secs(24 * 60 * 60),
            webhook_poll: std::time::Duration::from_millis(100),
            ..MailConfig::default()
        },
        database_url,
        addr: "127.0.0.1:0".parse().unwrap(),
        demo,
        secure_cookies: false,
        template_autoreload: false,
        // The real thresholds, with a short delay so the slowed path runs without slowing tests.
        login: LoginPolicy {
            delay_step_ms: 5,
            ..LoginPolicy::default()
        },
        // PostgreSQL refuses to start without a key; every instance of a test shares this one.
        secret_key: Some(hireloop::secrets::SecretKey::from_bytes([42; 32])),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_with(false, |_| {}).await
}

pub async fn spawn_app_with_demo() -> TestApp {
    spawn_with(true, |_| {}).await
}

/// The app sending its email to an SMTP server on loopback `port`.
pub async fn spawn_app_with_smtp(port: u16) -> TestApp {
    spawn_with(false, |config| {
        config.mail.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await
}

pub async fn spawn_with(demo: bool, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, dir) = fresh_database().await;
    let mut config = test_config(database_url.clone(), demo);
    adjust(&mut config);
    let (address, shutdown, jobs) = start_with_jobs(config).await;
    let db = hireloop::db::connect(&database_url).await.unwrap();
    TestApp {
        address,
        client: client(),
        db,
        database_url,
        jobs,
        _shutdown: shutdown,
        _dir: dir,
    }
}

/// Starts another instance on the same database, as a load balancer would run several.
pub async fn start(config: Config) -> (String, oneshot::Sender<()>) {
    let (address, shutdown, _) = start_with_jobs(config).await;
    (address, shutdown)
}

/// [`start`], also handing back the instance's runner of background jobs.
pub async fn start_with_jobs(
    config: Config,
) -> (String, oneshot::Sender<()>, hireloop::jobs::Jobs) {
    let app = Application::build(config).await.expect("the app starts");
    let address = format!("http://{}", app.local_addr());
    let jobs = app.state().jobs;
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async {
        let _ = rx.await;
    }));
    (address, tx, jobs)
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// The session's CSRF token, read from a page as a browser would.
    pub async fn csrf(&self) -> String {
        let mut response = self.get("/profile").await;
        if response.status().is_redirection() {
            response = self.get("/login").await;
        }
        csrf_in(&response.text().await.unwrap()).expect("a page with a form token")
    }

    /// Posts a form with the session's CSRF token added, as the browser's form would.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf().await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("_csrf", &token));
        self.client
            .post(self.url(path))
            .form(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn add_user(&self, role: &str) -> String {
        let email = format!("{role}-{}@agency.test", uuid::Uuid::new_v4().simple());
        let input = NewUser {
            email: email.clone(),
            name: format!("Test {role}"),
            role: role.into(),
            password: PASSWORD.into(),
            lang: Lang::Ru,
        };
        create_user(&self.db, None, input)
            .await
            .expect("user created");
        email
    }

    /// Signs this app's client in as a new user with `role`; returns their email.
    pub async fn login_as(&self, role: &str) -> String {
        let email = self.add_user(role).await;
        let response = self.login(&email, PASSWORD).await;
        assert_eq!(response.status(), 303, "login as {role} failed");
        email
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }

    /// A Bearer token for a new user with `role`.
    pub async fn token_for(&self, role: &str) -> String {
        let email = self.add_user(role).await;
        let user = hireloop::auth::model::normalize_email(&email);
        let id = user_id(&self.db, &user).await;
        create_token(&self.db, id, "test").await.unwrap().0
    }

    pub fn api(&self, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
    }
}

pub async fn user_id(db: &DatabaseConnection, email: &str) -> i32 {
    use hireloop::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub fn urlencode(text: &str) -> String {
    hireloop::web::errors::urlencode(text)
}

/// Today in the agency's time zone (Moscow), as the app decides what "today" is: offers may not
/// start before it and a start may not be recorded after it.
pub fn today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .to_string()
}

/// An open position for one middle account manager, made over the API: its id.
pub async fn open_position(app: &TestApp, token: &str, title: &str) -> i64 {
    let (status, created) = call(
        app,
        reqwest::Method::POST,
        "/positions",
        token,
        serde_json::json!({"title": title, "grade": "middle", "reports_to": "Account Director",
               "headcount": 1, "profile": {"company": "Орбита"}}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let path = format!("/positions/{id}/open");
    let (status, body) = call(
        app,
        reqwest::Method::POST,
        &path,
        token,
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    id
}

/// An API call with a JSON body: the status and the JSON answer (null when there is none).
pub async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let response = app
        .api(method, path, token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(serde_json::Value::Null);
    (status, body)
}

/// A composer like the app's, for tests that queue email through the library.
pub fn composer() -> hireloop::outbox::emails::Composer {
    hireloop::outbox::emails::Composer::new(
        std::sync::Arc::new(hireloop::web::templates::Templates::new(false)),
        "Orbita hiring <jobs@orbita.test>",
    )
    .unwrap()
}

/// Hires through the real offer flow: an offer at the bottom of the position's band, approved by
/// a hiring manager and the CEO, sent and accepted with `start_date`. Returns the application.
pub async fn hire_through_offer(
    app: &TestApp,
    recruiter: &str,
    application: i64,
    start_date: &str,
) -> serde_json::Value {
    use reqwest::Method;
    use serde_json::json;
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    let (_, current) = call(
        app,
        Method::GET,
        &format!("/applications/{application}"),
        recruiter,
        json!({}),
    )
    .await;
    let (_, position) = call(
        app,
        Method::GET,
        &format!("/positions/{}", current["position_id"]),
        recruiter,
        json!({}),
    )
    .await;
    let (_, grades) = call(app, Method::GET, "/grades", recruiter, json!({})).await;
    let band_min = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == position["grade"])
        .unwrap()["salary_min"]
        .clone();
    let (status, offer) = call(
        app,
        Method::POST,
        &format!("/applications/{application}/offers"),
        recruiter,
        json!({"salary": band_min, "start_date": start_date}),
    )
    .await;
    assert_eq!(status, 201, "{offer}");
    let id = offer["id"].as_i64().unwrap();
    for (token, step) in [
        (recruiter, "submit"),
        (&manager, "approve"),
        (&ceo, "approve"),
        (recruiter, "send"),
    ] {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/offers/{id}/{step}"),
            token,
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{step}: {body}");
    }
    let (status, body) = call(
        app,
        Method::POST,
        &format!("/offers/{id}/accept"),
        recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    call(
        app,
        Method::GET,
        &format!("/applications/{application}"),
        recruiter,
        json!({}),
    )
    .await
    .1
}
