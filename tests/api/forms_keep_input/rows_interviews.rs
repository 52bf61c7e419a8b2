//! Interviews, the question bank and the internship programme.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::json;

use super::{Fixture, Row, owned};
use crate::helpers::{PASSWORD, TestApp, call, user_id};

/// The interviewer on the fixture's interview, signed in by address: the scorecard form is
/// theirs alone, so a fresh user of the role would not see it.
pub(super) const INTERVIEWER: &str = "forms-interviewer@agency.test";

/// Records these rows need beyond the shared fixture, kept in `fixture.extra`: an interview
/// with its interviewer, a question of its kit, a running internship with its mentor, an
/// intern not yet enrolled, and a day after today.
pub(super) async fn setup(app: &TestApp, fixture: &mut Fixture) {
    use hireloop::auth::model::{NewUser, create_user, normalize_email};
    use hireloop::web::i18n::Lang;

    let token = app.token_for("recruiter").await;
    create_user(
        &app.db,
        None,
        NewUser {
            email: INTERVIEWER.into(),
            name: "Ирина Собеседова".into(),
            role: "interviewer".into(),
            password: PASSWORD.into(),
            lang: Lang::Ru,
        },
    )
    .await
    .expect("the interviewer is created");
    let interviewer = user_id(&app.db, INTERVIEWER).await;
    let (status, interview) = call(
        app,
        Method::POST,
        "/interviews",
        &token,
        json!({"application_id": fixture.at_offer, "kind": "competency",
               "scheduled_at": (Utc::now() + Duration::days(1)).to_rfc3339(),
               "interviewer_ids": [interviewer]}),
    )
    .await;
    assert_eq!(status, 201, "{interview}");
    let question = interview["kit"][0]["id"].as_i64().expect("a kit question");

    let person = |role: &'static str| async move {
        let email = normalize_email(&app.add_user(role).await);
        user_id(&app.db, &email).await
    };
    let mentor = person("mentor").await;
    let intern = person("intern").await;
    let free_intern = person("intern").await;
    let today = Utc::now().date_naive();
    let (status, internship) = call(
        app,
        Method::POST,
        "/internships",
        &token,
        json!({"intern_user_id": intern, "mentor_id": mentor,
               "start_date": today.to_string(), "exam_track": "seo"}),
    )
    .await;
    assert_eq!(status, 201, "{internship}");

    let extra = &mut fixture.extra;
    extra.insert("interviewer", interviewer.to_string());
    extra.insert("interview", interview["id"].to_string());
    extra.insert("question", question.to_string());
    extra.insert("mentor", mentor.to_string());
    extra.insert("free_intern", free_intern.to_string());
    extra.insert("internship", internship["id"].to_string());
    extra.insert(
        "internship_item",
        internship["weeks"][0]["items"][0]["id"].to_string(),
    );
    let (_, template) = call(
        app,
        Method::GET,
        "/internships/programme",
        &token,
        json!({}),
    )
    .await;
    extra.insert("programme_item", template[0]["id"].to_string());
    extra.insert("later", (today + Duration::days(40)).to_string());
}

/// A question as typed, with minutes that are not a number.
fn question_fields(minutes: &str, n: u32) -> super::Fields {
    let mut fields = owned(&[
        ("competency", "communication"),
        ("interviews", "competency"),
        ("minutes", minutes),
        ("fu0_code", ""),
    ]);
    for name in [
        "text_ru",
        "text_en",
        "strong_ru",
        "strong_en",
        "red_flags_ru",
        "red_flags_en",
        "middle_ru",
        "senior_en",
        "fu0_when_ru",
        "fu0_when_en",
        "fu0_text_ru",
        "fu0_text_en",
    ] {
        fields.push((name, format!("Ω{name}-{n}")));
    }
    fields
}

const QUESTION_KEPT: &[&str] = &[
    "minutes",
    "text_ru",
    "text_en",
    "strong_ru",
    "strong_en",
    "red_flags_ru",
    "red_flags_en",
    "middle_ru",
    "senior_en",
    "fu0_when_ru",
    "fu0_when_en",
    "fu0_text_ru",
    "fu0_text_en",
];

