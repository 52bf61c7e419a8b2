//! Candidates: no twins, search, CVs, erasure, follow-ups, the hiring team, vacancy text, salaries, the talent pool.

use super::*;

#[tokio::test]
async fn the_same_email_or_phone_never_makes_a_second_person() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, first) = call(&app, Method::POST, "/candidates", &token,
        json!({"full_name": "Анна Петрова", "email": "Anna@Mail.test", "phone": "8 (916) 123-45-67"})).await;
    assert_eq!(status, 201);
    assert_eq!(first["email"], "anna@mail.test");
    assert_eq!(first["phone"], "+79161234567");
    let id = first["id"].as_i64().unwrap();

    for duplicate in [
        json!({"full_name": "Анна П.", "email": " anna@MAIL.test "}),
        json!({"full_name": "Анна П.", "phone": "+7 916 123 45 67"}),
    ] {
        let (status, body) = call(&app, Method::POST, "/candidates", &token, duplicate).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["existing_id"], id);
    }
    assert_eq!(
        candidate::Entity::find().all(&app.db).await.unwrap().len(),
        1
    );

    let other = new_candidate(&app, &token, "Борис", "boris@mail.test").await;
    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{other}"),
        &token,
        json!({"email": "anna@mail.test"}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["existing_id"], id);

    let position = open_position(&app, &token, 1).await;
    let application = apply(&app, &token, id, position).await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/applications",
        &token,
        json!({"candidate_id": id, "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["existing_id"], application);

    let (status, body) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "", "email": "not-an-email", "phone": "12", "expected_salary": -5}),
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["full_name", "email", "phone", "expected_salary"]);
}

#[tokio::test]
async fn candidates_are_found_by_name_in_any_case_and_by_phone_however_typed() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, _) = call(&app, Method::POST, "/candidates", &token,
        json!({"full_name": "Анна Петрова", "phone": "+7 916 123-45-67", "current_company": "Орбита", "tags": ["SEO", "b2b"]})).await;
    new_candidate(&app, &token, "Борис Смирнов", "boris@mail.test").await;
    for (q, expected) in [
        ("аННА", 1),
        ("орбита", 1),
        ("89161234567", 1),
        ("mail.test", 1),
        ("zzz", 0),
    ] {
        let (_, body) = call(
            &app,
            Method::GET,
            &format!("/candidates?q={}", crate::helpers::urlencode(q)),
            &token,
            json!({}),
        )
        .await;
        assert_eq!(body["total"], expected, "q={q}");
    }
    let (_, body) = call(&app, Method::GET, "/candidates?tag=seo", &token, json!({})).await;
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["tags"], json!(["b2b", "seo"]));
}

fn pdf_bytes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.resize(2048, b' ');
    bytes
}

async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("file", part);
    app.api(Method::POST, &format!("/candidates/{id}/cv"), token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cv_is_checked_by_content_and_size_and_downloaded_only_with_access() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = new_candidate(&app, &token, "Анна", "anna@mail.test").await;

    let response = upload(
        &app,
        &token,
        id,
        "resume.pdf",
        b"just text pretending".to_vec(),
    )
    .await;
    assert_eq!(response.status(), 415, "a .pdf name does not make a PDF");
    let response = upload(&app, &token, id, "big.pdf", {
        let mut big = pdf_bytes();
        big.resize(10 * 1024 * 1024 + 1, b' ');
        big
    })
    .await;
    assert_eq!(response.status(), 413);
    assert!(
        stored_file::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );

    let response = upload(&app, &token, id, "Анна CV.exe", pdf_bytes()).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["filename"], "Анна CV.pdf");
    assert_eq!(body["content_type"], "application/pdf");

    let download = app
        .api(Method::GET, &format!("/candidates/{id}/cv"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf_bytes());

    let interviewer = app.token_for("interviewer").await;
    let denied = app
        .api(Method::GET, &format!("/candidates/{id}/cv"), &interviewer)
        .send()
        .await
        .unwrap();
    // An interviewer reads only the CVs of people they interview; anyone else's is not found.
    assert_eq!(denied.status(), 404);
}

