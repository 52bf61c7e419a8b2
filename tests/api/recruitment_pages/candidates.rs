//! Adding people with the new-candidate form: the person, their application, duplicates and
//! bad contacts.

use super::*;

#[tokio::test]
async fn a_recruiter_adds_a_candidate_to_a_position_with_the_form() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_draft_position(&app, &token, "Аккаунт-директор").await;
    app.login_as("recruiter").await;

    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", "Анна Петрова"),
                ("consent", "1"),
                ("email", "anna.petrova@mail.ru"),
                ("phone", "8 (916) 123-45-67"),
                ("position_id", &position_id.to_string()),
                ("source", "referral"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let stored = candidate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("the person is stored");
    assert_eq!(location(&response), format!("/candidates/{}", stored.id));
    assert_eq!(stored.full_name, "Анна Петрова");
    assert_eq!(stored.phone.as_deref(), Some("+79161234567"));
    assert_eq!(stored.source.as_deref(), Some("referral"));
    let applied = application_for(&app, stored.id, position_id).await;
    assert_eq!(
        (applied.stage.as_str(), applied.source.as_str()),
        ("long_list", "referral")
    );

    let page = text_of(&app, &format!("/candidates/{}", stored.id)).await;
    assert!(page.contains("Кандидат добавлен."), "a flash confirms it");
    assert!(page.contains("<h1>Анна Петрова"));
    assert!(
        page.contains("<strong>Аккаунт-директор</strong>"),
        "the position is listed on the person's page"
    );
}

#[tokio::test]
async fn the_same_email_typed_differently_shows_the_existing_person_with_409() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_draft_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (first, _) = add_candidate(&app, "Анна Петрова", "anna@mail.ru", position_id).await;

    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", "Анна П."),
                ("consent", "1"),
                ("email", "  Anna@MAIL.ru "),
                ("position_id", &position_id.to_string()),
                ("source", "job_board"),
            ],
        )
        .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.unwrap();
    assert!(html.contains("Этот человек уже есть в базе"));
    assert!(
        html.contains(&format!("href=\"/candidates/{first}\"")),
        "a link to the person who exists"
    );
    assert!(html.contains("value=\"Анна П.\""), "what was typed is kept");
    assert_eq!(count_candidates(&app).await, 1, "no second person");
    assert_eq!(count_applications(&app).await, 1);
}

#[tokio::test]
async fn a_bad_email_or_phone_comes_back_422_beside_the_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_draft_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;

    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", "Анна Петрова"),
                ("consent", "1"),
                ("email", "anna@"),
                ("phone", "позвоните мне"),
                ("position_id", &position_id.to_string()),
                ("source", "referral"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("<p class=\"error\" id=\"e-email\">Введите адрес вида"));
    assert!(html.contains("<p class=\"error\" id=\"e-phone\">Введите телефон"));
    assert!(html.contains("value=\"anna@\""), "what was typed is kept");
    assert_eq!(count_candidates(&app).await, 0);
    assert_eq!(count_applications(&app).await, 0);
}
