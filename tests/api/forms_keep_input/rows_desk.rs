//! The recruiter's and admin's own forms: tokens, users, bulk actions, follow-ups, the vacancy text.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use super::{Fixture, Row, owned};
use crate::helpers::{TestApp, user_id};

/// Records these rows need beyond the shared fixture, kept in `fixture.extra`.
pub(super) async fn setup(app: &TestApp, fixture: &mut Fixture) {
    // A colleague whose access the admin edits.
    let email = app.add_user("recruiter").await;
    let colleague = user_id(&app.db, &email).await;
    fixture.extra.insert("colleague", colleague.to_string());
    // The date form of a follow-up shows only once a next contact is planned.
    let application = hireloop::entities::application::Entity::find_by_id(fixture.at_offer as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut planned: hireloop::entities::application::ActiveModel = application.into();
    planned.next_contact_on = Set(Some(chrono::Utc::now().date_naive()));
    planned.update(&app.db).await.unwrap();
    // A hire who started, for the probation page (its plan is made on the first read).
    let token = app.token_for("recruiter").await;
    let (_, person) = crate::helpers::call(
        app,
        reqwest::Method::POST,
        "/candidates",
        &token,
        serde_json::json!({"full_name": "Инна Захарова", "email": "inna.probation@mail.test"}),
    )
    .await;
    let (_, created) = crate::helpers::call(
        app,
        reqwest::Method::POST,
        "/applications",
        &token,
        serde_json::json!({"candidate_id": person["id"], "position_id": fixture.position,
                           "source": "referral"}),
    )
    .await;
    let mut hire: hireloop::entities::application::ActiveModel =
        hireloop::entities::application::Entity::find_by_id(created["id"].as_i64().unwrap() as i32)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    hire.stage = Set("started".into());
    hire.started_on = Set(Some(chrono::Utc::now().date_naive()));
    let hire = hire.update(&app.db).await.unwrap();
    fixture.extra.insert("started", hire.id.to_string());
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        Row {
            action: "/profile/tokens",
            role: "recruiter",
            path: |_| "/profile/tokens".into(),
            // A name that would read backwards.
            fields: |_| owned(&[("name", "Ωтокен-50\u{202E}")]),
            kept: &["name"],
            status: 422,
        },
        Row {
            action: "/admin/users/{}",
            role: "admin",
            path: |f| format!("/admin/users/{}", f.extra["colleague"]),
            fields: |_| owned(&[("role", "Ωроль-51"), ("active", "1"), ("page", "1")]),
            // A role picked from a list and a tick box: the refusal and its page are checked
            // here, the choices as they were in `a_refused_access_change_keeps_the_choices`.
            kept: &[],
            status: 422,
        },
        Row {
            action: "/applications/bulk",
            role: "recruiter",
            path: |_| "/applications/bulk".into(),
            // Rejecting needs a reason from the list.
            fields: |f| {
                vec![
                    ("ids", f.at_offer.to_string()),
                    ("to", "rejected".into()),
                    ("reason", String::new()),
                    ("note", "Ωпримечание-52".into()),
                    ("back", "/applications".into()),
                ]
            },
            kept: &["note"],
            status: 422,
        },
        Row {
            action: "/applications/{}/follow-up",
            role: "recruiter",
            path: |f| format!("/applications/{}/follow-up", f.at_offer),
            fields: |f| {
                vec![
                    ("action", "set".into()),
                    ("date", "Ωпослезавтра-53".into()),
                    ("back", format!("/candidates/{}", f.candidate)),
                ]
            },
            kept: &["date"],
            status: 422,
        },
        Row {
            action: "/positions/{}/vacancy",
            role: "recruiter",
            path: |f| format!("/positions/{}/vacancy", f.position),
            // A bidi override hidden in the text.
            fields: |_| {
                owned(&[
                    ("lang", "en"),
                    ("action", "save"),
                    ("text", "Ωвакансия-54\u{202E} и дальше"),
                ])
            },
            kept: &["text"],
            status: 422,
        },
        Row {
            action: "/applications/{}/probation",
            role: "hiring_manager",
            path: |f| format!("/applications/{}/probation", f.extra["started"]),
            // An extension without its new end date.
            fields: |_| {
                owned(&[
                    ("part", "milestone"),
                    ("code", "probation_result"),
                    ("result", "extended"),
                    ("extended_to", ""),
                    ("note", "Ωиспытательный-55"),
                ])
            },
            kept: &["note"],
            status: 422,
        },
    ]
}

/// Forms here whose typed input does not yet come back.
pub(super) const NOT_YET: &[&str] = &[];

/// The admin's own row, asked to demote and deactivate itself: refused (409), and the row
/// comes back with the role and the box as they were chosen, not as saved.
#[tokio::test]
async fn a_refused_access_change_keeps_the_choices() {
    let app = crate::helpers::spawn_app().await;
    let email = app.login_as("admin").await;
    let own = user_id(&app.db, &email).await;
    let response = app
        .post_form(
            &format!("/admin/users/{own}"),
            &[("role", "recruiter"), ("page", "1")],
        )
        .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.unwrap();
    let row = html
        .split(&format!("action=\"/admin/users/{own}\""))
        .nth(1)
        .and_then(|rest| rest.split("</form>").next())
        .expect("the admin's own row");
    assert!(
        row.contains("<option value=\"recruiter\" selected>"),
        "the chosen role: {row}"
    );
    assert!(
        !row.contains("<option value=\"admin\" selected>"),
        "not the saved one: {row}"
    );
    assert!(!row.contains("checked"), "the box left unticked: {row}");
    assert!(html.contains("role=\"alert\"") || html.contains("flash-error"));
}
