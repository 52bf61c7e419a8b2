//! The preview: per-row messages, duplicates in the file and in the database, only the
//! confirmed rows imported, cancellation, files that cannot be taken, and who may import.

use super::*;

const FILE: &str = "ФИО;Email;Телефон;Ожидаемая зарплата;Источник\n\
Анна Петрова;anna@mail.ru;8 916 111-11-11;150 000;hh.ru\n\
;nobody@mail.ru;;;\n\
Борис Сломанный;boris at mail;;;\n\
Вера Дубль;DUP@Agency.ru;;;\n\
Анна Повтор;ANNA@mail.ru;;;\n\
Галина Щедрая;galina@mail.ru;;очень много;\n\
Дмитрий Новый;dmitry@mail.ru;;;\n";

#[tokio::test]
async fn bad_rows_get_messages_duplicates_are_linked_and_only_confirmed_rows_are_imported() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let existing = add_person(
        &app,
        &token,
        json!({"full_name": "Вера Давняя", "email": "dup@agency.ru"}),
    )
    .await;

    let (status, preview) = upload(&app, &token, FILE.as_bytes(), "consent=true").await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(preview["state"], "previewing");
    assert_eq!(preview["total_rows"], 7);
    assert_eq!(
        preview["counts"],
        json!({"new": 2, "duplicate": 1, "in_file": 1, "error": 3})
    );
    assert_eq!(row(&preview, 2)["status"], "new");
    assert_eq!(row(&preview, 2)["phone"], "+79161111111");
    assert_eq!(row(&preview, 2)["source"], "job_board");
    let fields = |line: i64| -> Vec<String> {
        row(&preview, line)["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                assert!(!e["message"].as_str().unwrap().is_empty());
                e["field"].as_str().unwrap().to_owned()
            })
            .collect()
    };
    assert_eq!(fields(3), ["full_name"]);
    assert_eq!(fields(4), ["email"]);
    assert_eq!(fields(7), ["expected_salary"]);
    assert_eq!(row(&preview, 5)["status"], "duplicate");
    assert_eq!(row(&preview, 5)["existing_candidate_id"], existing);
    assert_eq!(row(&preview, 6)["status"], "in_file");
    assert_eq!(row(&preview, 6)["earlier_line"], 2);
    assert_eq!(row(&preview, 3)["selected"], false);
    // Nothing is written before confirmation.
    assert_eq!(count_candidates(&app).await, 1);

    let id = preview["id"].as_i64().unwrap();
    let (status, done) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({"rows": [2, 5]}),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["state"], "done");
    assert_eq!(done["progress"], 100);
    assert_eq!(
        (done["created_rows"].clone(), done["linked_rows"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(row(&done, 5)["outcome"], "linked");
    assert_eq!(row(&done, 5)["candidate_id"], existing);

    // Anna is new, Vera was not made twice, Dmitry was not chosen.
    assert_eq!(count_candidates(&app).await, 2);
    let anna = find_by_email(&app, "anna@mail.ru")
        .await
        .expect("Anna imported");
    assert_eq!(anna.expected_salary, Some(150_000));
    assert_eq!(anna.source.as_deref(), Some("job_board"));
    assert!(find_by_email(&app, "dmitry@mail.ru").await.is_none());
    // Her consent is on record with the import as its basis.
    let consents = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(anna.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].basis.as_deref(), Some("import"));
    assert!(consents[0].recorded_by.is_some());

    // A done import cannot be confirmed or cancelled again.
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/imports/{id}"),
        &token,
        json!(null),
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_cancelled_import_leaves_candidates_untouched() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    add_person(
        &app,
        &token,
        json!({"full_name": "Вера Давняя", "email": "dup@agency.ru"}),
    )
    .await;
    let (status, preview) = upload(&app, &token, FILE.as_bytes(), "consent=true").await;
    assert_eq!(status, 201);
    let id = preview["id"].as_i64().unwrap();

    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/imports/{id}"),
        &token,
        json!(null),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(count_candidates(&app).await, 1);
    assert_eq!(
        import_batch::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(import_row::Entity::find().count(&app.db).await.unwrap(), 0);
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/imports/{id}"),
        &token,
        json!(null),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn files_that_cannot_be_imported_get_problem_details() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    let (status, body) = upload(&app, &token, png, "consent=true").await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["status"], 415);

    let (status, body) = upload(&app, &token, b"", "consent=true").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "file");

    let (status, body) = upload(&app, &token, b"Email;Phone\na@b.ru;\n", "consent=true").await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "file");

    let (status, body) = upload(&app, &token, FILE.as_bytes(), "").await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "consent");

    let mut big = String::from("Name,Email\n");
    for n in 0..50_001 {
        big.push_str(&format!("P{n},p{n}@mail.ru\n"));
    }
    let (status, _) = upload(&app, &token, big.as_bytes(), "consent=true").await;
    assert_eq!(status, 413);

    let response = app
        .api(Method::POST, "/imports?consent=true", &token)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert_eq!(
        import_batch::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_windows_1251_file_with_a_position_puts_people_on_its_long_list() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, position) = call(
        &app,
        Method::POST,
        "/positions",
        &token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director",
               "headcount": 1, "profile": {"company": "А", "role": "Б", "duties": "В",
               "requirements": "Г", "conditions": "Д"}}),
    )
    .await;
    assert_eq!(status, 201, "{position}");
    let position_id = position["id"].as_i64().unwrap();
    let text = "Имя,Email,Компания\nЕлена Кириллица,elena@mail.ru,Орбита\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            other => other as u8,
        })
        .collect();
    let (status, preview) = upload(
        &app,
        &token,
        &bytes,
        &format!("consent=true&position_id={position_id}"),
    )
    .await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(preview["encoding"], "windows-1251");
    assert_eq!(row(&preview, 2)["full_name"], "Елена Кириллица");
    let id = preview["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let elena = find_by_email(&app, "elena@mail.ru").await.unwrap();
    assert_eq!(elena.current_company.as_deref(), Some("Орбита"));
    let (_, applications) = call(
        &app,
        Method::GET,
        &format!("/applications?position_id={position_id}"),
        &token,
        json!(null),
    )
    .await;
    assert_eq!(applications["total"], 1, "{applications}");
    assert_eq!(applications["items"][0]["candidate_id"], elena.id);
    assert_eq!(applications["items"][0]["stage"], "long_list");
}

#[tokio::test]
async fn only_recruiters_and_admins_may_import() {
    let app = spawn_app().await;
    for role in ["interviewer", "hiring_manager", "mentor"] {
        let token = app.token_for(role).await;
        let (status, _) = upload(&app, &token, FILE.as_bytes(), "consent=true").await;
        assert_eq!(status, 403, "{role}");
    }
    let admin = app.token_for("admin").await;
    let (status, preview) = upload(&app, &admin, FILE.as_bytes(), "consent=true").await;
    assert_eq!(status, 201);
    let id = preview["id"].as_i64().unwrap();
    let interviewer = app.token_for("interviewer").await;
    for (method, path) in [
        (Method::GET, format!("/imports/{id}")),
        (Method::POST, format!("/imports/{id}/confirm")),
        (Method::DELETE, format!("/imports/{id}")),
    ] {
        let (status, _) = call(&app, method, &path, &interviewer, json!({})).await;
        assert_eq!(status, 403, "{path}");
    }
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/imports/{id}"),
        "nonsense",
        json!(null),
    )
    .await;
    assert_eq!(status, 401);
}
