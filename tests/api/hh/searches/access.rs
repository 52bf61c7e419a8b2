//! Who may do what with searches, and removing one (asking first).

use hireloop::entities::{application, hh_resume_search, hh_search_hit};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::*;
use crate::helpers::{client, location};
use crate::hh::fake::FakeHh;

#[tokio::test]
async fn interviewers_cannot_see_or_run_searches_and_the_hiring_manager_only_reads() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    let interviewer = hh.app.token_for("interviewer").await;
    let manager = hh.app.token_for("hiring_manager").await;
    for (token, method, path, want) in [
        (
            &interviewer,
            Method::GET,
            format!("/positions/{position}/hh/searches"),
            403,
        ),
        (
            &interviewer,
            Method::GET,
            format!("/hh/searches/{id}/hits"),
            403,
        ),
        (
            &interviewer,
            Method::POST,
            format!("/hh/searches/{id}/run"),
            403,
        ),
        (
            &manager,
            Method::GET,
            format!("/hh/searches/{id}/hits"),
            200,
        ),
        (
            &manager,
            Method::POST,
            format!("/hh/searches/{id}/run"),
            403,
        ),
        (&manager, Method::DELETE, format!("/hh/searches/{id}"), 403),
    ] {
        let (status, body) = call(&hh.app, method.clone(), &path, token, json!({})).await;
        assert_eq!(status, want, "{method} {path}: {body}");
    }
    // The page too, in an interviewer's browser.
    let browser = client();
    let email = hh.app.add_user("interviewer").await;
    let login = browser.get(hh.app.url("/login")).send().await.unwrap();
    let csrf = crate::helpers::csrf_in(&login.text().await.unwrap()).unwrap();
    let signed = browser
        .post(hh.app.url("/login"))
        .form(&[
            ("email", email.as_str()),
            ("password", crate::helpers::PASSWORD),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    let page = browser
        .get(hh.app.url(&format!("/hh/searches/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    assert_eq!(
        row(&hh.app, id).await.last_viewed_at,
        None,
        "no look recorded"
    );
}

#[tokio::test]
async fn removing_a_search_asks_first_and_keeps_the_long_list() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    fake.add_searchable_resume(resume("Анна", "Смирнова", "Аккаунт-менеджер"));
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    assert_eq!(run_now(&hh, id).await.0, 200);
    let hit = first_hit(&hh, id).await;
    assert_eq!(long_list(&hh, hit).await.0, 201);

    let asked = hh
        .app
        .post_form(&format!("/hh/searches/{id}/remove"), &[])
        .await;
    assert_eq!(asked.status(), 200);
    assert!(asked.text().await.unwrap().contains("confirmed"));
    assert!(
        hh_resume_search::Entity::find_by_id(id as i32)
            .one(&hh.app.db)
            .await
            .unwrap()
            .is_some()
    );
    let removed = hh
        .app
        .post_form(&format!("/hh/searches/{id}/remove"), &[("confirmed", "1")])
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(
        location(&removed),
        format!("/positions/{position}/hh/searches")
    );
    assert!(
        hh_resume_search::Entity::find_by_id(id as i32)
            .one(&hh.app.db)
            .await
            .unwrap()
            .is_none()
    );
    let left = hh_search_hit::Entity::find()
        .filter(hh_search_hit::Column::SearchId.eq(id as i32))
        .all(&hh.app.db)
        .await
        .unwrap();
    assert!(left.is_empty(), "its hits went with it");
    assert_eq!(
        application::Entity::find()
            .all(&hh.app.db)
            .await
            .unwrap()
            .len(),
        1
    );
}
