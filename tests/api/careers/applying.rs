//! Applying in the page's language, and the candidate's language edited afterwards.

use super::*;

/// Opens the job page at `path` in a fresh browser and sends the application form with
/// `fields` (the form's own action, language included).
async fn apply_on(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let browser = client();
    let (status, html) = visit(&browser, app, path).await;
    assert_eq!(status, 200);
    let marker = "<form method=\"post\" action=\"/jobs/";
    let start = html.find(marker).expect("the application form") + marker.len() - "/jobs/".len();
    let action = unescape(&html[start..start + html[start..].find('"').unwrap()]);
    let form = fields.iter().fold(Form::new(), |form, (name, value)| {
        form.text(name.to_string(), value.to_string())
    });
    let response = browser
        .post(app.url(&action))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn confirmation_to(app: &TestApp, email: &str) -> outbox_message::Model {
    let mut found = outbox_message::Entity::find()
        .filter(outbox_message::Column::ToEmail.eq(email))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "one confirmation to {email}");
    found.remove(0)
}

#[tokio::test]
async fn applying_makes_a_candidate_in_the_page_s_language_and_confirms_in_it() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (id, slug) = open(&app, &token, "Аккаунт-менеджер").await;
    set(&app, id, position::Column::TitleEn, "Account manager").await;

    let english = [
        ("full_name", "Jane Doe"),
        ("email", "jane@mail.test"),
        ("phone", ""),
        ("consent", CONSENT_TEXT_VERSION),
    ];
    // Bad input first: the English page comes back in English with what was typed.
    let (status, html) = apply_on(&app, &format!("/jobs/{slug}?lang=en"), &english[..3]).await;
    assert_eq!(status, 422);
    assert!(html.contains("<html lang=\"en\">"), "still English");
    assert!(html.contains("value=\"Jane Doe\"") && html.contains("value=\"jane@mail.test\""));
    assert!(html.contains("id=\"e-consent\""));

    let (status, html) = apply_on(&app, &format!("/jobs/{slug}?lang=en"), &english).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("Account manager"),
        "thanked in English: {html}"
    );
    let jane = candidate::Entity::find()
        .filter(candidate::Column::Email.eq("jane@mail.test"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the applicant is a candidate");
    assert_eq!(jane.lang, "en");
    assert_eq!(jane.source.as_deref(), Some("job_page"));
    let applied = application::Entity::find()
        .filter(application::Column::CandidateId.eq(jane.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an application");
    assert_eq!(
        (
            applied.position_id,
            applied.source.as_str(),
            applied.stage.as_str()
        ),
        (id, "job_page", "long_list")
    );
    let letter = confirmation_to(&app, "jane@mail.test").await;
    assert_eq!(letter.kind, "application_received");
    assert_eq!(letter.lang, "en");
    assert_eq!(letter.application_id, Some(applied.id));
    assert!(
        letter.subject.contains("We have your application"),
        "{}",
        letter.subject
    );
    assert!(
        letter.subject.contains("Account manager"),
        "the English title"
    );
    assert!(letter.body_text.contains("Thank you for applying"));
    assert!(!letter.body_text.contains("Спасибо"));

    let russian = [
        ("full_name", "Дарья Смирнова"),
        ("email", "daria@mail.test"),
        ("consent", CONSENT_TEXT_VERSION),
    ];
    let (status, _) = apply_on(&app, &format!("/jobs/{slug}?lang=ru"), &russian).await;
    assert_eq!(status, 200);
    let daria = candidate::Entity::find()
        .filter(candidate::Column::Email.eq("daria@mail.test"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(daria.lang, "ru");
    let letter = confirmation_to(&app, "daria@mail.test").await;
    assert_eq!(letter.lang, "ru");
    assert!(
        letter
            .subject
            .contains("Мы получили ваш отклик: «Аккаунт-менеджер»")
    );
    assert!(letter.body_text.contains("Спасибо за отклик"));
}

#[tokio::test]
async fn a_candidate_s_language_is_edited_on_the_card_and_in_the_api() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Вера Лебедева", "email": "vera@mail.test"}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    assert_eq!(person["lang"], "ru");
    let id = person["id"].as_i64().unwrap();

    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{id}"),
        &token,
        json!({"lang": "en"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["lang"], "en");
    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{id}"),
        &token,
        json!({"lang": "de"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (_, body) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(body["lang"], "en", "a refused change changes nothing");

    app.login_as("recruiter").await;
    let card = app
        .get(&format!("/candidates/{id}?edit=1"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        card.contains("<option value=\"en\" selected>English</option>"),
        "{card}"
    );
    let saved = app
        .post_form(
            &format!("/candidates/{id}"),
            &[
                ("full_name", "Вера Лебедева"),
                ("email", "vera@mail.test"),
                ("lang", "ru"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let stored = candidate::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.lang, "ru");
}
