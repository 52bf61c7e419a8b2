//! A hire from start to finish, clicked through in the browser: a recruiter opens a position,
//! a candidate applies on the job page, the board moves them on, an interviewer scores from the
//! kit on a phone, the offer is approved, sent and accepted, and the start fills the position.

use reqwest::Method;
use serde_json::json;

use crate::audit::check_page;
use crate::browser::{Browser, PHONE};
use crate::helpers::{TestApp, call, spawn_app, user_id};
use crate::session::{login, logout};

#[tokio::test]
async fn a_position_is_filled_through_the_browser() {
    let app = spawn_app().await;
    let Some(b) = Browser::start(&app.address).await else {
        return;
    };
    let api = app.token_for("admin").await;
    let recruiter = app.add_user("recruiter").await;
    let manager = app.add_user("hiring_manager").await;
    let ceo = app.add_user("ceo").await;
    let interviewer = app.add_user("interviewer").await;

    // The recruiter writes the position, names the team and opens it.
    login(&b, &recruiter).await;
    check_page(&b, "dashboard-empty").await;
    b.goto("/positions/new").await;
    check_page(&b, "position-new").await;
    b.fill("#f-title", "Account manager (browser)").await;
    b.select("#f-grade", "middle").await;
    b.fill("#f-reports_to", "Client Service Director").await;
    b.fill("#f-company", "A digital agency of 40 people").await;
    b.fill("#f-role", "Owns eight to twenty client accounts")
        .await;
    b.fill("#f-duties", "Onboarding, up-sale, retention").await;
    b.fill("#f-requirements", "Two years with agency clients")
        .await;
    b.fill("#f-conditions", "Hybrid, Moscow").await;
    b.click("form[action='/positions'] button[type=submit]")
        .await;
    let position: i64 = b.path().await["/positions/".len()..].parse().unwrap();
    assert!(!b.flash().await.is_empty(), "no message after creating");

    let manager_id = user_id(&app.db, &manager).await;
    let interviewer_id = user_id(&app.db, &interviewer).await;
    // The team is edited on a page of its own, reached from the position's "Edit team".
    b.click("a[href$='/team']").await;
    b.select("#f-hiring_manager_id", &manager_id.to_string())
        .await;
    b.find(&format!(
        "input[name=interviewer_ids][value='{interviewer_id}']"
    ))
    .await
    .click()
    .await
    .unwrap();
    b.click("form[action$='/team'] button[type=submit]").await;
    b.click("button[name=action][value=open]").await;
    assert!(!b.flash().await.is_empty(), "no message after opening");
    let (_, shown) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}"),
        &api,
        json!({}),
    )
    .await;
    assert_eq!(shown["status"], "open", "{shown}");
    check_page(&b, "position-detail").await;
    let job = b
        .find("a[href^='/jobs/']")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    logout(&b).await;

    // A candidate applies on the public job page.
    b.goto(&job).await;
    check_page(&b, "job-page").await;
    b.fill("#f-full_name", "Vera Applicant").await;
    b.fill("#f-email", "vera@example.com").await;
    b.fill("#f-phone", "+7 900 123 45 67").await;
    b.find("input[name=consent]").await.click().await.unwrap();
    b.click("#apply button[type=submit]").await;
    let application = only_application(&app, &api, position).await;
    assert_eq!(application["stage"], "long_list");
    let id = application["id"].as_i64().unwrap();

    // The recruiter moves them to the short list on the board and books an interview.
    login(&b, &recruiter).await;
    b.goto(&format!("/positions/{position}/board")).await;
    check_page(&b, "board").await;
    move_on_board(&b, id, "short_list", None).await;
    assert_eq!(stage(&app, &api, id).await, "short_list");
    b.goto(&format!("/applications/{id}/interviews/new")).await;
    check_page(&b, "interview-schedule").await;
    b.fill("#f-date", "2030-03-04").await;
    b.fill("#f-time", "11:00").await;
    let interviewer_box = format!("input[name=interviewer_ids][value='{interviewer_id}']");
    if !b.find(&interviewer_box).await.is_selected().await.unwrap() {
        b.find(&interviewer_box).await.click().await.unwrap();
    }
    b.click(&format!(
        "form[action='/applications/{id}/interviews'] button[type=submit]"
    ))
    .await;
    let interview: i64 = b.path().await["/interviews/".len()..].parse().unwrap();
    check_page(&b, "interview-kit").await;
    logout(&b).await;

    // The interviewer scores every question from a phone and submits.
    login(&b, &interviewer).await;
    b.goto(&format!("/interviews/{interview}")).await;
    check_page(&b, "scorecard").await;
    b.resize(PHONE).await;
    let width = b.script("return window.innerWidth").await.as_u64().unwrap();
    assert!(width <= 420, "the window is not phone-sized: {width}");
    assert!(
        !b.page_scrolls_sideways().await,
        "the scorecard scrolls sideways on a phone"
    );
    b.script(
        r#"const names = new Set([...document.querySelectorAll('input[type=radio][name^="score_"]')].map((e) => e.name));
        window.__questions = names.size;"#,
    )
    .await;
    for radio in b
        .client
        .find_all(fantoccini::Locator::Css(
            "input[type=radio][name^='score_'][value='4']",
        ))
        .await
        .unwrap()
    {
        radio.click().await.unwrap();
    }
    for select in b
        .client
        .find_all(fantoccini::Locator::Css("select[name^='rating_']"))
        .await
        .unwrap()
    {
        select.select_by_value("4").await.unwrap();
    }
    b.find("input[name=recommendation][value=yes]")
        .await
        .click()
        .await
        .unwrap();
    b.fill("#f-strengths", "Calm with an angry client").await;
    let submit = b.find("button[name=action][value=submit]").await;
    submit.click().await.unwrap();
    // The submit asks first (data-confirm): the interviewer confirms.
    b.client.accept_alert().await.unwrap();
    b.find(".flash").await;
    b.resize(crate::browser::LAPTOP).await;
    let (_, sheets) = call(
        &app,
        Method::GET,
        &format!("/interviews/{interview}/scorecards"),
        &api,
        json!({}),
    )
    .await;
    assert_eq!(sheets.as_array().map(Vec::len), Some(1), "{sheets}");
    assert_eq!(sheets[0]["recommendation"], "yes", "{sheets}");
    logout(&b).await;

    // On through references and the CEO interview to the offer.
    login(&b, &recruiter).await;
    // With the keyboard: focus the card, → moves it on, and the board updates in place.
    b.goto(&format!("/positions/{position}/board")).await;
    b.script(&format!(
        "window.__samePage = true; document.querySelector(\"[data-application='{id}']\").focus()"
    ))
    .await;
    b.keys(&['\u{E014}']).await; // →
    b.find(".flash").await;
    assert_eq!(stage(&app, &api, id).await, "references");
    assert_eq!(
        b.script("return window.__samePage === true").await,
        true,
        "the page reloaded"
    );
    let focused = b
        .script("return document.activeElement.dataset.application")
        .await;
    assert_eq!(focused, json!(id.to_string()), "focus left the moved card");
    b.keys(&['?']).await;
    assert!(
        b.find("#board-keys").await.is_displayed().await.unwrap(),
        "? shows no help"
    );
    for to in ["ceo_interview", "offer"] {
        b.goto(&format!("/positions/{position}/board")).await;
        move_on_board(&b, id, to, None).await;
        assert_eq!(stage(&app, &api, id).await, to);
    }
    crate::hiring_offer::offer_accepted_and_started(&app, &b, &api, id, &recruiter, &manager, &ceo)
        .await;
    let (_, shown) = call(
        &app,
        Method::GET,
        &format!("/positions/{position}"),
        &api,
        json!({}),
    )
    .await;
    assert_eq!(shown["status"], "filled", "{shown}");
    b.close().await;
}

