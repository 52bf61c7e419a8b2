//! A vacancy text quotes a salary band; when the grade's band changes, nothing shows the old
//! range: the job page and the API rewrite the quoted figures, the position page marks the edited
//! text stale and one click makes the new figures permanent.

use hireloop::entities::position;
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{TestApp, call, spawn_app};

async fn open_position(app: &TestApp, token: &str) -> position::Model {
    let id = crate::helpers::open_position(app, token, "Аккаунт-менеджер").await;
    stored(app, id as i32).await
}

async fn stored(app: &TestApp, id: i32) -> position::Model {
    position::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn set_band(app: &TestApp, min: i64, max: i64) {
    let token = app.token_for("hiring_manager").await;
    let (status, body) = call(
        app,
        Method::PUT,
        "/grades/middle",
        &token,
        json!({"salary_min": min, "salary_max": max, "currency": "RUB"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

async fn job_page(app: &TestApp, slug: &str) -> String {
    let response = crate::helpers::client()
        .get(app.url(&format!("/jobs/{slug}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn an_edited_vacancy_follows_a_new_band_everywhere_and_is_marked_stale_until_refreshed() {
    let app = spawn_app().await;
    set_band(&app, 90_000, 150_000).await;
    let token = app.token_for("recruiter").await;
    let p = open_position(&app, &token).await;
    let edited =
        "Аккаунт-менеджер в Орбите. Доход от 90\u{a0}000 до 150\u{a0}000 ₽, команда из 12 человек.";
    let (status, body) = call(
        &app,
        Method::PUT,
        &format!("/positions/{}/vacancy", p.id),
        &token,
        json!({"lang": "ru", "text": edited}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["stale"], false);
    assert!(
        job_page(&app, &p.slug)
            .await
            .contains("от 90\u{a0}000 до 150\u{a0}000")
    );

    set_band(&app, 110_000, 170_000).await;

    // The public page and the API show the current band, never the old one.
    let public = job_page(&app, &p.slug).await;
    assert!(
        public.contains("от 110\u{a0}000 до 170\u{a0}000"),
        "{public}"
    );
    assert!(!public.contains("90\u{a0}000") && !public.contains("150\u{a0}000"));
    assert!(
        public.contains("команда из 12 человек"),
        "other numbers stay"
    );
    let (_, body) = call(
        &app,
        Method::GET,
        &format!("/positions/{}/vacancy?lang=ru", p.id),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(body["stale"], true);
    assert_eq!(body["edited"], true);
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains("от 110\u{a0}000 до 170\u{a0}000"),
        "{body}"
    );
    // What is stored is still the recruiter's text until they refresh it.
    assert_eq!(stored(&app, p.id).await.vacancy_ru.as_deref(), Some(edited));

    // The position page says so and offers the one-click refresh.
    app.login_as("recruiter").await;
    let page = app
        .get(&format!("/positions/{}", p.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("value=\"refresh\""),
        "the refresh button is offered"
    );
    assert!(
        page.contains("vacancy-ru-stale"),
        "the text is marked stale"
    );
    let response = app
        .post_form(
            &format!("/positions/{}/vacancy", p.id),
            &[("lang", "ru"), ("action", "refresh"), ("text", "")],
        )
        .await;
    assert!(
        response.status().is_redirection() || response.status() == 200,
        "{}",
        response.status()
    );

    let refreshed = stored(&app, p.id).await;
    assert_eq!(
        refreshed.vacancy_ru.as_deref(),
        Some(
            "Аккаунт-менеджер в Орбите. Доход от 110\u{a0}000 до 170\u{a0}000 ₽, команда из 12 человек."
        )
    );
    assert_eq!(
        refreshed.vacancy_ru_band.as_deref(),
        Some("110000-170000-RUB")
    );
    let (_, body) = call(
        &app,
        Method::GET,
        &format!("/positions/{}/vacancy?lang=ru", p.id),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(body["stale"], false);
    let page = app
        .get(&format!("/positions/{}", p.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("vacancy-ru-stale"), "no longer stale");
}

#[tokio::test]
async fn a_generated_vacancy_always_quotes_the_current_band() {
    let app = spawn_app().await;
    set_band(&app, 90_000, 150_000).await;
    let token = app.token_for("recruiter").await;
    let p = open_position(&app, &token).await;
    set_band(&app, 95_000, 160_000).await;
    let public = job_page(&app, &p.slug).await;
    assert!(
        public.contains("от 95\u{a0}000 до 160\u{a0}000"),
        "{public}"
    );
    let (_, body) = call(
        &app,
        Method::GET,
        &format!("/positions/{}/vacancy?lang=en", p.id),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(body["stale"], false);
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains("RUB\u{a0}95,000–160,000"),
        "{body}"
    );
}
