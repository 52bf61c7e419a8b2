//! Each page action that cannot be undone, or that emails many people, first names its
//! consequence and changes nothing; the same values posted again with `confirmed=1` act.

use hireloop::entities::{candidate, offer};

use super::*;

async fn outbox_count(app: &TestApp) -> u64 {
    outbox_message::Entity::find().count(&app.db).await.unwrap()
}

/// A position with three long-listed people (two with email) and a recruiter signed in on
/// the app's browser.
async fn three_applicants(app: &TestApp) -> (String, i64, [i64; 3]) {
    let token = app.token_for("recruiter").await;
    let position = open_position(app, &token, "Аккаунт-менеджер").await;
    let ids = [
        applicant(app, &token, position, "Анна Петрова", "anna@mail.test").await,
        applicant(app, &token, position, "Борис Смирнов", "boris@mail.test").await,
        applicant(app, &token, position, "Вера Козлова", "").await,
    ];
    app.login_as("recruiter").await;
    (token, position, ids)
}

#[tokio::test]
async fn rejecting_one_candidate_names_them_and_the_letter_before_it_acts() {
    let app = crate::helpers::spawn_app().await;
    let (_, _, [anna, ..]) = three_applicants(&app).await;
    let path = format!("/applications/{anna}/reject");
    let outbox = outbox_count(&app).await;
    let typed = [
        ("reason", "skills_gap"),
        ("note", "слабый опыт с клиентами"),
        ("notify", "1"),
        ("subject", "Ваш отклик"),
        ("body", "Спасибо за время."),
        ("back", "/applications"),
    ];
    let response = app.post_form(&path, &typed).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("data-confirmation") && html.contains("Анна Петрова"));
    assert!(
        html.contains("1 кандидат получит письмо с отказом"),
        "{html}"
    );
    assert!(
        html.contains("value=\"слабый опыт с клиентами\""),
        "typed values carried"
    );
    assert_eq!(stage_of(&app, anna).await, "long_list");
    assert_eq!(outbox_count(&app).await, outbox);

    // Back: the rejection form again, as typed.
    let mut back = typed.to_vec();
    back.push(("edit", "1"));
    let response = app.post_form(&path, &back).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Спасибо за время.") && html.contains("name=\"subject\""));
    assert_eq!(stage_of(&app, anna).await, "long_list");

    let mut confirmed = typed.to_vec();
    confirmed.push(("confirmed", "1"));
    let response = app.post_form(&path, &confirmed).await;
    assert_eq!(response.status(), 303);
    assert_eq!(stage_of(&app, anna).await, "rejected");
    assert_eq!(outbox_to(&app, "anna@mail.test").await, ["rejection"]);
}

#[tokio::test]
async fn a_reject_without_a_reason_is_the_form_again_not_a_confirmation() {
    let app = crate::helpers::spawn_app().await;
    let (_, _, [anna, ..]) = three_applicants(&app).await;
    let response = app
        .post_form(
            &format!("/applications/{anna}/reject"),
            &[("note", "кратко")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(!html.contains("data-confirmation"));
    assert!(html.contains("id=\"e-reason\"") && html.contains("value=\"кратко\""));
}

#[tokio::test]
async fn a_bulk_rejection_counts_the_letters_before_it_sends_them() {
    let app = crate::helpers::spawn_app().await;
    let (_, _, ids) = three_applicants(&app).await;
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut form: Vec<(&str, &str)> = ids.iter().map(|id| ("ids", id.as_str())).collect();
    form.extend([
        ("to", "rejected"),
        ("reason", "skills_gap"),
        ("back", "/applications"),
    ]);
    let outbox = outbox_count(&app).await;

    let response = app.post_form("/applications/bulk", &form).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("3 отклика закрываются с отказом"), "{html}");
    assert!(
        html.contains("2 кандидата получат письмо с отказом"),
        "{html}"
    );
    // The letters wait out the outbox's hold, and the page says where to call them back.
    assert!(
        html.contains("Письма подождут в очереди 5 минут")
            && html.contains("можно отменить в исходящих"),
        "{html}"
    );
    for name in ["Анна Петрова", "Борис Смирнов", "Вера Козлова"]
    {
        assert!(html.contains(name));
    }
    assert_eq!(
        html.matches("name=\"ids\"").count(),
        3,
        "the selection is carried"
    );
    for id in &ids {
        assert_eq!(stage_of(&app, id.parse().unwrap()).await, "long_list");
    }
    assert_eq!(outbox_count(&app).await, outbox);

    form.push(("confirmed", "1"));
    let response = app.post_form("/applications/bulk", &form).await;
    assert_eq!(response.status(), 303);
    for id in &ids {
        assert_eq!(stage_of(&app, id.parse().unwrap()).await, "rejected");
    }
    assert_eq!(outbox_count(&app).await, outbox + 2);
}

#[tokio::test]
async fn a_bulk_move_says_how_many_move_and_which_the_rule_keeps() {
    let app = crate::helpers::spawn_app().await;
    let (token, _, [anna, boris, vera]) = three_applicants(&app).await;
    move_to(&app, &token, vera, &["short_list", "references"]).await;
    let (a, b, v) = (anna.to_string(), boris.to_string(), vera.to_string());
    let mut form = vec![
        ("ids", a.as_str()),
        ("ids", b.as_str()),
        ("ids", v.as_str()),
    ];
    form.extend([("to", "short_list"), ("back", "/applications")]);

    let response = app.post_form("/applications/bulk", &form).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("2 отклика переходят на этап"), "{html}");
    assert!(html.contains("Остаются на месте: 1"), "{html}");
    assert_eq!(stage_of(&app, anna).await, "long_list");

    form.push(("confirmed", "1"));
    assert_eq!(
        app.post_form("/applications/bulk", &form).await.status(),
        303
    );
    assert_eq!(stage_of(&app, anna).await, "short_list");
    assert_eq!(stage_of(&app, boris).await, "short_list");
    assert_eq!(stage_of(&app, vera).await, "references");
}

