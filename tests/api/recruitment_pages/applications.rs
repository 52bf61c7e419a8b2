//! The applications list with its filters and pages, and the bulk actions on it.

use super::*;

#[tokio::test]
async fn a_bulk_move_changes_every_ticked_application_and_counts_them() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, first) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let (_, second) = add_candidate(&app, "Вера Кузнецова", "vera@mail.ru", position_id).await;
    let (first_id, second_id) = (first.to_string(), second.to_string());

    let response = app
        .post_form(
            "/applications/bulk",
            &[
                ("ids", &first_id),
                ("ids", &second_id),
                ("to", "short_list"),
                ("reason", ""),
                ("back", "/applications"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/applications");
    let page = text_of(&app, "/applications").await;
    assert!(
        page.contains("Изменено 2 отклика."),
        "the flash counts them"
    );
    assert_eq!(application(&app, first).await.stage, "short_list");
    assert_eq!(application(&app, second).await.stage, "short_list");
}

#[tokio::test]
async fn a_bulk_reject_without_a_reason_is_refused_for_each_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, first) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let (_, second) = add_candidate(&app, "Вера Кузнецова", "vera@mail.ru", position_id).await;
    let (first_id, second_id) = (first.to_string(), second.to_string());

    let response = app
        .post_form(
            "/applications/bulk",
            &[
                ("ids", &first_id),
                ("ids", &second_id),
                ("to", "rejected"),
                ("reason", ""),
                ("back", "/applications"),
            ],
        )
        .await;
    // The list comes back with the refusal beside the reason and both boxes still ticked
    // (issue 19: a refused form keeps what was chosen).
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Укажите причину"), "{page}");
    for id in [&first_id, &second_id] {
        assert!(page.contains(&format!("value=\"{id}\" id=\"sel-{id}\"")));
        let tick = page.split(&format!("id=\"sel-{id}\"")).nth(1).unwrap();
        assert!(
            tick.split('>').next().unwrap().contains("checked"),
            "{id} ticked"
        );
    }
    for id in [first, second] {
        let unchanged = application(&app, id).await;
        assert_eq!(
            (unchanged.stage.as_str(), unchanged.version),
            ("long_list", 1)
        );
    }
}

#[tokio::test]
async fn the_applications_list_shows_only_rows_matching_the_filters() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (ours, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (other, _) = new_open_position(&app, &token, "Аккаунт-директор").await;
    app.login_as("recruiter").await;
    let (_, moved) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", ours).await;
    add_candidate(&app, "Вера Кузнецова", "vera@mail.ru", ours).await;
    let (_, elsewhere) = add_candidate(&app, "Глеб Зайцев", "gleb@mail.ru", other).await;
    for id in [moved, elsewhere] {
        move_application(&app, id, &[("to", "short_list")]).await;
    }

    let page = text_of(
        &app,
        &format!("/applications?position_id={ours}&stage=short_list"),
    )
    .await;
    assert!(page.contains("Борис Орлов"));
    assert!(!page.contains("Вера Кузнецова"), "another stage");
    assert!(!page.contains("Глеб Зайцев"), "another position");
    assert_eq!(page.matches("name=\"ids\"").count(), 1);
}

#[tokio::test]
async fn empty_filter_fields_do_not_break_the_applications_list() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    add_candidate(&app, "Вера Кузнецова", "vera@mail.ru", position_id).await;

    let page = text_of(
        &app,
        "/applications?q=&position_id=&stage=&source=&tag=&sort=&page=",
    )
    .await;
    assert!(page.contains("Борис Орлов") && page.contains("Вера Кузнецова"));
    assert_eq!(page.matches("name=\"ids\"").count(), 2);
}

/// `n` people straight into the database, each on `position_id` at `stage`.
async fn insert_applications(app: &TestApp, position_id: i32, stage: &str, n: usize) {
    let now = Utc::now();
    let people = (0..n).map(|i| candidate::ActiveModel {
        full_name: Set(format!("Массовый кандидат {i:02}")),
        lang: Set("ru".into()),
        reference_consent: Set(false),
        talent_pool: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        search_text: Set(format!("массовый кандидат {i:02}")),
        ..Default::default()
    });
    candidate::Entity::insert_many(people)
        .exec(&app.db)
        .await
        .unwrap();
    let ids: Vec<i32> = candidate::Entity::find()
        .filter(candidate::Column::FullName.starts_with("Массовый кандидат"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let applications = ids
        .into_iter()
        .map(|candidate_id| application::ActiveModel {
            candidate_id: Set(candidate_id),
            position_id: Set(position_id),
            stage: Set(stage.to_owned()),
            source: Set("cold_search".into()),
            stage_changed_at: Set(now),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            follow_up_step: Set(0),
            ..Default::default()
        });
    application::Entity::insert_many(applications)
        .exec(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_next_page_link_of_the_applications_list_keeps_the_filters() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (ours, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    insert_applications(&app, ours, "short_list", 51).await;
    // Rows the filters leave out, which a link that lost them would show on page 2.
    add_candidate(&app, "Вера Кузнецова", "vera@mail.ru", ours).await;
    add_candidate(&app, "Глеб Зайцев", "gleb@mail.ru", ours).await;

    let first = text_of(
        &app,
        &format!("/applications?position_id={ours}&stage=short_list"),
    )
    .await;
    assert_eq!(first.matches("name=\"ids\"").count(), 50);
    let start = first
        .find("rel=\"next\"")
        .map(|end| first[..end].rfind("href=\"").unwrap());
    let start = start.expect("a link to the next page") + "href=\"".len();
    let href = first[start..start + first[start..].find('"').unwrap()].replace("&amp;", "&");
    assert!(
        href.contains(&format!("position_id={ours}"))
            && href.contains("stage=short_list")
            && href.contains("page=2"),
        "{href}"
    );

    let second = text_of(&app, &format!("/applications{href}")).await;
    assert_eq!(second.matches("name=\"ids\"").count(), 1, "51 − 50");
    assert!(!second.contains("Вера Кузнецова") && !second.contains("Глеб Зайцев"));
    assert!(second.contains("Страница 2 из 2"));
}

#[tokio::test]
async fn sorting_the_applications_list_by_name_sorts_across_pages() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    add_candidate(&app, "Аа Первая", "first@mail.ru", position_id).await;
    insert_applications(&app, position_id, "short_list", 55).await;

    let first = text_of(&app, "/applications?sort=name").await;
    assert!(first.contains("Аа Первая"), "А comes before М");
}
