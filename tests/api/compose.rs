//! Email from the candidate card: templates with variables, a preview that changes nothing,
//! sending through the outbox into the card's email log, and who may do it.

use hireloop::entities::outbox_message;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, open_position, spawn_app};

/// A person with `email` (none when empty), on one position per title; returns the candidate
/// id and the application ids.
async fn candidate(
    app: &TestApp,
    token: &str,
    name: &str,
    email: &str,
    titles: &[&str],
) -> (i64, Vec<i64>) {
    let mut person = json!({"full_name": name});
    if !email.is_empty() {
        person["email"] = json!(email);
    }
    let (status, person) = call(app, Method::POST, "/candidates", token, person).await;
    assert_eq!(status, 201, "{person}");
    let mut applications = Vec::new();
    for title in titles {
        let position = open_position(app, token, title).await;
        let (status, application) = call(
            app,
            Method::POST,
            "/applications",
            token,
            json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
        )
        .await;
        assert_eq!(status, 201, "{application}");
        applications.push(application["id"].as_i64().unwrap());
    }
    (person["id"].as_i64().unwrap(), applications)
}

async fn messages(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("candidate_message"))
        .all(&app.db)
        .await
        .unwrap()
}

async fn send(app: &TestApp, token: &str, id: i64, body: Value) -> (u16, Value) {
    call(
        app,
        Method::POST,
        &format!("/candidates/{id}/emails"),
        token,
        body,
    )
    .await
}

#[tokio::test]
async fn an_email_from_a_template_is_queued_filled_in_and_listed_on_the_card() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, applications) = candidate(
        &app,
        &recruiter,
        "Анна <Петрова>",
        "anna@mail.test",
        &["Аккаунт-менеджер"],
    )
    .await;
    let (status, template) = call(
        &app,
        Method::POST,
        "/email-templates",
        &recruiter,
        json!({"name": "Созвон", "lang": "ru",
               "subject": "{{ position.title }} в {{ agency.name }}",
               "body": "Здравствуйте, {{ candidate.first_name }}!\n\nЭто {{ candidate.full_name }}?\n\n{{ recruiter.name }}"}),
    )
    .await;
    assert_eq!(status, 201, "{template}");
    let (status, listed) = call(
        &app,
        Method::GET,
        "/email-templates?lang=ru",
        &recruiter,
        json!(null),
    )
    .await;
    assert_eq!(status, 200);
    let items = listed["items"].as_array().unwrap();
    assert!(items.iter().any(|t| t["id"] == template["id"]));
    assert!(items.iter().all(|t| t["lang"] == "ru"), "only Russian ones");
    assert!(items.len() >= 4, "the seeded ones are there too: {listed}");

    let (status, queued) = send(&app, &recruiter, id, json!({"template_id": template["id"]})).await;
    assert_eq!(status, 202, "{queued}");
    assert_eq!(queued["status"], "queued");

    let sent = messages(&app).await;
    assert_eq!(sent.len(), 1);
    let message = &sent[0];
    assert_eq!(queued["id"], json!(message.id));
    assert_eq!(message.to_email, "anna@mail.test");
    assert_eq!(message.subject, "Аккаунт-менеджер в Orbita hiring");
    assert_eq!(message.application_id, Some(applications[0] as i32));
    assert_eq!(message.lang, "ru");
    assert!(
        message.body_text.starts_with("Здравствуйте, Анна!"),
        "{}",
        message.body_text
    );
    assert!(
        message.body_text.contains("Это Анна <Петрова>?"),
        "plain text: {}",
        message.body_text
    );
    assert!(
        message.body_text.contains("Test recruiter"),
        "{}",
        message.body_text
    );
    assert!(
        message.body_html.contains("Это Анна &lt;Петрова&gt;?"),
        "the HTML part escapes what it fills in: {}",
        message.body_html
    );
    assert!(!message.body_html.contains("<Петрова>"));
    assert!(
        message.message_id.starts_with('<'),
        "replies can find it by Message-ID"
    );

    let (status, log) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}/emails"),
        &recruiter,
        json!(null),
    )
    .await;
    assert_eq!(status, 200);
    let item = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == queued["id"] && e["direction"] == "out")
        .unwrap_or_else(|| panic!("not in the card's log: {log}"));
    assert_eq!(item["subject"], "Аккаунт-менеджер в Orbita hiring");
    assert_eq!(item["to"], "anna@mail.test");
}