#[tokio::test]
async fn erasing_says_the_data_goes_for_good_and_erases_only_when_confirmed() {
    let app = crate::helpers::spawn_app().await;
    let (_, _, [anna, ..]) = three_applicants(&app).await;
    let person = application::Entity::find_by_id(anna as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .candidate_id;
    let path = format!("/candidates/{person}/erase");
    let response = app.post_form(&path, &[]).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("удаляются безвозвратно") && html.contains("Анна Петрова"));
    let row = candidate::Entity::find_by_id(person)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.erased_at.is_none() && row.email.is_some());

    let response = app.post_form(&path, &[("confirmed", "1")]).await;
    assert_eq!(response.status(), 303);
    let row = candidate::Entity::find_by_id(person)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.erased_at.is_some() && row.email.is_none());
}

#[tokio::test]
async fn cancelling_a_position_counts_the_closed_applications_and_the_letters() {
    let app = crate::helpers::spawn_app().await;
    let (_, position, ids) = three_applicants(&app).await;
    let path = format!("/positions/{position}/status");
    let outbox = outbox_count(&app).await;
    let response = app.post_form(&path, &[("action", "cancel")]).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("3 отклика закрываются, писем кандидатам: 2"),
        "{html}"
    );
    let status = |app: &TestApp| {
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
    assert_eq!(status(&app).await, "open");
    assert_eq!(outbox_count(&app).await, outbox);

    let response = app
        .post_form(&path, &[("action", "cancel"), ("confirmed", "1")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status(&app).await, "cancelled");
    for id in ids {
        assert_eq!(stage_of(&app, id).await, "rejected");
    }
    assert_eq!(outbox_count(&app).await, outbox + 2);
}

#[tokio::test]
async fn sending_an_offer_names_the_address_and_sends_only_when_confirmed() {
    let app = crate::helpers::spawn_app().await;
    let (token, _, [anna, ..]) = three_applicants(&app).await;
    move_to(
        &app,
        &token,
        anna,
        &["short_list", "references", "ceo_interview", "offer"],
    )
    .await;
    let (_, grades) = call(&app, Method::GET, "/grades", &token, json!({})).await;
    let min = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()["salary_min"]
        .clone();
    let (status, draft) = call(
        &app,
        Method::POST,
        &format!("/applications/{anna}/offers"),
        &token,
        json!({"salary": min, "start_date": agency_day(30).to_string()}),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    let id = draft["id"].as_i64().unwrap();
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    for (who, step) in [(&token, "submit"), (&manager, "approve"), (&ceo, "approve")] {
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("/offers/{id}/{step}"),
            who,
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{step}: {body}");
    }
    let path = format!("/offers/{id}");
    let response = app
        .post_form(&path, &[("action", "send"), ("note", "Ждём вас!")])
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("anna@mail.test") && html.contains("value=\"Ждём вас!\""));
    let status = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            offer::Entity::find_by_id(id as i32)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .status
        }
    };
    assert_eq!(status(&app).await, "approved");
    assert!(outbox_to(&app, "anna@mail.test").await.is_empty());

    let response = app
        .post_form(
            &path,
            &[
                ("action", "send"),
                ("note", "Ждём вас!"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status(&app).await, "sent");
    assert_eq!(outbox_to(&app, "anna@mail.test").await, ["offer_letter"]);
}
