//! The vacancy text a copywriter would sign: Russian and English written apart (no "RUB" and no
//! English words in Russian beyond names, no Cyrillic in English), the title never repeated,
//! the product's words in the right grammatical form; Markdown profiles rendered safely with a
//! preview; an edited text kept until "regenerate", which shows what changes first.

use hireloop::entities::position;
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, client, spawn_app, spawn_app_with_demo};

/// Latin words a Russian vacancy may hold: the agency's name and the names of tools.
const ALLOWED_LATIN: [&str; 4] = ["Orbita", "Google", "Ads", "amoCRM"];

const TITLE: &str = "Аккаунт-менеджер по ключевым клиентам";

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{052F}').contains(&c))
}

fn full_position() -> Value {
    json!({
        "title": TITLE, "grade": "middle", "reports_to": "Account Director", "headcount": 1,
        "city": "Казань", "work_format": "remote",
        "profile": {
            "company": "Orbita — агентство интернет-маркетинга.",
            "role": "Ведёт крупных клиентов после продажи.",
            "duties": "Отчёты для клиентов\nЗадачи специалистам по Яндекс Директ и Google Ads",
            "requirements": "- Опыт с клиентами от года\n- Уверенная работа с amoCRM",
            "conditions": "Оклад и бонус.",
            "kpis": "Удержание клиентов."
        },
        "title_en": "Key account manager",
        "profile_en": {
            "company": "Orbita is a digital marketing agency.",
            "duties": "- Client reports\n- Briefs for paid search specialists",
            "requirements": "A year of client work."
        }
    })
}

