//! Times in email are the reader's: an interview invitation names the hour in each
//! interviewer's own zone and language, and in the agency's zone for the candidate, with the
//! zone's name and never in bare UTC — in the subject, the body and the calendar file, while
//! the calendar event itself is fixed in UTC.

use hireloop::entities::{outbox_message, user};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{TestApp, call, open_position, spawn_app, user_id};

/// A new interviewer with this language and zone: (address, id).
async fn interviewer(app: &TestApp, lang: &str, zone: &str) -> (String, i32) {
    let address = hireloop::auth::model::normalize_email(&app.add_user("interviewer").await);
    let id = user_id(&app.db, &address).await;
    let mut row: user::ActiveModel = user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.lang = Set(lang.into());
    row.timezone = Set(zone.into());
    row.update(&app.db).await.unwrap();
    (address, id)
}

/// The ICS property `name` as a calendar app reads it: folded lines joined, escapes undone.
fn property(ics: &str, name: &str) -> String {
    let unfolded = ics.replace("\r\n ", "").replace("\n ", "");
    let line = unfolded
        .lines()
        .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .unwrap_or_else(|| panic!("no {name} in {ics}"));
    let value = line.split_once(':').unwrap().1;
    value
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

#[tokio::test]
async fn an_invitation_names_the_hour_in_each_readers_zone_and_language() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (ural, ural_id) = interviewer(&app, "ru", "Asia/Yekaterinburg").await;
    let (berlin, berlin_id) = interviewer(&app, "en", "Europe/Berlin").await;

    let position = open_position(&app, &token, "Аккаунт-менеджер").await;
    let (_, person) = call(
        &app,
        Method::POST,
        "/candidates",
        &token,
        json!({"full_name": "Dina Belova", "email": "dina@mail.test", "lang": "en"}),
    )
    .await;
    let (_, application) = call(
        &app,
        Method::POST,
        "/applications",
        &token,
        json!({"candidate_id": person["id"], "position_id": position, "source": "referral"}),
    )
    .await;
    let (status, body) = call(
        &app,
        Method::POST,
        "/interviews",
        &token,
        json!({"application_id": application["id"], "kind": "competency",
               "scheduled_at": "2030-05-06T07:00:00Z", "duration_minutes": 60,
               "interviewer_ids": [ural_id, berlin_id]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let letters = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("interview_invitation"))
        .all(&app.db)
        .await
        .unwrap();
    let to = |address: &str| {
        letters
            .iter()
            .find(|m| m.to_email == address)
            .unwrap_or_else(|| panic!("no invitation to {address}"))
            .clone()
    };
    // 07:00 UTC: 12:00 in Yekaterinburg (Moscow + 2), 10:00 in Moscow, 09:00 in Berlin (CEST).
    for (address, when, lang) in [
        (ural.as_str(), "6 мая 2030, 12:00 МСК+2", "ru"),
        ("dina@mail.test", "6 May 2030, 10:00 MSK", "en"),
        (berlin.as_str(), "6 May 2030, 09:00 CEST", "en"),
    ] {
        let letter = to(address);
        assert_eq!(letter.lang, lang, "{address}");
        let ics = letter.ics.clone().expect("a calendar file");
        let summary = property(&ics, "SUMMARY");
        let description = property(&ics, "DESCRIPTION");
        for (part, text) in [
            ("subject", &letter.subject),
            ("body", &letter.body_text),
            ("html", &letter.body_html),
            ("SUMMARY", &summary),
            ("DESCRIPTION", &description),
        ] {
            assert!(text.contains(when), "{address}'s {part}: {text}");
            assert!(!text.contains("UTC"), "{address}'s {part}: {text}");
        }
        // The event itself is one instant for every calendar: in UTC.
        assert_eq!(property(&ics, "DTSTART"), "20300506T070000Z", "{ics}");
    }
    // Interviewers read whom they meet; the description is in the reader's language.
    let ural_ics = to(&ural).ics.unwrap();
    let description = property(&ural_ics, "DESCRIPTION");
    assert!(
        description.contains("Кандидат: Dina Belova"),
        "{description}"
    );
    assert!(
        description.contains("Когда: 6 мая 2030, 12:00 МСК+2 (60 минут)"),
        "{description}"
    );
    let candidate_ics = to("dina@mail.test").ics.unwrap();
    assert!(
        !property(&candidate_ics, "DESCRIPTION").contains("Candidate:"),
        "the candidate is not told about themselves"
    );
}
