//! Replies come back, against real servers: the app emails a candidate through the SMTP sink,
//! the candidate's reply is filed into dovecot, and a poll attaches it to the card — once, however
//! often and by however many instances it is polled; a mailbox that is down is an error on the
//! settings, never a stopped app, and loses nothing once it is back. The settings themselves
//! (the password, bad input, TLS) are in mailbox_settings.rs.

use hireloop::entities::{application_event, inbound_email};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, call, open_position, spawn_app, spawn_app_with_smtp, start, test_config,
};
use crate::imap::{self, Dovecot};
use crate::smtp::SmtpSink;

/// The mailbox set to `server`, switched on.
pub(crate) async fn set_mailbox(app: &TestApp, admin: &str, server: &Dovecot) -> Value {
    let (status, body) = call(
        app,
        Method::PUT,
        "/settings/mailbox",
        admin,
        json!({"host": "127.0.0.1", "port": server.port, "tls": "none", "user": imap::USER,
               "password": imap::PASSWORD, "folder": "INBOX", "enabled": true}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

pub(crate) async fn poll(app: &TestApp, admin: &str) -> Value {
    let (status, body) = call(
        app,
        Method::POST,
        "/settings/mailbox/poll",
        admin,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// A person on a position's long-list; returns (candidate id, application id).
async fn candidate(app: &TestApp, token: &str, email: &str) -> (i64, i64) {
    let position = open_position(app, token, "Аккаунт-менеджер").await;
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": email}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    (
        person["id"].as_i64().unwrap(),
        application["id"].as_i64().unwrap(),
    )
}

async fn emails(app: &TestApp, token: &str, candidate: i64) -> Vec<Value> {
    let (status, body) = call(
        app,
        Method::GET,
        &format!("/candidates/{candidate}/emails"),
        token,
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["items"].as_array().unwrap().clone()
}

fn received(items: &[Value]) -> Vec<&Value> {
    items.iter().filter(|i| i["direction"] == "in").collect()
}

async fn stored(app: &TestApp) -> u64 {
    inbound_email::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_reply_to_the_apps_email_reaches_the_card_once_however_often_it_is_polled() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let recruiter = app.token_for("recruiter").await;
    let admin = app.token_for("admin").await;
    let (person, application) = candidate(&app, &recruiter, "anna@mail.test").await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/reject"),
        &recruiter,
        json!({"reason": "skills_gap"}),
    )
    .await;
    assert_eq!(status, 200);
    let sent = smtp.wait_for(1).await;
    let sent = mail_parser::MessageParser::default()
        .parse(&sent[0])
        .unwrap();
    let thread = format!("<{}>", sent.message_id().unwrap());

    let server = Dovecot::start().await;
    set_mailbox(&app, &admin, &server).await;
    // From another address of hers: only the thread says whose reply it is.
    let text = "Спасибо за ответ! Если появится другая вакансия — напишите, пожалуйста.";
    server
        .deliver(&imap::reply(
            "anna.home@other.test",
            "<reply-1@other.test>",
            Some(&thread),
            "Re: ответ на ваш отклик",
            text,
        ))
        .await;

    let first = poll(&app, &admin).await;
    assert_eq!(first["imported"], 1, "{first}");
    assert_eq!(first["attached"], 1, "{first}");
    assert!(first["error"].is_null(), "{first}");
    let again = poll(&app, &admin).await;
    assert_eq!(again["imported"], 0, "polled twice, imported once: {again}");
    assert_eq!(stored(&app).await, 1);

    let items = emails(&app, &recruiter, person).await;
    let replies = received(&items);
    assert_eq!(replies.len(), 1, "{items:?}");
    assert_eq!(replies[0]["subject"], "Re: ответ на ваш отклик");
    assert_eq!(replies[0]["from"], "anna.home@other.test");
    assert!(
        items
            .iter()
            .any(|i| i["direction"] == "out" && i["status"] == "sent"),
        "the rejection is in the log too: {items:?}"
    );
    let kept = inbound_email::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.application_id, Some(application as i32));
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(application as i32))
        .filter(application_event::Column::Kind.eq("email_in"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(events, 1, "the reply hook ran once");
    // The recruiter who owns the position hears of it, once.
    let (_, told) = call(&app, Method::GET, "/notifications", &recruiter, json!({})).await;
    let heard: Vec<&serde_json::Value> = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "reply_received")
        .collect();
    assert_eq!(heard.len(), 1, "{told}");
    assert_eq!(heard[0]["url"], format!("/candidates/{person}"));
    assert!(
        heard[0]["text"]
            .as_str()
            .unwrap()
            .contains("Re: ответ на ваш отклик")
    );

    app.login_as("recruiter").await;
    let card = app
        .get(&format!("/candidates/{person}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("Re: ответ на ваш отклик"));
    assert!(
        card.contains("Спасибо за ответ!"),
        "the text opens on the card"
    );
}

#[tokio::test]
async fn two_instances_polling_at_once_import_a_message_once() {
    let app = spawn_app().await;
    let (second, _stop) = start(test_config(app.database_url.clone(), false)).await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let (person, _) = candidate(&app, &recruiter, "boris@mail.test").await;
    let server = Dovecot::start().await;
    set_mailbox(&app, &admin, &server).await;
    for n in 0..3 {
        server
            .deliver(&imap::reply(
                "boris@mail.test",
                &format!("<twice-{n}@mail.test>"),
                None,
                &format!("Вопрос {n}"),
                "Когда будет собеседование?",
            ))
            .await;
    }
    let at_second = async {
        let response = crate::helpers::client()
            .post(format!("{second}/api/v1/settings/mailbox/poll"))
            .bearer_auth(&admin)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json::<Value>().await.unwrap()
    };
    let (one, two) = tokio::join!(poll(&app, &admin), at_second);
    assert_eq!(
        one["imported"].as_i64().unwrap() + two["imported"].as_i64().unwrap(),
        3,
        "{one} {two}"
    );
    assert_eq!(stored(&app).await, 3);
    assert_eq!(received(&emails(&app, &recruiter, person).await).len(), 3);
}

#[tokio::test]
async fn a_mailbox_that_is_down_is_an_error_on_its_page_and_loses_nothing_once_back() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let (person, _) = candidate(&app, &recruiter, "vera@mail.test").await;
    let mut server = Dovecot::start().await;
    set_mailbox(&app, &admin, &server).await;
    server
        .deliver(&imap::reply(
            "vera@mail.test",
            "<while-down@mail.test>",
            None,
            "Резюме",
            "Прикладываю резюме.",
        ))
        .await;
    server.down().await;

    let failed = poll(&app, &admin).await;
    assert_eq!(failed["imported"], 0);
    let error = failed["error"]
        .as_str()
        .expect("the error is reported")
        .to_owned();
    assert!(!error.contains(imap::PASSWORD));
    let (_, settings) = call(&app, Method::GET, "/settings/mailbox", &admin, Value::Null).await;
    assert_eq!(settings["last_error"], error.as_str());
    assert!(settings["last_poll_at"].is_string());
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "the app still answers"
    );
    app.login_as("admin").await;
    let page = app.get("/admin/mailbox").await.text().await.unwrap();
    let shown = error.split(':').next().unwrap();
    assert!(
        page.contains(shown),
        "the error is on the settings page: {shown}"
    );

    server.up().await;
    let back = poll(&app, &admin).await;
    assert_eq!(back["imported"], 1, "{back}");
    assert!(back["error"].is_null());
    let (_, settings) = call(&app, Method::GET, "/settings/mailbox", &admin, Value::Null).await;
    assert!(settings["last_error"].is_null(), "{settings}");
    assert_eq!(received(&emails(&app, &recruiter, person).await).len(), 1);
}

#[tokio::test]
async fn a_reply_is_matched_by_its_sender_and_unknown_mail_is_kept_unattached() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let recruiter = app.token_for("recruiter").await;
    let (person, application) = candidate(&app, &recruiter, "gleb@mail.test").await;
    let server = Dovecot::start().await;
    set_mailbox(&app, &admin, &server).await;
    server
        .deliver(&imap::reply(
            "Gleb@Mail.test",
            "<by-address@mail.test>",
            None,
            "Мой ответ",
            "Готов выйти через две недели.",
        ))
        .await;
    server
        .deliver(&imap::reply(
            "stranger@spam.test",
            "<stranger@spam.test>",
            Some("<not-ours@elsewhere.test>"),
            "Предложение о сотрудничестве",
            "Купите рекламу.",
        ))
        .await;
    let done = poll(&app, &admin).await;
    assert_eq!(done["imported"], 2, "{done}");
    assert_eq!(done["attached"], 1, "{done}");

    let replies = emails(&app, &recruiter, person).await;
    let replies = received(&replies);
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["subject"], "Мой ответ");
    let unattached = inbound_email::Entity::find()
        .filter(inbound_email::Column::CandidateId.is_null())
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(unattached.len(), 1, "unmatched mail is kept");
    assert_eq!(unattached[0].from_address, "stranger@spam.test");
    let mine = inbound_email::Entity::find()
        .filter(inbound_email::Column::CandidateId.eq(person as i32))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mine.application_id, Some(application as i32));
}
