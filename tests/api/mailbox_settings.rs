//! The agency mailbox's settings: the password sealed at rest and never shown again, bad input
//! refused naming its field, and TLS that trusts only certificates someone vouches for.

use hireloop::entities::mailbox_setting;
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{call, spawn_app};
use crate::imap::{self, Dovecot};
use crate::mailbox::{poll, set_mailbox};

#[tokio::test]
async fn the_mailbox_password_is_sealed_and_never_shown_again() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let server = Dovecot::start().await;
    let saved = set_mailbox(&app, &admin, &server).await;
    assert_eq!(saved["password_saved"], true);
    assert!(!saved.to_string().contains(imap::PASSWORD));
    let (_, shown) = call(&app, Method::GET, "/settings/mailbox", &admin, Value::Null).await;
    assert!(!shown.to_string().contains(imap::PASSWORD), "{shown}");
    assert!(shown.get("password").is_none());

    let row = mailbox_setting::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let sealed = row.password_sealed.unwrap();
    assert!(!sealed.contains(imap::PASSWORD), "sealed at rest");
    let key = hireloop::secrets::SecretKey::from_bytes([42; 32]);
    assert_eq!(key.open(&sealed).unwrap().expose(), imap::PASSWORD);

    // Saved again without a password: the stored one stays and still logs in.
    let (status, body) = call(
        &app,
        Method::PUT,
        "/settings/mailbox",
        &admin,
        json!({"host": "127.0.0.1", "port": server.port, "tls": "none", "user": imap::USER,
               "folder": "INBOX", "enabled": true}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(poll(&app, &admin).await["error"].is_null());

    app.login_as("admin").await;
    let page = app.get("/admin/mailbox").await.text().await.unwrap();
    assert!(!page.contains(imap::PASSWORD));
    assert!(page.contains(imap::USER));

    // A wrong password is an error in words, without the password typed.
    let (status, _) = call(
        &app,
        Method::PUT,
        "/settings/mailbox",
        &admin,
        json!({"host": "127.0.0.1", "port": server.port, "tls": "none", "user": imap::USER,
               "password": "Wrong-Guess-77", "folder": "INBOX", "enabled": true}),
    )
    .await;
    assert_eq!(status, 200);
    let refused = poll(&app, &admin).await;
    let error = refused["error"].as_str().unwrap();
    assert!(error.contains("login"), "{error}");
    assert!(!error.contains("Wrong-Guess-77"));
}

#[tokio::test]
async fn bad_mailbox_settings_are_422_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let good = json!({"host": "imap.agency.test", "port": 993, "tls": "tls", "user": "jobs",
                      "password": "x", "folder": "INBOX", "enabled": true});
    for (field, value) in [
        ("port", json!(70000)),
        ("port", json!("993a")),
        ("tls", json!("ssl")),
        ("host", json!("")),
        ("user", json!(" ")),
    ] {
        let mut body = good.clone();
        body[field] = value.clone();
        let (status, answer) = call(&app, Method::PUT, "/settings/mailbox", &admin, body).await;
        assert_eq!(status, 422, "{field}={value}: {answer}");
        assert_eq!(answer["errors"][0]["field"], field, "{answer}");
    }
    let mut no_password = good.clone();
    no_password.as_object_mut().unwrap().remove("password");
    let (status, answer) = call(&app, Method::PUT, "/settings/mailbox", &admin, no_password).await;
    assert_eq!(status, 422);
    assert_eq!(answer["errors"][0]["field"], "password");
    let (status, _) = call(
        &app,
        Method::POST,
        "/settings/mailbox/poll",
        &admin,
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "an unset mailbox is not polled");
    let recruiter = app.token_for("recruiter").await;
    let (status, _) = call(
        &app,
        Method::GET,
        "/settings/mailbox",
        &recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_server_whose_certificate_nobody_vouches_for_is_refused_over_tls_and_starttls() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let server = Dovecot::start_with_tls().await;
    for (tls, port) in [("tls", server.tls_port.unwrap()), ("starttls", server.port)] {
        let (status, body) = call(
            &app,
            Method::PUT,
            "/settings/mailbox",
            &admin,
            json!({"host": "127.0.0.1", "port": port, "tls": tls, "user": imap::USER,
                   "password": imap::PASSWORD, "folder": "INBOX", "enabled": true}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let refused = poll(&app, &admin).await;
        let error = refused["error"].as_str().unwrap_or_default();
        assert!(
            error.starts_with("TLS with 127.0.0.1 failed"),
            "{tls}: {refused}"
        );
        assert!(error.contains("certificate"), "{tls}: {error}");
    }
    assert!(
        !server.log().contains("Login: user="),
        "no login went out unencrypted"
    );
}
