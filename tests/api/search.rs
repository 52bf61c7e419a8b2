//! One box finds anyone: candidates by any part of the name in any case with `ё` = `е`, by 4+
//! digits of a phone typed with any separators, by any part of an email; positions by title;
//! interns by name. Each reader finds only what they may see.

use hireloop::auth::model::{create_token, normalize_email};
use hireloop::entities::user;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::json;

use crate::helpers::{TestApp, call, open_position, spawn_app, today, urlencode, user_id};

async fn candidate(app: &TestApp, token: &str, name: &str, email: &str, phone: &str) -> i64 {
    let (status, body) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email, "phone": phone, "current_company": "Орбита"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

/// `(kind, id)` of every hit for `q`.
async fn found(app: &TestApp, token: &str, q: &str) -> Vec<(String, i64)> {
    let (status, body) = call(
        app,
        Method::GET,
        &format!("/search?q={}", urlencode(q)),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_owned(),
                h["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn candidates_api(app: &TestApp, token: &str, q: &str) -> Vec<i64> {
    let (status, body) = call(
        app,
        Method::GET,
        &format!("/candidates?q={}", urlencode(q)),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

/// A user of `role` called `name`, with a token.
async fn named(app: &TestApp, role: &str, name: &str) -> (i32, String) {
    let email = normalize_email(&app.add_user(role).await);
    let id = user_id(&app.db, &email).await;
    let mut row: user::ActiveModel = user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.name = Set(name.into());
    row.update(&app.db).await.unwrap();
    (id, create_token(&app.db, id, "test").await.unwrap().0)
}

#[tokio::test]
async fn people_are_found_however_their_name_phone_or_email_is_typed() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let petr = candidate(
        &app,
        &token,
        "Пётр Ёлкин",
        "p.yolkin@orbita-mail.test",
        "+7 900 555-06-12",
    )
    .await;
    let anna = candidate(
        &app,
        &token,
        "Анна Смирнова",
        "anna@other.test",
        "8 (916) 123-45-67",
    )
    .await;
    let petr_hit = ("candidate".to_owned(), petr);

    for q in ["петр елкин", "ПЁТР", "ёлкин", "Елкин"] {
        assert_eq!(found(&app, &token, q).await, vec![petr_hit.clone()], "{q}");
        assert_eq!(
            candidates_api(&app, &token, q).await,
            vec![petr],
            "GET /candidates?q={q}"
        );
    }
    for q in [
        "555-06",
        "555 06",
        "(900) 555",
        "9005550612",
        "8 900 555-06-12",
    ] {
        assert_eq!(found(&app, &token, q).await, vec![petr_hit.clone()], "{q}");
        assert_eq!(
            candidates_api(&app, &token, q).await,
            vec![petr],
            "GET /candidates?q={q}"
        );
    }
    for q in ["orbita-mail", "P.YOLKIN@", "yolkin@orbita"] {
        assert_eq!(found(&app, &token, q).await, vec![petr_hit.clone()], "{q}");
    }
    // Digits that are nobody's, and a phone's digits with one wrong.
    assert!(found(&app, &token, "555-07").await.is_empty());
    assert_eq!(candidates_api(&app, &token, "123-45").await, vec![anna]);
    // Both work at Орбита: the company finds them both, newest first.
    assert_eq!(
        candidates_api(&app, &token, "орбита").await,
        vec![anna, petr]
    );
    // An empty box finds nothing rather than everyone.
    assert!(found(&app, &token, "   ").await.is_empty());
}

#[tokio::test]
async fn positions_and_interns_are_found_by_those_who_may_see_them() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let position = open_position(&app, &recruiter, "Аккаунт-менеджер в Орёл").await;
    let (mentor_id, mentor) = named(&app, "mentor", "Ольга Наставница").await;
    let (_, other_mentor) = named(&app, "mentor", "Игорь Другой").await;
    let (intern_id, intern) = named(&app, "intern", "Семён Стажёров").await;
    let (status, enrolled) = call(
        &app,
        Method::POST,
        "/internships",
        &recruiter,
        json!({"intern_user_id": intern_id, "mentor_id": mentor_id, "start_date": today(),
               "exam_track": "seo", "group": "Группа 7"}),
    )
    .await;
    assert_eq!(status, 201, "{enrolled}");
    let internship = enrolled["id"].as_i64().unwrap();
    let person = candidate(
        &app,
        &recruiter,
        "Семён Орёлин",
        "semen@mail.test",
        "+7 901 000-00-01",
    )
    .await;

    assert_eq!(
        found(&app, &recruiter, "орел").await,
        vec![
            ("candidate".to_owned(), person),
            ("position".to_owned(), position)
        ],
        "ё = е in titles too"
    );
    assert_eq!(
        found(&app, &recruiter, "стажеров").await,
        vec![("internship".to_owned(), internship)]
    );
    // The mentor finds their own intern, and no candidates or positions.
    assert_eq!(
        found(&app, &mentor, "семен").await,
        vec![("internship".to_owned(), internship)]
    );
    assert!(
        found(&app, &other_mentor, "семен").await.is_empty(),
        "someone else's intern"
    );
    // Interviewers meet candidates through their interviews; interns search nothing.
    let interviewer = app.token_for("interviewer").await;
    assert!(found(&app, &interviewer, "семен").await.is_empty());
    assert!(found(&app, &intern, "семен").await.is_empty());
    // Without a token: 401.
    let response = app
        .client
        .get(app.url("/api/v1/search?q=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn the_header_box_leads_to_a_page_of_results() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let token = app.token_for("recruiter").await;
    let petr = candidate(
        &app,
        &token,
        "Пётр Ёлкин",
        "petr@mail.test",
        "+7 900 555-06-12",
    )
    .await;
    let home = app.get("/candidates").await.text().await.unwrap();
    assert!(
        home.contains("action=\"/search\""),
        "the box is in the header"
    );

    let page = app.get("/search?q=%D0%B5%D0%BB%D0%BA%D0%B8%D0%BD").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"&#x2f;candidates&#x2f;{petr}\"")),
        "{html}"
    );
    assert!(html.contains("Пётр Ёлкин"));

    let none = app.get("/search?q=zzzz").await.text().await.unwrap();
    assert!(none.contains("zzzz"), "the page says what found nothing");
    assert!(!none.contains("class=\"hits\""), "{none}");
}
