//! The admin's list of rejection and withdrawal reasons, and a retired reason in use.

use super::*;

async fn reason(app: &TestApp, code: &str) -> Option<end_reason::Model> {
    end_reason::Entity::find_by_id(code.to_owned())
        .one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_admin_adds_and_retires_a_reason() {
    let app = spawn_app().await;
    app.login_as("admin").await;

    let response = app
        .post_form(
            "/admin/reasons",
            &[
                ("code", "no_show"),
                ("kind", "reject"),
                ("label_ru", "Не пришёл на встречу"),
                ("label_en", "Did not show up"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = text_of(&app, "/admin/reasons").await;
    assert!(page.contains("Причина сохранена.") && page.contains("Не пришёл на встречу"));
    let added = reason(&app, "no_show").await.expect("the reason is stored");
    assert_eq!(
        (added.kind.as_str(), added.label_en.as_str(), added.active),
        ("reject", "Did not show up", true)
    );

    let retired = app
        .post_form("/admin/reasons/no_show/active", &[("active", "false")])
        .await;
    assert_eq!(retired.status(), 303);
    assert!(!reason(&app, "no_show").await.unwrap().active);
    let page = text_of(&app, "/admin/reasons").await;
    assert!(page.contains("action=\"/admin/reasons/no_show/active\""));
    assert!(page.contains("<tr class=\"inactive\">"));
}

#[tokio::test]
async fn a_recruiter_may_not_open_or_change_the_reasons() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    assert_eq!(app.get("/admin/reasons").await.status(), 403);
    let response = app
        .post_form(
            "/admin/reasons",
            &[
                ("code", "no_show"),
                ("kind", "reject"),
                ("label_ru", "Не пришёл"),
                ("label_en", "No show"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert!(reason(&app, "no_show").await.is_none());
    let retire = app
        .post_form("/admin/reasons/skills_gap/active", &[("active", "false")])
        .await;
    assert_eq!(retire.status(), 403);
    assert!(reason(&app, "skills_gap").await.unwrap().active);
}

#[tokio::test]
async fn a_retired_reason_is_refused_when_rejecting() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("admin").await;
    app.post_form("/admin/reasons/culture_fit/active", &[("active", "false")])
        .await;
    assert!(!reason(&app, "culture_fit").await.unwrap().active);

    app.login_as("recruiter").await;
    let (_, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let back = format!("/positions/{position_id}/board");
    let response = move_application(
        &app,
        id,
        &[
            ("to", "rejected"),
            ("reason", "culture_fit"),
            ("back", &back),
        ],
    )
    .await;
    assert_eq!(
        response.status(),
        422,
        "the board comes back with the message"
    );
    let board = response.text().await.unwrap();
    assert!(board.contains("Эта причина убрана из списка или не подходит к действию."));
    let unchanged = application(&app, id).await;
    assert_eq!(
        (unchanged.stage.as_str(), unchanged.ended_reason),
        ("long_list", None)
    );
}
