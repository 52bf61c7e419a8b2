//! The candidate card's one timeline: every kind of entry merged, newest first, in words and
//! in the reader's zone, narrowed by kind; notes with mentions from the card and the API; and
//! the import circle between interviews and the pipeline kept broken.

use chrono::{Duration, Utc};
use hireloop::entities::{consent, inbound_email};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, hire_through_offer, open_position, spawn_app, user_id};

struct Story {
    candidate: i64,
}

/// A member of the agency: id and token.
async fn member(app: &TestApp, role: &str) -> (i32, String, String) {
    let email = hireloop::auth::model::normalize_email(&app.add_user(role).await);
    let id = user_id(&app.db, &email).await;
    let token = hireloop::auth::model::create_token(&app.db, id, "test")
        .await
        .unwrap()
        .0;
    (id, email, token)
}

async fn ok(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Value {
    let (status, answer) = call(app, method, path, token, body).await;
    assert!((200..300).contains(&status), "{path}: {status} {answer}");
    answer
}

/// One person walked through every kind of entry, in this order: added, a comment, an
/// interview with a submitted scorecard, a referee, the moves to the offer stage, an offer
/// approved, sent and accepted (its email goes out), a consent, then a reply received.
async fn story(app: &TestApp) -> Story {
    let (_, _, recruiter) = member(app, "recruiter").await;
    let (interviewer_id, _, interviewer) = member(app, "hiring_manager").await;
    let position = open_position(app, &recruiter, "Аккаунт-менеджер").await;
    let person = ok(
        app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({"full_name": "Вера Соколова", "email": "vera@mail.test"}),
    )
    .await;
    let candidate = person["id"].as_i64().unwrap();
    let created = ok(
        app,
        Method::POST,
        "/applications",
        &recruiter,
        json!({"candidate_id": candidate, "position_id": position, "source": "referral"}),
    )
    .await;
    let application = created["id"].as_i64().unwrap();
    ok(
        app,
        Method::POST,
        &format!("/applications/{application}/comments"),
        &recruiter,
        json!({"text": "Ωкомментарий: сильное портфолио"}),
    )
    .await;
    let interview = ok(
        app,
        Method::POST,
        "/interviews",
        &recruiter,
        json!({"application_id": application, "kind": "competency",
               "scheduled_at": (Utc::now() + Duration::days(1)).to_rfc3339(),
               "interviewer_ids": [interviewer_id]}),
    )
    .await;
    let scorecard = format!("/interviews/{}/scorecards/me", interview["id"]);
    ok(
        app,
        Method::PUT,
        &scorecard,
        &interviewer,
        json!({"answers": [], "recommendation": "yes",
               "ratings": [{"competency": "communication", "score": 4},
                           {"competency": "tools", "score": 3}]}),
    )
    .await;
    ok(
        app,
        Method::POST,
        &format!("{scorecard}/submit"),
        &interviewer,
        json!({}),
    )
    .await;
    ok(
        app,
        Method::PATCH,
        &format!("/candidates/{candidate}"),
        &recruiter,
        json!({"reference_consent": true}),
    )
    .await;
    ok(
        app,
        Method::POST,
        &format!("/applications/{application}/references"),
        &recruiter,
        json!({"name": "Олег Смирнов", "company": "Орбита", "relation": "руководитель",
               "email": "oleg@orbita.test"}),
    )
    .await;
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        ok(
            app,
            Method::POST,
            &format!("/applications/{application}/move"),
            &recruiter,
            json!({"to": to}),
        )
        .await;
    }
    let start = (Utc::now() + Duration::days(40)).date_naive().to_string();
    hire_through_offer(app, &recruiter, application, &start).await;
    consent::ActiveModel {
        candidate_id: Set(candidate as i32),
        purpose: Set("talent_pool".into()),
        text_version: Set("2026-01".into()),
        text_hash: Set("hash".into()),
        given_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    inbound_email::ActiveModel {
        dedup_key: Set("timeline-reply-1".into()),
        message_id: Set(Some("<reply-1@mail.test>".into())),
        candidate_id: Set(Some(candidate as i32)),
        application_id: Set(Some(application as i32)),
        from_address: Set("vera@mail.test".into()),
        to_address: Set("jobs@orbita.test".into()),
        subject: Set("Ωответ: спасибо за оффер".into()),
        body_text: Set("Выхожу в срок.".into()),
        received_at: Set(Utc::now() + Duration::seconds(1)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    Story { candidate }
}

/// The timeline section of the card.
async fn timeline(app: &TestApp, candidate: i64, query: &str) -> String {
    let response = app.get(&format!("/candidates/{candidate}{query}")).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let start = page.find(r#"id="timeline""#).expect("a timeline section");
    let end = start + page[start..].find("</section>").unwrap();
    page[start..end].to_owned()
}

fn position_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the timeline:\n{text}"))
}

#[tokio::test]
async fn the_card_tells_every_kind_in_words_newest_first_in_the_readers_zone() {
    let app = spawn_app().await;
    let story = story(&app).await;
    app.login_as("recruiter").await;
    let all = timeline(&app, story.candidate, "").await;

    // Newest first: the reply, the consent, the accepted offer, ..., the comment, the start.
    let mut last = 0;
    for needle in [
        "Ωответ: спасибо за оффер",
        "дано согласие",
        "кандидат принял оффер",
        "отправлен кандидату",
        "подготовил(а) оффер",
        "на «Оффер»",
        "добавил(а) рекомендателя: Олег Смирнов, Орбита",
        "сдал(а) оценку",
        "Ωкомментарий: сильное портфолио",
        "добавил(а) на этап",
    ] {
        let at = position_of(&all, needle);
        assert!(at >= last, "{needle:?} is out of order:\n{all}");
        last = at;
    }
    // The scorecard's summary: the recommendation in words and the overall mark.
    assert!(all.contains("да, в среднем 3.5 из 5"), "{all}");
    // An email went out to the candidate (the offer's link): subject and status, no body.
    assert!(all.contains("письмо кандидату ("), "{all}");
    assert!(all.contains("письмо от кандидата (получено)"), "{all}");
    // Times in the reader's zone with its name, never bare UTC or codes.
    assert!(all.contains(" МСК</time>"), "{all}");
    for code in [
        "UTC",
        "ceo_interview",
        "offer #",
        "#1",
        "competency ",
        "talent_pool",
    ] {
        assert!(!all.contains(code), "{code:?} shown raw:\n{all}");
    }

    // The kind filter narrows.
    let offers = timeline(&app, story.candidate, "?kind=offers").await;
    assert!(offers.contains("кандидат принял оффер"), "{offers}");
    assert!(!offers.contains("Ωкомментарий"), "{offers}");
    assert!(!offers.contains("Ωответ"), "{offers}");
    let notes = timeline(&app, story.candidate, "?kind=notes").await;
    assert!(notes.contains("Ωкомментарий"), "{notes}");
    assert!(!notes.contains("кандидат принял оффер"), "{notes}");
    let email = timeline(&app, story.candidate, "?kind=email").await;
    assert!(email.contains("Ωответ"), "{email}");
    assert!(!email.contains("Ωкомментарий"), "{email}");
}

#[tokio::test]
async fn a_note_from_the_api_or_the_card_lands_on_the_timeline_and_tells_whom_it_mentions() {
    let app = spawn_app().await;
    let (_, _, recruiter) = member(&app, "recruiter").await;
    let (_, boris_email, boris) = member(&app, "hiring_manager").await;
    let (_, _, clara) = member(&app, "recruiter").await;
    let person = ok(
        &app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({"full_name": "Вера Соколова", "email": "vera@mail.test"}),
    )
    .await;
    let candidate = person["id"].as_i64().unwrap();
    let path = format!("/candidates/{candidate}/notes");

    let (status, body) = call(&app, Method::POST, &path, &recruiter, json!({"text": "  "})).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = call(
        &app,
        Method::POST,
        "/candidates/999999/notes",
        &recruiter,
        json!({"text": "кто это?"}),
    )
    .await;
    assert_eq!(status, 404, "{body}");

    let text = format!("@{boris_email} созвонись с ней до пятницы");
    let (status, note) = call(&app, Method::POST, &path, &recruiter, json!({"text": text})).await;
    assert_eq!(status, 201, "{note}");
    assert_eq!(note["candidate_id"], candidate);
    assert!(note["application_id"].is_null());
    let told = ok(&app, Method::GET, "/notifications", &boris, json!({})).await;
    assert_eq!(told["unread"], 1, "{told}");
    assert_eq!(told["items"][0]["kind"], "mentioned");
    let untold = ok(&app, Method::GET, "/notifications", &clara, json!({})).await;
    assert_eq!(untold["unread"], 0, "{untold}");

    app.login_as("recruiter").await;
    let response = app
        .post_form(
            &path,
            &[("text", "Ωзаметка с карточки"), ("application_id", "")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let shown = timeline(&app, candidate, "").await;
    assert!(shown.contains("созвонись с ней до пятницы"), "{shown}");
    assert!(shown.contains("Ωзаметка с карточки"), "{shown}");
    assert!(
        position_of(&shown, "Ωзаметка с карточки") < position_of(&shown, "созвонись"),
        "{shown}"
    );

    // A refused note comes back with what was typed and the reason beside it.
    let long = format!("Ωдлинная {}", "ж".repeat(20_000));
    let refused = app.post_form(&path, &[("text", &long)]).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Ωдлинная"), "the typed note is lost");
}

#[tokio::test]
async fn the_card_opens_to_read_and_edits_on_demand() {
    let app = spawn_app().await;
    let story = story(&app).await;
    app.login_as("recruiter").await;
    let read = app
        .get(&format!("/candidates/{}", story.candidate))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !read.contains(r#"name="full_name""#),
        "the edit form is open"
    );
    assert!(read.contains(&format!(r#"href="/candidates/{}?edit=1"#, story.candidate)));
    // Expected salary is not set: no verdict, but the band is shown.
    assert!(read.contains("Вилка позиции:"), "no band on the card");
    let edit = app
        .get(&format!("/candidates/{}?edit=1", story.candidate))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains(r#"name="full_name""#),
        "no edit form on ?edit=1"
    );
}

/// The pipeline reads interview profiles only through `recruitment::moves`; interviews write
/// their timeline entries through `timeline`. Neither may import the other again.
#[test]
fn interviews_and_the_pipeline_do_not_import_each_other() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let pipeline = std::fs::read_to_string(root.join("recruitment/pipeline.rs")).unwrap();
    assert!(
        !pipeline.contains("crate::interviews"),
        "recruitment::pipeline must not depend on interviews (compose in recruitment::moves)"
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(root.join("interviews")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        seen += 1;
        assert!(
            !text.contains("recruitment::pipeline") && !text.contains("pipeline::get"),
            "{} must not depend on recruitment::pipeline (write through timeline, read through views)",
            path.display()
        );
    }
    assert!(seen > 5, "the interviews folder was not read");
}

#[tokio::test]
async fn erasing_the_person_removes_their_notes() {
    use hireloop::entities::candidate_note;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = spawn_app().await;
    let (_, _, recruiter) = member(&app, "recruiter").await;
    let person = ok(
        &app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({"full_name": "Вера Соколова", "email": "vera@mail.test"}),
    )
    .await;
    let candidate = person["id"].as_i64().unwrap();
    let path = format!("/candidates/{candidate}/notes");
    ok(
        &app,
        Method::POST,
        &path,
        &recruiter,
        json!({"text": "живёт на Садовой"}),
    )
    .await;
    assert_eq!(
        candidate_note::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    let (status, body) = call(
        &app,
        Method::DELETE,
        &format!("/candidates/{candidate}"),
        &recruiter,
        json!({}),
    )
    .await;
    assert!((200..300).contains(&status), "{status} {body}");
    assert_eq!(
        candidate_note::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    // An erased person takes no new notes.
    let (status, body) = call(
        &app,
        Method::POST,
        &path,
        &recruiter,
        json!({"text": "ещё"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
}

/// Dates on the card read the reader's way, not as ISO codes.
#[tokio::test]
async fn the_next_contact_reads_as_a_date_not_a_code() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let position = open_position(&app, &token, "Аккаунт-менеджер").await;
    let person = ok(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Олег Фомин", "email": "oleg@mail.test"}),
    )
    .await;
    let application = ok(
        &app,
        Method::POST,
        "/applications",
        &token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    ok(
        &app,
        Method::POST,
        &format!("/applications/{}/contacts", application["id"]),
        &token,
        json!({"next_contact_on": "2030-03-04"}),
    )
    .await;
    app.login_as("recruiter").await;
    let card = app
        .get(&format!("/candidates/{}", person["id"]))
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("Следующий контакт: 4 марта 2030"), "{card}");
    assert!(!card.contains("Следующий контакт: 2030-03-04"));
}
