//! The job page: closed ones answer 410; open ones are formatted, quote the band in the
//! page's language, and carry Open Graph tags and a JobPosting.

use super::*;

#[tokio::test]
async fn a_closed_position_s_job_page_answers_410_and_points_to_the_open_ones() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (id, slug) = open(&app, &token, "Аккаунт-менеджер").await;
    let browser = client();
    assert_eq!(visit(&browser, &app, &format!("/jobs/{slug}")).await.0, 200);

    for status in ["on_hold", "filled", "cancelled", "draft"] {
        set(&app, id, position::Column::Status, status).await;
        for path in [format!("/jobs/{slug}"), format!("/jobs/{slug}/consent")] {
            let (code, html) = visit(&browser, &app, &path).await;
            assert_eq!(code, 410, "{status} {path}");
            assert!(html.contains("Вакансия закрыта"), "{status}: {html}");
            assert!(html.contains("«Аккаунт-менеджер»"));
            assert!(html.contains("href=\"/careers?lang=ru\""));
            assert!(
                !html.contains("name=\"full_name\""),
                "no form on a closed page"
            );
        }
    }
    let (code, html) = visit(&browser, &app, &format!("/jobs/{slug}?lang=en")).await;
    assert_eq!(code, 410);
    assert!(html.contains("This vacancy is closed"));

    // An application sent to it anyway is not taken.
    let form = Form::new()
        .text("full_name", "Дарья Смирнова")
        .text("email", "daria@mail.ru")
        .text("consent", CONSENT_TEXT_VERSION);
    let csrf = app.csrf().await;
    let sent = app
        .client
        .post(app.url(&format!("/jobs/{slug}?_csrf={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 410);
    assert!(
        candidate::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );

    let (code, _) = visit(&browser, &app, "/jobs/no-such-position").await;
    assert_eq!(code, 404, "an unknown address is not a closed vacancy");
}

#[tokio::test]
async fn the_job_page_is_formatted_and_quotes_the_band_the_russian_or_the_english_way() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (id, slug) = open(&app, &token, "Аккаунт-менеджер").await;
    place(&app, id, "Москва", "hybrid").await;
    set(&app, id, position::Column::TitleEn, "Account manager").await;
    set(
        &app,
        id,
        position::Column::VacancyRu,
        "# О нас\n\nАгентство полного цикла.\n\n## Что предстоит делать\n\n- вести клиентов\n- писать отчёты\n\n<script>alert(1)</script>",
    )
    .await;
    set(
        &app,
        id,
        position::Column::VacancyEn,
        "## What you will do\n\n- look after clients\n- write reports",
    )
    .await;
    let (min, max) = middle_band(&app, &token).await;
    let ru_amount = |n: i64| {
        let s = n.to_string();
        let (head, tail) = s.split_at(s.len() - 3);
        format!("{head}\u{a0}{tail}")
    };
    let browser = client();

    let (status, html) = visit(&browser, &app, &format!("/jobs/{slug}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(html.contains("<h1>Аккаунт-менеджер</h1>"));
    assert_eq!(html.matches("<h1").count(), 1, "one h1: the title");
    assert!(html.contains("<h2>О нас</h2>"), "{html}");
    assert!(html.contains("<h2>Что предстоит делать</h2>"));
    assert!(html.contains("<li>вести клиентов</li>"));
    assert!(!html.contains("<script>alert(1)"), "the text is sanitised");
    let salary = format!("от {} до {}\u{a0}₽", ru_amount(min), ru_amount(max));
    assert!(html.contains(&salary), "{salary} on the page");
    assert!(html.contains("Гибридный формат") && html.contains("Москва"));
    assert!(
        html.contains("href=\"/careers?lang=ru\""),
        "back to the list"
    );

    let (status, html) = visit(&browser, &app, &format!("/jobs/{slug}?lang=en")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<h1>Account manager</h1>"));
    assert!(html.contains("<li>look after clients</li>"));
    assert!(!html.contains("вести клиентов"), "the English text only");
    assert!(html.contains("RUB\u{a0}"), "English figures");
    assert!(html.contains("Hybrid"));
    assert!(
        html.contains("Moscow") && !html.contains("Москва"),
        "the city in English too"
    );
    assert!(
        html.contains("href=\"/careers?lang=en\""),
        "the language stays on links"
    );
    assert!(html.contains("lang=en\" enctype"), "and on the form");
    let (_, list) = visit(&browser, &app, "/careers?lang=en").await;
    assert!(list.contains("<html lang=\"en\">"));
    assert!(
        list.contains("Moscow") && !list.contains(">Москва<"),
        "the list and its filter too"
    );
    assert!(list.contains(&format!(
        "href=\"/jobs/{slug}?lang=en\">Account manager</a>"
    )));
}

#[tokio::test]
async fn the_job_page_carries_open_graph_tags_and_a_job_posting_with_the_band() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (id, slug) = open(&app, &token, "Аккаунт-менеджер").await;
    place(&app, id, "Казань", "remote").await;
    // A title that tries to end the script element and start its own.
    let hostile = "Менеджер </script><script>alert(1)</script>";
    set(&app, id, position::Column::Title, hostile).await;
    let (min, max) = middle_band(&app, &token).await;

    let (status, html) = visit(&client(), &app, &format!("/jobs/{slug}")).await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("<script>alert(1)"),
        "nothing escapes into the page"
    );
    assert_eq!(meta(&html, "og:title").as_deref(), Some(hostile));
    assert_eq!(meta(&html, "og:type").as_deref(), Some("article"));
    assert_eq!(meta(&html, "og:locale").as_deref(), Some("ru_RU"));
    assert_eq!(
        meta(&html, "og:site_name").as_deref(),
        Some("Orbita hiring")
    );
    let url = meta(&html, "og:url").unwrap();
    assert!(
        url.starts_with("http") && url.ends_with(&format!("/jobs/{slug}?lang=ru")),
        "{url}"
    );
    let description = meta(&html, "og:description").unwrap();
    assert!(
        !description.is_empty() && description.chars().count() <= 200,
        "{description}"
    );
    assert!(!description.contains('\n'));
    assert!(meta(&html, "og:image").is_none(), "no logo, no image");

    let posting = job_posting(&html);
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], hostile);
    assert_eq!(posting["hiringOrganization"]["name"], "Orbita hiring");
    assert_eq!(posting["baseSalary"]["currency"], "RUB");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], min);
    assert_eq!(posting["baseSalary"]["value"]["maxValue"], max);
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "MONTH");
    assert_eq!(
        posting["jobLocation"]["address"]["addressLocality"],
        "Казань"
    );
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert_eq!(posting["directApply"], true);
    let opened = stored(&app, id).await.opened_on.unwrap().to_string();
    assert_eq!(posting["datePosted"], opened.as_str());
    assert!(posting["description"].as_str().unwrap().contains("<p>"));

    let (_, english) = visit(&client(), &app, &format!("/jobs/{slug}?lang=en")).await;
    assert_eq!(meta(&english, "og:locale").as_deref(), Some("en_US"));

    let (_, list) = visit(&client(), &app, "/careers").await;
    assert_eq!(meta(&list, "og:type").as_deref(), Some("website"));
    assert_eq!(
        meta(&list, "og:site_name").as_deref(),
        Some("Orbita hiring")
    );
}
