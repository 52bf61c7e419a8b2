//! Times in email are the reader's: an interview invitation names the hour in each
//! interviewer's own zone and in the agency's for the candidate, never in bare UTC.

use hireloop::entities::{outbox_message, user};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{call, open_position, spawn_app, user_id};

#[tokio::test]
async fn an_invitation_names_the_hour_in_each_readers_zone() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let interviewer = hireloop::auth::model::normalize_email(&app.add_user("interviewer").await);
    let interviewer_id = user_id(&app.db, &interviewer).await;
    let mut row: user::ActiveModel = user::Entity::find_by_id(interviewer_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.timezone = Set("Asia/Yekaterinburg".into());
    row.update(&app.db).await.unwrap();

    let position = open_position(&app, &token, "Аккаунт-менеджер").await;
    let (_, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Дина Белова", "email": "dina@mail.test"}),
    )
    .await;
    let (_, application) = call(
        &app,
        Method::POST,
        "/applications",
        &token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/interviews",
        &token,
        json!({"application_id": application["id"], "kind": "competency",
               "scheduled_at": "2030-05-06T07:00:00Z", "interviewer_ids": [interviewer_id]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let letters = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("interview_invitation"))
        .all(&app.db)
        .await
        .unwrap();
    let to = |address: &str| {
        letters
            .iter()
            .find(|m| m.to_email == address)
            .unwrap_or_else(|| panic!("no invitation to {address}"))
            .body_text
            .clone()
    };
    let theirs = to(&interviewer);
    assert!(
        theirs.contains("12:00 +05"),
        "Yekaterinburg is UTC+5: {theirs}"
    );
    let candidate = to("dina@mail.test");
    assert!(
        candidate.contains("10:00 MSK"),
        "the agency's zone: {candidate}"
    );
    for body in [&theirs, &candidate] {
        assert!(!body.contains("UTC"), "{body}");
    }
}
