//! The careers list and the public API: open positions only, filtered by city and format.

use super::*;

#[tokio::test]
async fn the_careers_page_and_the_public_api_list_only_open_positions() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (open_id, open_slug) = open(&app, &token, "Аккаунт-менеджер открытый").await;
    let (held, held_slug) = open(&app, &token, "Аккаунт-менеджер на паузе").await;
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/positions/{held}/hold"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (cancelled, _) = open(&app, &token, "Аккаунт-менеджер отменённый").await;
    let (status, body) = call(
        &app,
        Method::POST,
        &format!("/positions/{cancelled}/cancel"),
        &token,
        json!({"reason": "Бюджет урезан"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (filled, _) = open(&app, &token, "Аккаунт-менеджер нанятый").await;
    set(&app, filled, position::Column::Status, "filled").await;
    let (status, _) = call(
        &app,
        Method::POST,
        "/positions",
        &token,
        json!({"title": "Аккаунт-менеджер черновик", "grade": "middle",
               "reports_to": "Account Director", "headcount": 1}),
    )
    .await;
    assert_eq!(status, 201);

    let (status, html) = visit(&client(), &app, "/careers").await;
    assert_eq!(status, 200);
    assert!(html.contains("Аккаунт-менеджер открытый"), "{html}");
    assert!(html.contains(&format!("href=\"/jobs/{open_slug}?lang=ru\"")));
    for hidden in ["на паузе", "отменённый", "нанятый", "черновик"]
    {
        assert!(!html.contains(hidden), "{hidden} is not listed");
    }
    assert!(!html.contains(&held_slug));
    assert!(
        html.contains("1 открытая вакансия"),
        "the count reads right"
    );

    let (status, body) = public_api(&app, "").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], open_id);
    assert_eq!(items[0]["title"], "Аккаунт-менеджер открытый");
    let url = items[0]["url"].as_str().unwrap();
    assert!(url.starts_with("http"), "absolute: {url}");
    assert!(
        url.ends_with(&format!("/jobs/{open_slug}?lang=ru")),
        "{url}"
    );
}

#[tokio::test]
async fn the_careers_list_filters_by_city_and_work_format_and_says_when_nothing_matches() {
    let app = spawn_app().await;
    let token = app.token_for("recruiter").await;
    let (office, _) = open(&app, &token, "Менеджер в офисе").await;
    place(&app, office, "Москва", "office").await;
    let (remote, _) = open(&app, &token, "Менеджер из дома").await;
    place(&app, remote, "Москва", "remote").await;
    let (hybrid, _) = open(&app, &token, "Менеджер в Казани").await;
    place(&app, hybrid, "Казань", "hybrid").await;
    let browser = client();

    let (_, all) = visit(&browser, &app, "/careers").await;
    assert!(all.contains("<option value=\"Казань\">Казань</option>"));
    assert!(all.contains("<option value=\"Москва\">Москва</option>"));
    assert!(all.contains("<option value=\"remote\">Удалённо</option>"));
    assert!(all.contains("3 открытые вакансии"));

    let moscow = format!("/careers?city={}", crate::helpers::urlencode("Москва"));
    let (status, html) = visit(&browser, &app, &moscow).await;
    assert_eq!(status, 200);
    assert!(html.contains("Менеджер в офисе") && html.contains("Менеджер из дома"));
    assert!(!html.contains("Менеджер в Казани"));
    assert!(
        html.contains("<option value=\"Москва\" selected>"),
        "the choice stays"
    );

    let (_, html) = visit(&browser, &app, &format!("{moscow}&work_format=remote")).await;
    assert!(html.contains("Менеджер из дома"));
    assert!(!html.contains("Менеджер в офисе"));
    assert!(html.contains("<option value=\"remote\" selected>"));

    let kazan_remote = format!(
        "/careers?city={}&work_format=remote",
        crate::helpers::urlencode("Казань")
    );
    let (status, html) = visit(&browser, &app, &kazan_remote).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Под выбранные условия вакансий нет."),
        "{html}"
    );

    // An unknown format in an old link narrows nothing.
    let (status, html) = visit(&browser, &app, "/careers?work_format=moon").await;
    assert_eq!(status, 200);
    assert!(html.contains("Менеджер в Казани") && html.contains("Менеджер в офисе"));

    let (status, body) = public_api(
        &app,
        &format!(
            "?city={}&work_format=remote",
            crate::helpers::urlencode("Москва")
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["id"], remote);
    assert_eq!(body["items"][0]["city"], "Москва");
    assert_eq!(body["items"][0]["work_format"], "remote");
    let (status, body) = public_api(&app, "?work_format=moon").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "work_format");
}