#[tokio::test]
async fn an_unknown_variable_is_refused_by_name_on_save_and_on_send() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/email-templates",
        &recruiter,
        json!({"name": "Плохой", "lang": "ru", "subject": "Привет",
               "body": "Здравствуйте, {{ candidate.nickname }}!"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("candidate.nickname"), "{body}");
    let (_, listed) = call(
        &app,
        Method::GET,
        "/email-templates",
        &recruiter,
        json!(null),
    )
    .await;
    assert!(!listed.to_string().contains("Плохой"), "nothing was saved");

    // A template that does not parse is refused too, naming the field.
    let (status, body) = call(
        &app,
        Method::POST,
        "/email-templates",
        &recruiter,
        json!({"name": "Сломанный", "lang": "en", "subject": "Hi {{ candidate.first_name", "body": "x"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("subject"), "{body}");

    // Editing a good template into a bad one is refused the same way.
    let (_, listed) = call(
        &app,
        Method::GET,
        "/email-templates?lang=en",
        &recruiter,
        json!(null),
    )
    .await;
    let seeded = &listed["items"][0];
    let (status, body) = call(
        &app,
        Method::PUT,
        &format!("/email-templates/{}", seeded["id"]),
        &recruiter,
        json!({"name": seeded["name"], "lang": "en", "subject": "{{ salary }}", "body": "x"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("salary"), "{body}");

    let (id, _) = candidate(
        &app,
        &recruiter,
        "Анна Петрова",
        "anna@mail.test",
        &["Аккаунт-менеджер"],
    )
    .await;
    let (status, body) = send(
        &app,
        &recruiter,
        id,
        json!({"subject": "Привет", "body": "Ваша зарплата: {{ candidate.salary }}"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("candidate.salary"), "{body}");
    assert!(messages(&app).await.is_empty(), "nothing was queued");
}

#[tokio::test]
async fn the_position_needs_an_application_when_there_are_several() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, applications) = candidate(
        &app,
        &recruiter,
        "Анна Петрова",
        "anna@mail.test",
        &["Аккаунт-менеджер", "Руководитель группы"],
    )
    .await;
    let request = json!({"subject": "{{ position.title }}", "body": "Здравствуйте!"});
    let (status, body) = send(&app, &recruiter, id, request.clone()).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("application_id"), "{body}");

    let mut chosen = request;
    chosen["application_id"] = json!(applications[1]);
    let (status, body) = send(&app, &recruiter, id, chosen).await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(messages(&app).await[0].subject, "Руководитель группы");

    // Someone else's application is not a choice.
    let (other, other_applications) = candidate(
        &app,
        &recruiter,
        "Олег Смирнов",
        "oleg@mail.test",
        &["Стажёр"],
    )
    .await;
    assert_ne!(other, id);
    let (status, body) = send(
        &app,
        &recruiter,
        id,
        json!({"subject": "x", "body": "y", "application_id": other_applications[0]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn a_candidate_without_an_address_or_erased_cannot_be_written_to() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (silent, _) = candidate(&app, &recruiter, "Без Почты", "", &[]).await;
    let (status, body) = send(
        &app,
        &recruiter,
        silent,
        json!({"subject": "a", "body": "b"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{body}"
    );

    let (erased, _) = candidate(&app, &recruiter, "Анна Петрова", "anna@mail.test", &[]).await;
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/candidates/{erased}"),
        &recruiter,
        json!({}),
    )
    .await;
    assert!(status == 200 || status == 204);
    let (status, body) = send(
        &app,
        &recruiter,
        erased,
        json!({"subject": "a", "body": "b"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(messages(&app).await.is_empty());
    assert_eq!(
        send(
            &app,
            &recruiter,
            999_999,
            json!({"subject": "a", "body": "b"})
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn the_preview_shows_the_email_and_changes_nothing_then_send_queues_it() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, _) = candidate(
        &app,
        &recruiter,
        "Анна Петрова",
        "anna@mail.test",
        &["Аккаунт-менеджер"],
    )
    .await;
    app.login_as("recruiter").await;

    let card = app
        .get(&format!("/candidates/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        card.contains(&format!("/candidates/{id}/email/new")),
        "the card links to the compose page"
    );
    let page = app.get(&format!("/candidates/{id}/email/new")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Приглашение на созвон"),
        "the Russian templates are offered"
    );

    // Picking a template fills the form with its text.
    let (_, listed) = call(
        &app,
        Method::GET,
        "/email-templates?lang=ru",
        &recruiter,
        json!(null),
    )
    .await;
    let template = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Приглашение на созвон")
        .unwrap()
        .clone();
    let html = app
        .get(&format!(
            "/candidates/{id}/email/new?template={}",
            template["id"]
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("{{ candidate.first_name }}"),
        "the template's text, to edit"
    );

    let before = outbox_message::Entity::find().count(&app.db).await.unwrap();
    let fields = [
        ("subject", "Встреча в {{ agency.name }}"),
        (
            "body",
            "Здравствуйте, {{ candidate.first_name }}!\n\nЖдём вас на {{ position.title }}.",
        ),
        ("step", "preview"),
    ];
    let preview = app
        .post_form(&format!("/candidates/{id}/email"), &fields)
        .await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.unwrap();
    assert!(
        html.contains("Встреча в Orbita hiring"),
        "the subject filled in"
    );
    assert!(html.contains("Здравствуйте, Анна!"), "the text filled in");
    assert!(html.contains("Ждём вас на Аккаунт-менеджер."), "{html}");
    assert!(
        html.contains("{{ candidate.first_name }}"),
        "the form keeps the text as typed"
    );
    assert_eq!(
        outbox_message::Entity::find().count(&app.db).await.unwrap(),
        before,
        "a preview sends nothing"
    );

    // A mistake is shown beside the field with what was typed.
    let bad = [
        ("subject", "Ωтема-1"),
        ("body", "Здравствуйте, {{ candidate.nick }}!"),
        ("step", "preview"),
    ];
    let refused = app
        .post_form(&format!("/candidates/{id}/email"), &bad)
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Ωтема-1") && html.contains("candidate.nick"),
        "{html}"
    );

    let mut send_fields = fields.to_vec();
    send_fields[2] = ("step", "send");
    let sent = app
        .post_form(&format!("/candidates/{id}/email"), &send_fields)
        .await;
    assert_eq!(sent.status(), 303);
    let queued = messages(&app).await;
    assert_eq!(queued.len(), 1);
    assert!(
        queued[0]
            .body_text
            .contains("Ждём вас на Аккаунт-менеджер.")
    );
    let card = app
        .get(&format!("/candidates/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        card.contains("Встреча в Orbita hiring"),
        "the card's email section lists it"
    );
}

#[tokio::test]
async fn templates_are_kept_on_their_page_and_deleting_one_asks_first() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let created = app
        .post_form(
            "/email-templates",
            &[
                ("name", "Напоминание"),
                ("lang", "ru"),
                ("subject", "Напоминание"),
                ("body", "Здравствуйте, {{ candidate.first_name }}!"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let found = hireloop::entities::email_template::Entity::find()
        .filter(hireloop::entities::email_template::Column::Name.eq("Напоминание"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let edit = app.get(&format!("/email-templates/{}", found.id)).await;
    assert_eq!(edit.status(), 200);

    let asked = app
        .post_form(&format!("/email-templates/{}/delete", found.id), &[])
        .await;
    assert_eq!(asked.status(), 200);
    assert!(
        asked.text().await.unwrap().contains("confirmed"),
        "a confirmation page"
    );
    assert!(
        app.get("/email-templates")
            .await
            .text()
            .await
            .unwrap()
            .contains("Напоминание"),
        "still there"
    );

    let deleted = app
        .post_form(
            &format!("/email-templates/{}/delete", found.id),
            &[("confirmed", "1")],
        )
        .await;
    assert_eq!(deleted.status(), 303);
    assert!(
        !app.get("/email-templates")
            .await
            .text()
            .await
            .unwrap()
            .contains("Напоминание")
    );
    assert_eq!(
        app.get(&format!("/email-templates/{}", found.id))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn interviewers_and_mentors_may_not_write_to_candidates_or_see_templates() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, _) = candidate(&app, &recruiter, "Анна Петрова", "anna@mail.test", &[]).await;
    for role in ["interviewer", "mentor"] {
        let token = app.token_for(role).await;
        let (status, _) = call(&app, Method::GET, "/email-templates", &token, json!(null)).await;
        assert_eq!(status, 403, "{role} lists templates");
        let (status, _) = call(
            &app,
            Method::POST,
            "/email-templates",
            &token,
            json!({"name": "a", "lang": "ru", "subject": "b", "body": "c"}),
        )
        .await;
        assert_eq!(status, 403, "{role} adds a template");
        let (status, _) = send(&app, &token, id, json!({"subject": "a", "body": "b"})).await;
        assert_eq!(status, 403, "{role} sends");
        app.post_form("/logout", &[]).await;
        app.login_as(role).await;
        assert_eq!(app.get("/email-templates").await.status(), 403, "{role}");
        assert_eq!(
            app.get(&format!("/candidates/{id}/email/new"))
                .await
                .status(),
            403,
            "{role}"
        );
        let posted = app
            .post_form(
                &format!("/candidates/{id}/email"),
                &[("subject", "a"), ("body", "b"), ("step", "send")],
            )
            .await;
        assert_eq!(posted.status(), 403, "{role}");
    }
    assert!(messages(&app).await.is_empty());
}