/// Moves a card with its own form on the board (the no-drag way) and checks the flash.
pub async fn move_on_board(b: &Browser, id: i64, to: &str, date: Option<&str>) {
    let card = format!("article[data-application='{id}']");
    // Open the card's "Move" (a <details>), whatever state the keyboard left it in.
    b.script(&format!(
        "document.querySelector(\"{card} details\").open = true"
    ))
    .await;
    b.select(&format!("#b-to-{id}"), to).await;
    if let Some(date) = date {
        b.fill(&format!("#b-date-{id}"), date).await;
    }
    b.click(&format!("{card} .move-form button[type=submit]"))
        .await;
    assert!(
        !b.flash().await.is_empty(),
        "no message after moving to {to}"
    );
}

pub async fn stage(app: &TestApp, api: &str, id: i64) -> String {
    let (_, shown) = call(
        app,
        Method::GET,
        &format!("/applications/{id}"),
        api,
        json!({}),
    )
    .await;
    shown["stage"].as_str().unwrap_or_default().to_owned()
}

async fn only_application(app: &TestApp, api: &str, position: i64) -> serde_json::Value {
    let (_, list) = call(
        app,
        Method::GET,
        &format!("/applications?position_id={position}"),
        api,
        json!({}),
    )
    .await;
    assert_eq!(list["total"], 1, "{list}");
    list["items"][0].clone()
}
