//! The offer letter as a PDF: downloaded by the hiring team, attached to the offer email with
//! the candidate's link, written in the candidate's language. The PDFs are read back with
//! poppler's `pdftotext`, so what is checked is the text a reader (or a search) gets out.

use hireloop::entities::outbox_message;
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app, spawn_app_with_smtp};
use crate::smtp::SmtpSink;

const TERMS: &str = "Гибкий график с 10 до 19 часов, два дня в неделю можно работать из дома. \
    ДМС со стоматологией после испытательного срока, компенсация обучения и спорта, \
    ноутбук и второй монитор, 28 календарных дней отпуска в год.";

/// The text of a PDF as pdftotext reads it, every run of spaces and line breaks (no-break
/// spaces too) as one space, so that phrases can be found whatever line they were wrapped at.
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("poppler's pdftotext is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A senior position with Анна Петрова at the offer stage, and a draft offer of 150 000 ₽
/// with long terms: (offer id, candidate id).
async fn draft_offer(app: &TestApp, recruiter: &str) -> (i64, i64) {
    let (status, position) = call(
        app,
        Method::POST,
        "/positions",
        recruiter,
        json!({"title": "Ведущий аккаунт-менеджер", "grade": "senior", "reports_to": "Директор"}),
    )
    .await;
    assert_eq!(status, 201, "{position}");
    let path = format!("/positions/{}/open", position["id"]);
    call(app, Method::POST, &path, recruiter, json!({})).await;
    let (_, person) = call(
        app,
        Method::POST,
        "/candidates",
        recruiter,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test"}),
    )
    .await;
    let (_, application) = call(
        app,
        Method::POST,
        "/applications",
        recruiter,
        json!({"candidate_id": person["id"], "position_id": position["id"], "source": "referral"}),
    )
    .await;
    let application = application["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let path = format!("/applications/{application}/move");
        let (status, body) = call(app, Method::POST, &path, recruiter, json!({"to": to})).await;
        assert_eq!(status, 200, "{body}");
    }
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(30);
    let (status, offer) = call(
        app,
        Method::POST,
        &format!("/applications/{application}/offers"),
        recruiter,
        json!({"salary": 150_000, "start_date": start, "probation_months": 3,
               "bonus_terms": "Квартальная премия до 20% оклада", "terms": TERMS}),
    )
    .await;
    assert_eq!(status, 201, "{offer}");
    (
        offer["id"].as_i64().unwrap(),
        person["id"].as_i64().unwrap(),
    )
}

async fn approve(app: &TestApp, recruiter: &str, id: i64) {
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    for (token, step) in [
        (recruiter, "submit"),
        (&manager, "approve"),
        (&ceo, "approve"),
    ] {
        let path = format!("/offers/{id}/{step}");
        let (status, body) = call(app, Method::POST, &path, token, json!({})).await;
        assert_eq!(status, 200, "{step}: {body}");
    }
}

#[tokio::test]
async fn the_letter_holds_the_name_and_the_salary_in_figures_and_in_russian_words() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, _) = draft_offer(&app, &recruiter).await;
    approve(&app, &recruiter, id).await;

    app.login_as("recruiter").await;
    let response = app.get(&format!("/offers/{id}/letter.pdf")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let text = pdf_text(&response.bytes().await.unwrap());
    for expected in [
        "Анна Петрова",
        "Ведущий аккаунт-менеджер",
        "Старший аккаунт-менеджер",
        "150 000 ₽",
        "сто пятьдесят тысяч рублей",
        "3 месяца",
        "Квартальная премия до 20% оклада",
        "28 календарных дней отпуска",
        "г.",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    assert!(
        !text.contains("ещё не согласовано"),
        "an approved offer is not marked as a draft"
    );

    // The same letter over the API, and the offers page links to it.
    let response = app
        .api(Method::GET, &format!("/offers/{id}/letter.pdf"), &recruiter)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(pdf_text(&response.bytes().await.unwrap()).contains("сто пятьдесят тысяч рублей"));
}

#[tokio::test]
async fn a_draft_is_marked_and_an_english_letter_has_no_russian_words() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, person) = draft_offer(&app, &recruiter).await;
    let path = format!("/offers/{id}/letter.pdf");
    let draft = app
        .api(Method::GET, &path, &recruiter)
        .send()
        .await
        .unwrap();
    assert!(
        pdf_text(&draft.bytes().await.unwrap()).contains("Проект: предложение ещё не согласовано")
    );

    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{person}"),
        &recruiter,
        json!({"lang": "en"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let english = app
        .api(Method::GET, &path, &recruiter)
        .send()
        .await
        .unwrap();
    let text = pdf_text(&english.bytes().await.unwrap());
    assert!(text.contains("Dear Анна Петрова"), "{text}");
    assert!(text.contains("RUB 150,000 a month"), "{text}");
    assert!(
        text.contains("Draft: this offer is not approved yet"),
        "{text}"
    );
    assert!(!text.contains("рублей"), "{text}");
}

#[tokio::test]
async fn the_offer_email_carries_the_letter_with_the_candidates_own_link() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let recruiter = app.token_for("recruiter").await;
    let (id, _) = draft_offer(&app, &recruiter).await;
    approve(&app, &recruiter, id).await;
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/offers/{id}/send"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let queued = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("offer_letter"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the offer email is queued");
    assert_eq!(queued.attachment_type.as_deref(), Some("application/pdf"));
    assert!(queued.attachment_name.unwrap().ends_with(".pdf"));
    let stored = pdf_text(queued.attachment.as_deref().unwrap());
    assert!(stored.contains("сто пятьдесят тысяч рублей"));

    // Delivered: the PDF is an attachment, and its link is the one in the email's text.
    let queued_in_all = outbox_message::Entity::find().count(&app.db).await.unwrap();
    let delivered = smtp.wait_for(queued_in_all as usize).await;
    let letter = delivered
        .iter()
        .filter_map(|raw| MessageParser::default().parse(raw.as_slice()))
        .find(|m| {
            m.to().and_then(|t| t.first()).and_then(|a| a.address()) == Some("anna@mail.test")
        })
        .expect("the offer email went to Анна");
    let pdf = letter
        .attachments()
        .find(|part| {
            part.content_type()
                .is_some_and(|t| t.ctype() == "application" && t.subtype() == Some("pdf"))
        })
        .expect("a PDF is attached");
    let text = pdf_text(pdf.contents());
    let body = letter.body_text(0).unwrap();
    let link = body
        .split_whitespace()
        .find(|w| w.contains("/o/"))
        .expect("the email has the link")
        .trim_end_matches(['.', ',', ')']);
    assert!(
        text.replace(' ', "").contains(link),
        "the letter points to {link}:\n{text}"
    );
    assert!(text.contains("Анна Петрова") && text.contains("150 000 ₽"));
}

#[tokio::test]
async fn only_the_hiring_team_reads_the_letter_and_an_unknown_offer_is_not_found() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let (id, _) = draft_offer(&app, &recruiter).await;
    let path = format!("/offers/{id}/letter.pdf");
    for role in ["hiring_manager", "ceo", "admin"] {
        let token = app.token_for(role).await;
        let response = app.api(Method::GET, &path, &token).send().await.unwrap();
        assert_eq!(response.status(), 200, "{role}");
    }
    for role in ["interviewer", "intern", "mentor"] {
        let token = app.token_for(role).await;
        let response = app.api(Method::GET, &path, &token).send().await.unwrap();
        assert_eq!(response.status(), 403, "{role}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["status"], 403);
    }
    let missing = app
        .api(Method::GET, "/offers/999999/letter.pdf", &recruiter)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    app.login_as("interviewer").await;
    assert_eq!(app.get(&path).await.status(), 403);
}
