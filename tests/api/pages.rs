//! Pages as a browser meets them: health, errors, headers, language, admin and profile forms.

use hireloop::entities::{api_token, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{location, spawn_app, spawn_app_with_demo};

#[tokio::test]
async fn health_reports_the_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    let app = spawn_app().await;
    let response = app.get("/login").await;
    let headers = response.headers();
    let csp = headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert!(headers.get("referrer-policy").is_some());
    assert!(headers.get("x-request-id").is_some());
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("<script>") && !html.contains("style=\""),
        "no inline script or style"
    );
}

#[tokio::test]
async fn an_unknown_page_is_a_friendly_404() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Страница не найдена")
    );
}

#[tokio::test]
async fn a_wrong_role_gets_a_403_page() {
    let app = spawn_app().await;
    app.login_as("interviewer").await;
    let response = app.get("/admin/users").await;
    assert_eq!(response.status(), 403);
    assert!(response.text().await.unwrap().contains("Нет доступа"));
}

#[tokio::test]
async fn the_language_follows_accept_language_then_the_switch_then_the_user_setting() {
    let app = spawn_app().await;
    let english = app
        .client
        .get(app.url("/login"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(english.text().await.unwrap().contains("Sign in"));
    assert!(
        app.get("/login")
            .await
            .text()
            .await
            .unwrap()
            .contains("Вход"),
        "Russian by default"
    );

    let switched = app
        .post_form("/lang", &[("lang", "en"), ("back", "/login")])
        .await;
    assert_eq!(location(&switched), "/login");
    assert!(
        app.get("/login")
            .await
            .text()
            .await
            .unwrap()
            .contains("Sign in")
    );

    // A user whose setting is Russian sees Russian after signing in, whatever came before.
    app.login_as("recruiter").await;
    assert!(
        app.get("/")
            .await
            .text()
            .await
            .unwrap()
            .contains("Здравствуйте")
    );
}

#[tokio::test]
async fn static_assets_are_served_with_long_cache_headers() {
    let app = spawn_app().await;
    let html = app.get("/login").await.text().await.unwrap();
    let start = html
        .find("/static/app.css?v=")
        .or_else(|| html.find("&#x2f;static&#x2f;app.css?v="))
        .unwrap();
    let href = &html[start..html[start..].find('"').unwrap() + start];
    let href = href.replace("&#x2f;", "/");
    let response = app.get(&href).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(app.get("/static/nothing.js").await.status(), 404);
}

#[tokio::test]
async fn an_admin_adds_a_user_through_the_form() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let response = app
        .post_form(
            "/admin/users",
            &[
                ("name", "Ирина Орлова"),
                ("email", "irina@agency.test"),
                ("role", "mentor"),
                ("lang", "ru"),
                ("password", "long enough pw"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get("/admin/users").await.text().await.unwrap();
    assert!(page.contains("Ирина Орлова теперь может войти"));
    let stored = user::Entity::find()
        .filter(user::Column::Email.eq("irina@agency.test"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.role, "mentor");
}

#[tokio::test]
async fn a_bad_user_form_is_shown_again_with_errors_beside_the_fields() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let before = user::Entity::find().count(&app.db).await.unwrap();
    let response = app
        .post_form(
            "/admin/users",
            &[
                ("name", "Ирина"),
                ("email", "irina@"),
                ("role", "mentor"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"e-email\""),
        "the email error is tied to its field"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("не короче 10 символов"));
    assert!(html.contains("value=\"Ирина\""), "what was typed is kept");
    assert_eq!(
        user::Entity::find().count(&app.db).await.unwrap(),
        before,
        "nothing written"
    );
}

#[tokio::test]
async fn an_admin_changes_a_role_but_cannot_demote_themselves() {
    let app = spawn_app().await;
    let admin_email = app.login_as("admin").await;
    let other = app.add_user("interviewer").await;
    let other_id = crate::helpers::user_id(&app.db, &other).await;

    let response = app
        .post_form(
            &format!("/admin/users/{other_id}"),
            &[("role", "mentor"), ("active", "1")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let stored = user::Entity::find_by_id(other_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.role, "mentor");

    let admin_id = crate::helpers::user_id(&app.db, &admin_email).await;
    let response = app
        .post_form(
            &format!("/admin/users/{admin_id}"),
            &[("role", "recruiter"), ("active", "1")],
        )
        .await;
    assert_eq!(response.status(), 409);
    let me = user::Entity::find_by_id(admin_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.role, "admin");
}

#[tokio::test]
async fn a_token_made_on_the_profile_page_is_shown_once_and_works() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let response = app
        .post_form("/profile/tokens", &[("name", "1C export")])
        .await;
    assert_eq!(response.status(), 303);

    let page = app.get("/profile").await.text().await.unwrap();
    let marker = "id=\"new-token\">";
    let start = page.find(marker).expect("the new token is shown") + marker.len();
    let token = &page[start..start + page[start..].find('<').unwrap()];
    assert!(token.starts_with("hl_"));
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);

    let again = app.get("/profile").await.text().await.unwrap();
    assert!(!again.contains(token), "shown only once");
    assert!(again.contains("1C export"));
    assert_eq!(api_token::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_wrong_current_password_is_reported_beside_its_field() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let response = app
        .post_form(
            "/profile/password",
            &[
                ("current", "not mine at all"),
                ("new", "a brand new pw"),
                ("confirm", "a brand new pw"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Это не ваш текущий пароль")
    );
}

#[tokio::test]
async fn the_demo_company_shows_its_open_position_with_candidates_by_stage() {
    let app = spawn_app_with_demo().await;
    let response = app
        .login("recruiter@demo.hireloop.local", "hireloop-demo")
        .await;
    assert_eq!(response.status(), 303);
    let html = app.get("/").await.text().await.unwrap();
    assert!(
        html.contains("Аккаунт-менеджер"),
        "the demo position is listed"
    );
    assert!(html.contains("Лонг-лист") && html.contains("Шорт-лист"));
    let users = user::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(users, 7, "one demo user per role");
}
