//! The agency's face: its settings over the API and the page, its logo (an SVG never served as
//! it was sent), and its name on what candidates see instead of the product's.

use hireloop::entities::{outbox_message, position};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{TestApp, call, open_position, spawn_app};

const EVIL_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">
  <script>alert(document.cookie)</script>
  <rect width="120" height="40" fill="#ffd400" onclick="alert(1)"/>
</svg>"##;

async fn set_agency(app: &TestApp, admin: &str, name: &str) -> serde_json::Value {
    let (status, body) = call(
        app,
        Method::PUT,
        "/settings/agency",
        admin,
        json!({"name": name, "legal_name": "ООО «Северный ветер»",
               "address": "Москва, Тверская, 1", "accent_color": "#FFD400",
               "default_lang": "ru", "time_zone": "Asia/Yekaterinburg"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn upload_logo(app: &TestApp, admin: &str, bytes: Vec<u8>, name: &str) -> reqwest::Response {
    app.api(Method::PUT, "/settings/agency/logo", admin)
        .multipart(Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned())))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_admin_sets_the_agency_and_bad_values_are_named_field_by_field() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let (status, initial) = call(&app, Method::GET, "/settings/agency", &admin, json!(null)).await;
    assert_eq!(status, 200);
    assert_eq!(
        initial["time_zone"], "Europe/Moscow",
        "Moscow until the agency says otherwise"
    );
    assert_eq!(initial["default_lang"], "ru");

    let saved = set_agency(&app, &admin, "Северный ветер").await;
    assert_eq!(saved["name"], "Северный ветер");
    assert_eq!(saved["accent_color"], "#ffd400");
    assert_eq!(saved["time_zone"], "Asia/Yekaterinburg");

    let (status, refused) = call(
        &app,
        Method::PUT,
        "/settings/agency",
        &admin,
        json!({"name": "", "accent_color": "yellow", "default_lang": "de", "time_zone": "Mars/Base"}),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    let fields: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["name", "accent_color", "default_lang", "time_zone"] {
        assert!(fields.contains(&field), "{field} is not named in {refused}");
    }
    let (_, kept) = call(&app, Method::GET, "/settings/agency", &admin, json!(null)).await;
    assert_eq!(
        kept["name"], "Северный ветер",
        "a refused change keeps nothing"
    );

    let recruiter = app.token_for("recruiter").await;
    let (status, _) = call(
        &app,
        Method::GET,
        "/settings/agency",
        &recruiter,
        json!(null),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_svg_logo_is_served_as_a_png_without_its_script_and_other_files_are_refused() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    let response = upload_logo(&app, &admin, EVIL_SVG.as_bytes().to_vec(), "logo.svg").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    let logo_url = body["logo_url"]
        .as_str()
        .expect("a logo address")
        .to_owned();
    assert!(logo_url.ends_with(".png"), "{logo_url}");
    let path = logo_url
        .split_once("/agency/")
        .map(|(_, p)| format!("/agency/{p}"))
        .unwrap();

    let served = app.get(&path).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    let bytes = served.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "a PNG, not the SVG that was sent"
    );
    assert!(!String::from_utf8_lossy(&bytes).contains("alert"));

    let text = upload_logo(
        &app,
        &admin,
        b"<html>not a logo</html>".to_vec(),
        "logo.png",
    )
    .await;
    assert_eq!(
        text.status(),
        422,
        "refused by what it holds, whatever its name"
    );
    let big = upload_logo(&app, &admin, vec![0u8; 1024 * 1024 + 10], "big.png").await;
    assert!(
        [413, 422].contains(&big.status().as_u16()),
        "over 1 MB is refused, not {}",
        big.status()
    );

    // Removing the logo: its old address answers 404 and the settings say there is none.
    let (status, removed) = call(
        &app,
        Method::DELETE,
        "/settings/agency/logo",
        &admin,
        json!(null),
    )
    .await;
    assert_eq!(status, 200);
    assert!(removed["logo_url"].is_null());
    assert_eq!(app.get(&path).await.status(), 404);
}

#[tokio::test]
async fn candidates_meet_the_agency_on_the_job_page_and_in_its_emails_never_the_product() {
    let app = spawn_app().await;
    let admin = app.token_for("admin").await;
    set_agency(&app, &admin, "Северный ветер").await;
    let recruiter = app.token_for("recruiter").await;
    let id = open_position(&app, &recruiter, "Аккаунт-менеджер").await;
    let slug = position::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .slug;

    let page = app.get(&format!("/jobs/{slug}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Северный ветер"),
        "the agency's name on its job page"
    );
    assert!(
        !html.contains("Hireloop"),
        "the product's name is nowhere on a candidate's page"
    );
    assert!(
        html.contains("agency.css?v=ffd400"),
        "the agency's colour is the page's"
    );
    let css = app.get("/agency.css?v=ffd400").await.text().await.unwrap();
    assert!(css.contains("--brand: #"), "{css}");
    assert!(
        !css.contains("#ffd400"),
        "yellow is too light for white text; it is darkened: {css}"
    );

    let token = app.csrf().await;
    let form = Form::new()
        .text("full_name", "Вера Кандидатова")
        .text("email", "vera@mail.test")
        .text("consent", "1")
        .part("cv", Part::bytes(Vec::new()).file_name(""));
    let applied = app
        .client
        .post(app.url(&format!("/jobs/{slug}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(applied.status().is_success(), "{}", applied.status());
    let email = outbox_message::Entity::find()
        .filter(outbox_message::Column::ToEmail.eq("vera@mail.test"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the applicant is told we have their application");
    for part in [&email.subject, &email.body_text, &email.body_html] {
        assert!(
            !part.contains("Hireloop"),
            "the product's name in an email: {part}"
        );
    }
    assert!(
        email.body_html.contains("Северный ветер"),
        "{}",
        email.body_html
    );
    assert!(
        email.body_text.contains("Северный ветер"),
        "signed by the agency"
    );
}

#[tokio::test]
async fn the_settings_page_keeps_what_was_typed_when_the_logo_is_refused() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let page = app.get("/admin/agency").await.text().await.unwrap();
    let token = crate::helpers::csrf_in(&page).expect("a form token");
    let form = Form::new()
        .text("name", "Агентство Ωтест")
        .text("legal_name", "ООО «Ωтест»")
        .text("address", "Казань")
        .text("accent_color", "#123456")
        .text("default_lang", "en")
        .text("time_zone", "Europe/Moscow")
        .part(
            "logo",
            Part::bytes(b"%PDF-1.4 not an image".to_vec()).file_name("logo.png"),
        );
    let refused = app
        .client
        .post(app.url(&format!("/admin/agency?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Агентство Ωтест") && html.contains("ООО «Ωтест»"),
        "typed text kept"
    );
    let admin = app.token_for("admin").await;
    let (_, stored) = call(&app, Method::GET, "/settings/agency", &admin, json!(null)).await;
    assert_eq!(
        stored["name"], "",
        "nothing is half-saved when the logo is refused"
    );
}