#[tokio::test]
async fn erasing_a_candidate_removes_personal_data_and_the_cv_but_keeps_the_statistics() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, 1).await;
    let id = new_candidate(&app, &token, "Анна Петрова", "anna@mail.test").await;
    let application = apply(&app, &token, id, position).await;
    assert_eq!(
        upload(&app, &token, id, "cv.pdf", pdf_bytes())
            .await
            .status(),
        201
    );

    let response = app
        .api(Method::DELETE, &format!("/candidates/{id}"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let erased = candidate::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(erased.erased_at.is_some());
    assert_eq!(
        (erased.email, erased.phone, erased.cv_file_id),
        (None, None, None)
    );
    assert!(!erased.full_name.contains("Анна"));
    assert!(
        stored_file::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        stage_of(&app, application).await,
        "long_list",
        "statistics stay"
    );
    let (_, found) = call(&app, Method::GET, "/candidates?q=анна", &token, json!({})).await;
    assert_eq!(found["total"], 0);
    // The email is free again: the same person may come back as new.
    new_candidate(&app, &token, "Анна Петрова", "anna@mail.test").await;
}

#[tokio::test]
async fn follow_ups_move_along_the_cadence_and_comments_land_on_the_timeline() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, 1).await;
    let person = new_candidate(&app, &token, "Анна", "anna@mail.test").await;
    let id = apply(&app, &token, person, position).await;
    let today = chrono::Utc::now().date_naive();
    let next = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            application::Entity::find_by_id(id as i32)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .next_contact_on
        }
    };
    assert_eq!(next(&app).await, Some(today + chrono::Days::new(1)));
    call(
        &app,
        Method::POST,
        &format!("/applications/{id}/contacts"),
        &token,
        json!({"note": "Позвонил"}),
    )
    .await;
    assert_eq!(next(&app).await, Some(today + chrono::Days::new(3)));
    call(
        &app,
        Method::POST,
        &format!("/applications/{id}/contacts"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(next(&app).await, Some(today + chrono::Days::new(7)));
    call(
        &app,
        Method::POST,
        &format!("/applications/{id}/contacts"),
        &token,
        json!({"next_contact_on": "2027-01-11"}),
    )
    .await;
    assert_eq!(next(&app).await, Some("2027-01-11".parse().unwrap()));

    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/comments"),
        &token,
        json!({"text": "Сильный кейс по удержанию"}),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(body["timeline"][0]["kind"], "comment");
    assert_eq!(body["timeline"][0]["note"], "Сильный кейс по удержанию");
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/comments"),
        &token,
        json!({"text": "  "}),
    )
    .await;
    assert_eq!(status, 422);

    let (_, list) = call(
        &app,
        Method::GET,
        &format!("/applications?position_id={position}&stage=long_list"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(list["total"], 1);
    let (status, _) = call(
        &app,
        Method::GET,
        "/applications?stage=nowhere",
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn a_target_date_can_be_cleared_and_the_hiring_team_set_over_the_api() {
    let app = spawn_app().await;
    let token = app.token_for("hiring_manager").await;
    let (_, created) = call(
        &app,
        Method::POST,
        "/positions",
        &token,
        json!({"title": "AM", "grade": "junior", "reports_to": "CSD", "target_date": "2027-02-01"}),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let interviewer = crate::helpers::user_id(&app.db, &app.add_user("interviewer").await).await;
    let mentor = crate::helpers::user_id(&app.db, &app.add_user("mentor").await).await;

    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/positions/{id}"),
        &token,
        json!({"version": 1, "target_date": null, "interviewer_ids": [interviewer]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["target_date"].is_null());
    assert_eq!(body["interviewer_ids"], json!([interviewer]));

    let version = body["version"].as_i64().unwrap();
    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/positions/{id}"),
        &token,
        json!({"version": version, "interviewer_ids": [mentor]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "interviewer_ids");

    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/positions/{id}"),
        &token,
        json!({"version": version, "title": "AM 2"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["interviewer_ids"],
        json!([interviewer]),
        "left out means kept"
    );
    assert!(body["target_date"].is_null());
}

#[tokio::test]
async fn the_vacancy_text_can_be_edited_and_reset() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = open_position(&app, &token, 1).await;
    let (status, body) = call(
        &app,
        Method::PUT,
        &format!("/positions/{id}/vacancy"),
        &token,
        json!({"lang": "en", "text": "Join us as an account manager."}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["edited"], true);
    let (_, body) = call(
        &app,
        Method::GET,
        &format!("/positions/{id}/vacancy?lang=en"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(body["text"], "Join us as an account manager.");
    let (_, body) = call(
        &app,
        Method::PUT,
        &format!("/positions/{id}/vacancy"),
        &token,
        json!({"lang": "en", "text": ""}),
    )
    .await;
    assert_eq!(body["edited"], false);
    assert_ne!(body["text"], "Join us as an account manager.");
}

#[tokio::test]
async fn salaries_are_shown_only_to_roles_that_need_them() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let id = new_candidate(&app, &recruiter, "Анна", "anna@mail.test").await;
    let (_, seen) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(seen["expected_salary"], 150000);
    let interviewer = app.token_for("interviewer").await;
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}"),
        &interviewer,
        json!({}),
    )
    .await;
    // Not one of theirs to interview: not found (issue 20), as before not shown.
    assert_eq!(status, 404);
    let mentor = app.token_for("mentor").await;
    let (status, _) = call(&app, Method::GET, "/candidates", &mentor, json!({})).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_rejected_person_kept_in_the_talent_pool_joins_a_later_position() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let first = open_position(&app, &token, 1).await;
    let anna = new_candidate(&app, &token, "Анна", "anna@mail.test").await;
    new_candidate(&app, &token, "Борис", "boris@mail.test").await;
    let id = apply(&app, &token, anna, first).await;
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/reject"),
        &token,
        json!({"reason": "salary_above_band", "note": "Ждёт 200 000", "talent_pool": true}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ended_reason"], "salary_above_band");
    assert_eq!(body["next_contact_on"], Value::Null);

    let (_, pool) = call(
        &app,
        Method::GET,
        "/candidates?talent_pool=true",
        &token,
        json!({}),
    )
    .await;
    assert_eq!(pool["total"], 1);
    assert_eq!(pool["items"][0]["id"], anna);

    let later = open_position(&app, &token, 1).await;
    let again = apply(&app, &token, anna, later).await;
    assert_ne!(again, id);
    let (_, person) = call(
        &app,
        Method::GET,
        &format!("/candidates/{anna}"),
        &token,
        json!({}),
    )
    .await;
    let stages: Vec<&str> = person["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["long_list", "rejected"]);

    let (_, reasons) = call(&app, Method::GET, "/reasons?lang=en", &token, json!({})).await;
    assert!(
        reasons
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "salary_above_band" && r["kind"] == "reject")
    );
}
