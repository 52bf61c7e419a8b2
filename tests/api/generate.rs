//! `hireloop generate` at a small size: the volumes it promises, timelines that add up, ended
//! applications with reasons from the list, and data the app reads like its own (the funnel,
//! the board, search and the bench account's sign-in).

use hireloop::entities::{application, application_event, candidate, scorecard_answer};
use hireloop::generate::{Sizes, run};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{call, spawn_app};

#[tokio::test]
async fn generated_data_has_the_asked_volume_and_reads_like_real_use() {
    let app = spawn_app().await;
    let sizes = Sizes {
        positions: 4,
        candidates: 60,
        applications: 150,
        scorecard_answers: 300,
        internships: 2,
        board_applications: 40,
        seed: 11,
    };
    let summary = run(&app.db, &sizes, "generated-password-1").await.unwrap();
    assert_eq!(summary.candidates, 60);
    assert_eq!(summary.applications, 150);
    assert_eq!(summary.scorecard_answers, 300);
    assert_eq!(
        application::Entity::find().count(&app.db).await.unwrap(),
        150
    );
    assert_eq!(
        application::Entity::find()
            .filter(application::Column::PositionId.eq(first_position(&app).await))
            .count(&app.db)
            .await
            .unwrap(),
        40,
        "the measured board gets its applications"
    );
    assert_eq!(
        scorecard_answer::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        300
    );
    // Every application has its 'created' entry; every ended one a reason from the list and
    // the stage it left from, as the pipeline would have written them.
    let created = application_event::Entity::find()
        .filter(application_event::Column::Kind.eq("created"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(created, 150);
    let ended = application::Entity::find()
        .filter(application::Column::Stage.is_in(["rejected", "withdrawn"]))
        .all(&app.db)
        .await
        .unwrap();
    assert!(!ended.is_empty(), "some applications end");
    for a in &ended {
        assert!(
            a.ended_reason.is_some(),
            "application {} has no reason",
            a.id
        );
        assert!(
            a.left_from_stage.is_some(),
            "application {} left from nowhere",
            a.id
        );
    }

    // The app reads it: the funnel counts every application, search finds people, and the
    // bench account signs in with the password given.
    let token = app.token_for("recruiter").await;
    let (status, funnel) = call(&app, Method::GET, "/reports/funnel", &token, json!({})).await;
    assert_eq!(status, 200, "{funnel}");
    assert_eq!(funnel["applications"], 150);
    assert!(
        funnel["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["reason"] != ""),
        "{funnel}"
    );
    let someone = candidate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (status, found) = call(
        &app,
        Method::GET,
        &format!(
            "/candidates?q={}",
            crate::helpers::urlencode(someone.email.as_deref().unwrap())
        ),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(found["total"], 1, "{found}");
    let response = app
        .client
        .post(app.url("/api/v1/tokens"))
        .json(
            &json!({"email": hireloop::generate::BENCH_EMAIL, "password": "generated-password-1"}),
        )
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());

    // A second run would double what it is meant to fix: refused.
    assert!(run(&app.db, &sizes, "generated-password-1").await.is_err());
}

/// The generator gives the first position it makes the measured board.
async fn first_position(app: &crate::helpers::TestApp) -> i32 {
    application::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|a| a.position_id)
        .min()
        .unwrap()
}
