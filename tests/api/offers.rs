//! Offers: drafted within the band (or with a written exception), approved by the hiring
//! manager and then the CEO, sent with a one-time link, declined, revised, accepted; the hire
//! starts and the position is filled, the rest closed with letters.

use hireloop::entities::{application, offer, outbox_message};
use mail_parser::MessageParser;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, csrf_in, spawn_app, spawn_app_with_smtp};
use crate::smtp::SmtpSink;

struct Team {
    recruiter: String,
    manager: String,
    ceo: String,
}

async fn team(app: &TestApp) -> Team {
    Team {
        recruiter: app.token_for("recruiter").await,
        manager: app.token_for("hiring_manager").await,
        ceo: app.token_for("ceo").await,
    }
}

/// The middle grade's band.
async fn band(app: &TestApp, token: &str) -> (i64, i64) {
    let (_, grades) = call(app, Method::GET, "/grades", token, json!({})).await;
    let middle = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()
        .clone();
    (
        middle["salary_min"].as_i64().unwrap(),
        middle["salary_max"].as_i64().unwrap(),
    )
}

/// An open middle position with two people: the one walked to the offer stage, and one
/// short-listed who stays warm. Returns (position, finalist, warm).
async fn at_offer(app: &TestApp, token: &str) -> (i64, i64, i64) {
    let (_, position) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let position = position["id"].as_i64().unwrap();
    call(
        app,
        Method::POST,
        &format!("/positions/{position}/open"),
        token,
        json!({}),
    )
    .await;
    let mut ids = Vec::new();
    for (name, email) in [
        ("Анна Петрова", "anna@mail.test"),
        ("Борис Смирнов", "boris@mail.test"),
    ] {
        let (_, person) = call(
            app,
            Method::POST,
            "/candidates",
            token,
            json!({"full_name": name, "email": email}),
        )
        .await;
        let (_, a) = call(
            app,
            Method::POST,
            "/applications",
            token,
            json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
        )
        .await;
        ids.push(a["id"].as_i64().unwrap());
    }
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            app,
            Method::POST,
            &format!("/applications/{}/move", ids[0]),
            token,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    call(
        app,
        Method::POST,
        &format!("/applications/{}/move", ids[1]),
        token,
        json!({"to": "short_list"}),
    )
    .await;
    (position, ids[0], ids[1])
}

/// An offer at the bottom of the band, drafted, submitted and approved by both: its id.
async fn approved_offer(app: &TestApp, t: &Team, finalist: i64) -> i64 {
    let (min, _) = band(app, &t.recruiter).await;
    let path = format!("/applications/{finalist}/offers");
    let body = json!({"salary": min, "start_date": start_date()});
    let (_, draft) = post(app, &t.recruiter, &path, body).await;
    let id = draft["id"].as_i64().unwrap();
    for (token, step) in [
        (&t.recruiter, "submit"),
        (&t.manager, "approve"),
        (&t.ceo, "approve"),
    ] {
        post(app, token, &format!("/offers/{id}/{step}"), json!({})).await;
    }
    id
}

fn start_date() -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string()
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, Method::POST, path, token, body).await
}

