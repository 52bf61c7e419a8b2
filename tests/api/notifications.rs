//! The bell: a mention in a note tells that colleague and nobody else; an offer waiting for
//! approval tells its approver; the list, the unread count in the header, opening and reading;
//! the daily digest email, once, and never to someone who turned it off.

use chrono::Utc;
use hireloop::auth::model::{create_token, normalize_email};
use hireloop::entities::{outbox_message, user};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, call, composer, open_position, spawn_app, user_id};

struct Person {
    email: String,
    token: String,
}

async fn person(app: &TestApp, role: &str, name: &str) -> Person {
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
    let token = create_token(&app.db, id, "test").await.unwrap().0;
    Person { email, token }
}

/// An application of "Вера Соколова" to a fresh position.
async fn application(app: &TestApp, token: &str) -> (i64, i64) {
    let position = open_position(app, token, "Аккаунт-менеджер").await;
    let (_, candidate) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Вера Соколова", "email": "vera@mail.test"}),
    )
    .await;
    let (status, created) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": candidate["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    (
        created["id"].as_i64().unwrap(),
        candidate["id"].as_i64().unwrap(),
    )
}

/// Moves the application to the offer stage and drafts an offer at the bottom of the middle
/// band; the offer's id.
async fn draft_offer(app: &TestApp, token: &str, id: i64, start_date: &str) -> i64 {
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/applications/{id}/move"),
            token,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, grades) = call(app, Method::GET, "/grades", token, json!({})).await;
    let salary = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()["salary_min"]
        .clone();
    let (status, offer) = call(
        app,
        Method::POST,
        &format!("/applications/{id}/offers"),
        token,
        json!({"salary": salary, "start_date": start_date}),
    )
    .await;
    assert_eq!(status, 201, "{offer}");
    offer["id"].as_i64().unwrap()
}

