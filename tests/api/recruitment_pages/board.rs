//! A position's board: the columns, moves by form with their flash and timeline entry, refused
//! moves, and rejections with a reason.

use super::*;

#[tokio::test]
async fn the_board_lists_a_new_card_in_the_long_list_column() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;

    let board = text_of(&app, &format!("/positions/{position_id}/board")).await;
    assert!(section(&board, "data-stage=\"long_list\"").contains("Борис Орлов"));
    assert!(!section(&board, "data-stage=\"short_list\"").contains("Борис Орлов"));
}

#[tokio::test]
async fn a_move_from_the_board_goes_back_with_a_flash_and_writes_a_stage_event() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let back = format!("/positions/{position_id}/board");

    let response = move_application(&app, id, &[("to", "short_list"), ("back", &back)]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), back);
    let board = text_of(&app, &back).await;
    assert!(
        board.contains("Новый этап: Шорт-лист."),
        "the flash says moved"
    );
    assert!(section(&board, "data-stage=\"short_list\"").contains("Борис Орлов"));

    assert_eq!(application(&app, id).await.stage, "short_list");
    let event = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(id))
        .filter(application_event::Column::Kind.eq("stage"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a stage event on the timeline");
    assert_eq!(
        (event.from_stage.as_deref(), event.to_stage.as_deref()),
        (Some("long_list"), Some("short_list"))
    );
}

#[tokio::test]
async fn a_move_the_flow_does_not_allow_is_refused_naming_the_allowed_moves() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let back = format!("/positions/{position_id}/board");

    let response = move_application(&app, id, &[("to", "offer"), ("back", &back)]).await;
    assert_eq!(
        response.status(),
        409,
        "the board comes back with the refusal"
    );
    let board = response.text().await.unwrap();
    assert!(
        board.contains("с этапа long_list на этап offer. Отсюда можно: short_list."),
        "the refusal names the allowed moves"
    );
    assert_eq!(application(&app, id).await.stage, "long_list");
}

#[tokio::test]
async fn moving_back_to_the_long_list_needs_a_reason() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let back = format!("/positions/{position_id}/board");
    move_application(&app, id, &[("to", "short_list"), ("back", &back)]).await;

    let refused = move_application(&app, id, &[("to", "long_list"), ("back", &back)]).await;
    assert_eq!(refused.status(), 422);
    let board = refused.text().await.unwrap();
    assert!(board.contains("Укажите причину"));
    assert_eq!(application(&app, id).await.stage, "short_list");

    move_application(
        &app,
        id,
        &[
            ("to", "long_list"),
            ("reason", "Клиент сдвинул сроки"),
            ("back", &back),
        ],
    )
    .await;
    let moved = application(&app, id).await;
    assert_eq!(moved.stage, "long_list");
    assert_eq!(moved.ended_reason, None, "a step back does not end it");
}

#[tokio::test]
async fn rejecting_from_the_board_with_a_reason_keeps_the_person_in_the_talent_pool() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (person_id, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let back = format!("/positions/{position_id}/board");

    let response = move_application(
        &app,
        id,
        &[
            ("to", "rejected"),
            ("reason", "skills_gap"),
            ("talent_pool", "1"),
            ("back", &back),
            ("confirmed", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let rejected = application(&app, id).await;
    assert_eq!(rejected.stage, "rejected");
    assert_eq!(rejected.ended_reason.as_deref(), Some("skills_gap"));
    assert_eq!(rejected.next_contact_on, None, "nobody to follow up");
    assert!(person(&app, person_id).await.talent_pool);

    let board = text_of(&app, &back).await;
    let ended = section(&board, "<h2>Отказы и самоотказы</h2>");
    assert!(ended.contains("Борис Орлов"));
    assert!(
        ended.contains("Навыки или опыт не соответствуют профилю"),
        "the reason's label, not its code"
    );
}

#[tokio::test]
async fn a_retired_reason_keeps_its_label_on_the_board_for_earlier_rejections() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let (_, id) = add_candidate(&app, "Борис Орлов", "boris@mail.ru", position_id).await;
    let back = format!("/positions/{position_id}/board");
    move_application(
        &app,
        id,
        &[
            ("to", "rejected"),
            ("reason", "skills_gap"),
            ("confirmed", "1"),
        ],
    )
    .await;
    app.login_as("admin").await;
    app.post_form("/admin/reasons/skills_gap/active", &[("active", "false")])
        .await;

    app.login_as("recruiter").await;
    let board = text_of(&app, &back).await;
    let ended = section(&board, "<h2>Отказы и самоотказы</h2>");
    assert!(ended.contains("Навыки или опыт не соответствуют профилю"));
    assert!(!ended.contains("<td>skills_gap</td>"));
}
