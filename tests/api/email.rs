//! Email through the outbox, verified against a real SMTP server: what a candidate receives
//! when they apply and when they are rejected, calendar invitations, retries while the server
//! is down, nothing sent for a change that rolled back, the daily digest and the admin page.

use hireloop::entities::{candidate, outbox_message};
use hireloop::outbox::emails::{self, Invitation};
use hireloop::outbox::{ics, worker};
use hireloop::web::i18n::Lang;
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, spawn_app, spawn_app_with_smtp};
use crate::smtp::{SmtpSink, free_port};

/// An open position; returns its id and slug.
async fn open_position(app: &TestApp, token: &str) -> (i64, String) {
    let (_, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    (id, created["slug"].as_str().unwrap().to_owned())
}

/// A person on the position's long-list, added over the API.
async fn on_long_list(app: &TestApp, token: &str, position: i64, email: &str, lang: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": email, "lang": lang}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    application["id"].as_i64().unwrap()
}

/// The message among `messages` sent to `address` (a Maildir does not keep arrival order).
fn addressed_to<'a>(messages: &'a [Vec<u8>], address: &str) -> &'a [u8] {
    messages
        .iter()
        .find(|raw| {
            MessageParser::default()
                .parse(raw.as_slice())
                .and_then(|m| {
                    m.to()
                        .and_then(|to| to.first().and_then(|a| a.address().map(str::to_owned)))
                })
                .as_deref()
                == Some(address)
        })
        .unwrap_or_else(|| panic!("no message to {address}"))
}

