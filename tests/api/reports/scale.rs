//! Reports at agency scale: more rows than SQLite lets a statement bind one by one (32,766
//! variables in the bundled version) must not turn a report into a 500.

use chrono::Utc;
use hireloop::entities::{interview, scorecard, scorecard_rating};
use sea_orm::{ActiveValue::Set, EntityTrait, QueryOrder, QuerySelect};

use super::{new_application, report, scheduled_interview, submitted_scorecard};
use crate::helpers::{TestApp, call, spawn_app, user_id};
use reqwest::Method;
use serde_json::json;

/// Rows per INSERT: each has about ten columns, well under either backend's limit.
const CHUNK: usize = 1_000;
const INTERVIEWS: usize = 11_000;

async fn insert_chunked<A, I>(app: &TestApp, rows: I)
where
    A: sea_orm::ActiveModelTrait + Send,
    I: IntoIterator<Item = A>,
{
    let rows: Vec<A> = rows.into_iter().collect();
    for chunk in rows.chunks(CHUNK) {
        <A::Entity as EntityTrait>::insert_many(chunk.to_vec())
            .exec(&app.db)
            .await
            .unwrap();
    }
}

/// Three interviewers each score 11,000 interviews of two candidates: 33,000 submitted
/// scorecards with a rating each. The soft one gives 5 and "strong yes", the others 3 with a
/// "no" and a "yes".
#[tokio::test]
async fn calibration_answers_over_more_scorecards_than_sqlite_binds() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, position) = call(
        &app,
        Method::POST,
        "/positions",
        &token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    let applications = [
        new_application(&app, &token, position, "Anna", "referral").await as i32,
        new_application(&app, &token, position, "Boris", "referral").await as i32,
    ];
    let now = Utc::now();
    insert_chunked(
        &app,
        (0..INTERVIEWS).map(|n| scheduled_interview(applications[n % 2], now)),
    )
    .await;
    let interviews: Vec<i32> = interview::Entity::find()
        .select_only()
        .column(interview::Column::Id)
        .into_tuple()
        .all(&app.db)
        .await
        .unwrap();
    let mut panel = Vec::new();
    for (score, recommendation) in [(5, "strong_yes"), (3, "no"), (3, "yes")] {
        let email = app.add_user("interviewer").await;
        panel.push((user_id(&app.db, &email).await, score, recommendation));
    }
    insert_chunked(
        &app,
        interviews.iter().flat_map(|&meeting| {
            panel.iter().map(move |&(interviewer, _, recommendation)| {
                submitted_scorecard(meeting, interviewer, recommendation, now)
            })
        }),
    )
    .await;
    let cards: Vec<(i32, i32)> = scorecard::Entity::find()
        .select_only()
        .column(scorecard::Column::Id)
        .column(scorecard::Column::InterviewerId)
        .order_by_asc(scorecard::Column::Id)
        .into_tuple()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(cards.len(), 33_000, "more than SQLite's 32,766 variables");
    let score_of = |interviewer: i32| {
        panel
            .iter()
            .find(|(id, _, _)| *id == interviewer)
            .map(|(_, score, _)| *score)
            .unwrap()
    };
    insert_chunked(
        &app,
        cards
            .iter()
            .map(|&(card, interviewer)| scorecard_rating::ActiveModel {
                scorecard_id: Set(card),
                competency: Set("communication".into()),
                score: Set(score_of(interviewer)),
            }),
    )
    .await;

    let calibration = report(&app, &token, "/reports/calibration").await;
    let rows = calibration["interviewers"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let soft = &rows[0];
    assert_eq!(
        soft["interviewer_id"], panel[0].0,
        "the softest comes first"
    );
    assert_eq!(soft["scorecards"], 11_000);
    assert_eq!(soft["compared"], 11_000);
    assert_eq!(soft["mean"], 5.0);
    assert_eq!(soft["panel_mean"], 3.0);
    assert_eq!(soft["difference"], 2.0);
    assert_eq!(soft["verdict"], "softer");
    assert_eq!(soft["positive"], 100.0);
    assert_eq!(soft["panel_positive"], 50.0);
    for harsh in &rows[1..] {
        assert_eq!(harsh["scorecards"], 11_000);
        assert_eq!(harsh["mean"], 3.0);
        assert_eq!(harsh["panel_mean"], 4.0);
        assert_eq!(harsh["difference"], -1.0);
        assert_eq!(harsh["verdict"], "harsher");
    }
    let on_position = report(
        &app,
        &token,
        &format!("/reports/calibration?position_id={position}"),
    )
    .await;
    assert_eq!(on_position["interviewers"], calibration["interviewers"]);
}
