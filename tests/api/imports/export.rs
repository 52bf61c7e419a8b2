//! Export of the candidate list with its filters, as CSV and XLSX, with the import's columns:
//! what goes out comes back in as duplicates of everyone.

use super::*;

async fn three_people(app: &TestApp, token: &str) {
    for (name, email, phone, company) in [
        ("Анна Петрова", "anna@mail.ru", "+7 916 111-11-11", "Орбита"),
        (
            "Борис Иванов",
            "boris@mail.ru",
            "8 916 222-22-22",
            "=HYPERLINK(\"x\")",
        ),
        ("Вера Смирнова", "vera@mail.ru", "", "Сатурн, ООО"),
    ] {
        add_person(
            app,
            token,
            json!({"full_name": name, "email": email, "phone": phone,
                   "current_company": company, "expected_salary": 150000, "source": "referral"}),
        )
        .await;
    }
}

#[tokio::test]
async fn an_export_imports_back_as_duplicates_of_everyone() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    three_people(&app, &token).await;
    let response = app
        .api(Method::GET, "/candidates?format=csv", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = response.bytes().await.unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let text = String::from_utf8(csv.to_vec()).unwrap();
    // The test user reads Russian: Russian headings, `;` between cells; formulas defused.
    assert!(
        text.contains(
            "ФИО;Email;Телефон;Должность;Компания;Ожидаемая зарплата;Валюта;Ссылка;Источник;Этап"
        ),
        "{text}"
    );
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'+79161111111"), "{text}");

    let (status, preview) = upload(&app, &token, &csv, "consent=true").await;
    assert_eq!(status, 201, "{preview}");
    assert_eq!(
        preview["counts"],
        json!({"new": 0, "duplicate": 3, "in_file": 0, "error": 0})
    );
    let boris = find_by_email(&app, "boris@mail.ru").await.unwrap();
    let line = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "boris@mail.ru")
        .unwrap()
        .clone();
    assert_eq!(line["existing_candidate_id"], boris.id);
    assert_eq!(line["current_company"], "=HYPERLINK(\"x\")");
    assert_eq!(line["expected_salary"], 150000);
    assert_eq!(line["source"], "referral");
    let id = preview["id"].as_i64().unwrap();
    let (status, done) = call(
        &app,
        Method::POST,
        &format!("/imports/{id}/confirm"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(done["linked_rows"], 3);
    assert_eq!(count_candidates(&app).await, 3);
}

#[tokio::test]
async fn the_export_keeps_the_filters_and_comes_as_xlsx_too() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    three_people(&app, &token).await;
    let response = app
        .api(
            Method::GET,
            "/candidates?q=%D0%B2%D0%B5%D1%80%D0%B0",
            &token,
        )
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "the heading and Vera: {text}");
    assert!(lines[1].starts_with("Вера Смирнова;vera@mail.ru"), "{text}");

    let response = app
        .api(Method::GET, "/candidates?format=xlsx", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(&response.bytes().await.unwrap()[..2], b"PK");

    // Without a format the list is JSON, as before.
    let (status, list) = call(&app, Method::GET, "/candidates", &token, json!(null)).await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 3);

    // Each export is audited with its count, never with who was in it.
    let entries = hireloop::entities::audit_entry::Entity::find()
        .filter(hireloop::entities::audit_entry::Column::Action.eq("candidate.export"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    let details: Vec<String> = entries.iter().map(|e| e.details.clone().unwrap()).collect();
    assert!(
        details.iter().any(|d| d.contains("\"rows\":1")),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .all(|d| !d.contains("vera") && !d.contains("Вера")),
        "{details:?}"
    );

    let interviewer = app.token_for("interviewer").await;
    let response = app
        .api(Method::GET, "/candidates?format=csv", &interviewer)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}