/// Waits (up to 10 s) until the first queued message is as `ready` says.
async fn first_message_once(
    app: &TestApp,
    ready: impl Fn(&outbox_message::Model) -> bool,
) -> outbox_message::Model {
    for _ in 0..200 {
        let found = outbox_message::Entity::find().one(&app.db).await.unwrap();
        if let Some(message) = found.filter(|m| ready(m)) {
            return message;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the message never got there");
}

async fn rejections(app: &TestApp) -> usize {
    use sea_orm::{ColumnTrait, QueryFilter};
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("rejection"))
        .all(&app.db)
        .await
        .unwrap()
        .len()
}

async fn outbox_count(app: &TestApp) -> u64 {
    outbox_message::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn applying_on_the_job_page_sends_an_acknowledgement_in_the_applicants_language() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = open_position(&app, &token).await;

    let browser = client();
    let page = browser
        .get(app.url(&format!("/jobs/{slug}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    let marker = "?_csrf=";
    let start = html.find(marker).unwrap() + marker.len();
    let token_in_form = &html[start..start + html[start..].find('"').unwrap()];
    let form = reqwest::multipart::Form::new()
        .text("full_name", "Anna Petrova")
        .text("email", "anna@mail.test")
        .text("consent", "yes");
    let response = browser
        .post(app.url(&format!("/jobs/{slug}?_csrf={token_in_form}")))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let raw = smtp.wait_for(1).await.remove(0);
    let message = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        message.subject(),
        Some("We have your application: Аккаунт-менеджер")
    );
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some("anna@mail.test")
    );
    assert_eq!(
        message.from().unwrap().first().unwrap().address(),
        Some("jobs@orbita.test")
    );
    assert!(message.message_id().unwrap().ends_with("@orbita.test"));
    assert_eq!(
        message.header_raw("Content-Language").map(str::trim),
        Some("en")
    );
    assert!(message.body_text(0).unwrap().contains("Hello Anna Petrova"));
    assert!(
        message
            .body_html(0)
            .unwrap()
            .contains("<strong>Аккаунт-менеджер</strong>")
    );

    let person = candidate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.lang, "en");
    // The server has it; the worker marks it sent a moment later.
    let row = first_message_once(&app, |m| m.status == "sent").await;
    assert_eq!(row.attempts, 1);
}

#[tokio::test]
async fn a_rejection_sends_the_standard_letter_an_edited_one_or_none() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;

    let standard = on_long_list(&app, &token, position, "anna@mail.test", "ru").await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{standard}/reject"),
        &token,
        json!({"reason": "skills_gap", "talent_pool": true}),
    )
    .await;
    assert_eq!(status, 200);
    let raw = smtp.wait_for(1).await.remove(0);
    let letter = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        letter.subject(),
        Some("«Аккаунт-менеджер»: ответ на ваш отклик")
    );
    let text = letter.body_text(0).unwrap();
    assert!(text.contains("Здравствуйте, Анна Петрова!"));
    assert!(
        text.contains("кадровом резерве"),
        "the talent pool is mentioned: {text}"
    );
    assert!(letter.body_html(0).unwrap().contains("кадровом резерве"));

    let edited = on_long_list(&app, &token, position, "boris@mail.test", "en").await;
    let (status, _) = call(&app, Method::POST, &format!("/applications/{edited}/reject"), &token,
        json!({"reason": "skills_gap", "email": {"subject": "Our decision", "body": "Dear Boris,\n\nThank you <3."}})).await;
    assert_eq!(status, 200);
    let messages = smtp.wait_for(2).await;
    let raw = addressed_to(&messages, "boris@mail.test");
    let letter = MessageParser::default().parse(raw).unwrap();
    assert_eq!(letter.subject(), Some("Our decision"));
    assert_eq!(
        letter.body_text(0).unwrap().trim(),
        "Dear Boris,\n\nThank you <3."
    );
    assert!(
        letter
            .body_html(0)
            .unwrap()
            .contains("<p>Thank you &lt;3.</p>")
    );

    let silent = on_long_list(&app, &token, position, "vera@mail.test", "ru").await;
    call(
        &app,
        Method::POST,
        &format!("/applications/{silent}/reject"),
        &token,
        json!({"reason": "no_response", "notify": false}),
    )
    .await;
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{silent}/move"),
        &token,
        json!({"to": "long_list", "reason": "back"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        outbox_count(&app).await,
        2,
        "no letter for a silent rejection"
    );

    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{silent}/reject"),
        &token,
        json!({"reason": "skills_gap", "email": {"subject": " ", "body": ""}}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(outbox_count(&app).await, 2);
}

#[tokio::test]
async fn filling_a_position_closes_the_rest_of_the_search_with_a_polite_letter() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let hire = on_long_list(&app, &token, position, "hire@mail.test", "ru").await;
    on_long_list(&app, &token, position, "warm@mail.test", "en").await;
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        call(
            &app,
            Method::POST,
            &format!("/applications/{hire}/move"),
            &token,
            json!({"to": to}),
        )
        .await;
    }
    crate::helpers::hire_through_offer(&app, &token, hire, "2026-12-01").await;
    assert_eq!(rejections(&app).await, 0, "an accepted offer closes nobody");
    call(
        &app,
        Method::POST,
        &format!("/applications/{hire}/start"),
        &token,
        json!({"started_on": "2026-12-01"}),
    )
    .await;

    // Approvers and the hire had their letters; the warm candidate gets the polite one.
    let messages = smtp.wait_for(4).await;
    let letter = MessageParser::default()
        .parse(addressed_to(&messages, "warm@mail.test"))
        .unwrap();
    assert_eq!(
        letter.subject(),
        Some("Аккаунт-менеджер: about your application")
    );
    assert_eq!(rejections(&app).await, 1, "the hire gets no rejection");
}

