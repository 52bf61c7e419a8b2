//! No N+1: the main pages and API lists run as many statements for 30 rows as for 3. Each
//! request is counted by the statement counter of the app's database (`db::statements_run`);
//! the lowest of six tries is kept, and the app's workers poll rarely, so their rounds do not count.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, call, spawn_with};

/// Two positions: "Alpha" with `small` applications, "Beta" with `large`; the candidates are
/// named after their position so a search finds one set or the other.
struct Fixture {
    small: i64,
    large: i64,
    small_candidate: i64,
    large_candidate: i64,
}

const SMALL: usize = 3;
const LARGE: usize = 30;

async fn position(app: &TestApp, token: &str, title: &str) -> i64 {
    let (status, created) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": title, "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, body) = call(
        app,
        Method::POST,
        &format!("/positions/{id}/open"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    id
}

/// `count` people named `name N`, each applied to `position`; when `vary`, every third is
/// moved on and every fifth rejected, so the board has cards in several columns and timelines
/// have entries.
async fn people(
    app: &TestApp,
    token: &str,
    name: &str,
    position: i64,
    count: usize,
    vary: bool,
) -> Vec<i64> {
    let mut ids = Vec::new();
    for n in 0..count {
        let (status, person) = call(
            app,
            Method::POST,
            "/candidates",
            token,
            json!({"full_name": format!("{name} {n}"),
                   "email": format!("{}{n}@example.test", name.to_lowercase())}),
        )
        .await;
        assert_eq!(status, 201, "{person}");
        let candidate = person["id"].as_i64().unwrap();
        let (status, application) = call(
            app,
            Method::POST,
            "/applications",
            token,
            json!({"candidate_id": candidate, "position_id": position, "source": "referral"}),
        )
        .await;
        assert_eq!(status, 201, "{application}");
        let id = application["id"].as_i64().unwrap();
        if vary && n % 3 == 1 {
            let path = format!("/applications/{id}/move");
            let (status, body) =
                call(app, Method::POST, &path, token, json!({"to": "short_list"})).await;
            assert_eq!(status, 200, "{body}");
        }
        if vary && n % 5 == 2 {
            let path = format!("/applications/{id}/reject");
            let (status, body) = call(
                app,
                Method::POST,
                &path,
                token,
                json!({"reason": "skills_gap"}),
            )
            .await;
            assert_eq!(status, 200, "{body}");
        }
        ids.push(candidate);
    }
    ids
}

async fn fixture(app: &TestApp, token: &str) -> Fixture {
    let small = position(app, token, "Alpha").await;
    let large = position(app, token, "Beta").await;
    let small_people = people(app, token, "Alpha", small, SMALL, true).await;
    let large_people = people(app, token, "Beta", large, LARGE, true).await;
    // One person on both positions: their page shows two applications and both timelines.
    let (status, body) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": large_people[0], "position_id": small, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    Fixture {
        small,
        large,
        small_candidate: small_people[0],
        large_candidate: large_people[0],
    }
}

/// An app whose outbox and webhook workers poll once an hour: at the tests' usual tenth of a
/// second, two pollers could land inside every one of the tries below on a loaded machine.
async fn quiet_app() -> TestApp {
    spawn_with(false, |config| {
        config.mail.poll = std::time::Duration::from_secs(3600);
        config.mail.webhook_poll = std::time::Duration::from_secs(3600);
    })
    .await
}

