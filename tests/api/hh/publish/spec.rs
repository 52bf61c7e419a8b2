//! hh's spec as the judge: Prism in front of the fake hh checks every request publishing,
//! updating and archiving send.

use hireloop::entities::hh_connection;
use reqwest::Method;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::json;

use super::{form, moscow_position};
use crate::helpers::call;
use crate::hh::fake::FakeHh;
use crate::hh::prism::Prism;
use crate::hh::support::connected;

/// Publish, read, update and archive with Prism between the app and the fake: hh's spec checks
/// every request the connector sends (and every answer the fake gives).
#[tokio::test]
async fn every_request_publishing_sends_is_one_hhs_spec_accepts() {
    let fake = FakeHh::start().await;
    let Some(prism) = Prism::proxy(&fake.base).await else {
        return;
    };
    let c = connected(&fake).await;
    hh_connection::Entity::update(hh_connection::ActiveModel {
        id: Set(1),
        api_base: Set(prism.base.clone()),
        ..Default::default()
    })
    .exec(&c.app.db)
    .await
    .unwrap();
    let position = moscow_position(&c, "Аккаунт-менеджер").await;

    let page = c.app.get(&format!("/positions/{position}/hh")).await;
    assert_eq!(page.status(), 200);
    let published = c
        .app
        .post_form(&format!("/positions/{position}/hh/publish"), &form(&[]))
        .await;
    assert_eq!(published.status(), 303);
    let (status, body) = call(
        &c.app,
        Method::PUT,
        &format!("/positions/{position}/vacancy"),
        &c.recruiter,
        json!({"lang": "ru", "text": "Ищем аккаунт-менеджера в Москве."}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let asked = c
        .app
        .post_form(&format!("/positions/{position}/hh/update"), &[])
        .await;
    assert_eq!(asked.status(), 200);
    let updated = c
        .app
        .post_form(
            &format!("/positions/{position}/hh/update"),
            &[("confirmed", "1")],
        )
        .await;
    assert_eq!(updated.status(), 303);
    let (status, archived) = call(
        &c.app,
        Method::POST,
        &format!("/positions/{position}/hh/archive"),
        &c.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{archived}");

    for (method, path) in [
        ("GET", "/dictionaries"),
        ("POST", "/vacancies"),
        ("GET", "/vacancies/"),
        ("PUT", "/vacancies/"),
        ("PUT", "/employers/"),
    ] {
        assert!(fake.hits(method, path) > 0, "{method} {path} went through");
    }
    assert_eq!(prism.violations().await, [], "{}", prism.log());
}
