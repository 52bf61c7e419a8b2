//! Sign-in throttling counts per account *and* client address: a stranger's wrong passwords
//! lock the stranger out, not the account's owner; the lock says when to try again
//! (`Retry-After`), and a password set through the reset email lifts it.

use hireloop::entities::{login_throttle, outbox_message};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::*;

const PASSWORD: &str = crate::helpers::PASSWORD;

async fn behind_a_proxy() -> TestApp {
    spawn_with(false, |config| config.trust_forwarded_for = true).await
}

/// Signs in through the login form from `address` (as the proxy reports it).
async fn login_from(app: &TestApp, address: &str, email: &str, password: &str) -> Response {
    let login = app.get("/login").await.text().await.unwrap();
    let token = csrf_in(&login).unwrap();
    app.client
        .post(app.url("/login"))
        .header("x-forwarded-for", address)
        .form(&[("email", email), ("password", password), ("_csrf", &token)])
        .send()
        .await
        .unwrap()
}

async fn token_from(app: &TestApp, address: &str, email: &str, password: &str) -> Response {
    app.client
        .post(app.url("/api/v1/tokens"))
        .header("x-forwarded-for", address)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

fn retry_after(response: &Response) -> i64 {
    response
        .headers()
        .get("retry-after")
        .expect("a Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another() {
    let app = behind_a_proxy().await;
    let email = app.add_user("recruiter").await;
    for _ in 0..4 {
        let refused = login_from(&app, "203.0.113.7", &email, "wrong password 1").await;
        assert_eq!(refused.status(), 422);
    }
    let locked = login_from(&app, "203.0.113.7", &email, "wrong password 1").await;
    assert_eq!(locked.status(), 429);
    assert_eq!(retry_after(&locked), 15 * 60);
    let html = locked.text().await.unwrap();
    assert!(html.contains("15 минут"), "it says when to try again");
    let still = login_from(&app, "203.0.113.7", &email, PASSWORD).await;
    assert_eq!(
        still.status(),
        429,
        "the right password from there waits too"
    );
    assert!((1..=900).contains(&retry_after(&still)));

    let owner = login_from(&app, "198.51.100.20", &email, PASSWORD).await;
    assert_eq!(
        owner.status(),
        303,
        "the owner signs in from their own address"
    );
}

#[tokio::test]
async fn the_token_endpoint_answers_429_with_retry_after_per_address() {
    let app = behind_a_proxy().await;
    let email = app.add_user("recruiter").await;
    for _ in 0..4 {
        let refused = token_from(&app, "203.0.113.7", &email, "wrong password 1").await;
        assert_eq!(refused.status(), 401);
    }
    let locked = token_from(&app, "203.0.113.7", &email, "wrong password 1").await;
    assert_eq!(locked.status(), 429);
    assert_eq!(retry_after(&locked), 15 * 60);
    let problem: Value = locked.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("15 minutes"),
        "{problem}"
    );
    let still = token_from(&app, "203.0.113.7", &email, PASSWORD).await;
    assert_eq!(still.status(), 429);
    assert!(still.headers().contains_key("retry-after"));
    let elsewhere = token_from(&app, "198.51.100.20", &email, PASSWORD).await;
    assert_eq!(elsewhere.status(), 201);
}

#[tokio::test]
async fn a_password_set_through_the_reset_email_lifts_the_lock() {
    let app = behind_a_proxy().await;
    let email = app.add_user("recruiter").await;
    for _ in 0..5 {
        login_from(&app, "203.0.113.7", &email, "wrong password 1").await;
    }
    assert_eq!(
        login_from(&app, "203.0.113.7", &email, PASSWORD)
            .await
            .status(),
        429
    );

    let asked = app
        .post_form("/password/forgot", &[("email", &email)])
        .await;
    assert_eq!(asked.status(), 200);
    let unknown = app
        .post_form("/password/forgot", &[("email", "nobody@agency.test")])
        .await;
    assert_eq!(
        unknown.status(),
        200,
        "the same answer for an unknown address"
    );
    let sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("password_reset"))
        .order_by_desc(outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1, "one email, to the real account");
    assert_eq!(sent[0].to_email, email);
    let body = &sent[0].body_text;
    let start = body.find("/password/reset/").expect("a reset link");
    let link = body[start..].split_whitespace().next().unwrap().to_owned();

    let form = app.get(&link).await;
    assert_eq!(form.status(), 200);
    let token = csrf_in(&form.text().await.unwrap()).unwrap();
    let new_password = "a brand new password";
    let set = app
        .client
        .post(app.url(&link))
        .form(&[
            ("password", new_password),
            ("confirm", new_password),
            ("_csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 303);
    assert_eq!(location(&set), "/login");
    assert_eq!(
        login_throttle::Entity::find().count(&app.db).await.unwrap(),
        0,
        "every lock on the account is gone"
    );
    let signed_in = login_from(&app, "203.0.113.7", &email, new_password).await;
    assert_eq!(
        signed_in.status(),
        303,
        "unlocked from the address that was locked"
    );
    assert_eq!(app.get(&link).await.status(), 404, "the link works once");
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_app_is_served_with_secure_cookies() {
    let secure = spawn_with(false, |config| config.secure_cookies = true).await;
    let response = secure.get("/login").await;
    let hsts = response
        .headers()
        .get("strict-transport-security")
        .expect("HSTS with secure cookies");
    assert!(hsts.to_str().unwrap().contains("max-age="));

    let plain = spawn_app().await;
    let response = plain.get("/login").await;
    assert!(
        !response.headers().contains_key("strict-transport-security"),
        "no HSTS over plain HTTP"
    );
}
