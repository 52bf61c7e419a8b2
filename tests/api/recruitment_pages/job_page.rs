//! The public job page: the vacancy, the consent, applications with the consent ledger, the
//! honeypot and the per-address limit.

use super::*;

/// The form token in the job page's form action, as a browser would send it back.
fn job_form_token(html: &str) -> String {
    let marker = "?_csrf=";
    let start = html.find(marker).expect("the form action carries a token") + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_owned()
}

/// A visitor, not signed in, who has opened the job page: their browser and the form token.
pub(super) async fn visitor(app: &TestApp, slug: &str) -> (Client, String) {
    let browser = client();
    let page = browser
        .get(app.url(&format!("/jobs/{slug}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let token = job_form_token(&page.text().await.unwrap());
    (browser, token)
}

pub(super) async fn apply(
    app: &TestApp,
    browser: &Client,
    token: &str,
    slug: &str,
    fields: &[(&str, &str)],
) -> Response {
    let form = fields.iter().fold(Form::new(), |form, (name, value)| {
        form.text(name.to_string(), value.to_string())
    });
    browser
        .post(app.url(&format!("/jobs/{slug}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub(super) const APPLICANT: [(&str, &str); 3] = [
    ("full_name", "Дарья Смирнова"),
    ("email", "daria@mail.ru"),
    ("phone", "+7 916 555-44-33"),
];

pub(super) fn with_consent() -> Vec<(&'static str, &'static str)> {
    let mut fields = APPLICANT.to_vec();
    fields.push(("consent", CONSENT_TEXT_VERSION));
    fields
}

#[tokio::test]
async fn the_public_job_page_shows_the_vacancy_and_links_to_the_consent() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Аккаунт-менеджер B2B").await;
    let browser = client();

    let page = browser
        .get(app.url(&format!("/jobs/{slug}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<h1>Аккаунт-менеджер B2B</h1>"));
    assert!(html.contains("Что предстоит делать"), "the vacancy text");
    assert!(html.contains(&format!("href=\"/jobs/{slug}/consent?lang=ru\"")));

    let consent = browser
        .get(app.url(&format!("/jobs/{slug}/consent")))
        .send()
        .await
        .unwrap();
    assert_eq!(consent.status(), 200);
    let html = consent.text().await.unwrap();
    let first_line = consent_text(Lang::Ru).lines().next().unwrap();
    assert!(html.contains(first_line), "the consent text is shown");
    assert!(html.contains(CONSENT_TEXT_VERSION));
}

#[tokio::test]
async fn an_application_without_consent_is_shown_again_with_422_and_nothing_is_stored() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(&app, &slug).await;

    let response = apply(&app, &browser, &form_token, &slug, &APPLICANT).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"e-consent\">Без вашего согласия"));
    assert!(
        html.contains("value=\"Дарья Смирнова\""),
        "what was typed is kept"
    );
    assert_eq!(count_candidates(&app).await, 0);
    assert_eq!(count_applications(&app).await, 0);
    assert_eq!(consent::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn an_application_with_consent_lands_on_the_long_list_with_the_consent_recorded() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (position_id, slug) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(&app, &slug).await;

    let response = apply(&app, &browser, &form_token, &slug, &with_consent()).await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("Спасибо!"));

    let stored = candidate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("the person is stored");
    assert_eq!(stored.email.as_deref(), Some("daria@mail.ru"));
    assert_eq!(stored.source.as_deref(), Some("job_page"));
    let applied = application_for(&app, stored.id, position_id).await;
    assert_eq!(
        (applied.stage.as_str(), applied.source.as_str()),
        ("long_list", "job_page")
    );
    let given = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(stored.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the consent is in the ledger");
    assert_eq!(given.text_version, CONSENT_TEXT_VERSION);
    assert_eq!(given.text_hash.len(), 64);
    assert!(given.text_hash.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(given.text_hash, text_hash(consent_text(Lang::Ru)));
    assert!((Utc::now() - given.given_at).num_seconds().abs() < 60);
    assert_eq!(given.ip.as_deref(), Some("127.0.0.1"));

    // The same person again, their email typed another way: linked, never made twice.
    let mut again = with_consent();
    again[1] = ("email", " Daria@Mail.RU ");
    again[2] = ("phone", "");
    again[0] = ("full_name", "Дарья С.");
    let response = apply(&app, &browser, &form_token, &slug, &again).await;
    assert_eq!(response.status(), 200);
    assert_eq!(count_candidates(&app).await, 1);
    assert_eq!(count_applications(&app).await, 1);
    assert_eq!(
        person(&app, stored.id).await.full_name,
        "Дарья Смирнова",
        "an anonymous form does not change a known person"
    );
    let consents = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(stored.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(consents, 2, "each agreement is in the ledger");
}

async fn apply_with_cv(
    app: &TestApp,
    browser: &Client,
    token: &str,
    slug: &str,
    cv: Vec<u8>,
) -> Response {
    let form = with_consent()
        .into_iter()
        .fold(Form::new(), |form, (name, value)| form.text(name, value))
        .part("cv", Part::bytes(cv).file_name("cv.pdf"));
    browser
        .post(app.url(&format!("/jobs/{slug}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cv_sent_from_the_job_page_is_kept_with_the_person() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(&app, &slug).await;

    let response = apply_with_cv(&app, &browser, &form_token, &slug, PDF.to_vec()).await;
    assert_eq!(response.status(), 200);
    let stored = candidate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let file_id = stored.cv_file_id.expect("the CV is linked");
    let file = stored_file::Entity::find_by_id(file_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.size_bytes, PDF.len() as i64);
}

#[tokio::test]
async fn a_job_page_cv_that_is_not_a_document_or_too_big_is_refused_beside_its_field() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(&app, &slug).await;

    let text = apply_with_cv(&app, &browser, &form_token, &slug, b"plain text".to_vec()).await;
    assert_eq!(text.status(), 422);
    let html = text.text().await.unwrap();
    assert!(html.contains("id=\"e-cv\">Принимаются только файлы PDF, DOCX и ODT"));

    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let too_big = apply_with_cv(&app, &browser, &form_token, &slug, big).await;
    assert_eq!(too_big.status(), 413);
    assert!(
        too_big
            .text()
            .await
            .unwrap()
            .contains("id=\"e-cv\">Файл больше 10 МБ.")
    );

    assert_eq!(count_candidates(&app).await, 0);
    assert_eq!(count_files(&app).await, 0);
}

#[tokio::test]
async fn a_filled_honeypot_is_thanked_and_dropped() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(&app, &slug).await;

    let mut fields = with_consent();
    fields.push(("website", "https://spam.example"));
    let response = apply(&app, &browser, &form_token, &slug, &fields).await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("Спасибо!"));
    assert_eq!(count_candidates(&app).await, 0);
    assert_eq!(count_applications(&app).await, 0);
    assert_eq!(consent::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(count_emails(&app).await, 0, "no confirmation to a bot");
}

#[tokio::test]
async fn a_draft_position_s_job_page_says_the_vacancy_is_closed_and_takes_nothing() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_draft_position(&app, &token, "Аккаунт-менеджер").await;
    let browser = client();
    for path in [format!("/jobs/{slug}"), format!("/jobs/{slug}/consent")] {
        let response = browser.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 410, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains("Вакансия закрыта"), "{path}");
        assert!(
            !html.contains("Что предстоит делать"),
            "no vacancy text on {path}"
        );
    }
}

#[tokio::test]
async fn the_fourth_application_from_one_address_within_an_hour_is_429() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(&app, &slug).await;
    for _ in 0..3 {
        let response = apply(&app, &browser, &form_token, &slug, &APPLICANT).await;
        assert_eq!(response.status(), 422);
    }

    let fourth = apply(&app, &browser, &form_token, &slug, &with_consent()).await;
    assert_eq!(fourth.status(), 429);
    assert!(
        fourth
            .text()
            .await
            .unwrap()
            .contains("Слишком много откликов с вашего адреса")
    );
    assert_eq!(
        count_candidates(&app).await,
        0,
        "the limited one is not kept"
    );
    assert_eq!(count_applications(&app).await, 0);
    assert_eq!(consent::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(count_emails(&app).await, 0);
}

async fn count_emails(app: &TestApp) -> u64 {
    hireloop::entities::outbox_message::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}
