//! What the recruiter's dashboard asks to act on: saved searches to check and follow-ups due.

use super::*;

#[tokio::test]
async fn a_new_channel_is_listed_on_the_dashboard_until_it_is_checked() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;

    let response = app
        .post_form(
            &format!("/positions/{position_id}/channels"),
            &[
                ("kind", "job_board"),
                ("name", "hh"),
                ("url", "https://hh.ru/search"),
                ("check_every_days", "3"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let channel = sourcing_channel::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("the channel is stored");
    assert_eq!(
        (
            channel.position_id,
            channel.kind.as_str(),
            channel.name.as_str()
        ),
        (position_id, "job_board", "hh")
    );
    assert_eq!(channel.url.as_deref(), Some("https://hh.ru/search"));
    assert_eq!(channel.check_every_days, 3);

    let dashboard = text_of(&app, "/").await;
    let searches = section(&dashboard, "id=\"searches\"");
    assert!(searches.contains("Аккаунт-менеджер") && searches.contains(">hh</a>"));
    assert!(searches.contains("ещё не проверяли"), "never checked");
    let checked = format!("/channels/{}/checked", channel.id);
    assert!(searches.contains(&format!("action=\"{checked}\"")));

    assert_eq!(app.post_form(&checked, &[]).await.status(), 303);
    let dashboard = text_of(&app, "/").await;
    let searches = section(&dashboard, "id=\"searches\"");
    assert!(!searches.contains(">hh</a>"), "checked just now: not due");
    assert!(searches.contains("Все сохранённые поиски проверены вовремя."));
    let stored = sourcing_channel::Entity::find_by_id(channel.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.last_checked_at.is_some());
}

#[tokio::test]
async fn a_channel_with_a_link_that_is_not_http_is_refused_and_not_stored() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;

    let response = app
        .post_form(
            &format!("/positions/{position_id}/channels"),
            &[
                ("kind", "job_board"),
                ("name", "ftp"),
                ("url", "ftp://x"),
                ("check_every_days", "3"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "the form comes back");
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Ссылка, начинающаяся с https:"),
        "the message says why"
    );
    assert!(
        page.contains("value=\"ftp:&#x2f;&#x2f;x\""),
        "what was typed is kept"
    );
    assert_eq!(
        sourcing_channel::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_follow_up_due_today_is_on_the_dashboard_until_the_contact_is_made() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;

    let new = application(&app, id).await;
    assert_eq!(new.next_contact_on, Some(today() + Days::new(1)));
    let dashboard = text_of(&app, "/").await;
    assert!(!section(&dashboard, "id=\"follow-ups\"").contains("Борис Орлов"));

    let mut due: application::ActiveModel = new.into();
    due.next_contact_on = Set(Some(today()));
    due.update(&app.db).await.unwrap();
    let dashboard = text_of(&app, "/").await;
    let follow_ups = section(&dashboard, "id=\"follow-ups\"");
    assert!(follow_ups.contains("Борис Орлов") && follow_ups.contains("Аккаунт-менеджер"));

    let response = app
        .post_form(
            &format!("/applications/{id}/follow-up"),
            &[("action", "contacted"), ("back", "/")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
    let contacted = application(&app, id).await;
    assert_eq!(contacted.follow_up_step, 1);
    assert_eq!(contacted.next_contact_on, Some(today() + Days::new(3)));
    let dashboard = text_of(&app, "/").await;
    assert!(dashboard.contains("Контакт отмечен."));
    assert!(!section(&dashboard, "id=\"follow-ups\"").contains("Борис Орлов"));
}
