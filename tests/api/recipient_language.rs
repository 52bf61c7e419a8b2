//! Every email and every page behind a one-time link speaks its recipient's language — the
//! candidate's, the referee's (the candidate's), the approver's — whatever the browser that
//! opens it or the session it carries says, and shows times on the recipient's clock.

use hireloop::entities::{outbox_message, user};
use reqwest::{Client, Method};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{TestApp, call, client, csrf_in, open_position, spawn_app, user_id};

/// The newest queued email of `kind` to `address`.
async fn letter(app: &TestApp, kind: &str, address: &str) -> outbox_message::Model {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq(kind))
        .filter(outbox_message::Column::ToEmail.eq(address))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|m| m.id)
        .unwrap_or_else(|| panic!("no {kind} to {address}"))
}

/// The path of the link starting with `prefix` in a letter's text.
fn link_in(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {text}"));
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

/// A page as `browser` sees it when it asks in `lang`: status and HTML.
async fn open(app: &TestApp, browser: &Client, path: &str, lang: &str) -> (u16, String) {
    let response = browser
        .get(app.url(path))
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A form posted from `browser` asking in `lang`, with the page's CSRF token.
async fn answer(
    app: &TestApp,
    browser: &Client,
    path: &str,
    lang: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let mut body = fields.to_vec();
    body.push(("_csrf", csrf));
    let response = browser
        .post(app.url(path))
        .header("Accept-Language", lang)
        .form(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn has_cyrillic(text: &str) -> bool {
    text.chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
}

/// An English-speaking candidate at the offer stage: (candidate, application).
async fn english_finalist(app: &TestApp, token: &str) -> (i64, i64) {
    let position = open_position(app, token, "Account manager").await;
    let (_, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Emma Stone", "email": "emma@mail.test", "lang": "en"}),
    )
    .await;
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    let application = application["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let path = format!("/applications/{application}/move");
        let (status, body) = call(app, Method::POST, &path, token, json!({"to": to})).await;
        assert_eq!(status, 200, "{body}");
    }
    (person["id"].as_i64().unwrap(), application)
}

async fn set_zone(app: &TestApp, email: &str, zone: &str, lang: &str) {
    let id = user_id(&app.db, &hireloop::auth::model::normalize_email(email)).await;
    let mut row: user::ActiveModel = user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.timezone = Set(zone.into());
    row.lang = Set(lang.into());
    row.update(&app.db).await.unwrap();
}

/// A browser that has switched the interface to `lang` and asks for it.
async fn browser_in(app: &TestApp, lang: &str) -> Client {
    let browser = client();
    let (_, login) = open(app, &browser, "/login", lang).await;
    let csrf = csrf_in(&login).unwrap();
    answer(
        app,
        &browser,
        "/lang",
        lang,
        &csrf,
        &[("lang", lang), ("back", "/login")],
    )
    .await;
    browser
}

#[tokio::test]
async fn an_english_candidate_gets_english_emails_and_link_pages_from_a_russian_browser() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    // The only hiring manager approves first: Russian, in Yekaterinburg.
    let manager = app.add_user("hiring_manager").await;
    let manager_address = hireloop::auth::model::normalize_email(&manager);
    set_zone(&app, &manager, "Asia/Yekaterinburg", "ru").await;
    let ceo = app.token_for("ceo").await;
    let (person, application) = english_finalist(&app, &recruiter).await;

    // References: the request and the referee's form are in the candidate's language.
    let (status, _) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{person}"),
        &recruiter,
        json!({"reference_consent": true}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, referee) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/references"),
        &recruiter,
        json!({"name": "John Smith", "company": "Orbita", "relation": "line manager",
               "email": "john@orbita.test"}),
    )
    .await;
    let path = format!("/references/{}/request", referee["id"]);
    let (status, body) = call(&app, Method::POST, &path, &recruiter, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let request = letter(&app, "reference_request", "john@orbita.test").await;
    assert_eq!(request.lang, "en");
    assert!(
        request.subject.starts_with("Could you tell us"),
        "{}",
        request.subject
    );
    assert!(!has_cyrillic(&request.body_text), "{}", request.body_text);
    let form = link_in(&request.body_text, "/r/");

    // A Russian browser with a Russian session (a recruiter's laptop) opens the links.
    app.login_as("recruiter").await;
    let russian = &app.client;
    let (status, page) = open(&app, russian, &form, "ru").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"en\""), "{page}");
    assert!(page.contains("A reference for Emma Stone"), "{page}");
    let csrf = csrf_in(&page).unwrap();
    let (status, page) = answer(&app, russian, &form, "ru", &csrf, &[("notes", "Хорошо")]).await;
    assert_eq!(status, 422, "no verdict");
    assert!(
        page.contains("Choose positive, mixed or negative."),
        "{page}"
    );
    assert!(page.contains("Хорошо"), "what was typed stays");
    let fields = [("verdict", "positive"), ("notes", "Reliable")];
    let (status, page) = answer(&app, russian, &form, "ru", &csrf, &fields).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Your answers have reached the hiring team"),
        "{page}"
    );

    // The offer: drafted and submitted; the manager's letter is Russian, in roubles.
    let (_, grades) = call(&app, Method::GET, "/grades", &recruiter, json!({})).await;
    let salary = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()["salary_min"]
        .as_i64()
        .unwrap();
    let (status, offer) = call(
        &app,
        Method::POST,
        &format!("/applications/{application}/offers"),
        &recruiter,
        json!({"salary": salary, "start_date": "2031-03-10"}),
    )
    .await;
    assert_eq!(status, 201, "{offer}");
    let id = offer["id"].as_i64().unwrap();
    let path = format!("/offers/{id}/submit");
    let (status, body) = call(&app, Method::POST, &path, &recruiter, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let approval = letter(&app, "offer_approval", &manager_address).await;
    assert_eq!(approval.lang, "ru");
    let russian_pay = hireloop::domain::money::with_currency(
        salary,
        "RUB",
        hireloop::domain::money::Style::Russian,
    );
    assert!(
        approval.subject.contains(&russian_pay),
        "{}",
        approval.subject
    );
    assert!(
        approval.body_text.contains("10 марта 2031"),
        "{}",
        approval.body_text
    );
    assert!(
        !approval.body_text.contains("RUB"),
        "{}",
        approval.body_text
    );

    // The Russian approver opens it in an English browser: the page is Russian, the link's end
    // on the Yekaterinburg clock.
    let english = browser_in(&app, "en").await;
    let decide = link_in(&approval.body_text, "/offers/decide/");
    let (status, page) = open(&app, &english, &decide, "en").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"ru\""), "{page}");
    assert!(page.contains("Согласовать"), "{page}");
    assert!(page.contains("МСК+2"), "{page}");
    assert!(page.contains(&russian_pay), "{page}");
    let csrf = csrf_in(&page).unwrap();
    let (status, page) = answer(
        &app,
        &english,
        &decide,
        "en",
        &csrf,
        &[("action", "reject")],
    )
    .await;
    assert_eq!(status, 422, "a rejection needs a reason");
    assert!(page.contains("Напишите, почему отклоняете."), "{page}");
    let (status, page) = answer(
        &app,
        &english,
        &decide,
        "en",
        &csrf,
        &[("action", "approve")],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("Согласовано."), "{page}");

    let path = format!("/offers/{id}/approve");
    let (status, body) = call(&app, Method::POST, &path, &ceo, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/offers/{id}/send"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // The letter and its page are English, in the English way of writing money and days.
    let offer_letter = letter(&app, "offer_letter", "emma@mail.test").await;
    assert_eq!(offer_letter.lang, "en");
    let english_pay = hireloop::domain::money::with_currency(
        salary,
        "RUB",
        hireloop::domain::money::Style::English,
    );
    assert!(
        offer_letter.subject.starts_with("Job offer"),
        "{}",
        offer_letter.subject
    );
    assert!(
        offer_letter.body_text.contains(&english_pay),
        "{}",
        offer_letter.body_text
    );
    assert!(
        offer_letter.body_text.contains("10 March 2031"),
        "{}",
        offer_letter.body_text
    );
    let answer_link = link_in(&offer_letter.body_text, "/o/");
    let (status, page) = open(&app, russian, &answer_link, "ru").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"en\""), "{page}");
    assert!(page.contains("Accept the offer"), "{page}");
    assert!(page.contains("10 March 2031"), "{page}");
    assert!(
        page.contains(" MSK."),
        "the link's end on the agency's clock: {page}"
    );
    assert!(!page.contains("Принять"), "{page}");
    let csrf = csrf_in(&page).unwrap();
    let (status, page) = answer(
        &app,
        russian,
        &answer_link,
        "ru",
        &csrf,
        &[("action", "decline")],
    )
    .await;
    assert_eq!(status, 422, "a decline needs a reason");
    assert!(page.contains("Say why the candidate declined."), "{page}");
    assert!(page.contains("<html lang=\"en\""), "{page}");
}
