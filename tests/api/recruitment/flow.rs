//! The pipeline from an empty database to a started hire, and the moves the flow refuses.

use super::*;

#[tokio::test]
async fn a_position_runs_from_an_empty_database_to_a_started_hire() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, 1).await;
    let anna = new_candidate(&app, &token, "Анна Петрова", "anna@mail.test").await;
    let boris = new_candidate(&app, &token, "Борис Смирнов", "boris@mail.test").await;
    let hire = apply(&app, &token, anna, position).await;
    let warm = apply(&app, &token, boris, position).await;

    walk_to_offer(&app, &token, hire).await;
    assert_eq!(move_to(&app, &token, warm, "short_list").await.0, 200);

    // An accepted offer makes a hire but does not stop the search.
    let body =
        crate::helpers::hire_through_offer(&app, &token, hire, &crate::helpers::today()).await;
    assert_eq!(body["stage"], "hired");
    assert_eq!(body["start_date"], crate::helpers::today());
    let (_, p) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(
        p["status"], "open",
        "the search goes on until the hire starts"
    );
    assert_eq!(
        stage_of(&app, warm).await,
        "short_list",
        "the warm list stays warm"
    );

    // The first working day fills the position and closes the rest politely.
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{hire}/start"),
        &token,
        json!({"started_on": crate::helpers::today()}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stage"], "started");
    let kinds: Vec<&str> = body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["to_stage"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "started",
            "hired",
            "offer",
            "ceo_interview",
            "references",
            "short_list",
            "long_list"
        ]
    );
    let (_, p) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(p["status"], "filled");
    assert_eq!(p["filled_on"], crate::helpers::today());
    assert!(p["time_to_fill"]["working_days"].as_i64().is_some());
    let closed = application::Entity::find_by_id(warm as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.stage, "rejected");
    assert_eq!(closed.ended_reason.as_deref(), Some("position_filled"));
    assert_eq!(closed.next_contact_on, None);

    let (_, board) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}/board"),
        &token,
        json!({}),
    )
    .await;
    let count = |stage: &str| {
        board["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["stage"] == stage)
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(
        (count("started"), count("rejected"), count("long_list")),
        (1, 1, 0)
    );

    // A filled position takes nobody new.
    let carl = new_candidate(&app, &token, "Карл Иванов", "carl@mail.test").await;
    let (status, _) = call(
        &app,
        Method::POST,
        "/applications",
        &token,
        json!({"candidate_id": carl, "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_position_for_two_is_filled_only_when_both_have_started() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, 2).await;
    // Both start today (the agency's day): a start is never recorded ahead of its day.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .to_string();
    let mut hires = Vec::new();
    for (name, email) in [("Анна", "a@mail.test"), ("Вера", "v@mail.test")] {
        let person = new_candidate(&app, &token, name, email).await;
        let id = apply(&app, &token, person, position).await;
        walk_to_offer(&app, &token, id).await;
        crate::helpers::hire_through_offer(&app, &token, id, &today).await;
        hires.push(id);
    }
    let start = |id: i64| format!("/applications/{id}/start");
    call(
        &app,
        Method::POST,
        &start(hires[0]),
        &token,
        json!({"started_on": today}),
    )
    .await;
    let filled = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            position::Entity::find_by_id(position as i32)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .status
        }
    };
    assert_eq!(filled(&app).await, "open");
    call(
        &app,
        Method::POST,
        &start(hires[1]),
        &token,
        json!({"started_on": today}),
    )
    .await;
    assert_eq!(filled(&app).await, "filled");
}

#[tokio::test]
async fn a_hire_who_does_not_start_reopens_the_search_with_its_warm_list() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, 1).await;
    let anna = new_candidate(&app, &token, "Анна", "anna@mail.test").await;
    let boris = new_candidate(&app, &token, "Борис", "boris@mail.test").await;
    let hire = apply(&app, &token, anna, position).await;
    let warm = apply(&app, &token, boris, position).await;
    walk_to_offer(&app, &token, hire).await;
    crate::helpers::hire_through_offer(&app, &token, hire, &crate::helpers::today()).await;
    // The recruiter paused the search after the acceptance.
    call(
        &app,
        Method::POST,
        &format!("/positions/{position}/hold"),
        &token,
        json!({}),
    )
    .await;

    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{hire}/withdraw"),
        &token,
        json!({"reason": "did_not_start"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stage"], "withdrawn");
    let reopened = position::Entity::find_by_id(position as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reopened.status, "open");
    assert_eq!(reopened.filled_on, None);
    assert_eq!(stage_of(&app, warm).await, "long_list");
}

#[tokio::test]
async fn moves_the_flow_does_not_allow_are_refused_and_name_the_allowed_ones() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, 1).await;
    let person = new_candidate(&app, &token, "Анна", "anna@mail.test").await;
    let id = apply(&app, &token, person, position).await;

    let (status, body) = move_to(&app, &token, id, "offer").await;
    assert_eq!(status, 409);
    assert!(
        body["detail"].as_str().unwrap().contains("short_list"),
        "{body}"
    );
    assert_eq!(stage_of(&app, id).await, "long_list");

    walk_to_offer(&app, &token, id).await;
    let (status, _) = move_to(&app, &token, id, "hired").await;
    assert_eq!(status, 409, "only an accepted offer makes a hire");
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/start"),
        &token,
        json!({"started_on": crate::helpers::today()}),
    )
    .await;
    assert_eq!(status, 409, "only a hire can start");

    let (status, body) = move_to(&app, &token, id, "short_list").await;
    assert_eq!(status, 422, "moving back needs a reason: {body}");
    assert_eq!(body["errors"][0]["field"], "reason");
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/move"),
        &token,
        json!({"to": "short_list", "reason": "Нужна ещё одна встреча"}),
    )
    .await;
    assert_eq!(status, 200);

    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/reject"),
        &token,
        json!({"reason": " "}),
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/reject"),
        &token,
        json!({"reason": "other_offer"}),
    )
    .await;
    assert_eq!(status, 422, "a withdrawal reason does not fit a rejection");
    let (status, _) = move_to(&app, &token, id, "promoted").await;
    assert_eq!(status, 422);
    assert_eq!(stage_of(&app, id).await, "short_list");

    let interviewer = app.token_for("interviewer").await;
    assert_eq!(move_to(&app, &interviewer, id, "references").await.0, 403);
}