async fn create(app: &TestApp, token: &str, body: Value) -> i64 {
    let (status, created) = call(app, Method::POST, "/positions", token, body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().unwrap()
}

async fn vacancy(app: &TestApp, token: &str, id: i64, lang: &str) -> Value {
    let path = format!("/positions/{id}/vacancy?lang={lang}");
    let (status, body) = call(app, Method::GET, &path, token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn stored(app: &TestApp, id: i64) -> position::Model {
    position::Entity::find_by_id(id as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The checks every Russian vacancy must pass.
fn assert_reads_as_russian(text: &str, title: &str) {
    assert!(!text.contains("RUB"), "{text}");
    assert!(text.contains("\u{a0}₽ в месяц до вычета налогов"), "{text}");
    let foreign: Vec<String> = latin_words(text)
        .into_iter()
        .filter(|w| !ALLOWED_LATIN.contains(&w.as_str()))
        .collect();
    assert!(foreign.is_empty(), "English words {foreign:?} in: {text}");
    assert!(!text.starts_with(title), "{text}");
    assert!(!text.contains(title), "the title is repeated: {text}");
}

#[tokio::test]
async fn the_russian_vacancy_has_no_rub_no_english_words_and_no_repeated_title() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = create(&app, &token, full_position()).await;
    let body = vacancy(&app, &token, id, "ru").await;
    let text = body["text"].as_str().unwrap();
    assert_reads_as_russian(text, TITLE);
    assert_eq!(body["profile_missing"], false);
    // The head typed in English is said in Russian, in the case its sentence needs.
    assert!(
        text.contains("Вы будете подчиняться директору по работе с клиентами."),
        "{text}"
    );
    // Typed fields stand under headings or after a colon; lines typed one per row are a list.
    assert!(text.contains("## О компании\n\nOrbita"), "{text}");
    assert!(
        text.contains("## Что предстоит делать\n\n- Отчёты для клиентов\n- Задачи"),
        "{text}"
    );
    assert!(text.contains("- Город: Казань"), "{text}");
    assert!(text.contains("- Формат работы: удалённо"), "{text}");
    assert!(
        text.contains("- Доход: от 90\u{a0}000 до 140\u{a0}000\u{a0}₽"),
        "{text}"
    );
    // Nothing of the English profile.
    assert!(!text.contains("digital marketing"), "{text}");
}

#[tokio::test]
async fn the_english_vacancy_has_no_cyrillic_with_or_without_an_english_profile() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = create(&app, &token, full_position()).await;
    let body = vacancy(&app, &token, id, "en").await;
    let text = body["text"].as_str().unwrap();
    assert!(!has_cyrillic(text), "{text}");
    assert!(!text.contains(TITLE) && !text.starts_with("Key account manager"));
    assert!(
        text.contains("## About us\n\nOrbita is a digital"),
        "{text}"
    );
    assert!(
        text.contains("- Briefs for paid search specialists"),
        "{text}"
    );
    assert!(
        text.contains("You will report to the Account Director."),
        "{text}"
    );
    assert!(text.contains("- Location: Kazan"), "{text}");
    assert!(text.contains("- Work format: remote"), "{text}");
    assert!(
        text.contains("- Pay: RUB\u{a0}90,000–140,000 a month before tax"),
        "{text}"
    );

    // No English profile at all: the text says only what the product can say by itself.
    let bare = create(
        &app,
        &token,
        json!({"title": "Стажёр", "grade": "intern", "reports_to": "Анна Петрова",
               "city": "Ярославль", "work_format": "office",
               "profile": {"duties": "Учиться у наставника", "company": "Агентство «Орбита»"}}),
    )
    .await;
    let body = vacancy(&app, &token, bare, "en").await;
    let text = body["text"].as_str().unwrap();
    assert_eq!(body["profile_missing"], true);
    assert!(!has_cyrillic(text), "{text}");
    assert!(
        text.contains("mentor") && text.contains("Yaroslavl"),
        "{text}"
    );
    assert!(text.contains("RUB\u{a0}40,000–60,000"), "{text}");
    let ru = vacancy(&app, &token, bare, "ru").await;
    let ru = ru["text"].as_str().unwrap();
    // A head the product does not know is said after a colon, as typed.
    assert!(ru.contains("Руководитель: Анна Петрова"), "{ru}");
    assert_reads_as_russian(ru, "Стажёр");

    // The English profile is refused with Cyrillic in it, and a work format must be known.
    let (status, problem) = call(
        &app,
        Method::PATCH,
        &format!("/positions/{id}"),
        &token,
        json!({"version": 1, "profile_en": {"duties": "Отчёты"}, "work_format": "anywhere"}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"duties_en") && fields.contains(&"work_format"),
        "{problem}"
    );
    assert_eq!(
        stored(&app, id).await.work_format.as_deref(),
        Some("remote")
    );
}

#[tokio::test]
async fn a_markdown_profile_renders_lists_and_a_script_never_reaches_a_page() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let mut body = full_position();
    body["profile"]["role"] =
        json!("<script>alert('xss')</script>Ведёт клиентов. [Подробнее](javascript:alert(1))");
    body["profile_en"]["role"] = json!("<img src=x onerror=alert(2)>Leads clients.");
    let id = create(&app, &token, body).await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/positions/{id}/open"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    app.login_as("recruiter").await;
    let page = app
        .get(&format!("/positions/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<li>Отчёты для клиентов</li>"), "a list");
    assert!(page.contains("<li>Client reports</li>"), "the English list");
    assert!(page.contains("<h2>Что предстоит делать</h2>"), "headings");
    // Text that merely reads "javascript:" is harmless; a link or a handler is not.
    for bad in ["<script>alert", "href=\"javascript:", "onerror="] {
        assert!(!page.contains(bad), "{bad} reached the position page");
    }
    let slug = stored(&app, id).await.slug;
    let public = client()
        .get(app.url(&format!("/jobs/{slug}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!public.contains("<script>alert"), "the job page");

    // Preview: the form comes back as typed with both texts rendered, and nothing is saved.
    let preview = app
        .post_form(
            &format!("/positions/{id}"),
            &[
                ("action", "preview"),
                ("title", TITLE),
                ("grade", "senior"),
                ("reports_to", "Коммерческий директор"),
                ("headcount", "1"),
                ("version", "2"),
                (
                    "duties",
                    "- Новая обязанность\n- <script>alert(3)</script>Вторая",
                ),
                ("duties_en", "- A new duty"),
                ("work_format", "hybrid"),
            ],
        )
        .await;
    assert_eq!(preview.status(), 200);
    let html = preview.text().await.unwrap();
    assert!(html.contains("data-preview=\"ru\""), "the preview is shown");
    assert!(html.contains("<li>Новая обязанность</li>"), "{html}");
    assert!(html.contains("<li>A new duty</li>"), "{html}");
    assert!(
        html.contains("Вы будете подчиняться коммерческому директору."),
        "{html}"
    );
    assert!(
        html.contains("от 140&nbsp;000 до 200&nbsp;000&nbsp;₽"),
        "the typed grade's band: {html}"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("Новая обязанность\n- &lt;script&gt;"),
        "the typed text is in its field"
    );
    let saved = stored(&app, id).await;
    assert_eq!(saved.grade, "middle", "a preview saves nothing");
    assert!(saved.duties.starts_with("Отчёты"));

    // A refused preview still shows what was typed and says why.
    let refused = app
        .post_form(
            &format!("/positions/{id}"),
            &[
                ("action", "preview"),
                ("title", TITLE),
                ("grade", "middle"),
                ("reports_to", "Коммерческий директор"),
                ("company_en", "Агентство"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"e-company_en\""), "the field's message");
    assert!(html.contains(">Агентство</textarea>"), "kept as typed");
}

#[tokio::test]
async fn regenerating_shows_what_changes_and_keeps_the_edit_until_confirmed() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let id = create(&app, &token, full_position()).await;
    let edited =
        "Строка, которую вписал рекрутер.\n\n## Что предстоит делать\n\n- Отчёты для клиентов";
    let (status, body) = call(
        &app,
        Method::PUT,
        &format!("/positions/{id}/vacancy"),
        &token,
        json!({"lang": "ru", "text": edited}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // A new profile does not touch the edit.
    let (status, body) = call(
        &app,
        Method::PATCH,
        &format!("/positions/{id}"),
        &token,
        json!({"version": 2, "profile": {"duties": "- Новая обязанность"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let body = vacancy(&app, &token, id, "ru").await;
    assert_eq!(body["text"], edited);
    assert_eq!(body["edited"], true);

    app.login_as("recruiter").await;
    let asked = app
        .post_form(
            &format!("/positions/{id}/vacancy"),
            &[("lang", "ru"), ("action", "regenerate"), ("text", edited)],
        )
        .await;
    assert_eq!(asked.status(), 200);
    let html = asked.text().await.unwrap();
    assert!(html.contains("data-confirmation") && html.contains("data-diff"));
    // Each line is marked by a sign, a word for screen readers and strike-through, not colour.
    assert!(
        html.contains(
            "<tr data-change=\"removed\"><td><span aria-hidden=\"true\">−</span><span class=\"visually-hidden\">убрано</span></td><td><del>Строка, которую вписал рекрутер.</del></td></tr>"
        ),
        "{html}"
    );
    assert!(html.contains("<td><del>- Отчёты для клиентов</del></td>"));
    assert!(html.contains("добавлено</span></td><td><ins>- Новая обязанность</ins></td>"));
    assert!(
        html.contains("<td></td><td>## Что предстоит делать</td>"),
        "kept lines"
    );
    assert!(
        html.contains("Строк уйдёт: 2,"),
        "the count of removed lines"
    );
    assert!(html.contains("name=\"confirmed\" value=\"1\""));
    assert_eq!(
        stored(&app, id).await.vacancy_ru.as_deref(),
        Some(edited),
        "asking changes nothing"
    );

    let done = app
        .post_form(
            &format!("/positions/{id}/vacancy"),
            &[
                ("lang", "ru"),
                ("action", "regenerate"),
                ("text", edited),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(stored(&app, id).await.vacancy_ru, None);
    let body = vacancy(&app, &token, id, "ru").await;
    assert_eq!(body["edited"], false);
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains("- Новая обязанность")
    );

    // The API asks the same way: a preview writes nothing, then the edit is replaced.
    call(
        &app,
        Method::PUT,
        &format!("/positions/{id}/vacancy"),
        &token,
        json!({"lang": "en", "text": "Join us."}),
    )
    .await;
    let path = format!("/positions/{id}/vacancy/regenerate");
    let (status, preview) = call(
        &app,
        Method::POST,
        &path,
        &token,
        json!({"lang": "en", "preview": true}),
    )
    .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["had_edit"], true);
    assert_eq!(preview["changed"], true);
    assert_eq!(preview["vacancy"]["text"], "Join us.");
    let lines = preview["lines"].as_array().unwrap();
    assert!(lines.contains(&json!({"change": "removed", "text": "Join us."})));
    assert!(lines.iter().any(|l| l["change"] == "added"));
    assert_eq!(
        stored(&app, id).await.vacancy_en.as_deref(),
        Some("Join us.")
    );
    let (status, done) = call(&app, Method::POST, &path, &token, json!({"lang": "en"})).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["vacancy"]["edited"], false);
    assert_eq!(stored(&app, id).await.vacancy_en, None);
    let (status, _) = call(&app, Method::POST, &path, &token, json!({"lang": "de"})).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn the_demo_position_reads_cleanly_in_both_languages() {
    let app = spawn_app_with_demo().await;
    let token = app.token_for("recruiter").await;
    let (_, list) = call(&app, Method::GET, "/positions", &token, json!({})).await;
    let demo = &list["items"][0];
    assert_eq!(demo["city"], "Москва");
    assert_eq!(demo["work_format"], "hybrid");
    assert_eq!(demo["title_en"], "Account manager");
    let id = demo["id"].as_i64().unwrap();
    let ru = vacancy(&app, &token, id, "ru").await;
    assert_reads_as_russian(ru["text"].as_str().unwrap(), "Аккаунт-менеджер");
    let en = vacancy(&app, &token, id, "en").await;
    let text = en["text"].as_str().unwrap();
    assert_eq!(en["profile_missing"], false);
    assert!(!has_cyrillic(text), "{text}");
    assert!(text.contains("- Location: Moscow"), "{text}");
    assert!(text.contains("## What you will do\n\n- Onboard"), "{text}");
}
