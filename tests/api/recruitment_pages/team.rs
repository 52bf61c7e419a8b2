//! The position page beside its profile: the hiring team and the vacancy text.

use super::*;

async fn interviewers_of(app: &TestApp, position_id: i32) -> Vec<i32> {
    let mut ids: Vec<i32> = position_interviewer::Entity::find()
        .filter(position_interviewer::Column::PositionId.eq(position_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    ids.sort_unstable();
    ids
}

async fn new_user_id(app: &TestApp, role: &str) -> i32 {
    let email = app.add_user(role).await;
    user_id(&app.db, &email).await
}

#[tokio::test]
async fn the_hiring_team_is_saved_with_its_interviewers() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_draft_position(&app, &token, "Аккаунт-менеджер").await;
    let recruiter = new_user_id(&app, "recruiter").await;
    let manager = new_user_id(&app, "hiring_manager").await;
    let first = new_user_id(&app, "interviewer").await;
    let second = new_user_id(&app, "interviewer").await;
    app.login_as("recruiter").await;

    let (recruiter_id, manager_id) = (recruiter.to_string(), manager.to_string());
    let (first_id, second_id) = (first.to_string(), second.to_string());
    let response = app
        .post_form(
            &format!("/positions/{position_id}/team"),
            &[
                ("recruiter_id", &recruiter_id),
                ("hiring_manager_id", &manager_id),
                ("interviewer_ids", &first_id),
                ("interviewer_ids", &second_id),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = text_of(&app, &format!("/positions/{position_id}")).await;
    assert!(page.contains("Команда найма сохранена."));
    let saved = position::Entity::find_by_id(position_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.recruiter_id, saved.hiring_manager_id),
        (Some(recruiter), Some(manager))
    );
    let mut expected = vec![first, second];
    expected.sort_unstable();
    assert_eq!(interviewers_of(&app, position_id).await, expected);
}

#[tokio::test]
async fn a_mentor_cannot_be_put_on_the_team_as_an_interviewer() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_draft_position(&app, &token, "Аккаунт-менеджер").await;
    let interviewer = new_user_id(&app, "interviewer").await.to_string();
    let mentor = new_user_id(&app, "mentor").await.to_string();
    app.login_as("recruiter").await;

    let response = app
        .post_form(
            &format!("/positions/{position_id}/team"),
            &[
                ("interviewer_ids", &interviewer),
                ("interviewer_ids", &mentor),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "the team form comes back");
    let page = response.text().await.unwrap();
    assert!(page.contains("Интервьюерами могут быть только активные пользователи"));
    assert!(
        page.contains(&format!("value=\"{interviewer}\" checked")),
        "the ticked boxes stay ticked"
    );
    assert!(interviewers_of(&app, position_id).await.is_empty());
}

#[tokio::test]
async fn an_edited_vacancy_text_is_published_on_the_job_page_until_it_is_reset() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, slug) = new_draft_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let edited = "Ищем аккаунт-менеджера в команду большого клиента.";

    let response = app
        .post_form(
            &format!("/positions/{position_id}/vacancy"),
            &[("lang", "ru"), ("text", edited), ("action", "save")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = text_of(&app, &format!("/positions/{position_id}")).await;
    assert!(page.contains("Текст вакансии сохранён."));
    let opened = app
        .api(
            Method::POST,
            &format!("/positions/{position_id}/open"),
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 200);

    let job_page = |browser: Client| {
        let url = app.url(&format!("/jobs/{slug}"));
        async move { browser.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = job_page(client()).await;
    assert!(html.contains(edited));
    assert!(
        !html.contains("Что предстоит делать"),
        "not the generated text"
    );

    app.post_form(
        &format!("/positions/{position_id}/vacancy"),
        &[
            ("lang", "ru"),
            ("text", edited),
            ("action", "reset"),
            ("confirmed", "1"),
        ],
    )
    .await;
    let stored = position::Entity::find_by_id(position_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.vacancy_ru, None);
    let html = job_page(client()).await;
    assert!(!html.contains(edited));
    assert!(
        html.contains("Что предстоит делать"),
        "the generated text again"
    );
}
