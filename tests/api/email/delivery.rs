//! Delivery: retries while the server is down, giving up, rollback, the digest, the folder transport, several instances.

use super::*;

#[tokio::test]
async fn mail_queued_while_the_server_is_down_is_delivered_once_when_it_is_back() {
    let port = free_port();
    let app = spawn_app_with_smtp(port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let id = on_long_list(&app, &token, position, "anna@mail.test", "ru").await;
    call(
        &app,
        Method::POST,
        &format!("/applications/{id}/reject"),
        &token,
        json!({"reason": "skills_gap"}),
    )
    .await;

    // Nothing listens: attempts fail and are recorded, the message waits.
    let row = first_message_once(&app, |m| m.attempts >= 2 && m.status == "pending").await;
    assert!(row.last_error.as_deref().is_some_and(|e| !e.is_empty()));
    assert!(row.next_attempt_at > row.updated_at - chrono::Duration::seconds(1));

    let smtp = SmtpSink::start_on(port).await;
    let messages = smtp.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(smtp.messages().len(), 1, "delivered once");
    let sent = first_message_once(&app, |m| m.status == "sent").await;
    let parsed = MessageParser::default().parse(&messages[0]).unwrap();
    assert_eq!(
        parsed.message_id(),
        Some(sent.message_id.trim_matches(['<', '>']))
    );
}

#[tokio::test]
async fn a_message_that_keeps_failing_is_marked_failed_and_an_admin_can_retry_it() {
    let port = free_port();
    let app = spawn_app_with_smtp(port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let id = on_long_list(&app, &token, position, "anna@mail.test", "ru").await;
    call(
        &app,
        Method::POST,
        &format!("/applications/{id}/reject"),
        &token,
        json!({"reason": "skills_gap"}),
    )
    .await;
    let failed = first_message_once(&app, |m| m.status == "failed").await;
    assert_eq!(failed.attempts, 4, "gave up after the configured maximum");

    app.login_as("admin").await;
    let page = app
        .get("/admin/outbox?status=failed")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("«Аккаунт-менеджер»: ответ на ваш отклик"));
    assert!(
        page.contains(&format!("127.0.0.1:{port}")),
        "the transport is shown"
    );

    let smtp = SmtpSink::start_on(port).await;
    let row = outbox_message::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response = app
        .post_form(&format!("/admin/outbox/{}/retry", row.id), &[])
        .await;
    assert_eq!(response.status(), 303);
    smtp.wait_for(1).await;

    let response = app
        .post_form("/admin/outbox/test", &[("to", "admin@orbita.test")])
        .await;
    assert_eq!(response.status(), 303);
    let messages = smtp.wait_for(2).await;
    let test = MessageParser::default()
        .parse(addressed_to(&messages, "admin@orbita.test"))
        .unwrap();
    assert_eq!(test.subject(), Some("Hireloop: проверка почты"));

    // Recruiters see the outbox (to call back a mass action's emails), not its delivery.
    app.login_as("recruiter").await;
    let page = app.get("/admin/outbox").await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("ответ на ваш отклик"));
    assert!(!page.contains(&format!("127.0.0.1:{port}")), "no transport");
    let test = app
        .post_form("/admin/outbox/test", &[("to", "admin@orbita.test")])
        .await;
    assert_eq!(test.status(), 403);
}

#[tokio::test]
async fn a_rejection_whose_transaction_rolls_back_sends_nothing() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let id = on_long_list(&app, &token, position, "anna@mail.test", "ru").await;

    let composer = crate::helpers::composer();
    let txn = sea_orm::TransactionTrait::begin(&app.db).await.unwrap();
    let request = hireloop::recruitment::pipeline::MoveRequest {
        to: hireloop::domain::pipeline::Stage::Rejected,
        via: hireloop::domain::pipeline::Via::Reject,
        reason: Some("skills_gap".into()),
        note: None,
        date: None,
        notice: emails::Notice::Standard,
        talent_pool: None,
        override_coverage: false,
    };
    hireloop::recruitment::pipeline::advance_in(&txn, &composer, None, id as i32, request)
        .await
        .unwrap();
    // Something later in the same change fails: the whole change rolls back.
    txn.rollback().await.unwrap();

    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(smtp.messages().is_empty());
    assert_eq!(outbox_count(&app).await, 0);
    let (_, application) = call(
        &app,
        Method::GET,
        &format!("/applications/{id}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(application["stage"], "long_list");
}

#[tokio::test]
async fn recruiters_get_one_digest_a_day_of_the_follow_ups_due() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let id = on_long_list(&app, &token, position, "anna@mail.test", "ru").await;
    call(
        &app,
        Method::POST,
        &format!("/applications/{id}/contacts"),
        &token,
        json!({"next_contact_on": chrono::Utc::now().date_naive().to_string()}),
    )
    .await;
    let composer = crate::helpers::composer();
    let settings = worker::WorkerSettings {
        poll: std::time::Duration::from_millis(100),
        retry_base: std::time::Duration::from_millis(100),
        max_attempts: 3,
        digest_hour_utc: 0,
        base_url: "https://hire.orbita.test".into(),
    };
    let today = chrono::Utc::now().date_naive();
    let queued = worker::daily_digest(&app.db, &composer, &settings, today)
        .await
        .unwrap();
    assert_eq!(queued, 1, "one recruiter, one digest");
    let again = worker::daily_digest(&app.db, &composer, &settings, today)
        .await
        .unwrap();
    assert_eq!(again, 0, "once a day, across instances");
    let digest = outbox_message::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(digest.kind, "follow_up_digest");
    assert!(digest.body_text.contains("Анна Петрова"));
    assert!(
        digest
            .body_text
            .contains("https://hire.orbita.test/candidates/")
    );
    assert!(digest.subject.contains('1'));
}

#[tokio::test]
async fn without_smtp_mail_is_written_as_eml_files_and_the_admin_page_says_so() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/outbox").await.text().await.unwrap();
    assert!(
        page.contains("hireloop-outbox-"),
        "the folder is shown: {page}"
    );
    let response = app
        .post_form("/admin/outbox/test", &[("to", "admin@orbita.test")])
        .await;
    assert_eq!(response.status(), 303);
    let row = first_message_once(&app, |m| m.status == "sent").await;
    let show = app
        .get(&format!("/admin/outbox/{}", row.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(show.contains("Это проверочное письмо от Hireloop"));
    let html = app.get(&format!("/admin/outbox/{}/html", row.id)).await;
    assert!(
        html.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("sandbox")
    );
    let bad = app
        .post_form("/admin/outbox/test", &[("to", "not an address")])
        .await;
    assert_eq!(bad.status(), 422, "the form comes back");
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("value=\"not an address\"")
    );
    assert_eq!(outbox_count(&app).await, 1, "a bad address queues nothing");
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_message_exactly_once() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let mut config = crate::helpers::test_config(app.database_url.clone(), false);
    config.mail.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
    let _second = crate::helpers::start(config).await;
    let composer = crate::helpers::composer();
    for n in 0..12 {
        let email =
            emails::test_message(&composer, &format!("person{n}@mail.test"), Lang::En).unwrap();
        composer.queue(&app.db, None, email).await.unwrap();
    }
    let messages = smtp.wait_for(12).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(smtp.messages().len(), 12, "no message sent twice");
    let mut ids: Vec<String> = messages
        .iter()
        .map(|raw| {
            MessageParser::default()
                .parse(raw.as_slice())
                .unwrap()
                .message_id()
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12);
}
