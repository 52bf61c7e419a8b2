//! A published vacancy follows its position: an update when the text or band changed (asked
//! first), an archive when the position is cancelled, filled or held — and when hh fails then,
//! the status change stands and the scheduled round archives later.

use reqwest::Method;
use serde_json::{Value, json};

use super::{moscow_position, publish_by_api, stored};
use crate::helpers::{call, hire_through_offer, test_config, today};
use crate::hh::fake::FakeHh;
use crate::hh::support::connected;

#[tokio::test]
async fn a_changed_position_is_updated_on_hh_only_after_the_recruiter_confirms() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;
    let published = publish_by_api(&c, position).await;
    let hh_id = published["hh_vacancy_id"].as_str().unwrap().to_owned();
    let first_hash = stored(&c.app, position).await.unwrap().published_hash;

    // The recruiter rewrites the Russian vacancy text.
    let (status, body) = call(
        &c.app,
        Method::PUT,
        &format!("/positions/{position}/vacancy"),
        &c.recruiter,
        json!({"lang": "ru", "text": "Ищем аккаунт-менеджера.\n\n- Новые **обязанности**"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let page = c
        .app
        .get(&format!("/positions/{position}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("data-hh-changed"), "{page}");
    assert!(page.contains(&format!("/positions/{position}/hh/update")));
    let (_, standing) = call(
        &c.app,
        Method::GET,
        &format!("/positions/{position}/hh"),
        &c.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(standing["vacancy"]["changed"], true, "{standing}");

    // First the question: what goes to hh and what changes there. Nothing is sent yet.
    let asked = c
        .app
        .post_form(&format!("/positions/{position}/hh/update"), &[])
        .await;
    assert_eq!(asked.status(), 200);
    let question = asked.text().await.unwrap();
    assert!(question.contains("data-confirmation"), "{question}");
    assert!(
        question.contains("Название остаётся прежним: «Аккаунт-менеджер»"),
        "{question}"
    );
    assert!(
        question.contains("Текст вакансии на hh.ru заменится текущим текстом позиции"),
        "{question}"
    );
    assert!(question.contains("до вычета налогов"), "{question}");
    assert_eq!(
        fake.hits("PUT", "/vacancies/"),
        0,
        "nothing sent before Confirm"
    );

    let confirmed = c
        .app
        .post_form(
            &format!("/positions/{position}/hh/update"),
            &[("confirmed", "1")],
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(fake.hits("PUT", "/vacancies/"), 1);
    let on_hh = fake.vacancy(&hh_id).unwrap();
    assert_eq!(
        on_hh["description"],
        "<p>Ищем аккаунт-менеджера.</p><ul><li>Новые <strong>обязанности</strong></li></ul>"
    );
    let row = stored(&c.app, position).await.unwrap();
    assert_ne!(row.published_hash, first_hash);
    let (_, standing) = call(
        &c.app,
        Method::GET,
        &format!("/positions/{position}/hh"),
        &c.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(standing["vacancy"]["changed"], false, "{standing}");

    // The API's update is the same operation.
    let (status, updated) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{position}/hh/update"),
        &c.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(fake.hits("PUT", "/vacancies/"), 2);
}

#[tokio::test]
async fn cancelling_a_position_archives_its_vacancy_on_hh() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;
    let hh_id = publish_by_api(&c, position).await["hh_vacancy_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let (status, body) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{position}/cancel"),
        &c.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(fake.vacancy_archived(&hh_id), Some(true));
    let row = stored(&c.app, position).await.unwrap();
    assert_eq!(row.status, "archived");
    assert!(row.archived_at.is_some());
    let page = c
        .app
        .get(&format!("/positions/{position}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"data-hh-status="archived""#), "{page}");
}

#[tokio::test]
async fn a_position_filled_by_a_start_archives_its_vacancy() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;
    let hh_id = publish_by_api(&c, position).await["hh_vacancy_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, person) = call(
        &c.app,
        Method::POST,
        "/candidates",
        &c.recruiter,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test"}),
    )
    .await;
    let (status, application) = call(
        &c.app,
        Method::POST,
        "/applications",
        &c.recruiter,
        json!({"candidate_id": person["id"], "position_id": position, "source": "job_board"}),
    )
    .await;
    assert_eq!(status, 201, "{application}");
    let id = application["id"].as_i64().unwrap();
    for to in ["short_list", "references", "ceo_interview", "offer"] {
        let (status, body) = call(
            &c.app,
            Method::POST,
            &format!("/applications/{id}/move"),
            &c.recruiter,
            json!({"to": to}),
        )
        .await;
        assert_eq!(status, 200, "{to}: {body}");
    }
    let hired = hire_through_offer(&c.app, &c.recruiter, id, &today()).await;
    assert_eq!(hired["stage"], "hired", "{hired}");
    assert_eq!(fake.vacancy_archived(&hh_id), Some(false));

    // The start, confirmed on the page, fills the position (its headcount is one).
    let started = c
        .app
        .post_form(
            &format!("/applications/{id}/move"),
            &[("to", "started"), ("date", &today()), ("confirmed", "1")],
        )
        .await;
    assert_eq!(started.status(), 303);
    let (_, shown) = call(
        &c.app,
        Method::GET,
        &format!("/positions/{position}"),
        &c.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(shown["status"], "filled", "{shown}");
    assert_eq!(fake.vacancy_archived(&hh_id), Some(true));
    assert_eq!(stored(&c.app, position).await.unwrap().status, "archived");
}

#[tokio::test]
async fn a_hold_stands_when_hh_fails_to_archive_and_the_round_archives_later() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;
    let hh_id = publish_by_api(&c, position).await["hh_vacancy_id"]
        .as_str()
        .unwrap()
        .to_owned();
    fake.fail_next("PUT", "/employers/", 503, Value::Null, None, 1);

    // The page's hold: the position is held whatever hh answered.
    let held = c
        .app
        .post_form(
            &format!("/positions/{position}/status"),
            &[("action", "hold")],
        )
        .await;
    assert_eq!(held.status(), 303);
    let (_, shown) = call(
        &c.app,
        Method::GET,
        &format!("/positions/{position}"),
        &c.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(shown["status"], "on_hold");
    assert_eq!(fake.vacancy_archived(&hh_id), Some(false));
    let row = stored(&c.app, position).await.unwrap();
    assert_eq!(row.status, "published");
    let error = row.last_error.expect("the failure is kept");
    assert!(error.contains("hh.ru"), "{error}");
    let page = c
        .app
        .get(&format!("/positions/{position}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("data-hh-error"), "{page}");

    // The scheduled round's catch-up archives what is still live on a closed position.
    let app = hireloop::app::Application::build(test_config(c.app.database_url.clone(), false))
        .await
        .unwrap();
    let archived = hireloop::hh::archive::archive_closed(app.state())
        .await
        .unwrap();
    assert_eq!(archived, 1);
    assert_eq!(fake.vacancy_archived(&hh_id), Some(true));
    let row = stored(&c.app, position).await.unwrap();
    assert_eq!(row.status, "archived");
    assert_eq!(row.last_error, None);
    assert_eq!(
        hireloop::hh::archive::archive_closed(app.state())
            .await
            .unwrap(),
        0,
        "nothing left to archive"
    );
}
