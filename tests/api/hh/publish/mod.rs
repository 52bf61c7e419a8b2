//! Publishing positions on hh.ru, through the app's pages and API against the fake hh (which
//! keeps what was published and refuses what hh refuses): publish, a field hh refuses shown
//! beside it, no publications left, the API's answers. `changes` has updates and archives,
//! `spec` runs it all through Prism so that hh's own spec checks every request.

mod changes;
mod spec;

use hireloop::entities::hh_vacancy;
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::fake::FakeHh;
use super::support::{Connected, connected};
use crate::helpers::{TestApp, call, location};

/// An open position for a middle account manager in Moscow, working hybrid: its id.
async fn moscow_position(c: &Connected, title: &str) -> i64 {
    let (status, created) = call(
        &c.app,
        Method::POST,
        "/positions",
        &c.recruiter,
        json!({"title": title, "grade": "middle", "reports_to": "Account Director",
               "headcount": 1, "city": "Москва", "work_format": "hybrid",
               "profile": {"company": "Орбита — агентство полного цикла",
                           "duties": "Вести ключевых клиентов\nГотовить отчёты"}}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, body) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{id}/open"),
        &c.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    id
}

async fn stored(app: &TestApp, position: i64) -> Option<hh_vacancy::Model> {
    hh_vacancy::Entity::find()
        .filter(hh_vacancy::Column::PositionId.eq(position as i32))
        .one(&app.db)
        .await
        .unwrap()
}

/// The publish form as a recruiter fills it for a Moscow position, with `changes` typed over.
fn form(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![
        ("billing_type", "standard"),
        ("area", "1"),
        ("professional_role", "70"),
        ("experience", "between1And3"),
        ("work_format", "HYBRID"),
        ("employment_form", "FULL"),
    ];
    for (name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = value;
        }
    }
    fields
}

