//! Every main page of the demo company, as the admin and as a visitor: accessibility, keyboard,
//! titles, width, and screenshots at laptop and phone sizes.

use reqwest::Method;
use serde_json::json;

use crate::audit::check_page;
use crate::browser::Browser;
use crate::helpers::{call, spawn_app_with_demo};
use crate::session::{login, logout};

#[tokio::test]
async fn every_main_page_passes_the_checks() {
    let app = spawn_app_with_demo().await;
    let Some(b) = Browser::start(&app.address).await else {
        return;
    };
    let api = app.token_for("admin").await;
    let first = |list: &serde_json::Value| list["items"][0]["id"].as_i64().unwrap();
    let position = first(
        &call(&app, Method::GET, "/positions", &api, json!({}))
            .await
            .1,
    );
    let candidate = first(
        &call(&app, Method::GET, "/candidates", &api, json!({}))
            .await
            .1,
    );
    let application = first(
        &call(
            &app,
            Method::GET,
            &format!("/applications?position_id={position}&stage=ceo_interview"),
            &api,
            json!({}),
        )
        .await
        .1,
    );

    b.goto("/login").await;
    check_page(&b, "login").await;
    b.goto("/jobs/account-manager-middle").await;
    check_page(&b, "job-page-demo").await;
    b.goto("/jobs/account-manager-middle?lang=en").await;
    check_page(&b, "job-page-en").await;
    b.goto("/careers").await;
    check_page(&b, "careers").await;

    let admin = app.add_user("admin").await;
    login(&b, &admin).await;
    // A started hire's probation plan, when the demo has one.
    let started = call(
        &app,
        Method::GET,
        "/applications?stage=started",
        &api,
        json!({}),
    )
    .await
    .1["items"][0]["id"]
        .as_i64();
    let mut pages = vec![
        ("dashboard", "/".to_owned()),
        ("positions", "/positions".to_owned()),
        ("position", format!("/positions/{position}")),
        ("hh-publish", format!("/positions/{position}/hh")),
        ("hh-searches", format!("/positions/{position}/hh/searches")),
        (
            "screen-script",
            format!("/positions/{position}/screen-script"),
        ),
        ("board-demo", format!("/positions/{position}/board")),
        ("kit", format!("/positions/{position}/kit")),
        ("compare", format!("/positions/{position}/compare")),
        ("applications", "/applications".to_owned()),
        ("candidates", "/candidates".to_owned()),
        ("candidate", format!("/candidates/{candidate}")),
        ("candidate-new", "/candidates/new".to_owned()),
        (
            "competency-profile",
            format!("/applications/{application}/profile"),
        ),
        (
            "references",
            format!("/applications/{application}/references"),
        ),
        ("offers-demo", format!("/applications/{application}/offers")),
        ("questions", "/questions".to_owned()),
        ("question-new", "/questions/new".to_owned()),
        ("reports", "/reports".to_owned()),
        ("report-funnel", "/reports/funnel".to_owned()),
        ("grades", "/grades".to_owned()),
        ("internships-demo", "/internships".to_owned()),
        ("internship-code", "/internships/code".to_owned()),
        ("programme", "/internships/programme".to_owned()),
        ("users", "/admin/users".to_owned()),
        ("reasons", "/admin/reasons".to_owned()),
        ("audit", "/admin/audit".to_owned()),
        ("outbox", "/admin/outbox".to_owned()),
        ("agency", "/admin/agency".to_owned()),
        ("hh", "/admin/hh".to_owned()),
        ("profile", "/profile".to_owned()),
        ("values", "/settings/values".to_owned()),
        ("webhooks", "/admin/webhooks".to_owned()),
    ];
    if let Some(started) = started {
        pages.push(("probation", format!("/applications/{started}/probation")));
    }
    for (name, path) in &pages {
        b.goto(path).await;
        assert_eq!(&b.path().await, path, "{name} redirected");
        check_page(&b, name).await;
    }

    // The candidate list filters in place as the recruiter types.
    b.goto("/candidates").await;
    let before = b
        .client
        .find_all(fantoccini::Locator::Css("tbody tr"))
        .await
        .unwrap()
        .len();
    assert!(before > 1, "the demo has several candidates");
    b.script("window.__samePage = true").await;
    b.find("#f-q").await.send_keys("smirnova").await.unwrap();
    let mut rows = before;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        rows = b
            .client
            .find_all(fantoccini::Locator::Css("tbody tr"))
            .await
            .unwrap()
            .len();
        if rows < before {
            break;
        }
    }
    assert_eq!(rows, 1, "the list did not narrow to one");
    assert_eq!(
        b.script("return window.__samePage === true").await,
        true,
        "the page reloaded"
    );
    assert!(
        b.path().await.contains("q=smirnova"),
        "the URL does not keep the filter"
    );
    logout(&b).await;
    b.close().await;
}