pub(super) fn rows() -> Vec<Row> {
    vec![
        Row {
            action: "/applications/{}/interviews",
            role: "recruiter",
            path: |f| format!("/applications/{}/interviews", f.at_offer),
            // A date in the wrong format.
            fields: |f| {
                vec![
                    ("kind", "screen".into()),
                    ("date", "31.02.2030".into()),
                    ("time", "10:45".into()),
                    ("duration_minutes", "75".into()),
                    ("place", "Ωпереговорная-50".into()),
                    ("interviewer_ids", f.extra["interviewer"].clone()),
                ]
            },
            kept: &["date", "time", "duration_minutes", "place"],
            status: 422,
        },
        Row {
            action: "/applications/{}/ceo-decision",
            role: "ceo",
            path: |f| format!("/applications/{}/ceo-decision", f.at_offer),
            fields: |_| owned(&[("decision", "может-быть"), ("note", "Ωмнение-51")]),
            kept: &["note"],
            status: 422,
        },
        Row {
            action: "/interviews/{}/scorecard",
            role: INTERVIEWER,
            path: |f| format!("/interviews/{}/scorecard", f.extra["interview"]),
            // A recommendation the card does not know.
            fields: |_| {
                owned(&[
                    ("recommendation", "наверное"),
                    ("strengths", "Ωсильное-53"),
                    ("concerns", "Ωсомнения-54"),
                    ("notes", "Ωитог-55"),
                    ("action", "save"),
                ])
            },
            kept: &["strengths", "concerns", "notes"],
            status: 422,
        },
        Row {
            action: "/internships",
            role: "recruiter",
            path: |_| "/internships".into(),
            fields: |f| {
                vec![
                    ("intern_user_id", f.extra["free_intern"].clone()),
                    ("mentor_id", f.extra["mentor"].clone()),
                    ("start_date", "первое-марта".into()),
                    ("exam_track", "ppc".into()),
                    ("group", "Ωгруппа-56".into()),
                ]
            },
            kept: &["start_date", "group"],
            status: 422,
        },
        Row {
            action: "/internships/programme",
            role: "recruiter",
            path: |_| "/internships/programme".into(),
            fields: |_| {
                owned(&[
                    ("week", "вторая"),
                    ("due_offset", "3"),
                    ("kind", "material"),
                    ("department", "client_service"),
                    ("track", ""),
                    ("title_ru", "Ωпункт-57"),
                    ("title_en", "Ωitem-58"),
                    ("about_ru", "Ωо-пункте-59"),
                    ("about_en", "Ωabout-60"),
                ])
            },
            kept: &["week", "title_ru", "title_en", "about_ru", "about_en"],
            status: 422,
        },
        Row {
            action: "/internships/settings",
            role: "recruiter",
            path: |_| "/internships/settings".into(),
            fields: |_| {
                owned(&[
                    ("pass_percent", "много"),
                    ("max_attempts", "4"),
                    ("cooldown_days", "9"),
                    ("defence_pass_mark", "3,5"),
                ])
            },
            kept: &[
                "pass_percent",
                "max_attempts",
                "cooldown_days",
                "defence_pass_mark",
            ],
            status: 422,
        },
        Row {
            action: "/internships/{}/act",
            role: "recruiter",
            path: |f| format!("/internships/{}/act", f.extra["internship"]),
            // An attempt dated after today: a result is recorded once the exam is sat.
            fields: |f| {
                vec![
                    ("do", "attempt".into()),
                    ("anchor", "exam".into()),
                    ("exam", "seo".into()),
                    ("taken_on", f.extra["later"].clone()),
                    ("score", "61".into()),
                    ("max_score", "97".into()),
                    ("notes", "Ωпопытка-62".into()),
                ]
            },
            kept: &["taken_on", "score", "max_score", "notes"],
            status: 422,
        },
        Row {
            action: "/internships/{}/items/{}/materials",
            role: "recruiter",
            path: |f| {
                format!(
                    "/internships/{}/items/{}/materials",
                    f.extra["internship"], f.extra["internship_item"]
                )
            },
            // A link that is not a web address.
            fields: |_| owned(&[("title", "Ωматериал-73"), ("url", "javascript:alert(74)")]),
            kept: &["title", "url"],
            status: 422,
        },
        Row {
            action: "/internships/{}/items/{}/materials/file",
            role: "recruiter",
            path: |f| {
                format!(
                    "/internships/{}/items/{}/materials/file",
                    f.extra["internship"], f.extra["internship_item"]
                )
            },
            // The file is text, not a document.
            fields: |_| owned(&[("title", "Ωматериал-75")]),
            kept: &["title"],
            status: 422,
        },
        Row {
            action: "/internships/programme/{}/materials",
            role: "recruiter",
            path: |f| {
                format!(
                    "/internships/programme/{}/materials",
                    f.extra["programme_item"]
                )
            },
            fields: |_| owned(&[("title", "Ωматериал-76"), ("url", "ftp://Ωфайлы-77.test")]),
            kept: &["title", "url"],
            status: 422,
        },
        Row {
            action: "/internships/programme/{}/materials/file",
            role: "recruiter",
            path: |f| {
                format!(
                    "/internships/programme/{}/materials/file",
                    f.extra["programme_item"]
                )
            },
            fields: |_| owned(&[("title", "Ωматериал-78")]),
            kept: &["title"],
            status: 422,
        },
        Row {
            action: "/internships/{}/decision",
            role: "recruiter",
            path: |f| format!("/internships/{}/decision", f.extra["internship"]),
            // A promotion without a passed exam: the rule refuses it.
            fields: |_| {
                owned(&[
                    ("outcome", "promote"),
                    ("department", ""),
                    ("reason", "Ωпричина-63"),
                    ("early_reason", "Ωрано-64"),
                ])
            },
            kept: &["reason", "early_reason"],
            status: 409,
        },
        Row {
            action: "/questions",
            role: "recruiter",
            path: |_| "/questions".into(),
            fields: |_| question_fields("пять", 65),
            kept: QUESTION_KEPT,
            status: 422,
        },
        Row {
            action: "/questions/{}",
            role: "recruiter",
            path: |f| format!("/questions/{}", f.extra["question"]),
            // Minutes typed as a word once came back as 0.
            fields: |_| question_fields("десять", 66),
            kept: QUESTION_KEPT,
            status: 422,
        },
    ]
}

/// Forms here whose typed input does not yet come back.
pub(super) const NOT_YET: &[&str] = &[];
