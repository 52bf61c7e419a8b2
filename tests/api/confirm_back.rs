//! Back on a confirmation page returns to the form as it was filled in: the browser posts the
//! confirmation's hidden fields with `edit=1`, and the form's page comes back with the same
//! boxes ticked, the same choices and the same typed text, and nothing done.

use hireloop::entities::{application, candidate, offer, outbox_message, position};
use reqwest::Method;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::helpers::{TestApp, call, open_position, spawn_app};

async fn applicant(app: &TestApp, token: &str, position: i64, name: &str, email: &str) -> i64 {
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": name, "email": email}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let (status, a) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201, "{a}");
    a["id"].as_i64().unwrap()
}

/// Three long-listed people on one position, a recruiter signed in on the browser.
async fn three_applicants(app: &TestApp) -> [i64; 3] {
    three_applicants_with_token(app).await.1
}

async fn three_applicants_with_token(app: &TestApp) -> (String, [i64; 3]) {
    let token = app.token_for("recruiter").await;
    let position = open_position(app, &token, "Аккаунт-менеджер").await;
    let ids = [
        applicant(app, &token, position, "Анна Петрова", "anna@mail.test").await,
        applicant(app, &token, position, "Борис Смирнов", "boris@mail.test").await,
        applicant(app, &token, position, "Вера Козлова", "vera@mail.test").await,
    ];
    app.login_as("recruiter").await;
    (token, ids)
}

async fn application_of(app: &TestApp, id: i64) -> application::Model {
    application::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn outbox_count(app: &TestApp) -> u64 {
    outbox_message::Entity::find().count(&app.db).await.unwrap()
}

/// Text as it stands in the page's HTML, read back.
fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + end]))
}

/// What the confirmation's Back button sends, read from the page as a browser would: the
/// form's action, its hidden fields (the form token aside: `post_form` adds the session's)
/// and the button's own name and value.
fn back_of(html: &str) -> (String, Vec<(String, String)>) {
    let section = html
        .split("data-confirmation")
        .nth(1)
        .expect("a confirmation page");
    let form = section.split("<form").nth(1).expect("its form");
    let form = form.split("</form>").next().unwrap();
    let action = attribute(form, "action").expect("the form's action");
    let mut fields: Vec<(String, String)> = form
        .split("<input")
        .skip(1)
        .map(|tag| tag.split('>').next().unwrap())
        .filter(|tag| attribute(tag, "type").as_deref() == Some("hidden"))
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value")?)))
        .filter(|(name, _)| name != "_csrf")
        .collect();
    let button = form
        .split("<button")
        .skip(1)
        .map(|tag| tag.split('>').next().unwrap())
        .find(|tag| attribute(tag, "name").as_deref() == Some("edit"))
        .expect("Back is a button that posts the form again");
    fields.push(("edit".into(), attribute(button, "value").unwrap()));
    (action, fields)
}

async fn press_back(app: &TestApp, confirmation: &str) -> reqwest::Response {
    let (action, fields) = back_of(confirmation);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&action, &pairs).await
}

