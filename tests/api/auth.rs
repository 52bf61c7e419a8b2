//! Signing in and out, throttling, CSRF and sessions shared by several instances.

use hireloop::entities::{login_throttle, session};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

use crate::helpers::{PASSWORD, client, location, spawn_app, start, test_config};

#[tokio::test]
async fn right_password_signs_in_and_opens_the_dashboard() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;

    let response = app.login(&email, PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");

    let home = app.get("/").await;
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert!(
        html.contains("Test recruiter"),
        "the dashboard greets the user"
    );
    assert_eq!(
        session::Entity::find().count(&app.db).await.unwrap(),
        1,
        "the session lives in the database"
    );
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;
    let response = app.login(&email, PASSWORD).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("hireloop_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn wrong_password_shows_the_form_again_with_a_message() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;

    let response = app.login(&email, "not the password").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Неверный email или пароль"),
        "the message is shown"
    );
    assert!(
        html.contains(&format!("value=\"{email}\"")) || html.contains("value=\"recruiter-"),
        "the email is kept"
    );
    assert_eq!(app.get("/").await.status(), 303, "still signed out");
}

#[tokio::test]
async fn unknown_email_is_refused_like_a_wrong_password() {
    let app = spawn_app().await;
    let response = app.login("nobody@agency.test", PASSWORD).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Неверный email или пароль")
    );
}

#[tokio::test]
async fn repeated_failures_warn_then_lock_even_the_right_password_out() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;

    for _ in 0..2 {
        assert_eq!(app.login(&email, "wrong password 1").await.status(), 422);
    }
    let third = app
        .login(&email, "wrong password 1")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        third.contains("Осталось 2 попытки"),
        "the user is warned before the lock"
    );
    assert_eq!(app.login(&email, "wrong password 1").await.status(), 422);
    let fifth = app.login(&email, "wrong password 1").await;
    assert_eq!(fifth.status(), 429);

    let locked = app.login(&email, PASSWORD).await;
    assert_eq!(locked.status(), 429, "locked even with the right password");
    let html = locked.text().await.unwrap();
    assert!(
        html.contains("заблокирован"),
        "the message says it is locked"
    );
    assert!(html.contains("15 минут"), "and for how long");
    assert_eq!(app.get("/").await.status(), 303);
}

#[tokio::test]
async fn a_lock_expires_and_the_right_password_works_again() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;
    for _ in 0..5 {
        app.login(&email, "wrong password 1").await;
    }
    // Move the lock into the past instead of waiting for it.
    let moved = login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::LockedUntil,
            sea_orm::sea_query::Expr::value(Some(
                chrono::Utc::now() - chrono::Duration::minutes(1),
            )),
        )
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        moved.rows_affected, 1,
        "one lock: this account from this address"
    );

    assert_eq!(app.login(&email, PASSWORD).await.status(), 303);
    assert_eq!(
        login_throttle::Entity::find().count(&app.db).await.unwrap(),
        0,
        "the counter is reset"
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    assert_eq!(app.get("/").await.status(), 200);

    let response = app.post_form("/logout", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login");
    let login_page = app.get("/login").await.text().await.unwrap();
    assert!(login_page.contains("Вы вышли из системы"));
    assert_eq!(
        app.get("/").await.status(),
        303,
        "the dashboard asks to sign in again"
    );
}

#[tokio::test]
async fn a_form_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    let email = app.add_user("recruiter").await;
    app.get("/login").await;

    let response = app
        .client
        .post(app.url("/login"))
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.text().await.unwrap().contains("Форма устарела"));
    assert_eq!(app.get("/").await.status(), 303, "not signed in");
}

#[tokio::test]
async fn a_form_with_a_forged_token_or_from_another_site_is_refused() {
    let app = spawn_app().await;
    app.login_as("admin").await;
    let token = app.csrf().await;

    let forged = app
        .client
        .post(app.url("/logout"))
        .form(&[("_csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    let cross_site = app
        .client
        .post(app.url("/logout"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    assert_eq!(app.get("/").await.status(), 200, "still signed in");
}

#[tokio::test]
async fn a_signed_out_browser_is_sent_to_the_login_page_and_back() {
    let app = spawn_app().await;
    let response = app.get("/profile").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login?next=%2Fprofile");

    let email = app.add_user("mentor").await;
    let token = app.csrf().await;
    let signed_in = app
        .client
        .post(app.url("/login"))
        .form(&[
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("next", "/profile"),
            ("_csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&signed_in), "/profile");
}

#[tokio::test]
async fn login_never_redirects_to_another_site() {
    let app = spawn_app().await;
    let email = app.add_user("mentor").await;
    let token = app.csrf().await;
    let response = app
        .client
        .post(app.url("/login"))
        .form(&[
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("next", "//evil.example/x"),
            ("_csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/");
}

#[tokio::test]
async fn a_session_made_on_one_instance_works_on_another() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let cookie = {
        // The client's jar holds the cookie for app.address; copy it to the second instance.
        let email = app.add_user("ceo").await;
        let fresh = client();
        let login_page = fresh
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = crate::helpers::csrf_in(&login_page).unwrap();
        let response = fresh
            .post(app.url("/login"))
            .form(&[
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("_csrf", &token),
            ])
            .send()
            .await
            .unwrap();
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap();
        set_cookie.split(';').next().unwrap().to_owned()
    };
    let (second, _stop) = start(test_config(app.database_url.clone(), false)).await;
    let response = client()
        .get(format!("{second}/"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "the other instance knows the session"
    );
    assert!(response.text().await.unwrap().contains("Test ceo"));
}

#[tokio::test]
async fn a_deactivated_user_is_signed_out_at_once() {
    let app = spawn_app().await;
    let email = app.login_as("recruiter").await;
    let id = crate::helpers::user_id(&app.db, &email).await;
    hireloop::entities::user::ActiveModel {
        id: Set(id),
        active: Set(false),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    assert_eq!(app.get("/").await.status(), 303);
    assert_eq!(
        app.login(&email, PASSWORD).await.status(),
        422,
        "and cannot sign in again"
    );
}

#[tokio::test]
async fn viewing_pages_does_not_write_the_session_back_but_a_flash_still_shows_once() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    assert_eq!(app.get("/positions").await.status(), 200);
    let before = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(before.len(), 1);

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for path in ["/positions", "/candidates", "/"] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
    let after = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(
        (after[0].expires_at, &after[0].data),
        (before[0].expires_at, &before[0].data),
        "a page view with nothing new in the session leaves its row alone"
    );

    // A flash is still shown on the next page, and only there.
    let out = app.post_form("/logout", &[]).await;
    assert_eq!(out.status(), 303);
    let first = app.get("/login").await.text().await.unwrap();
    let second = app.get("/login").await.text().await.unwrap();
    assert_eq!(first.matches("class=\"flash ").count(), 1, "shown once");
    assert_eq!(second.matches("class=\"flash ").count(), 0, "and then gone");
}
