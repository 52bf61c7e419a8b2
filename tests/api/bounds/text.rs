//! Names, titles and subjects are one line of visible characters; free text keeps its line
//! breaks; each kind has one length limit, on the forms and in the API.

use super::*;

const FORGED: &str = "Eve\r\nBcc: victim@example.com";

#[tokio::test]
async fn a_name_that_would_forge_an_email_header_is_refused_by_the_public_job_page() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = open_position(&app, &token).await;
    let browser = client();
    let page = browser
        .get(app.url(&format!("/jobs/{slug}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "?_csrf=";
    let start = page.find(marker).expect("the form carries a token") + marker.len();
    let form_token = &page[start..start + page[start..].find('"').unwrap()];
    let form = reqwest::multipart::Form::new()
        .text("full_name", FORGED)
        .text("email", "eve.typed@mail.ru")
        .text("phone", "+7 916 555-44-33")
        .text(
            "consent",
            hireloop::recruitment::consent::CONSENT_TEXT_VERSION,
        );
    let response = browser
        .post(app.url(&format!("/jobs/{slug}?_csrf={form_token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    let error = error_beside(&html, "full_name").expect("an error beside the name");
    assert!(error.contains("одна строка"), "{error}");
    assert!(
        html.contains("eve.typed@mail.ru"),
        "the typed email is kept"
    );
    assert!(
        html.contains("Bcc: victim@example.com"),
        "the typed name is kept"
    );
    let (_, found) = call(&app, Method::GET, "/candidates?q=eve", &token, json!({})).await;
    assert_eq!(found["total"], 0, "nobody was added: {found}");
}

#[tokio::test]
async fn the_candidate_form_refuses_a_forged_name_and_shows_what_was_typed() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", FORGED),
                ("email", "typed.person@mail.ru"),
                ("current_company", "Typed Company"),
                ("notes", "Line one\nLine two"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(error_beside(&html, "full_name").is_some(), "{html}");
    assert!(
        error_beside(&html, "notes").is_none(),
        "notes keep newlines"
    );
    for typed in [
        "typed.person@mail.ru",
        "Typed Company",
        "Line one\nLine two",
    ] {
        assert!(html.contains(typed), "{typed} is shown again");
    }
    assert!(
        html.contains(&format!(
            "maxlength=\"{}\"",
            hireloop::domain::text::LINE_MAX
        )),
        "the name field carries the limit"
    );
}

#[tokio::test]
async fn the_api_refuses_control_characters_bidi_overrides_and_invisible_names() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    for (name, expected) in [
        (FORGED, "full_name"),
        ("Eve\u{0}", "full_name"),
        ("\u{202E}avE", "full_name"),
        ("\u{200B}\u{200B}", "full_name"),
    ] {
        let (status, body) = call(
            &app,
            Method::POST,
            "/candidates",
            &token,
            json!({"full_name": name, "email": "eve@mail.ru"}),
        )
        .await;
        assert_eq!(status, 422, "{name:?}: {body}");
        assert_eq!(fields_of(&body), [expected], "{name:?}");
    }
    let (status, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Eve Adams", "email": "eve@mail.ru", "notes": "Called.\nCall again."}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    assert_eq!(person["notes"], "Called.\nCall again.");
    let path = format!("/candidates/{}", person["id"]);
    let (status, body) = call(
        &app,
        Method::PATCH,
        &path,
        &token,
        json!({"full_name": FORGED}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields_of(&body), ["full_name"]);
    let (status, body) = call(
        &app,
        Method::PATCH,
        &path,
        &token,
        json!({"notes": "a\u{0}b"}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields_of(&body), ["notes"]);
    let (_, stored) = call(&app, Method::GET, &path, &token, json!({})).await;
    assert_eq!(stored["full_name"], "Eve Adams", "nothing changed");
}

#[tokio::test]
async fn titles_users_and_referees_follow_the_same_rule() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/positions",
        &token,
        position_request("Account\r\nmanager"),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["title"]);

    let admin = app.token_for("admin").await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/users",
        &admin,
        json!({"email": "new@agency.test", "name": "New\r\nBcc: x", "role": "recruiter",
               "password": "long enough password"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["name"]);

    let application_id = application(&app, &token).await;
    let (_, found) = call(
        &app,
        Method::GET,
        &format!("/applications/{application_id}"),
        &token,
        json!({}),
    )
    .await;
    let person = format!("/candidates/{}", found["candidate_id"]);
    let (status, _) = call(
        &app,
        Method::PATCH,
        &person,
        &token,
        json!({"reference_consent": true}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{application_id}/references"),
        &token,
        json!({"name": "Boss\r\nBcc: x@example.com", "company": "\u{2066}Acme",
               "relation": "manager", "email": "boss@acme.ru"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields_of(&body), ["name", "company"]);
}

#[tokio::test]
async fn oversized_free_text_is_refused_like_an_oversized_title() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let mut request = position_request("Аккаунт-менеджер");
    request["profile"]["duties"] = json!("x".repeat(1_000_000));
    let (status, body) = call(&app, Method::POST, "/positions", &token, request).await;
    assert_eq!(status, 422, "a 1 MB duties field");
    assert_eq!(fields_of(&body), ["duties"]);

    let max = hireloop::domain::text::TEXT_MAX;
    let mut request = position_request("Аккаунт-менеджер");
    request["profile"]["duties"] = json!("д".repeat(max));
    let (status, body) = call(&app, Method::POST, "/positions", &token, request).await;
    assert_eq!(status, 201, "exactly the limit is fine: {body}");

    let (status, body) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Анна", "notes": "x".repeat(max + 1)}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields_of(&body), ["notes"]);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains(&max.to_string())
    );
}

#[tokio::test]
async fn an_imported_row_with_a_forged_name_gets_a_message_and_is_not_selected() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    // A quoted cell may hold a line break in CSV; a name may not.
    let file = "ФИО;Email\n\"Eve\r\nBcc: x@example.com\";eve@mail.ru\nАнна Петрова;anna@mail.ru\n";
    let response = app
        .api(Method::POST, "/imports?consent=true", &token)
        .header("content-type", "text/csv; charset=utf-8")
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let preview: Value = response.json().await.unwrap();
    let rows = preview["rows"].as_array().expect("the rows");
    let forged = rows
        .iter()
        .find(|r| r["email"] == "eve@mail.ru")
        .expect("the forged row");
    assert_eq!(forged["status"], "error", "{forged}");
    assert_eq!(forged["selected"], false);
    assert_eq!(forged["errors"][0]["field"], "full_name");
    let good = rows.iter().find(|r| r["email"] == "anna@mail.ru").unwrap();
    assert_eq!(good["status"], "new", "{good}");
}