/// The `<input>` tag of the page's element with `id`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\"");
    let at = html.find(&marker).unwrap_or_else(|| panic!("no #{id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..end]
}

/// The option of select `#id` that is selected, by value.
fn selected(html: &str, id: &str) -> Option<String> {
    let marker = format!("id=\"{id}\"");
    let select = html.split(&marker).nth(1)?.split("</select>").next()?;
    select
        .split("<option")
        .skip(1)
        .map(|tag| tag.split('>').next().unwrap())
        .find(|tag| tag.ends_with(" selected"))
        .and_then(|tag| attribute(tag, "value"))
}

#[tokio::test]
async fn back_from_a_bulk_rejection_shows_the_list_with_the_same_ticks_and_choices() {
    let app = spawn_app().await;
    let [anna, boris, vera] = three_applicants(&app).await;
    let outbox = outbox_count(&app).await;
    let (a, b) = (anna.to_string(), boris.to_string());
    let response = app
        .post_form(
            "/applications/bulk",
            &[
                ("ids", &a),
                ("ids", &b),
                ("to", "rejected"),
                ("reason", "skills_gap"),
                ("note", "Ωмало-опыта-61 & <не наш> профиль"),
                ("back", "/applications?stage=long_list"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let confirmation = response.text().await.unwrap();
    assert!(confirmation.contains("data-confirmation"), "{confirmation}");

    let response = press_back(&app, &confirmation).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("data-confirmation"),
        "the list, not the question"
    );
    for (id, ticked) in [(anna, true), (boris, true), (vera, false)] {
        let tag = tag_with_id(&html, &format!("sel-{id}"));
        assert_eq!(tag.contains(" checked"), ticked, "{id}: {tag}");
    }
    assert_eq!(selected(&html, "bulk-to").as_deref(), Some("rejected"));
    assert_eq!(
        selected(&html, "bulk-reason").as_deref(),
        Some("skills_gap")
    );
    assert_eq!(
        attribute(tag_with_id(&html, "bulk-note"), "value").as_deref(),
        Some("Ωмало-опыта-61 & <не наш> профиль")
    );
    // The list keeps its filter: Back returns to the page the form was on.
    assert_eq!(selected(&html, "f-stage").as_deref(), Some("long_list"));
    for id in [anna, boris, vera] {
        let unchanged = application_of(&app, id).await;
        assert_eq!(
            (unchanged.stage.as_str(), unchanged.version),
            ("long_list", 1)
        );
    }
    assert_eq!(outbox_count(&app).await, outbox, "no letter queued");
}

#[tokio::test]
async fn back_from_a_rejection_on_the_candidate_page_keeps_the_move_form_as_filled_in() {
    let app = spawn_app().await;
    let [anna, ..] = three_applicants(&app).await;
    let person = application_of(&app, anna).await.candidate_id;
    let back = format!("/candidates/{person}");
    let response = app
        .post_form(
            &format!("/applications/{anna}/move"),
            &[
                ("to", "rejected"),
                ("reason", "skills_gap"),
                ("note", "Ωзаметка-62"),
                ("talent_pool", "1"),
                ("back", &back),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let confirmation = response.text().await.unwrap();

    let response = press_back(&app, &confirmation).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(
        selected(&html, &format!("c-to-{anna}")).as_deref(),
        Some("rejected")
    );
    assert_eq!(
        selected(&html, &format!("c-reason-{anna}")).as_deref(),
        Some("skills_gap")
    );
    assert_eq!(
        attribute(tag_with_id(&html, &format!("c-note-{anna}")), "value").as_deref(),
        Some("Ωзаметка-62")
    );
    assert_eq!(application_of(&app, anna).await.stage, "long_list");
}

#[tokio::test]
async fn back_from_erasing_returns_to_the_candidate_with_nothing_erased() {
    let app = spawn_app().await;
    let [anna, ..] = three_applicants(&app).await;
    let person = application_of(&app, anna).await.candidate_id;
    let response = app
        .post_form(&format!("/candidates/{person}/erase"), &[])
        .await;
    assert_eq!(response.status(), 200);
    let confirmation = response.text().await.unwrap();

    let response = press_back(&app, &confirmation).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("data-confirmation"),
        "the card, not the question"
    );
    assert!(
        html.contains("Анна Петрова")
            && html.contains(&format!("action=\"/candidates/{person}/erase\"")),
        "the candidate's page with its erase form: {html}"
    );
    let row = candidate::Entity::find_by_id(person)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.erased_at.is_none() && row.email.as_deref() == Some("anna@mail.test"));
}

#[tokio::test]
async fn back_from_sending_an_offer_keeps_the_note_and_sends_nothing() {
    let app = spawn_app().await;
    let (token, [anna, ..]) = three_applicants_with_token(&app).await;
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let path = format!("/applications/{anna}/move");
        let (status, body) = call(&app, Method::POST, &path, &token, json!({"to": to})).await;
        assert_eq!(status, 200, "{to}: {body}");
    }
    let (_, grades) = call(&app, Method::GET, "/grades", &token, json!({})).await;
    let middle = grades
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "middle")
        .unwrap()
        .clone();
    let (status, draft) = call(
        &app,
        Method::POST,
        &format!("/applications/{anna}/offers"),
        &token,
        json!({"salary": middle["salary_min"], "start_date": "2030-02-03"}),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    let id = draft["id"].as_i64().unwrap();
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    for (who, step) in [(&token, "submit"), (&manager, "approve"), (&ceo, "approve")] {
        let path = format!("/offers/{id}/{step}");
        let (status, body) = call(&app, Method::POST, &path, who, json!({})).await;
        assert_eq!(status, 200, "{step}: {body}");
    }
    let outbox = outbox_count(&app).await;
    let response = app
        .post_form(
            &format!("/offers/{id}"),
            &[("action", "send"), ("note", "Ωждём-вас-63")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let confirmation = response.text().await.unwrap();

    let response = press_back(&app, &confirmation).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("data-confirmation"),
        "the offers, not the question"
    );
    assert!(
        html.contains(">Ωждём-вас-63</textarea>"),
        "the note as typed: {html}"
    );
    let status = offer::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status;
    assert_eq!(status, "approved");
    assert_eq!(outbox_count(&app).await, outbox, "no letter queued");
}

#[tokio::test]
async fn back_from_cancelling_a_position_returns_to_it_still_open() {
    let app = spawn_app().await;
    let [anna, ..] = three_applicants(&app).await;
    let id = application_of(&app, anna).await.position_id;
    let response = app
        .post_form(&format!("/positions/{id}/status"), &[("action", "cancel")])
        .await;
    assert_eq!(response.status(), 200);
    let confirmation = response.text().await.unwrap();

    let response = press_back(&app, &confirmation).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("data-confirmation"),
        "the position, not the question"
    );
    assert!(html.contains(&format!("action=\"/positions/{id}/status\"")));
    let status = position::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status;
    assert_eq!(status, "open");
    assert_eq!(application_of(&app, anna).await.stage, "long_list");
}
