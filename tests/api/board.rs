//! The board a recruiter lives in: filters by source, owner and due follow-ups that narrow the
//! cards (page and API), ticked cards rejected through the bulk action's confirmation, dates in
//! the reader's words, and the move dialog instead of the browser's prompt.

use chrono::{Days, Utc};
use hireloop::entities::{application, outbox_message};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, call, open_position, spawn_app, user_id};

struct Recruiter {
    id: i32,
    email: String,
    token: String,
}

async fn recruiter(app: &TestApp) -> Recruiter {
    let email = hireloop::auth::model::normalize_email(&app.add_user("recruiter").await);
    let id = user_id(&app.db, &email).await;
    let token = hireloop::auth::model::create_token(&app.db, id, "test")
        .await
        .unwrap()
        .0;
    Recruiter { id, email, token }
}

/// A position of recruiter `a` with three people: Anna, added by `a` (referral); Boris, added
/// by `b` (cold search) and due a follow-up since yesterday; Vera, who applied on the job
/// page by herself.
struct Board {
    a: Recruiter,
    b: Recruiter,
    position: i64,
    anna: i32,
    boris: i32,
    vera: i32,
}

const ANNA: &str = "Анна Петрова";
const BORIS: &str = "Борис Смирнов";
const VERA: &str = "Вера Козлова";

async fn person(app: &TestApp, token: &str, name: &str, email: &str) -> i32 {
    let (status, created) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap() as i32
}

async fn apply(app: &TestApp, token: &str, person: i32, position: i64, source: &str) -> i32 {
    let (status, created) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person, "position_id": position, "source": source}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap() as i32
}

async fn next_contact(app: &TestApp, id: i32, on: chrono::NaiveDate) {
    application::ActiveModel {
        id: Set(id),
        next_contact_on: Set(Some(on)),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
}

async fn board(app: &TestApp) -> Board {
    let a = recruiter(app).await;
    let b = recruiter(app).await;
    let position = open_position(app, &a.token, "Аккаунт-менеджер").await;
    let anna = person(app, &a.token, ANNA, "anna@mail.test").await;
    let anna = apply(app, &a.token, anna, position, "referral").await;
    let boris = person(app, &b.token, BORIS, "boris@mail.test").await;
    let boris = apply(app, &b.token, boris, position, "cold_search").await;
    // As the job page adds her: nobody's hand, so the position's recruiter owns her.
    let vera = person(app, &a.token, VERA, "vera@mail.test").await;
    let vera =
        hireloop::recruitment::pipeline::add(&app.db, None, vera, position as i32, "job_page")
            .await
            .unwrap()
            .id;
    let today = Utc::now().date_naive();
    next_contact(app, anna, today + Days::new(3)).await;
    next_contact(app, boris, today - Days::new(1)).await;
    next_contact(app, vera, today + Days::new(5)).await;
    Board {
        a,
        b,
        position,
        anna,
        boris,
        vera,
    }
}

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// Which of the three are on the board at `query`.
async fn shown(app: &TestApp, f: &Board, query: &str) -> Vec<&'static str> {
    let html = page(app, &format!("/positions/{}/board{query}", f.position)).await;
    [ANNA, BORIS, VERA]
        .into_iter()
        .filter(|name| html.contains(name))
        .collect()
}

#[tokio::test]
async fn the_board_narrows_to_a_source_an_owner_or_a_follow_up_due() {
    let app = spawn_app().await;
    let f = board(&app).await;
    assert_eq!(app.login(&f.a.email, PASSWORD).await.status(), 303);

    assert_eq!(shown(&app, &f, "").await, [ANNA, BORIS, VERA]);
    assert_eq!(shown(&app, &f, "?source=cold_search").await, [BORIS]);
    assert_eq!(shown(&app, &f, "?source=job_page").await, [VERA]);
    assert_eq!(
        shown(&app, &f, &format!("?owner_id={}", f.b.id)).await,
        [BORIS]
    );
    assert_eq!(
        shown(&app, &f, &format!("?owner_id={}", f.a.id)).await,
        [ANNA, VERA],
        "who applied by herself belongs to the position's recruiter"
    );
    assert_eq!(shown(&app, &f, "?overdue=1").await, [BORIS]);
    assert!(
        shown(&app, &f, "?source=referral&overdue=1")
            .await
            .is_empty()
    );
    // The form as a browser sends it with nothing chosen, and a hand-made source: everyone.
    assert_eq!(
        shown(&app, &f, "?source=&owner_id=").await,
        [ANNA, BORIS, VERA]
    );
    assert_eq!(
        shown(&app, &f, "?source=telepathy").await,
        [ANNA, BORIS, VERA]
    );

    // The filtered board counts what it shows, keeps the choices, and offers to clear them.
    let html = page(
        &app,
        &format!(
            "/positions/{}/board?overdue=1&owner_id={}",
            f.position, f.b.id
        ),
    )
    .await;
    let long_list = html
        .split("data-stage=\"long_list\"")
        .nth(1)
        .unwrap()
        .split("</h2>")
        .next()
        .unwrap();
    assert!(
        long_list.contains("<span class=\"count\">1</span>"),
        "{long_list}"
    );
    assert!(html.contains(&format!("<option value=\"{}\" selected>", f.b.id)));
    assert!(html.contains("name=\"overdue\" value=\"1\" checked"));
    assert!(html.contains(&format!("href=\"/positions/{}/board\"", f.position)));
    // Forms on it come back to the same filtered board.
    let back = format!(
        "/positions/{}/board?owner_id={}&amp;overdue=1",
        f.position, f.b.id
    );
    assert!(html.contains(&format!(
        "name=\"back\" value=\"{}\"",
        back.replace('/', "&#x2f;")
    )));
}

