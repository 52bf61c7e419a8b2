//! CVs from the candidate page: upload (multipart, token in the URL), checks, download, access.

use super::*;

async fn upload_cv(app: &TestApp, candidate_id: i32, name: &str, bytes: Vec<u8>) -> Response {
    let token = app.csrf().await;
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    app.client
        .post(app.url(&format!("/candidates/{candidate_id}/cv?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A recruiter signed in, with one person on no position: their id.
async fn recruiter_with_a_candidate(app: &TestApp) -> i32 {
    app.login_as("recruiter").await;
    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", "Вера Кузнецова"),
                ("source", "referral"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    location(&response)
        .strip_prefix("/candidates/")
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_pdf_cv_uploaded_from_the_candidate_page_is_stored_and_downloaded_as_an_attachment() {
    let app = spawn_app().await;
    let id = recruiter_with_a_candidate(&app).await;

    let response = upload_cv(&app, id, "Кузнецова CV.pdf", PDF.to_vec()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("/candidates/{id}"));
    let page = text_of(&app, &format!("/candidates/{id}")).await;
    assert!(page.contains("Резюме загружено."));
    assert!(page.contains("Кузнецова CV.pdf"));

    let file_id = person(&app, id).await.cv_file_id.expect("the CV is linked");
    let file = stored_file::Entity::find_by_id(file_id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a stored_files row");
    assert_eq!(file.size_bytes, PDF.len() as i64);
    assert_eq!(file.content_type, "application/pdf");

    let download = app.get(&format!("/candidates/{id}/cv")).await;
    assert_eq!(download.status(), 200);
    let disposition = download.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
}

#[tokio::test]
async fn a_cv_that_is_not_a_document_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let id = recruiter_with_a_candidate(&app).await;

    let response = upload_cv(&app, id, "cv.pdf", b"just some text, not a PDF".to_vec()).await;
    // The candidate page comes back at once with the message beside the file field.
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"e-file\">Принимаются только файлы PDF, DOCX и ODT"));
    assert_eq!(person(&app, id).await.cv_file_id, None);
    assert_eq!(count_files(&app).await, 0);
}

#[tokio::test]
async fn a_cv_over_ten_megabytes_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let id = recruiter_with_a_candidate(&app).await;
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');

    let response = upload_cv(&app, id, "big.pdf", big).await;
    if response.status() != 413 {
        assert_eq!(response.status(), 303);
        let page = text_of(&app, &format!("/candidates/{id}")).await;
        assert!(page.contains("Файл больше 10 МБ."));
    }
    assert_eq!(person(&app, id).await.cv_file_id, None);
    assert_eq!(count_files(&app).await, 0);
}

#[tokio::test]
async fn an_interviewer_may_not_download_a_cv() {
    let app = spawn_app().await;
    let id = recruiter_with_a_candidate(&app).await;
    assert_eq!(
        upload_cv(&app, id, "cv.pdf", PDF.to_vec()).await.status(),
        303
    );
    assert!(person(&app, id).await.cv_file_id.is_some());

    app.login_as("interviewer").await;
    // Not assigned to any of the person's interviews: not found (tests/api/interviewer_access.rs
    // has the assigned case).
    assert_eq!(app.get(&format!("/candidates/{id}/cv")).await.status(), 404);
}

#[tokio::test]
async fn a_cv_upload_without_the_form_token_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let id = recruiter_with_a_candidate(&app).await;
    let form = Form::new().part("file", Part::bytes(PDF.to_vec()).file_name("cv.pdf"));
    let response = app
        .client
        .post(app.url(&format!("/candidates/{id}/cv")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(person(&app, id).await.cv_file_id, None);
    assert_eq!(count_files(&app).await, 0);
}
