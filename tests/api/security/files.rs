//! Private files: kept outside the web root, given out only by an authorised handler as an
//! attachment, recognised by content, with sanitised names and a size limit.

use hireloop::entities::stored_file;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{TestApp, call, client, spawn_app};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

async fn person(app: &TestApp, token: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Ирина Орлова", "email": "irina@mail.test"}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    person["id"].as_i64().unwrap()
}

async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, serde_json::Value) {
    let part = Part::bytes(bytes).file_name(name.to_owned());
    let response = app
        .api(Method::POST, &format!("/candidates/{id}/cv"), token)
        .multipart(Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test]
async fn a_cyrillic_cv_name_is_sanitised_and_downloads_as_an_rfc_5987_attachment() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = person(&app, &token).await;
    let (status, body) = upload(
        &app,
        &token,
        id,
        "../../etc/Орлова \"резюме\";.exe",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    // The path is dropped, the quote and semicolon are gone, and the extension is the content's.
    assert_eq!(body["filename"], "Орлова резюме.pdf");

    let response = app
        .api(Method::GET, &format!("/candidates/{id}/cv"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        disposition,
        "attachment; filename=\"cv.pdf\"; \
         filename*=UTF-8''%D0%9E%D1%80%D0%BB%D0%BE%D0%B2%D0%B0%20%D1%80%D0%B5%D0%B7%D1%8E%D0%BC%D0%B5.pdf"
    );
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), PDF);
}

#[tokio::test]
async fn files_live_outside_the_web_root_and_only_the_authorised_handler_gives_them_out() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = person(&app, &token).await;
    let (status, body) = upload(&app, &token, id, "cv.pdf", PDF.to_vec()).await;
    assert_eq!(status, 201, "{body}");
    let file = stored_file::Entity::find_by_id(body["file_id"].as_i64().unwrap() as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // The storage key is random, and nothing under /static or elsewhere serves it.
    assert!(file.storage_key.len() > 40, "{}", file.storage_key);
    assert!(!file.storage_key.contains("cv.pdf"));
    let leaf = file.storage_key.rsplit('/').next().unwrap();
    for path in [
        format!("/static/{leaf}"),
        format!("/{}", file.storage_key),
        format!("/files/{}", file.storage_key),
        format!("/static/../{}", file.storage_key),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
    }
    // Anonymous: 401; an interviewer, a mentor, an intern: 403, on the API and the page.
    let anonymous = client()
        .get(app.url(&format!("/api/v1/candidates/{id}/cv")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let page = client()
        .get(app.url(&format!("/candidates/{id}/cv")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    for role in ["interviewer", "mentor", "intern"] {
        let other = app.token_for(role).await;
        let response = app
            .api(Method::GET, &format!("/candidates/{id}/cv"), &other)
            .send()
            .await
            .unwrap();
        // An interviewer on none of the person's interviews is told "not found".
        let refused = if role == "interviewer" { 404 } else { 403 };
        assert_eq!(response.status(), refused, "{role}");
    }
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size_and_refused_before_anything_is_stored() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = person(&app, &token).await;
    // An executable and an HTML page dressed as PDFs.
    for bytes in [
        b"MZ\x90\x00\x03 a program".to_vec(),
        b"<html><script>alert(1)</script></html>".to_vec(),
    ] {
        let (status, _) = upload(&app, &token, id, "cv.pdf", bytes).await;
        assert_eq!(status, 415);
    }
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let (status, _) = upload(&app, &token, id, "big.pdf", big).await;
    assert_eq!(status, 413);
    assert_eq!(
        stored_file::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        0
    );
    // A role that may not upload is refused before its body is read.
    let interviewer = app.token_for("interviewer").await;
    let (status, _) = upload(&app, &interviewer, id, "cv.pdf", PDF.to_vec()).await;
    assert_eq!(status, 403);
    let response = app
        .api(Method::POST, &format!("/candidates/{id}/cv"), &interviewer)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403, "access before the body's shape");
}