#[tokio::test]
async fn dates_on_the_board_are_in_the_readers_words_not_iso() {
    let app = spawn_app().await;
    let f = board(&app).await;
    assert_eq!(app.login(&f.a.email, PASSWORD).await.status(), 303);
    let yesterday = Utc::now().date_naive() - Days::new(1);

    let html = page(&app, &format!("/positions/{}/board", f.position)).await;
    let card = html
        .split(&format!("data-application=\"{}\"", f.boris))
        .nth(1)
        .unwrap()
        .split("</article>")
        .next()
        .unwrap();
    assert!(
        card.contains(&format!(
            "связаться {}",
            hireloop::web::dates::format_date(yesterday, false)
        )),
        "{card}"
    );
    assert!(!card.contains(&yesterday.format("%Y-%m-%d").to_string()));
}

#[tokio::test]
async fn the_api_board_takes_the_same_filters() {
    let app = spawn_app().await;
    let f = board(&app).await;
    let names = |body: &Value| -> Vec<String> {
        body["stages"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["applications"].as_array().unwrap().clone())
            .map(|a| a["full_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let path = |query: &str| format!("/positions/{}/board{query}", f.position);

    let (status, all) = call(&app, Method::GET, &path(""), &f.a.token, json!({})).await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(names(&all).len(), 3);
    let (_, mine) = call(
        &app,
        Method::GET,
        &path(&format!("?owner_id={}", f.a.id)),
        &f.a.token,
        json!({}),
    )
    .await;
    let mut mine = names(&mine);
    mine.sort();
    assert_eq!(mine, [ANNA, VERA]);
    let (_, due) = call(
        &app,
        Method::GET,
        &path("?overdue=true"),
        &f.a.token,
        json!({}),
    )
    .await;
    assert_eq!(names(&due), [BORIS]);
    let (_, cold) = call(
        &app,
        Method::GET,
        &path("?source=cold_search"),
        &f.a.token,
        json!({}),
    )
    .await;
    assert_eq!(names(&cold), [BORIS]);
    let (status, refused) = call(
        &app,
        Method::GET,
        &path("?source=telepathy"),
        &f.a.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
}

/// The confirmation's form as a browser would send it with `button` (name, value) pressed.
fn press(html: &str, button: (&str, &str)) -> (String, Vec<(String, String)>) {
    let form = html
        .split("data-confirmation")
        .nth(1)
        .expect("a confirmation page")
        .split("<form")
        .nth(1)
        .unwrap()
        .split("</form>")
        .next()
        .unwrap();
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let marker = format!(" {name}=\"");
        let start = tag.find(&marker)? + marker.len();
        let end = tag[start..].find('"')?;
        Some(
            tag[start..start + end]
                .replace("&#x2f;", "/")
                .replace("&amp;", "&")
                .replace("&quot;", "\""),
        )
    };
    let action = attribute(form, "action").unwrap();
    let mut fields: Vec<(String, String)> = form
        .split("<input")
        .skip(1)
        .map(|tag| tag.split('>').next().unwrap())
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value")?)))
        .filter(|(name, _)| name != "_csrf")
        .collect();
    fields.push((button.0.into(), button.1.into()));
    (action, fields)
}

async fn post(
    app: &TestApp,
    (action, fields): (String, Vec<(String, String)>),
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&action, &pairs).await
}

async fn stage(app: &TestApp, id: i32) -> String {
    application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .stage
}

async fn outbox(app: &TestApp) -> u64 {
    outbox_message::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn cards_ticked_on_the_board_are_rejected_only_after_the_confirmation() {
    let app = spawn_app().await;
    let f = board(&app).await;
    assert_eq!(app.login(&f.a.email, PASSWORD).await.status(), 303);
    let back = format!("/positions/{}/board?owner_id={}", f.position, f.a.id);

    // The board's boxes belong to the bulk action's form.
    let html = page(&app, &back).await;
    assert!(html.contains("<form method=\"post\" action=\"/applications/bulk\" id=\"board-bulk\""));
    for id in [f.anna, f.vera] {
        assert!(html.contains(&format!(
            "name=\"ids\" value=\"{id}\" form=\"board-bulk\" id=\"pick-{id}\""
        )));
    }

    let (anna, vera) = (f.anna.to_string(), f.vera.to_string());
    let letters = outbox(&app).await;
    let asked = app
        .post_form(
            "/applications/bulk",
            &[
                ("ids", &anna),
                ("ids", &vera),
                ("to", "rejected"),
                ("reason", "skills_gap"),
                ("back", &back),
            ],
        )
        .await;
    assert_eq!(asked.status(), 200);
    let confirmation = asked.text().await.unwrap();
    assert!(confirmation.contains("data-confirmation"), "{confirmation}");
    assert!(confirmation.contains(ANNA) && confirmation.contains(VERA));
    assert!(!confirmation.contains(BORIS));
    assert!(
        confirmation.contains("2 кандидата получат письмо с отказом"),
        "{confirmation}"
    );
    for id in [f.anna, f.vera] {
        assert_eq!(stage(&app, id).await, "long_list", "nothing happens yet");
    }
    assert_eq!(outbox(&app).await, letters);

    // Back: the same filtered board, the same boxes ticked.
    let again = post(&app, press(&confirmation, ("edit", "1"))).await;
    assert_eq!(again.status(), 200);
    let html = again.text().await.unwrap();
    assert!(!html.contains("data-confirmation"));
    assert!(html.contains(&format!("id=\"pick-{}\" aria-label", f.anna)));
    for id in [f.anna, f.vera] {
        let tag = html
            .split(&format!("id=\"pick-{id}\""))
            .nth(1)
            .unwrap()
            .split('>')
            .next()
            .unwrap();
        assert!(tag.contains(" checked"), "{id} stays ticked: {tag}");
    }
    assert!(html.contains(&format!("<option value=\"{}\" selected>", f.a.id)));

    // Confirm: both rejected, their letters queued, and back on the filtered board.
    let done = post(&app, press(&confirmation, ("confirmed", "1"))).await;
    assert_eq!(done.status(), 303);
    assert_eq!(crate::helpers::location(&done), back);
    for id in [f.anna, f.vera] {
        assert_eq!(stage(&app, id).await, "rejected");
    }
    assert_eq!(stage(&app, f.boris).await, "long_list");
    assert_eq!(outbox(&app).await, letters + 2);
}

#[tokio::test]
async fn the_board_bulk_form_with_nothing_ticked_comes_back_with_the_reason() {
    let app = spawn_app().await;
    let f = board(&app).await;
    assert_eq!(app.login(&f.a.email, PASSWORD).await.status(), 303);
    let back = format!("/positions/{}/board?source=referral", f.position);

    let response = app
        .post_form(
            "/applications/bulk",
            &[
                ("to", "rejected"),
                ("reason", "skills_gap"),
                ("back", &back),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"e-bulk-ids\""), "{html}");
    assert!(html.contains("Выберите хотя бы один отклик"));
    assert!(
        html.contains("<option value=\"referral\" selected>"),
        "the filter stays"
    );
    assert!(html.contains(ANNA) && !html.contains(BORIS));
}

#[tokio::test]
async fn moves_that_need_a_reason_or_a_day_ask_in_a_dialog_not_a_browser_prompt() {
    let app = spawn_app().await;
    let f = board(&app).await;
    assert_eq!(app.login(&f.a.email, PASSWORD).await.status(), 303);

    let html = page(&app, &format!("/positions/{}/board", f.position)).await;
    let dialog = html
        .split("<dialog id=\"move-dialog\"")
        .nth(1)
        .expect("the board carries the move dialog")
        .split("</dialog>")
        .next()
        .unwrap();
    assert!(
        dialog.contains("name=\"date\" type=\"date\""),
        "a date input"
    );
    assert!(dialog.contains("<datalist"), "reasons to pick from");
    assert!(dialog.contains("Навыки или опыт не соответствуют профилю"));
    // Without JS the card's own form still moves it.
    assert!(html.contains(&format!("action=\"/applications/{}/move\"", f.anna)));

    let script = app.get("/static/app.js").await.text().await.unwrap();
    assert!(!script.contains("window.prompt"), "no browser prompts left");
    assert!(script.contains("showModal"));
}