#[tokio::test]
async fn an_interview_invitation_carries_a_calendar_file() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let composer = crate::helpers::composer();
    let starts_at = "2026-12-02T07:00:00Z".parse().unwrap();
    let calendar = ics::invitation(&ics::Meeting {
        uid: "interview-1@orbita.test",
        title: "Интервью: Аккаунт-менеджер",
        description: "Интервью по компетенциям",
        location: "Москва, офис, переговорная 3",
        starts_at,
        minutes: 60,
        organizer: ("Мария Лебедева", "recruiter@orbita.test"),
        attendees: vec![("Анна Петрова", "anna@mail.test")],
    });
    let email = emails::interview_invitation(
        &composer,
        ("Анна Петрова", "anna@mail.test"),
        Lang::Ru,
        &Invitation {
            name: "Анна Петрова",
            title: "Аккаунт-менеджер",
            what: "интервью по компетенциям",
            when: "2 декабря, 10:00",
            minutes: 60,
            place: "Москва, офис, переговорная 3",
            with_whom: "Игорь Новиков",
        },
        calendar,
        None,
    )
    .unwrap();
    composer.queue(&app.db, None, email).await.unwrap();

    let raw = smtp.wait_for(1).await.remove(0);
    let message = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        message.subject(),
        Some("Приглашение: интервью по компетенциям, 2 декабря, 10:00")
    );
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains("Где: Москва, офис, переговорная 3")
    );
    assert!(message.body_html(0).is_some());
    let invite = message
        .attachments()
        .find(|a| a.attachment_name() == Some("invite.ics"))
        .expect("an invite.ics attachment");
    let content_type = invite.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("text", Some("calendar"))
    );
    assert_eq!(content_type.attribute("method"), Some("REQUEST"));
    let calendar = String::from_utf8(invite.contents().to_vec()).unwrap();
    assert!(calendar.contains("BEGIN:VEVENT") && calendar.contains("DTSTART:20261202T070000Z"));
    assert!(calendar.contains("mailto:anna@mail.test"));
}

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

    app.login_as("recruiter").await;
    assert_eq!(app.get("/admin/outbox").await.status(), 403);
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
    assert_eq!(bad.status(), 303);
    assert_eq!(outbox_count(&app).await, 1, "a bad address queues nothing");
}

#[tokio::test]
async fn a_recruiter_reads_and_edits_the_rejection_letter_before_it_goes() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let id = on_long_list(&app, &token, position, "anna@mail.test", "ru").await;
    app.login_as("recruiter").await;

    let page = app
        .get(&format!("/applications/{id}/reject"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("«Аккаунт-менеджер»: ответ на ваш отклик"),
        "the standard subject"
    );
    assert!(
        page.contains("Здравствуйте, Анна Петрова!"),
        "the standard text, editable"
    );

    // No reason: the letter comes back as typed, nothing is sent or changed.
    let typed = [
        ("subject", "Спасибо за встречу"),
        ("body", "Анна, спасибо!\n\nМария"),
        ("notify", "1"),
    ];
    let response = app
        .post_form(&format!("/applications/{id}/reject"), &typed)
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Анна, спасибо!"));
    assert_eq!(outbox_count(&app).await, 0);

    let mut fields = typed.to_vec();
    fields.push(("reason", "culture_fit"));
    fields.push(("back", "/candidates"));
    let response = app
        .post_form(&format!("/applications/{id}/reject"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(crate::helpers::location(&response), "/candidates");
    let raw = smtp.wait_for(1).await.remove(0);
    let letter = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(letter.subject(), Some("Спасибо за встречу"));
    assert_eq!(
        letter.body_text(0).unwrap().trim().replace("\r\n", "\n"),
        "Анна, спасибо!\n\nМария"
    );

    // From the board, "do not email" rejects without a letter.
    let other = on_long_list(&app, &token, position, "boris@mail.test", "ru").await;
    let response = app
        .post_form(
            &format!("/applications/{other}/move"),
            &[
                ("to", "rejected"),
                ("reason", "skills_gap"),
                ("silent", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, body) = call(
        &app,
        Method::GET,
        &format!("/applications/{other}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(body["stage"], "rejected");
    assert_eq!(outbox_count(&app).await, 1);
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

#[tokio::test]
async fn cancelling_a_position_closes_its_search_and_tells_the_candidates_why() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let token = app.token_for("recruiter").await;
    let (position, _) = open_position(&app, &token).await;
    let id = on_long_list(&app, &token, position, "anna@mail.test", "en").await;
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/positions/{position}/cancel"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, application) = call(
        &app,
        Method::GET,
        &format!("/applications/{id}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(application["stage"], "rejected");
    assert_eq!(application["ended_reason"], "position_cancelled");
    assert_eq!(application["next_contact_on"], Value::Null);
    let raw = smtp.wait_for(1).await.remove(0);
    let letter = MessageParser::default().parse(&raw).unwrap();
    assert!(letter.body_text(0).unwrap().contains("called off"));
}