async fn publish_by_api(c: &Connected, position: i64) -> Value {
    let (status, body) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{position}/hh/publish"),
        &c.recruiter,
        json!({"billing_type": "standard"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test]
async fn a_published_position_keeps_its_hh_link_and_its_page_shows_it() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;

    let page = c.app.get(&format!("/positions/{position}/hh")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    // The employer's publication types, read from hh, in a select; the city gave the area.
    assert!(html.contains(r#"<option value="standard_plus""#), "{html}");
    assert!(
        html.contains(r#"name="area" type="text" value="1""#),
        "{html}"
    );
    assert!(
        html.contains("<strong>Что предстоит делать</strong>"),
        "{html}"
    );

    let published = c
        .app
        .post_form(&format!("/positions/{position}/hh/publish"), &form(&[]))
        .await;
    assert_eq!(published.status(), 303);
    assert_eq!(location(&published), format!("/positions/{position}#hh"));

    let row = stored(&c.app, position).await.expect("the vacancy is kept");
    assert_eq!(row.status, "published");
    assert_eq!(row.billing_type, "standard");
    assert_eq!(
        row.url,
        format!("https://hh.ru/vacancy/{}", row.hh_vacancy_id)
    );
    assert_eq!(row.published_hash.len(), 64);
    assert_eq!(fake.vacancy_ids(), vec![row.hh_vacancy_id.clone()]);

    // What hh got: the position's title, its text as hh's HTML, the band as hh's pay.
    let sent = fake.vacancy(&row.hh_vacancy_id).unwrap();
    assert_eq!(sent["name"], "Аккаунт-менеджер");
    let description = sent["description"].as_str().unwrap();
    assert!(
        description.contains("<li>Вести ключевых клиентов</li>"),
        "{description}"
    );
    assert!(!description.contains("##"), "{description}");
    assert_eq!(sent["salary_range"]["from"], 90_000);
    assert_eq!(sent["salary_range"]["to"], 140_000);
    assert_eq!(sent["salary_range"]["currency"], "RUR");
    assert_eq!(sent["salary_range"]["gross"], true);
    assert_eq!(sent["area"]["id"], "1");
    assert_eq!(sent["billing_type"]["id"], "standard");
    assert_eq!(sent["professional_roles"][0]["id"], "70");
    assert_eq!(sent["work_format"][0]["id"], "HYBRID");

    let page = c
        .app
        .get(&format!("/positions/{position}"))
        .await
        .text()
        .await
        .unwrap();
    // minijinja writes `/` as `&#x2f;` inside attributes and text.
    let link = row.url.replace('/', "&#x2f;");
    assert!(page.contains(&link), "the link is on the position page");
    assert!(page.contains(r#"data-hh-status="published""#), "{page}");
    assert!(!page.contains("data-hh-changed"), "nothing changed yet");
}

#[tokio::test]
async fn a_field_hh_refuses_comes_back_beside_it_with_what_was_typed() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;

    // 113 is Russia: hh refuses an area that is not a city.
    let refused = c
        .app
        .post_form(
            &format!("/positions/{position}/hh/publish"),
            &form(&[("area", "113"), ("professional_role", "70")]),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    let beside_area = html
        .split(r#"id="e-area""#)
        .nth(1)
        .expect("a message beside the area");
    assert!(
        beside_area.starts_with(">hh.ru не принял поле area."),
        "{beside_area}"
    );
    assert!(
        html.contains(r#"name="area" type="text" value="113""#),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="between1And3" selected>"#),
        "{html}"
    );
    assert!(stored(&c.app, position).await.is_none(), "nothing kept");

    // What the app can tell without asking hh: a city typed instead of hh's id.
    let before = fake.hits("POST", "/vacancies");
    let typed = c
        .app
        .post_form(
            &format!("/positions/{position}/hh/publish"),
            &form(&[("area", "Москва")]),
        )
        .await;
    assert_eq!(typed.status(), 422);
    let html = typed.text().await.unwrap();
    assert!(html.contains(r#"id="e-area""#), "{html}");
    assert!(html.contains(r#"value="Москва""#), "{html}");
    assert_eq!(fake.hits("POST", "/vacancies"), before, "hh not asked");

    // The API says the same as 422 problem details naming the field.
    let (status, problem) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{position}/hh/publish"),
        &c.recruiter,
        json!({"billing_type": "standard", "area": "113"}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "area", "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("chosen_area_is_not_a_leaf_or_not_exist"),
        "{problem}"
    );
    assert!(fake.vacancy_ids().is_empty());
}

#[tokio::test]
async fn no_publications_left_is_said_in_those_words() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;
    fake.set_publications_left(0);

    let refused = c
        .app
        .post_form(
            &format!("/positions/{position}/hh/publish"),
            &form(&[("billing_type", "premium")]),
        )
        .await;
    assert_eq!(refused.status(), 409);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("На аккаунте hh.ru закончились оплаченные публикации этого типа"),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="premium" selected>"#),
        "{html}"
    );

    let (status, problem) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{position}/hh/publish"),
        &c.recruiter,
        json!({"billing_type": "standard"}),
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("No paid publications of this type are left"),
        "{problem}"
    );
    assert!(stored(&c.app, position).await.is_none());
}

#[tokio::test]
async fn the_api_publishes_once_archives_and_refuses_what_it_must() {
    let fake = FakeHh::start().await;
    let c = connected(&fake).await;
    let position = moscow_position(&c, "Аккаунт-менеджер").await;
    let path = |action: &str| format!("/positions/{position}/hh{action}");

    let (status, none) = call(&c.app, Method::GET, &path(""), &c.recruiter, Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(none, json!({"position_id": position, "vacancy": null}));

    let published = publish_by_api(&c, position).await;
    let hh_id = published["hh_vacancy_id"].as_str().unwrap();
    assert!(fake.vacancy_ids().contains(&hh_id.to_owned()));
    assert_eq!(
        published["url"],
        format!("https://hh.ru/vacancy/{hh_id}"),
        "{published}"
    );
    assert_eq!(published["status"], "published");
    assert_eq!(published["responses_count"], 0);
    assert_eq!(published["changed"], false);
    assert!(published["published_at"].is_string());

    let (status, again) = call(
        &c.app,
        Method::POST,
        &path("/publish"),
        &c.recruiter,
        json!({"billing_type": "standard"}),
    )
    .await;
    assert_eq!(status, 409, "{again}");
    assert_eq!(fake.vacancy_ids().len(), 1, "published once");

    let (status, archived) = call(
        &c.app,
        Method::POST,
        &path("/archive"),
        &c.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{archived}");
    assert_eq!(archived["status"], "archived");
    assert!(archived["archived_at"].is_string());
    let (status, _) = call(
        &c.app,
        Method::POST,
        &path("/update"),
        &c.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "an archived vacancy is not updated");

    // An open position with an archived vacancy is published again, linked to the old one.
    let (status, renewed) = call(
        &c.app,
        Method::POST,
        &path("/publish"),
        &c.recruiter,
        json!({"billing_type": "free"}),
    )
    .await;
    assert_eq!(status, 201, "{renewed}");
    let new_id = renewed["hh_vacancy_id"].as_str().unwrap();
    assert_ne!(new_id, hh_id);
    assert_eq!(fake.vacancy(new_id).unwrap()["previous_id"], hh_id);

    // Only open positions are published; other roles may not.
    let draft = call(
        &c.app,
        Method::POST,
        "/positions",
        &c.recruiter,
        json!({"title": "Черновик", "grade": "junior", "reports_to": "Account Director"}),
    )
    .await
    .1["id"]
        .as_i64()
        .unwrap();
    let (status, problem) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{draft}/hh/publish"),
        &c.recruiter,
        json!({"billing_type": "standard"}),
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("is not open"));
    let interviewer = c.app.token_for("interviewer").await;
    let (status, _) = call(
        &c.app,
        Method::POST,
        &path("/archive"),
        &interviewer,
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN.as_u16());
}