/// The link in the newest message to `address` that the sink received.
async fn link_to(smtp: &SmtpSink, count: usize, address: &str, prefix: &str) -> String {
    let messages = smtp.wait_for(count).await;
    let text = messages
        .iter()
        .filter_map(|raw| MessageParser::default().parse(raw.as_slice()))
        .filter(|m| m.to().and_then(|t| t.first()).and_then(|a| a.address()) == Some(address))
        .filter_map(|m| m.body_text(0).map(|t| t.to_string()))
        .find(|t| t.contains(prefix))
        .unwrap_or_else(|| panic!("no link {prefix} to {address}"));
    let start = text.find(prefix).unwrap();
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

#[tokio::test]
async fn from_finalist_to_first_working_day_with_a_declined_offer_and_a_revision() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let t = team(&app).await;
    let (min, max) = band(&app, &t.recruiter).await;
    let (position, finalist, warm) = at_offer(&app, &t.recruiter).await;

    let salary = (min + max) / 2;
    let (status, draft) = post(&app, &t.recruiter, &format!("/applications/{finalist}/offers"),
        json!({"salary": salary, "start_date": start_date(), "probation_months": 3, "bonus_terms": "10% of collected receivables"})).await;
    assert_eq!(status, 201, "{draft}");
    assert_eq!(
        (
            draft["revision"].as_i64(),
            draft["status"].as_str(),
            draft["needs_approval"].as_bool()
        ),
        (Some(1), Some("draft"), Some(true))
    );
    let id = draft["id"].as_i64().unwrap();
    let (status, _) = post(
        &app,
        &t.recruiter,
        &format!("/applications/{finalist}/offers"),
        json!({"salary": salary, "start_date": start_date()}),
    )
    .await;
    assert_eq!(status, 409, "one offer in play at a time");

    assert_eq!(
        post(
            &app,
            &t.recruiter,
            &format!("/offers/{id}/submit"),
            json!({})
        )
        .await
        .1["status"],
        "awaiting_manager"
    );
    let (status, body) = post(&app, &t.ceo, &format!("/offers/{id}/approve"), json!({})).await;
    assert_eq!(status, 409, "the CEO waits for the hiring manager: {body}");
    assert_eq!(
        post(
            &app,
            &t.manager,
            &format!("/offers/{id}/approve"),
            json!({"comment": "ok"})
        )
        .await
        .1["status"],
        "awaiting_ceo"
    );
    assert_eq!(
        post(
            &app,
            &t.recruiter,
            &format!("/offers/{id}/approve"),
            json!({})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        post(&app, &t.ceo, &format!("/offers/{id}/approve"), json!({}))
            .await
            .1["status"],
        "approved"
    );

    // Sent: the candidate declines through the link, with a counter-proposal.
    assert_eq!(
        post(&app, &t.recruiter, &format!("/offers/{id}/send"), json!({}))
            .await
            .1["status"],
        "sent"
    );
    let link = link_to(&smtp, 3, "anna@mail.test", "/o/").await;
    let browser = client();
    let page = browser
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_in(&page).unwrap();
    let declined = browser
        .post(app.url(&link))
        .form(&[
            ("action", "decline"),
            ("reason", "Другое предложение выше"),
            ("counter_proposal", "+5%"),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), 200);
    let row = offer::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            row.status.as_str(),
            row.decline_reason.as_deref(),
            row.counter_proposal.as_deref()
        ),
        ("declined", Some("Другое предложение выше"), Some("+5%"))
    );
    assert_eq!(
        browser.get(app.url(&link)).send().await.unwrap().status(),
        410,
        "the link worked once"
    );

    // Revision 2: a small raise inside the band needs no second approval.
    let (status, body) = post(
        &app,
        &t.recruiter,
        &format!("/applications/{finalist}/offers"),
        json!({"salary": salary + 1000, "start_date": start_date()}),
    )
    .await;
    assert_eq!(status, 422, "a revision says why: {body}");
    let (status, second) = post(&app, &t.recruiter, &format!("/applications/{finalist}/offers"),
        json!({"salary": salary + 1000, "start_date": start_date(), "change_reason": "Встречное предложение", "counter_proposal": "+5%"})).await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(
        (
            second["revision"].as_i64(),
            second["needs_approval"].as_bool()
        ),
        (Some(2), Some(false))
    );
    assert_eq!(second["changes"][0]["field"], "salary");
    let second_id = second["id"].as_i64().unwrap();
    assert_eq!(
        post(
            &app,
            &t.recruiter,
            &format!("/offers/{second_id}/submit"),
            json!({})
        )
        .await
        .1["status"],
        "approved"
    );
    post(
        &app,
        &t.recruiter,
        &format!("/offers/{second_id}/send"),
        json!({}),
    )
    .await;
    let (status, accepted) = post(
        &app,
        &t.recruiter,
        &format!("/offers/{second_id}/accept"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{accepted}");
    let hired = application::Entity::find_by_id(finalist as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hired.stage, "hired");
    assert!(
        hired.next_contact_on.is_some(),
        "a pre-start check-in is scheduled"
    );
    let runner_up = application::Entity::find_by_id(warm as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(runner_up.stage, "short_list", "the search stays open");
    assert!(runner_up.backup, "the runner-up is kept as the backup");
    let steps = hireloop::entities::onboarding_item::Entity::find()
        .filter(hireloop::entities::onboarding_item::Column::ApplicationId.eq(finalist as i32))
        .all(&app.db)
        .await
        .unwrap();
    assert!(steps.len() >= 6, "the hire gets an onboarding checklist");

    // The planned day is a month ahead: the start is not recorded before it happens.
    let (status, body) = post(
        &app,
        &t.recruiter,
        &format!("/applications/{finalist}/start"),
        json!({"started_on": start_date()}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    // On the first working day itself it is.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .to_string();
    let (status, _) = post(
        &app,
        &t.recruiter,
        &format!("/applications/{finalist}/start"),
        json!({"started_on": today}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, p) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}"),
        &t.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(p["status"], "filled");
    let closed = application::Entity::find_by_id(warm as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.stage, "rejected");
    let letters = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("rejection"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(letters.len(), 1, "the warm candidate gets a polite letter");
}

#[tokio::test]
async fn a_salary_outside_the_band_needs_a_written_exception() {
    let app = spawn_app().await;
    let t = team(&app).await;
    let (_, max) = band(&app, &t.recruiter).await;
    let (_, finalist, _) = at_offer(&app, &t.recruiter).await;
    let path = format!("/applications/{finalist}/offers");
    let (status, body) = post(
        &app,
        &t.recruiter,
        &path,
        json!({"salary": max + 50000, "start_date": start_date()}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "band_exception_reason");
    assert!(offer::Entity::find().all(&app.db).await.unwrap().is_empty());
    let (status, body) = post(&app, &t.recruiter, &path,
        json!({"salary": max + 50000, "start_date": start_date(), "band_exception_reason": "Редкий опыт в e-commerce"})).await;
    assert_eq!(status, 201, "{body}");
    let (status, _) = post(
        &app,
        &t.recruiter,
        &path,
        json!({"salary": 100, "start_date": "2001-01-01"}),
    )
    .await;
    assert_eq!(status, 409, "still one in play");
}

#[tokio::test]
async fn a_stale_edit_of_an_offer_is_refused_and_loses_nothing() {
    let app = spawn_app().await;
    let t = team(&app).await;
    let (min, _) = band(&app, &t.recruiter).await;
    let (_, finalist, _) = at_offer(&app, &t.recruiter).await;
    let (_, draft) = post(
        &app,
        &t.recruiter,
        &format!("/applications/{finalist}/offers"),
        json!({"salary": min, "start_date": start_date()}),
    )
    .await;
    let path = format!("/offers/{}", draft["id"]);
    let (status, first) = call(
        &app,
        Method::PATCH,
        &path,
        &t.recruiter,
        json!({"version": 1, "salary": min + 1000, "start_date": start_date()}),
    )
    .await;
    assert_eq!(status, 200, "{first}");
    let (status, second) = call(
        &app,
        Method::PATCH,
        &path,
        &t.recruiter,
        json!({"version": 1, "salary": min + 9000, "start_date": start_date()}),
    )
    .await;
    assert_eq!(status, 409, "{second}");
    let row = offer::Entity::find_by_id(draft["id"].as_i64().unwrap() as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.salary, row.version),
        (min + 1000, 2),
        "the first save stands"
    );
}

#[tokio::test]
async fn approvers_decide_from_a_one_time_link_without_signing_in() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let t = team(&app).await;
    let (min, _) = band(&app, &t.recruiter).await;
    let (_, finalist, _) = at_offer(&app, &t.recruiter).await;
    let (_, draft) = post(
        &app,
        &t.recruiter,
        &format!("/applications/{finalist}/offers"),
        json!({"salary": min, "start_date": start_date()}),
    )
    .await;
    let id = draft["id"].as_i64().unwrap();
    post(
        &app,
        &t.recruiter,
        &format!("/offers/{id}/submit"),
        json!({}),
    )
    .await;
    let manager_email = hireloop::entities::user::Entity::find()
        .filter(hireloop::entities::user::Column::Role.eq("hiring_manager"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email;
    let link = link_to(&smtp, 1, &manager_email, "/offers/decide/").await;
    let browser = client();
    let page = browser
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Анна Петрова"));
    let csrf = csrf_in(&page).unwrap();
    let done = browser
        .post(app.url(&link))
        .form(&[("action", "approve"), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let row = offer::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.status.as_str(), row.manager_decision.as_deref()),
        ("awaiting_ceo", Some("approved"))
    );
    let again = browser
        .post(app.url(&link))
        .form(&[("action", "approve"), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410, "a used link does nothing");
}

#[tokio::test]
async fn the_offers_page_drafts_and_shows_the_ledger() {
    let app = spawn_app().await;
    let t = team(&app).await;
    let (min, _) = band(&app, &t.recruiter).await;
    let (_, finalist, _) = at_offer(&app, &t.recruiter).await;
    app.login_as("recruiter").await;
    let path = format!("/applications/{finalist}/offers");
    let page = app.get(&path).await.text().await.unwrap();
    assert!(page.contains("Подготовить оффер"));
    let salary = min.to_string();
    let start = start_date();
    let response = app
        .post_form(
            &path,
            &[
                ("salary", &salary),
                ("currency", "RUB"),
                ("start_date", &start),
                ("probation_months", "3"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get(&path).await.text().await.unwrap();
    assert!(page.contains("Редакция 1") && page.contains("черновик"));
    assert!(
        page.contains("<dt>Автор</dt>"),
        "who drafted it is on the ledger"
    );
}

#[tokio::test]
async fn an_accepted_hire_gets_an_onboarding_checklist_the_recruiter_ticks_off() {
    let app = spawn_app().await;
    let t = team(&app).await;
    let (_, finalist, _) = at_offer(&app, &t.recruiter).await;
    let id = approved_offer(&app, &t, finalist).await;
    post(&app, &t.recruiter, &format!("/offers/{id}/send"), json!({})).await;
    let (status, _) = post(
        &app,
        &t.recruiter,
        &format!("/offers/{id}/accept"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);

    app.login_as("recruiter").await;
    let page = app
        .get(&format!("/applications/{finalist}/offers"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Чек-лист выхода на работу"));
    let step = hireloop::entities::onboarding_item::Entity::find()
        .filter(hireloop::entities::onboarding_item::Column::ApplicationId.eq(finalist as i32))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response = app
        .post_form(&format!("/onboarding/{}", step.id), &[("done", "true")])
        .await;
    assert_eq!(response.status(), 303);
    let ticked = hireloop::entities::onboarding_item::Entity::find_by_id(step.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(ticked.done_at.is_some() && ticked.done_by.is_some());
}

#[tokio::test]
async fn the_recruiter_previews_the_letter_and_adds_a_note_before_sending() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let t = team(&app).await;
    let (_, finalist, _) = at_offer(&app, &t.recruiter).await;
    let id = approved_offer(&app, &t, finalist).await;

    app.login_as("recruiter").await;
    let page = app
        .get(&format!("/applications/{finalist}/offers"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Предложение о работе"),
        "the letter is previewed before it goes"
    );
    let response = app
        .post_form(
            &format!("/offers/{id}"),
            &[
                ("action", "send"),
                ("note", "Анна, будем очень рады видеть вас в команде!"),
                // The confirmation (who gets the letter, at which address) was shown first.
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let messages = smtp.wait_for(3).await;
    let letter = messages
        .iter()
        .filter_map(|raw| MessageParser::default().parse(raw.as_slice()))
        .find(|m| {
            m.to().and_then(|t| t.first()).and_then(|a| a.address()) == Some("anna@mail.test")
        })
        .unwrap();
    assert!(
        letter
            .body_text(0)
            .unwrap()
            .contains("будем очень рады видеть вас в команде")
    );
    assert!(letter.body_text(0).unwrap().contains("/o/"));
}
