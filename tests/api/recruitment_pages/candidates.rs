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

/// A search that matches more people than anyone reads says "more than", lists the newest
/// first a page at a time, and the API still counts every match.
#[tokio::test]
async fn a_common_search_says_more_than_five_hundred_and_shows_the_newest_first() {
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    let people = (0..1005).map(|n| candidate::ActiveModel {
        full_name: Set(format!("Общий Кандидат {n}")),
        email: Set(Some(format!("common{n}@mail.test"))),
        lang: Set("ru".into()),
        reference_consent: Set(false),
        talent_pool: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        search_text: Set(format!("общий кандидат {n} common{n}@mail.test")),
        ..Default::default()
    });
    candidate::Entity::insert_many(people)
        .exec(&app.db)
        .await
        .unwrap();
    app.login_as("recruiter").await;
    let html = app
        .get("/candidates?q=%D0%BE%D0%B1%D1%89%D0%B8%D0%B9")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Больше 500 человек") || html.contains("More than 500 people"));
    let first = html
        .find("Общий Кандидат 1004")
        .expect("the newest person is listed");
    let second = html.find("Общий Кандидат 1003").expect("the next one too");
    assert!(first < second, "newest first");
    assert!(html.contains("Общий Кандидат 980<"), "a page of 25");
    assert!(!html.contains("Общий Кандидат 979<"), "a page of 25");

    let token = app.token_for("recruiter").await;
    let response = app
        .api(Method::GET, "/candidates?q=common10&limit=5", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    // common10, common100..common109, common1000..common1004
    assert_eq!(body["total"], 16);
    assert_eq!(body["items"][0]["full_name"], "Общий Кандидат 1004");
}
