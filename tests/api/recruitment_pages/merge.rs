//! "Add existing" on a duplicate merges what was typed: the new contacts, the note, a timeline
//! entry; search and the duplicate check then know the person by the new contacts too.

use hireloop::entities::{application_event, candidate_contact};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::*;

const NOTE: &str = "Сама написала в телеграм, ждёт звонка после 18:00";

async fn existing_anna(app: &TestApp) -> i32 {
    let response = app
        .post_form(
            "/candidates",
            &[
                ("full_name", "Анна Петрова"),
                ("email", "anna@mail.ru"),
                ("phone", "+7 916 111-22-33"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    location(&response)
        .strip_prefix("/candidates/")
        .unwrap()
        .parse()
        .unwrap()
}

/// The new-candidate form as typed: a new email, the phone she already has, a note.
fn typed(position: &str, choice: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Анна Петрова (hh)".into()),
        ("email", "anna.work@corp.ru".into()),
        ("phone", "8 (916) 111-22-33".into()),
        ("notes", NOTE.into()),
        ("position_id", position.into()),
        ("source", "job_board".into()),
        ("consent", "1".into()),
        ("merge_contacts", choice.into()),
    ]
}

async fn post(app: &TestApp, path: &str, fields: &[(&'static str, String)]) -> Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &fields).await
}

#[tokio::test]
async fn adding_an_existing_person_keeps_the_typed_contacts_and_note_and_says_so_on_the_timeline() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, _) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    app.login_as("recruiter").await;
    let anna = existing_anna(&app).await;
    let position = position_id.to_string();

    let duplicate = post(&app, "/candidates", &typed(&position, "add")).await;
    assert_eq!(duplicate.status(), 409);
    let html = duplicate.text().await.unwrap();
    assert!(
        html.contains(&format!(
            "action=\"&#x2f;candidates&#x2f;{anna}&#x2f;merge\""
        )) || html.contains(&format!("action=\"/candidates/{anna}/merge\""))
    );
    assert!(
        html.contains("anna.work@corp.ru") && html.contains(NOTE),
        "what was typed is offered for the merge"
    );

    let merged = post(
        &app,
        &format!("/candidates/{anna}/merge"),
        &typed(&position, "add"),
    )
    .await;
    assert_eq!(merged.status(), 303);
    assert_eq!(location(&merged), format!("/candidates/{anna}"));
    assert_eq!(count_candidates(&app).await, 1, "no second person");

    let stored = person(&app, anna).await;
    assert_eq!(
        stored.email.as_deref(),
        Some("anna@mail.ru"),
        "the primary email stays"
    );
    assert!(
        stored.notes.as_deref().unwrap_or("").contains(NOTE),
        "the note is on the card"
    );
    let further: Vec<String> = candidate_contact::Entity::find()
        .filter(candidate_contact::Column::CandidateId.eq(anna))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(
        further,
        vec!["anna.work@corp.ru"],
        "the same phone is not stored twice"
    );

    let application = application_for(&app, anna, position_id).await;
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(application.id))
        .filter(application_event::Column::Kind.eq("merged"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(events.len(), 1, "the timeline says what was merged");
    let note = events[0].note.clone().unwrap_or_default();
    assert!(
        note.contains("anna.work@corp.ru") && note.contains(NOTE),
        "{note}"
    );

    let card = text_of(&app, &format!("/candidates/{anna}")).await;
    assert!(card.contains("Дополнительные контакты") && card.contains("anna.work@corp.ru"));
    assert!(
        card.contains("добавлены как дополнительные контакты"),
        "the timeline entry is shown"
    );

    let found = text_of(&app, "/candidates?q=anna.work").await;
    assert!(
        found.contains(&format!("/candidates/{anna}")),
        "search finds her by the new email"
    );
    let again = app
        .post_form(
            "/candidates",
            &[
                ("full_name", "Анна"),
                ("email", "ANNA.WORK@corp.ru"),
                ("consent", "1"),
            ],
        )
        .await;
    assert_eq!(
        again.status(),
        409,
        "the new email is hers for the duplicate check too"
    );
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains(&format!("/candidates/{anna}"))
    );
}

#[tokio::test]
async fn typed_contacts_may_become_the_primary_ones_and_the_old_ones_are_kept() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let anna = existing_anna(&app).await;

    let merged = post(
        &app,
        &format!("/candidates/{anna}/merge"),
        &typed("", "primary"),
    )
    .await;
    assert_eq!(merged.status(), 303);
    let stored = person(&app, anna).await;
    assert_eq!(stored.email.as_deref(), Some("anna.work@corp.ru"));
    assert_eq!(stored.phone.as_deref(), Some("+79161112233"));
    let further: Vec<String> = candidate_contact::Entity::find()
        .filter(candidate_contact::Column::CandidateId.eq(anna))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(further, vec!["anna@mail.ru"], "the old email is not lost");
    let found = text_of(&app, "/candidates?q=anna@mail").await;
    assert!(found.contains(&format!("/candidates/{anna}")));
}

#[tokio::test]
async fn a_merge_that_is_refused_shows_the_typed_form_again() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let anna = existing_anna(&app).await;
    let mut fields = typed("", "add");
    fields[1].1 = "not-an-email".into();
    let refused = post(&app, &format!("/candidates/{anna}/merge"), &fields).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("value=\"not-an-email\"") && html.contains(NOTE));
    assert!(
        candidate_contact::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
}
