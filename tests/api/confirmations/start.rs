//! Recording a start: never ahead of the day, previewed without changing anything, and on the
//! page only after the list of who it closes has been shown and confirmed.

use super::*;

#[tokio::test]
async fn an_accepted_offer_keeps_the_search_warm_and_the_pre_start_check_ins_scheduled() {
    let app = crate::helpers::spawn_app().await;
    let token = app.token_for("recruiter").await;
    let s = hired_a_month_ahead(&app, &token).await;
    let now = snapshot(&app, &s).await;
    assert_eq!(now.position.0, "open", "the search goes on until the start");
    let backup = now.stages.iter().find(|a| a.0 == s.backup as i32).unwrap();
    assert_eq!(
        (backup.1.as_str(), backup.2),
        ("short_list", true),
        "the backup stays warm"
    );
    let hire = now.stages.iter().find(|a| a.0 == s.hire as i32).unwrap();
    assert!(
        hire.3.is_some(),
        "a check-in before the start is scheduled: {hire:?}"
    );
    assert!(
        !now.onboarding.is_empty(),
        "the onboarding checklist exists"
    );
    assert!(now.onboarding.iter().all(|(_, done)| done.is_none()));
    assert_eq!(stage_of(&app, s.no_email).await, "long_list");
}

#[tokio::test]
async fn a_start_a_month_ahead_is_refused_and_changes_nothing() {
    let app = crate::helpers::spawn_app().await;
    let token = app.token_for("recruiter").await;
    let s = hired_a_month_ahead(&app, &token).await;
    let before = snapshot(&app, &s).await;

    for day in [agency_day(30), agency_day(1)] {
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("/applications/{}/start", s.hire),
            &token,
            json!({"started_on": day.to_string()}),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["errors"][0]["field"], "started_on", "{body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        // The day as the message's language writes it, not as an ISO code.
        let written = [true, false].map(|en| hireloop::web::dates::format_date(day, en));
        assert!(written.iter().any(|w| message.contains(w)), "{message}");
        // The preview refuses the same way.
        let (status, _) = call(
            &app,
            Method::POST,
            &format!("/applications/{}/start", s.hire),
            &token,
            json!({"started_on": day.to_string(), "preview": true}),
        )
        .await;
        assert_eq!(status, 422);
    }
    assert_eq!(snapshot(&app, &s).await, before);
}

#[tokio::test]
async fn the_preview_lists_exactly_who_the_start_closes_and_changes_nothing() {
    let app = crate::helpers::spawn_app().await;
    let token = app.token_for("recruiter").await;
    let s = hired_a_month_ahead(&app, &token).await;
    // Someone who already left is not closed again.
    let gone = applicant(&app, &token, s.position, "Глеб Орлов", "gleb@mail.test").await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{gone}/withdraw"),
        &token,
        json!({"reason": "other_offer"}),
    )
    .await;
    assert_eq!(status, 200);
    let before = snapshot(&app, &s).await;

    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{}/start", s.hire),
        &token,
        json!({"started_on": agency_day(0).to_string(), "preview": true}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["fills_position"], true);
    assert_eq!(
        body["closes"],
        json!([
            {"application_id": s.backup, "candidate_name": "Борис Смирнов", "stage": "short_list", "email_queued": true},
            {"application_id": s.no_email, "candidate_name": "Вера Козлова", "stage": "long_list", "email_queued": false},
        ])
    );
    assert_eq!(
        snapshot(&app, &s).await,
        before,
        "a preview changes nothing"
    );
}

#[tokio::test]
async fn a_start_today_fills_the_position_and_closes_the_rest_with_letters() {
    let app = crate::helpers::spawn_app().await;
    let token = app.token_for("recruiter").await;
    let s = hired_a_month_ahead(&app, &token).await;
    let today = agency_day(0).to_string();
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{}/start", s.hire),
        &token,
        json!({"started_on": today}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stage"], "started");
    let after = snapshot(&app, &s).await;
    assert_eq!(after.position, ("filled".to_owned(), Some(agency_day(0))));
    assert_eq!(stage_of(&app, s.backup).await, "rejected");
    assert_eq!(stage_of(&app, s.no_email).await, "rejected");
    assert_eq!(outbox_to(&app, "boris@mail.test").await, ["rejection"]);
}

#[tokio::test]
async fn the_page_shows_who_a_start_closes_and_acts_only_when_confirmed() {
    let app = crate::helpers::spawn_app().await;
    let token = app.token_for("recruiter").await;
    let s = hired_a_month_ahead(&app, &token).await;
    app.login_as("recruiter").await;
    let before = snapshot(&app, &s).await;
    let path = format!("/applications/{}/move", s.hire);
    let back = format!("/positions/{}/board", s.position);
    let today = agency_day(0).to_string();

    // A day still ahead: the form again, as typed, with the rule beside the date.
    let ahead = agency_day(30).to_string();
    let response = app
        .post_form(
            &path,
            &[("to", "started"), ("date", &ahead), ("back", &back)],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!("value=\"{ahead}\"")),
        "typed date kept"
    );
    assert!(
        html.contains("id=\"e-date\""),
        "the error sits beside the date"
    );
    assert_eq!(snapshot(&app, &s).await, before);

    // Today: the list of who is closed, and nothing done yet.
    let response = app
        .post_form(
            &path,
            &[("to", "started"), ("date", &today), ("back", &back)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("data-confirmation"), "{html}");
    assert!(html.contains("Борис Смирнов") && html.contains("Вера Козлова"));
    assert!(
        html.contains("получит письмо с отказом"),
        "who gets a letter is said"
    );
    assert!(html.contains("name=\"confirmed\" value=\"1\""));
    assert!(
        html.contains(&format!("name=\"date\" value=\"{today}\"")),
        "values carried"
    );
    assert_eq!(snapshot(&app, &s).await, before, "asking changes nothing");

    // Back shows the form with the date as typed.
    let response = app
        .post_form(
            &path,
            &[
                ("to", "started"),
                ("date", &today),
                ("back", &back),
                ("edit", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(&format!("value=\"{today}\""))
    );
    assert_eq!(snapshot(&app, &s).await, before);

    let response = app
        .post_form(
            &path,
            &[
                ("to", "started"),
                ("date", &today),
                ("back", &back),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(crate::helpers::location(&response), back);
    assert_eq!(stage_of(&app, s.hire).await, "started");
    assert_eq!(snapshot(&app, &s).await.position.0, "filled");
    assert_eq!(stage_of(&app, s.backup).await, "rejected");
    assert_eq!(outbox_to(&app, "boris@mail.test").await, ["rejection"]);
}

#[tokio::test]
async fn a_bulk_move_cannot_record_a_start() {
    let app = crate::helpers::spawn_app().await;
    let token = app.token_for("recruiter").await;
    let s = hired_a_month_ahead(&app, &token).await;
    app.login_as("recruiter").await;
    let before = snapshot(&app, &s).await;
    let id = s.hire.to_string();
    let response = app
        .post_form(
            "/applications/bulk",
            &[
                ("ids", &id),
                ("to", "started"),
                ("back", "/applications"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(snapshot(&app, &s).await, before);
}
