//! The import as a browser does it: the upload form (multipart), the preview with ticks,
//! confirmation and cancellation through forms; the export links of the candidate list.

use super::*;
use crate::helpers::{csrf_in, location};
use reqwest::multipart::{Form, Part};

const FILE: &str =
    "Name;Email;Phone\nАнна Петрова;anna@mail.ru;\nБорис Иванов;boris@mail.ru;\n;broken;\n";

async fn upload_form(app: &TestApp, csv: &str, consent: bool) -> reqwest::Response {
    let page = app.get("/candidates/import").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("enctype=\"multipart/form-data\""));
    let token = csrf_in(&html)
        .or_else(|| {
            let marker = "_csrf=";
            let start = html.find(marker)? + marker.len();
            let end = html[start..].find('"')?;
            Some(html[start..start + end].to_owned())
        })
        .unwrap();
    let mut form = Form::new()
        .part(
            "file",
            Part::bytes(csv.as_bytes().to_vec())
                .file_name("hh-export.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
        .text("encoding", "auto")
        .text("position_id", "")
        .text("consent_text_version", "hh-2026");
    if consent {
        form = form.text("consent", "1");
    }
    app.client
        .post(app.url(&format!("/candidates/import?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_recruiter_uploads_previews_unticks_and_confirms_through_forms() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let list = app.get("/candidates").await.text().await.unwrap();
    assert!(list.contains("href=\"/candidates/import\""));
    assert!(list.contains("/candidates/export?"));

    // Without the consent confirmation the form comes back with its message.
    let refused = upload_form(&app, FILE, false).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("id=\"e-consent\""));

    let uploaded = upload_form(&app, FILE, true).await;
    assert_eq!(uploaded.status(), 303);
    let batch_page = location(&uploaded);
    assert!(
        batch_page.starts_with("/candidates/import/"),
        "{batch_page}"
    );
    let html = app.get(&batch_page).await.text().await.unwrap();
    assert!(html.contains("Анна Петрова") && html.contains("name=\"tick\" value=\"3\""));
    assert!(
        html.contains("class=\"error\""),
        "the broken line shows its messages"
    );
    assert_eq!(count_candidates(&app).await, 0);

    // Boris (line 3) is unticked; only Anna is imported.
    let response = app
        .post_form(
            &batch_page,
            &[
                ("line", "2"),
                ("line", "3"),
                ("tick", "2"),
                ("action", "confirm"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let done = app.get(&batch_page).await.text().await.unwrap();
    assert!(done.contains("value=\"100\""), "the progress bar is full");
    assert_eq!(count_candidates(&app).await, 1);
    assert!(find_by_email(&app, "anna@mail.ru").await.is_some());
    let consent = consent::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(consent.text_version, "hh-2026");
    assert_eq!(consent.basis.as_deref(), Some("import"));

    let progress: Value = app
        .get(&format!("{batch_page}/progress"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(progress["state"], "done");
    assert_eq!(progress["progress"], 100);
}

#[tokio::test]
async fn cancelling_on_the_page_saves_nothing_and_bad_files_are_shown_on_the_form() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let uploaded = upload_form(&app, FILE, true).await;
    let batch_page = location(&uploaded);
    let response = app.post_form(&format!("{batch_page}/cancel"), &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/candidates/import");
    assert_eq!(app.get(&batch_page).await.status(), 404);
    assert_eq!(count_candidates(&app).await, 0);

    let refused = upload_form(&app, "Email\nx@y.ru\n", true).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("id=\"e-file\""));
}

#[tokio::test]
async fn the_list_exports_with_its_filters_and_interviewers_may_not_import() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let uploaded = upload_form(&app, FILE, true).await;
    let batch_page = location(&uploaded);
    app.post_form(&batch_page, &[("action", "confirm")]).await;
    assert_eq!(count_candidates(&app).await, 2);
    let response = app.get("/candidates/export?q=anna&format=csv").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("anna@mail.ru") && !text.contains("boris@mail.ru"));

    let other = crate::helpers::spawn_app().await;
    other.login_as("interviewer").await;
    assert_eq!(other.get("/candidates/import").await.status(), 403);
    assert_eq!(other.get("/candidates/export").await.status(), 403);
}