async fn notifications(app: &TestApp, token: &str) -> Value {
    let (status, body) = call(app, Method::GET, "/notifications", token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_mention_tells_that_colleague_only() {
    let app = spawn_app().await;
    let anna = person(&app, "recruiter", "Анна Кузнецова").await;
    let boris = person(&app, "hiring_manager", "Борис Орлов").await;
    let clara = person(&app, "recruiter", "Клара Новикова").await;
    let (id, candidate) = application(&app, &anna.token).await;

    let text = format!(
        "@{}, посмотри ожидания по зарплате. Себе: @{} (не считается), @nobody@agency.test.",
        boris.email.to_uppercase(),
        anna.email
    );
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/comments"),
        &anna.token,
        json!({"text": text}),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let told = notifications(&app, &boris.token).await;
    assert_eq!(told["unread"], 1, "{told}");
    let item = &told["items"][0];
    assert_eq!(item["kind"], "mentioned");
    assert_eq!(item["url"], format!("/candidates/{candidate}"));
    let sentence = item["text"].as_str().unwrap();
    assert!(
        sentence.contains("Анна Кузнецова") && sentence.contains("Вера Соколова"),
        "{sentence}"
    );
    assert!(sentence.contains("посмотри ожидания"), "{sentence}");
    assert!(item["read_at"].is_null());
    for other in [&anna, &clara] {
        let none = notifications(&app, &other.token).await;
        assert_eq!(none["unread"], 0, "{none}");
        assert!(none["items"].as_array().unwrap().is_empty());
    }

    // Someone else's notification is not theirs to read.
    let nid = item["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/notifications/{nid}/read"),
        &clara.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, read) = call(
        &app,
        Method::POST,
        &format!("/notifications/{nid}/read"),
        &boris.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{read}");
    assert!(read["read_at"].is_string());
    assert_eq!(notifications(&app, &boris.token).await["unread"], 0);
}

#[tokio::test]
async fn the_bell_counts_and_opening_a_notification_goes_to_its_page() {
    let app = spawn_app().await;
    let anna = person(&app, "recruiter", "Анна Кузнецова").await;
    let boris = person(&app, "recruiter", "Борис Орлов").await;
    let (id, candidate) = application(&app, &anna.token).await;
    for n in 1..=2 {
        let (status, _) = call(
            &app,
            Method::POST,
            &format!("/applications/{id}/comments"),
            &anna.token,
            json!({"text": format!("@{} заметка {n}", boris.email)}),
        )
        .await;
        assert_eq!(status, 201);
    }
    let response = app.login(&boris.email, PASSWORD).await;
    assert_eq!(response.status(), 303);
    let home = app.get("/notifications").await.text().await.unwrap();
    assert!(
        home.contains("class=\"bell-count\">2<"),
        "the header counts two"
    );
    assert!(home.contains("заметка 1") && home.contains("заметка 2"));

    let first = notifications(&app, &boris.token).await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let opened = app
        .post_form(&format!("/notifications/{first}/open"), &[])
        .await;
    assert_eq!(opened.status(), 303);
    assert_eq!(
        crate::helpers::location(&opened),
        format!("/candidates/{candidate}")
    );
    let page = app.get("/notifications").await.text().await.unwrap();
    assert!(page.contains("class=\"bell-count\">1<"), "one left unread");

    let done = app.post_form("/notifications/read-all", &[]).await;
    assert_eq!(done.status(), 303);
    let page = app.get("/notifications").await.text().await.unwrap();
    assert!(!page.contains("bell-count"), "nothing unread, no count");
}

#[tokio::test]
async fn an_offer_waiting_for_approval_tells_the_approver() {
    let app = spawn_app().await;
    let manager = person(&app, "hiring_manager", "Марина Лебедева").await;
    let recruiter = app.token_for("recruiter").await;
    let (id, _) = application(&app, &recruiter).await;
    let oid = draft_offer(&app, &recruiter, id, "2030-02-01").await;
    assert_eq!(notifications(&app, &manager.token).await["unread"], 0);
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/offers/{oid}/submit"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let told = notifications(&app, &manager.token).await;
    assert_eq!(told["unread"], 1, "{told}");
    assert_eq!(told["items"][0]["kind"], "approval_requested");
    assert_eq!(told["items"][0]["url"], format!("/offers/{oid}"));
    assert!(
        told["items"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Вера Соколова")
    );
}

#[tokio::test]
async fn the_daily_digest_tells_each_news_once_and_only_to_those_who_want_it() {
    let app = spawn_app().await;
    let anna = person(&app, "recruiter", "Анна Кузнецова").await;
    let boris = person(&app, "recruiter", "Борис Орлов").await;
    let clara = person(&app, "recruiter", "Клара Новикова").await;
    let (id, _) = application(&app, &anna.token).await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/applications/{id}/comments"),
        &anna.token,
        json!({"text": format!("Созвон в пятницу: @{} и @{}", boris.email, clara.email)}),
    )
    .await;
    assert_eq!(status, 201);
    // Clara turns the email off on her page.
    let response = app.login(&clara.email, PASSWORD).await;
    assert_eq!(response.status(), 303);
    let saved = app.post_form("/notifications/digest", &[]).await;
    assert_eq!(saved.status(), 303);

    let composer = composer();
    let today = Utc::now().date_naive();
    let sent = hireloop::notifications::digest::send_digests(
        &app.db,
        &composer,
        "https://hire.example",
        today,
    )
    .await
    .unwrap();
    assert_eq!(sent, 1);
    let digests = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("notification_digest"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(digests.len(), 1);
    assert_eq!(digests[0].to_email, boris.email);
    assert!(
        digests[0].body_text.contains("Созвон в пятницу"),
        "{}",
        digests[0].body_text
    );
    assert!(
        digests[0]
            .body_text
            .contains("https://hire.example/notifications")
    );

    // The same day again, or another instance: nothing more.
    let again = hireloop::notifications::digest::send_digests(
        &app.db,
        &composer,
        "https://hire.example",
        today,
    )
    .await
    .unwrap();
    assert_eq!(again, 0);
    // The next day, the news already told is not told again.
    let next = hireloop::notifications::digest::send_digests(
        &app.db,
        &composer,
        "https://hire.example",
        today.succ_opt().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(next, 0);
}

#[tokio::test]
async fn interviewers_hear_they_were_assigned_and_the_recruiter_hears_the_answer() {
    let app = spawn_app().await;
    let anna = person(&app, "recruiter", "Анна Кузнецова").await;
    let kirill = person(&app, "interviewer", "Кирилл Зайцев").await;
    let (id, _) = application(&app, &anna.token).await;
    let at = (Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let kirill_id = user_id(&app.db, &kirill.email).await;
    let (status, interview) = call(
        &app,
        Method::POST,
        "/interviews",
        &anna.token,
        json!({"application_id": id, "kind": "competency", "scheduled_at": at,
               "interviewer_ids": [kirill_id]}),
    )
    .await;
    assert_eq!(status, 201, "{interview}");
    let told = notifications(&app, &kirill.token).await;
    assert_eq!(told["items"][0]["kind"], "interview_assigned", "{told}");
    assert_eq!(
        told["items"][0]["url"],
        format!("/interviews/{}", interview["id"])
    );
    let sentence = told["items"][0]["text"].as_str().unwrap();
    assert!(sentence.contains("Анна Кузнецова") && sentence.contains("Аккаунт-менеджер"));

    // Another recruiter records the candidate's yes: the one who drafted the offer hears it.
    let oid = draft_offer(&app, &anna.token, id, "2030-03-02").await;
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    let boris = app.token_for("recruiter").await;
    for (token, step) in [
        (&anna.token, "submit"),
        (&manager, "approve"),
        (&ceo, "approve"),
        (&anna.token, "send"),
        (&boris, "accept"),
    ] {
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("/offers/{oid}/{step}"),
            token,
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{step}: {body}");
    }
    let told = notifications(&app, &anna.token).await;
    let answered: Vec<&Value> = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "offer_answered")
        .collect();
    assert_eq!(
        answered.len(),
        1,
        "told once though she is owner and drafter: {told}"
    );
    assert!(answered[0]["text"].as_str().unwrap().contains("принимает"));
    let recorder = notifications(&app, &boris).await;
    assert!(
        recorder["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["kind"] != "offer_answered"),
        "whoever recorded the answer is not told of it"
    );
}
