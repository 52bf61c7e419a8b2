//! What candidates receive: the acknowledgement, rejections (standard, edited, none), letters when a search closes, invitations.

use super::*;

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
    crate::helpers::hire_through_offer(&app, &token, hire, &crate::helpers::today()).await;
    assert_eq!(rejections(&app).await, 0, "an accepted offer closes nobody");
    call(
        &app,
        Method::POST,
        &format!("/applications/{hire}/start"),
        &token,
        json!({"started_on": crate::helpers::today()}),
    )
    .await;

    // Approvers and the hire had their letters; the warm candidate gets the polite one once
    // the closing's hold has passed.
    assert_eq!(release_held(&app).await, 1, "the closing letter was held");
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
    // The first post asks (who, and that the letter goes); nothing is sent yet.
    let response = app
        .post_form(&format!("/applications/{id}/reject"), &fields)
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("data-confirmation"));
    assert_eq!(outbox_count(&app).await, 0);
    fields.push(("confirmed", "1"));
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
                ("confirmed", "1"),
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
    // The letters wait the hold, so that the cancellation's emails can still be called back.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(smtp.messages().is_empty(), "held");
    assert_eq!(release_held(&app).await, 1);
    let raw = smtp.wait_for(1).await.remove(0);
    let letter = MessageParser::default().parse(&raw).unwrap();
    assert!(letter.body_text(0).unwrap().contains("called off"));
}
