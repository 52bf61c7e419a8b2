//! One-time links (a referee's form, a candidate's offer answer): 32 random bytes, a new one
//! each time, kept in the database only as a SHA-256 digest, refused once used or expired.

use chrono::{Duration, Utc};
use hireloop::entities::{outbox_message, referee};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, call, client, csrf_in, spawn_app};

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The token of the newest queued email's link under `prefix` ("/r/", "/o/").
async fn newest_link_token(app: &TestApp, prefix: &str) -> String {
    let message = outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("an email was queued");
    let text = message.body_text;
    let start = text.find(prefix).expect("a link in the email") + prefix.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn assert_random_token(token: &str) {
    // 32 bytes in unpadded base64url are 43 characters.
    assert_eq!(token.len(), 43, "{token}");
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{token}"
    );
}

/// A referee on an application whose candidate allowed references: the referee's id.
async fn referee(app: &TestApp, token: &str) -> i64 {
    let (_, position) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    let (_, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test"}),
    )
    .await;
    let person = person["id"].as_i64().unwrap();
    let (status, _) = call(
        app,
        Method::PATCH,
        &format!("/candidates/{person}"),
        token,
        json!({"reference_consent": true}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person, "position_id": position, "source": "referral"}),
    )
    .await;
    let (status, added) = call(
        app,
        Method::POST,
        &format!("/applications/{}/references", application["id"]),
        token,
        json!({"name": "Олег Смирнов", "company": "Орбита", "relation": "руководитель",
               "email": "oleg@orbita.test"}),
    )
    .await;
    assert_eq!(status, 201, "{added}");
    added["id"].as_i64().unwrap()
}

async fn request(app: &TestApp, token: &str, id: i64) -> String {
    let (status, body) = call(
        app,
        Method::POST,
        &format!("/references/{id}/request"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    newest_link_token(app, "/r/").await
}

#[tokio::test]
async fn a_reference_link_is_random_stored_as_a_digest_replaced_by_a_new_one_and_works_once() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = referee(&app, &token).await;

    let first = request(&app, &token, id).await;
    assert_random_token(&first);
    let stored = referee::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.token_hash.as_deref(), Some(digest(&first).as_str()));
    let row = serde_json::to_string(&stored).unwrap();
    assert!(!row.contains(&first), "the token itself is not kept: {row}");

    // Asking again issues a new link; the old one stops working at once.
    let second = request(&app, &token, id).await;
    assert_random_token(&second);
    assert_ne!(first, second);
    let browser = client();
    let old = browser
        .get(app.url(&format!("/r/{first}")))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 410);

    // A made-up token of the right shape is refused like a used one.
    let guess = "A".repeat(43);
    let guessed = browser
        .get(app.url(&format!("/r/{guess}")))
        .send()
        .await
        .unwrap();
    assert_eq!(guessed.status(), 410);

    // The current link answers once.
    let form = browser
        .get(app.url(&format!("/r/{second}")))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let csrf = csrf_in(&form.text().await.unwrap()).unwrap();
    let answer = [
        ("verdict", "positive"),
        ("notes", "Надёжна"),
        ("_csrf", csrf.as_str()),
    ];
    let sent = browser
        .post(app.url(&format!("/r/{second}")))
        .form(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    let again = browser
        .post(app.url(&format!("/r/{second}")))
        .form(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410);
}

#[tokio::test]
async fn an_expired_reference_link_is_refused_even_though_it_was_never_used() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = referee(&app, &token).await;
    let link = request(&app, &token, id).await;
    let row = referee::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let expires = row.token_expires_at.expect("the link has an expiry");
    assert!(expires > Utc::now() && expires < Utc::now() + Duration::days(31));
    let mut expired: referee::ActiveModel = row.into();
    expired.token_expires_at = Set(Some(Utc::now() - Duration::minutes(1)));
    expired.update(&app.db).await.unwrap();
    let page = client()
        .get(app.url(&format!("/r/{link}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
}

#[tokio::test]
async fn an_offer_answer_link_is_random_stored_as_a_digest_and_dies_with_the_answer() {
    use hireloop::entities::offer;
    let (app, offer_id, link) = sent_offer().await;
    assert_random_token(&link);
    let stored = offer::Entity::find_by_id(offer_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.token_hash.as_deref(), Some(digest(&link).as_str()));
    assert!(stored.token_expires_at.is_some_and(|at| at > Utc::now()));
    let browser = client();
    let page = browser
        .get(app.url(&format!("/o/{link}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csrf = csrf_in(&page.text().await.unwrap()).unwrap();
    let accept = [("action", "accept"), ("_csrf", csrf.as_str())];
    let answered = browser
        .post(app.url(&format!("/o/{link}")))
        .form(&accept)
        .send()
        .await
        .unwrap();
    assert!(answered.status().is_success(), "{}", answered.status());
    let again = browser
        .post(app.url(&format!("/o/{link}")))
        .form(&accept)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410);
}

/// An approved offer sent to the candidate: the app, the offer's id and the link's token.
async fn sent_offer() -> (TestApp, i32, String) {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    let (_, position) = call(
        &app,
        Method::POST,
        "/positions",
        &recruiter,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    call(
        &app,
        Method::POST,
        &format!("/positions/{position}/open"),
        &recruiter,
        json!({}),
    )
    .await;
    let (_, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test"}),
    )
    .await;
    let (_, application) = call(
        &app,
        Method::POST,
        "/applications",
        &recruiter,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    let application = application["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("/applications/{application}/move"),
            &recruiter,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, grades) = call(&app, Method::GET, "/grades", &recruiter, json!({})).await;
    let min = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()["salary_min"]
        .clone();
    let start = (Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let (status, draft) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/offers"),
        &recruiter,
        json!({"salary": min, "start_date": start}),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    let id = draft["id"].as_i64().unwrap();
    for (who, step) in [
        (&recruiter, "submit"),
        (&manager, "approve"),
        (&ceo, "approve"),
        (&recruiter, "send"),
    ] {
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("/offers/{id}/{step}"),
            who,
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{step}: {body}");
    }
    let link = newest_link_token(&app, "/o/").await;
    (app, id as i32, link)
}
