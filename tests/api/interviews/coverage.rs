//! The coverage gate: once the hiring manager chooses the competencies a position must assess,
//! an application moves past the short-list only when each has two independent ratings, or on
//! a recorded override.

use hireloop::entities::application;

use super::*;

/// The hiring manager chooses communication and tools for the position's competency kit.
async fn choose_competencies(app: &TestApp, position: i64) {
    let manager = member(app, "hiring_manager").await;
    let (status, kit) = call(
        app,
        Method::PUT,
        &format!("/positions/{position}/kit"),
        &manager.token,
        json!({"kind": "competency", "competencies": ["communication", "tools"], "questions": []}),
    )
    .await;
    assert_eq!(status, 200, "{kit}");
    assert_eq!(kit["competencies"], json!(["communication", "tools"]));
}

async fn short_listed(app: &TestApp, hiring: &Hiring) {
    let (status, body) = move_to(
        app,
        &hiring.recruiter.token,
        hiring.application,
        json!({"to": "short_list"}),
    )
    .await;
    assert_eq!(status, 200, "the long-list is not gated: {body}");
}

async fn stage_of(app: &TestApp, id: i64) -> String {
    application::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .stage
}

#[tokio::test]
async fn moving_past_the_short_list_is_held_back_naming_the_competencies_not_rated_twice() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    choose_competencies(&app, hiring.position).await;
    short_listed(&app, &hiring).await;

    let (status, problem) = move_to(
        &app,
        &hiring.recruiter.token,
        hiring.application,
        json!({"to": "references"}),
    )
    .await;

    assert_eq!(status, 409, "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("communication") && detail.contains("tools"),
        "{detail}"
    );
    assert_eq!(stage_of(&app, hiring.application).await, "short_list");
    assert!(
        events_of(&app, hiring.application, "coverage_override")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_competency_rated_by_two_interviewers_drops_out_of_the_gaps() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    choose_competencies(&app, hiring.position).await;
    short_listed(&app, &hiring).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    let interview = interview_with(&app, &hiring, &[&a, &b]).await;
    score(
        &app,
        &a,
        &interview,
        ratings(&[("communication", 4)], "yes"),
    )
    .await;
    let card = ratings(&[("communication", 3), ("tools", 4)], "yes");
    score(&app, &b, &interview, card).await;

    let (status, problem) = move_to(
        &app,
        &hiring.recruiter.token,
        hiring.application,
        json!({"to": "references"}),
    )
    .await;

    assert_eq!(status, 409, "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("tools"), "tools has one rating: {detail}");
    assert!(!detail.contains("communication"), "covered: {detail}");
}

#[tokio::test]
async fn an_override_moves_on_and_is_recorded_on_the_timeline() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    choose_competencies(&app, hiring.position).await;
    short_listed(&app, &hiring).await;

    let (status, body) = move_to(
        &app,
        &hiring.recruiter.token,
        hiring.application,
        json!({"to": "references", "override_coverage": true}),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stage"], "references");
    assert_eq!(stage_of(&app, hiring.application).await, "references");
    let overrides = events_of(&app, hiring.application, "coverage_override").await;
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0].actor_id, Some(hiring.recruiter.id));
    assert_eq!(overrides[0].note.as_deref(), Some("communication, tools"));
}

#[tokio::test]
async fn a_position_without_chosen_competencies_does_not_hold_the_move_back() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    short_listed(&app, &hiring).await;

    let (status, body) = move_to(
        &app,
        &hiring.recruiter.token,
        hiring.application,
        json!({"to": "references"}),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(stage_of(&app, hiring.application).await, "references");
    assert!(
        events_of(&app, hiring.application, "coverage_override")
            .await
            .is_empty()
    );
}
