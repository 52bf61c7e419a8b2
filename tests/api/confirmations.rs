//! Nothing irreversible without asking: a start is recorded only on the day and previewed
//! first; each page action that cannot be undone or that emails many people shows what it will
//! do and acts only on `confirmed=1`; and the internship's own rules about the future.

mod asking;
mod internship_rules;
mod start;

use chrono::{Days, NaiveDate, Utc};
use hireloop::entities::{application, onboarding_item, outbox_message, position};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{TestApp, call, open_position};

/// The agency's day (Moscow) moved by `days`.
fn agency_day(days: i64) -> NaiveDate {
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive();
    if days >= 0 {
        today + Days::new(days as u64)
    } else {
        today - Days::new(days.unsigned_abs())
    }
}

/// A person on `position`; no email when `email` is empty.
async fn applicant(app: &TestApp, token: &str, position: i64, name: &str, email: &str) -> i64 {
    let mut person = json!({"full_name": name});
    if !email.is_empty() {
        person["email"] = json!(email);
    }
    let (status, created) = call(app, Method::POST, "/candidates", token, person).await;
    assert_eq!(status, 201, "{created}");
    let (status, a) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": created["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{a}");
    a["id"].as_i64().unwrap()
}

async fn move_to(app: &TestApp, token: &str, id: i64, stages: &[&str]) {
    for to in stages {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/applications/{id}/move"),
            token,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{to}: {body}");
    }
}

/// A position whose finalist accepted an offer starting in a month, with the rest of its
/// search: a short-listed backup with an email, and a long-listed person without one.
struct Search {
    position: i64,
    hire: i64,
    backup: i64,
    no_email: i64,
}

async fn hired_a_month_ahead(app: &TestApp, token: &str) -> Search {
    let position = open_position(app, token, "Аккаунт-менеджер").await;
    let hire = applicant(app, token, position, "Анна Петрова", "anna@mail.test").await;
    let backup = applicant(app, token, position, "Борис Смирнов", "boris@mail.test").await;
    let no_email = applicant(app, token, position, "Вера Козлова", "").await;
    move_to(
        app,
        token,
        hire,
        &["short_list", "references", "ceo_interview", "offer"],
    )
    .await;
    move_to(app, token, backup, &["short_list"]).await;
    let start = agency_day(30).to_string();
    let hired = crate::helpers::hire_through_offer(app, token, hire, &start).await;
    assert_eq!(hired["stage"], "hired", "{hired}");
    Search {
        position,
        hire,
        backup,
        no_email,
    }
}

/// What a premature start must not touch: stages, the position, the outbox, onboarding and
/// the pre-start check-in date.
#[derive(Debug, PartialEq)]
struct Snapshot {
    stages: Vec<(i32, String, bool, Option<NaiveDate>)>,
    position: (String, Option<NaiveDate>),
    outbox: u64,
    onboarding: Vec<(String, Option<chrono::DateTime<Utc>>)>,
}

async fn snapshot(app: &TestApp, s: &Search) -> Snapshot {
    let mut stages: Vec<_> = application::Entity::find()
        .filter(application::Column::PositionId.eq(s.position as i32))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.stage, a.backup, a.next_contact_on))
        .collect();
    stages.sort();
    let p = position::Entity::find_by_id(s.position as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut onboarding: Vec<_> = onboarding_item::Entity::find()
        .filter(onboarding_item::Column::ApplicationId.eq(s.hire as i32))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.code, i.done_at))
        .collect();
    onboarding.sort();
    Snapshot {
        stages,
        position: (p.status, p.filled_on),
        outbox: outbox_message::Entity::find().count(&app.db).await.unwrap(),
        onboarding,
    }
}

async fn stage_of(app: &TestApp, id: i64) -> String {
    application::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .stage
}

async fn outbox_to(app: &TestApp, address: &str) -> Vec<String> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::ToEmail.eq(address))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.kind)
        .collect()
}