/// Statements one GET runs: the fewest of six tries. The response must be a success, or
/// the count would measure an error page.
async fn statements(app: &TestApp, path: &str, token: Option<&str>) -> u64 {
    let mut fewest = u64::MAX;
    for _ in 0..6 {
        let before = hireloop::db::statements_run(&app.database_url);
        let response = match token {
            Some(token) => app
                .client
                .get(app.url(path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
            None => app.get(path).await,
        };
        let status = response.status();
        let body = response.text().await.unwrap();
        let after = hireloop::db::statements_run(&app.database_url);
        assert!(status.is_success(), "{path}: {status} {body}");
        fewest = fewest.min(after - before);
    }
    fewest
}

/// Asserts that the page with more rows runs no more statements than the one with fewer.
async fn same_count(app: &TestApp, what: &str, few: &str, many: &str, token: Option<&str>) {
    let a = statements(app, few, token).await;
    let b = statements(app, many, token).await;
    assert!(a > 0, "{what}: no statements counted for {few}");
    assert!(
        b <= a,
        "{what}: {b} statements for {many} but {a} for {few}; the count grows with the rows"
    );
}

#[tokio::test]
async fn pages_run_as_many_statements_for_thirty_rows_as_for_three() {
    let app = quiet_app().await;
    let token = app.token_for("recruiter").await;
    let f = fixture(&app, &token).await;
    app.login_as("recruiter").await;

    same_count(
        &app,
        "board",
        &format!("/positions/{}/board", f.small),
        &format!("/positions/{}/board", f.large),
        None,
    )
    .await;
    same_count(
        &app,
        "filtered board",
        &format!("/positions/{}/board?source=referral&overdue=", f.small),
        &format!("/positions/{}/board?source=referral&overdue=", f.large),
        None,
    )
    .await;
    same_count(
        &app,
        "applications list",
        &format!("/applications?position_id={}", f.small),
        &format!("/applications?position_id={}", f.large),
        None,
    )
    .await;
    same_count(
        &app,
        "candidate search",
        "/candidates?q=alpha",
        "/candidates?q=beta",
        None,
    )
    .await;
    same_count(
        &app,
        "candidate page",
        &format!("/candidates/{}", f.small_candidate),
        &format!("/candidates/{}", f.large_candidate),
        None,
    )
    .await;
    same_count(
        &app,
        "funnel report",
        &format!("/reports/funnel?position_id={}", f.small),
        &format!("/reports/funnel?position_id={}", f.large),
        None,
    )
    .await;
    same_count(
        &app,
        "sources report",
        &format!("/reports/sources?position_id={}", f.small),
        &format!("/reports/sources?position_id={}", f.large),
        None,
    )
    .await;
}

#[tokio::test]
async fn api_lists_run_as_many_statements_for_thirty_rows_as_for_three() {
    let app = quiet_app().await;
    let token = app.token_for("recruiter").await;
    let f = fixture(&app, &token).await;
    let token = Some(token.as_str());

    same_count(
        &app,
        "API applications",
        &format!("/api/v1/applications?position_id={}", f.small),
        &format!("/api/v1/applications?position_id={}", f.large),
        token,
    )
    .await;
    same_count(
        &app,
        "API candidates",
        "/api/v1/candidates?q=alpha",
        "/api/v1/candidates?q=beta",
        token,
    )
    .await;
    same_count(
        &app,
        "API board",
        &format!("/api/v1/positions/{}/board", f.small),
        &format!("/api/v1/positions/{}/board", f.large),
        token,
    )
    .await;
    same_count(
        &app,
        "API funnel",
        &format!("/api/v1/reports/funnel?position_id={}", f.small),
        &format!("/api/v1/reports/funnel?position_id={}", f.large),
        token,
    )
    .await;
}

/// The board shows a bounded number of cards per column, counts them all, and links to the
/// full list when some are left out.
#[tokio::test]
async fn a_big_column_shows_some_cards_and_links_to_all() {
    let app = quiet_app().await;
    let token = app.token_for("recruiter").await;
    let big = position(&app, &token, "Gamma").await;
    let shown = hireloop::recruitment::board_pages::CARDS_PER_COLUMN as usize;
    people(&app, &token, "Gamma", big, shown + 3, false).await;
    app.login_as("recruiter").await;
    let html = app
        .get(&format!("/positions/{big}/board"))
        .await
        .text()
        .await
        .unwrap();
    let cards = html.matches("class=\"board-card").count();
    assert!(cards <= shown * 3, "{cards} cards on the board");
    assert!(
        html.contains(&format!(
            "/applications?position_id={big}&amp;stage=long_list"
        )),
        "a link to the whole long-list"
    );
    let column = html
        .split("data-stage=\"long_list\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert_eq!(column.matches("class=\"board-card").count(), shown);
    assert!(
        column.contains(&format!("<span class=\"count\">{}</span>", shown + 3)),
        "the column counts all of them"
    );
    // The API board still lists every application.
    let (status, board) = call(
        &app,
        Method::GET,
        &format!("/positions/{big}/board"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{board}");
    let long_list = board["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stage"] == "long_list")
        .unwrap()
        .clone();
    assert_eq!(
        long_list["applications"].as_array().unwrap().len(),
        shown + 3
    );
}
