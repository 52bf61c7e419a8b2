//! The end of a hire in the browser: the recruiter drafts an offer, the hiring manager and the
//! CEO approve it, the recruiter sends it and records the acceptance, then the start date.

use reqwest::Method;
use serde_json::json;

use crate::audit::check_page;
use crate::browser::Browser;
use crate::helpers::{TestApp, call};
use crate::hiring::stage;
use crate::session::{login, logout};

pub async fn offer_accepted_and_started(
    app: &TestApp,
    b: &Browser,
    api: &str,
    id: i64,
    recruiter: &str,
    manager: &str,
    ceo: &str,
) {
    let (_, grades) = call(app, Method::GET, "/grades", api, json!({})).await;
    let middle = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap();
    let salary = middle["salary_min"].as_i64().unwrap().to_string();
    let offers = format!("/applications/{id}/offers");

    b.goto(&offers).await;
    check_page(b, "offers-empty").await;
    b.fill("#f-salary", &salary).await;
    b.fill("#f-start_date", "2030-04-01").await;
    b.click(&format!("form[action='{offers}'] button[type=submit]"))
        .await;
    assert!(!b.flash().await.is_empty(), "no message after drafting");
    b.click("button[name=action][value=submit]").await;
    logout(b).await;

    for approver in [manager, ceo] {
        login(b, approver).await;
        b.goto(&offers).await;
        check_page(b, "offer-approval").await;
        b.click("button[name=action][value=approve]").await;
        assert!(!b.flash().await.is_empty(), "no message after approving");
        logout(b).await;
    }

    login(b, recruiter).await;
    b.goto(&offers).await;
    b.click("button[name=action][value=send]").await;
    // Sending asks first, naming the address; Confirm sends.
    b.click("[data-confirmation] button[name=confirmed]").await;
    // "Record the answer" is folded away (a <details>): unfold it as a click would.
    b.script(
        "document.querySelectorAll('section.offer details').forEach((d) => { d.open = true; })",
    )
    .await;
    b.click("button[name=action][value=accept]").await;
    assert_eq!(stage(app, api, id).await, "hired");
    check_page(b, "offer-accepted").await;

    let (_, shown) = call(
        app,
        Method::GET,
        &format!("/applications/{id}"),
        api,
        json!({}),
    )
    .await;
    let position = shown["position_id"].as_i64().unwrap();
    b.goto(&format!("/positions/{position}/board")).await;
    // The start is recorded on the day itself (today), and asks first with who it closes.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive()
        .to_string();
    let card = format!("article[data-application='{id}']");
    b.script(&format!(
        "document.querySelector(\"{card} details\").open = true"
    ))
    .await;
    b.select(&format!("#b-to-{id}"), "started").await;
    b.fill(&format!("#b-date-{id}"), &today).await;
    b.click(&format!("{card} .move-form button[type=submit]"))
        .await;
    assert_eq!(stage(app, api, id).await, "hired", "nothing before Confirm");
    b.click("[data-confirmation] button[name=confirmed]").await;
    assert!(!b.flash().await.is_empty(), "no message after the start");
    assert_eq!(stage(app, api, id).await, "started");
}
