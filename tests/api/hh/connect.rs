//! Connecting hh.ru: the OAuth round trip through a browser session against the fake hh, the
//! `state` that ties the callback to the admin's own connect, tokens sealed and never shown,
//! a refresh when hh says the access token has expired (one refresh across two instances),
//! and "reconnect" for admins when hh refuses the refresh.

use hireloop::entities::{hh_connection, notification};
use hireloop::secrets::SecretKey;
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use super::fake::FakeHh;
use super::support::{self, callback, configure, connected};
use crate::helpers::{location, spawn_app, start, test_config};

/// Token requests that spent a refresh token.
fn refreshes(fake: &FakeHh) -> usize {
    fake.requests_to("/token")
        .iter()
        .filter(|r| r.form_field("grant_type").as_deref() == Some("refresh_token"))
        .count()
}

async fn row(db: &sea_orm::DatabaseConnection) -> hh_connection::Model {
    hh_connection::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .expect("the connection row")
}

/// The access token as stored, opened with the tests' key.
fn opened(sealed: &Option<String>) -> String {
    SecretKey::from_bytes([42; 32])
        .open(sealed.as_deref().expect("a sealed token"))
        .unwrap()
        .expose()
        .to_owned()
}

#[tokio::test]
async fn an_admin_connects_and_sees_the_employer_and_manager_but_never_a_token() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let stored = row(&hh.app.db).await;
    let access = opened(&stored.access_token_sealed);
    assert!(
        !stored
            .access_token_sealed
            .as_deref()
            .unwrap()
            .contains(&access)
    );

    let view: Value = hh
        .app
        .api(Method::GET, "/integrations/hh", &hh.admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["connected"], true);
    assert_eq!(view["employer"]["id"], fake.employer_id());
    assert!(
        view["manager"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    assert_eq!(view["client_secret_saved"], true);
    let text = view.to_string();
    assert!(!text.contains(&access) && !text.contains(support::CLIENT_SECRET));

    let employer = view["employer"]["name"]
        .as_str()
        .expect("the employer's name")
        .to_owned();
    let page = hh.app.get("/admin/hh").await.text().await.unwrap();
    assert!(page.contains(&employer), "the employer is named");
    assert!(!page.contains(&access) && !page.contains(support::CLIENT_SECRET));

    // Every call the app made to hh carried the user agent hh requires.
    // (The authorize page is the browser's visit, not the app's call.)
    let calls: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| !r.path.starts_with("/oauth/"))
        .collect();
    assert!(calls.len() >= 2, "the token exchange and /me at least");
    assert!(calls.iter().all(|r| {
        r.header("hh-user-agent")
            .is_some_and(|ua| ua.starts_with("Hireloop/"))
    }));
}

#[tokio::test]
async fn a_callback_whose_state_is_not_the_one_started_stores_nothing() {
    let fake = FakeHh::start().await;
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    app.login_as("admin").await;
    configure(&app, &admin, &fake).await;
    let start = app.get("/integrations/hh/connect").await;
    let authorize = url::Url::parse(&location(&start)).unwrap();
    let redirect = authorize
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let code = fake.issue_code(&redirect);

    let forged = callback(&app, &format!("{redirect}?code={code}&state=forged-state")).await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    let body = forged.text().await.unwrap();
    assert!(body.contains("hh.ru"), "the page says what happened");
    assert!(
        row(&app.db).await.access_token_sealed.is_none(),
        "nothing stored"
    );
    assert_eq!(
        fake.hits("POST", "/token"),
        0,
        "the code was never exchanged"
    );
}

#[tokio::test]
async fn a_callback_used_twice_is_refused_the_second_time() {
    let fake = FakeHh::start().await;
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    app.login_as("admin").await;
    configure(&app, &admin, &fake).await;
    let start = app.get("/integrations/hh/connect").await;
    let at_hh = crate::helpers::client()
        .get(location(&start))
        .send()
        .await
        .unwrap();
    let back = location(&at_hh);
    assert!(callback(&app, &back).await.status().is_redirection());
    assert_eq!(
        callback(&app, &back).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once_and_the_call_retried() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let before = opened(&row(&hh.app.db).await.access_token_sealed);
    fake.expire_access_token();

    let checked = hh
        .app
        .api(Method::POST, "/integrations/hh/check", &hh.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(
        checked.status(),
        StatusCode::OK,
        "{}",
        checked.text().await.unwrap()
    );
    let after = row(&hh.app.db).await;
    assert_ne!(
        opened(&after.access_token_sealed),
        before,
        "new tokens stored"
    );
    assert!(!after.needs_reconnect);
    assert_eq!(refreshes(&fake), 1);
}

#[tokio::test]
async fn two_instances_meeting_an_expired_token_refresh_it_once() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (second, _stop) = start(test_config(hh.app.database_url.clone(), false)).await;
    fake.expire_access_token();
    let check = |base: String| {
        let token = hh.admin.clone();
        async move {
            crate::helpers::client()
                .post(format!("{base}/api/v1/integrations/hh/check"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let (one, two) = tokio::join!(check(hh.app.address.clone()), check(second));
    assert_eq!((one, two), (StatusCode::OK, StatusCode::OK));
    assert_eq!(
        refreshes(&fake),
        1,
        "the single-use refresh token was used once"
    );
    assert!(!row(&hh.app.db).await.needs_reconnect);
}

#[tokio::test]
async fn a_refused_refresh_asks_the_admins_to_reconnect() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    fake.revoke_tokens();
    fake.expire_access_token();

    let checked = hh
        .app
        .api(Method::POST, "/integrations/hh/check", &hh.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(checked.status(), StatusCode::CONFLICT);
    let problem: Value = checked.json().await.unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("hh.ru"));
    assert!(row(&hh.app.db).await.needs_reconnect);
    let told = || async {
        notification::Entity::find()
            .filter(notification::Column::Kind.eq("hh_reconnect"))
            .all(&hh.app.db)
            .await
            .unwrap()
            .len()
    };
    // connected() made two admins: one signed in, one with the token.
    assert_eq!(told().await, 2, "each admin is told");
    let again = hh
        .app
        .api(Method::POST, "/integrations/hh/check", &hh.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(told().await, 2, "and told once, not at every refused call");

    let page = hh.app.get("/admin/hh").await.text().await.unwrap();
    assert!(
        page.contains("/integrations/hh/connect"),
        "a reconnect button"
    );
    let view: Value = hh
        .app
        .api(Method::GET, "/integrations/hh", &hh.admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (view["connected"].clone(), view["needs_reconnect"].clone()),
        (Value::Bool(false), Value::Bool(true))
    );

    // Connecting again clears it.
    let back = support::connect_in_browser(&hh.app).await;
    assert!(back.status().is_redirection());
    assert!(!row(&hh.app.db).await.needs_reconnect);
}

#[tokio::test]
async fn settings_refuse_a_bad_address_and_keep_the_secret_write_only() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let refused = app
        .api(Method::PUT, "/integrations/hh", &admin)
        .json(
            &serde_json::json!({"client_id": "ABC", "client_secret": "s", "api_base": "not a url"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "api_base");
    assert!(
        hh_connection::Entity::find_by_id(1)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );

    let recruiter = app.token_for("recruiter").await;
    let forbidden = app
        .api(Method::GET, "/integrations/hh", &recruiter)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}
