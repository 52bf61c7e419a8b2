//! Responses from hh.ru into the long-list, through the real stack against the fake hh: a sync
//! imports each response once (a second run imports nothing), maps the resume onto the person,
//! finds a person already known by phone, pauses when hh asks to wait and goes on after the
//! pause, refreshes an expired token once, asks admins to reconnect when hh refuses the
//! tokens, and imports once when two instances sync at the same moment. Prism in front of the
//! fake checks every request the sync sends against hh's spec.

use chrono::{Duration, Utc};
use hireloop::app::Application;
use hireloop::entities::{
    application, candidate, hh_connection, hh_negotiation, hh_vacancy, notification,
};
use reqwest::{Method, StatusCode};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};
use serde_json::{Value, json};

use super::fake::{FakeHh, ResumeSeed};
use super::prism::Prism;
use super::support::{Connected, connected};
use crate::helpers::{TestApp, call, open_position, start, test_config};

/// A position opened in the app and published on the fake hh, as the publish operation leaves
/// it: `(position_id, hh vacancy id)`.
pub async fn published(hh: &Connected, fake: &FakeHh, title: &str) -> (i32, String) {
    let position = open_position(&hh.app, &hh.recruiter, title).await;
    let token = fake.current_access_token().expect("connected");
    let answer = reqwest::Client::new()
        .post(format!("{}/vacancies", fake.base))
        .header("HH-User-Agent", "Hireloop-test/1.0 (dev@hireloop.example)")
        .bearer_auth(token)
        .json(&json!({
            "name": title,
            "description": "<p>Ведение ключевых клиентов агентства.</p>",
            "area": {"id": "1"},
            "professional_roles": [{"id": "70"}],
            "billing_type": {"id": "standard"},
            "type": {"id": "open"},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::CREATED);
    let vacancy = answer.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let now = Utc::now();
    hh_vacancy::ActiveModel {
        position_id: Set(i32::try_from(position).unwrap()),
        hh_vacancy_id: Set(vacancy.clone()),
        url: Set(format!("https://hh.ru/vacancy/{vacancy}")),
        status: Set("published".into()),
        billing_type: Set("standard".into()),
        published_hash: Set("test".into()),
        published_at: Set(now),
        responses_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&hh.app.db)
    .await
    .unwrap();
    (i32::try_from(position).unwrap(), vacancy)
}

/// `POST /api/v1/integrations/hh/sync`: the status and the answer.
pub async fn sync(app: &TestApp, token: &str) -> (u16, Value) {
    call(app, Method::POST, "/integrations/hh/sync", token, json!({})).await
}

/// Another instance on the same database, not serving: its state runs the round as the job does.
pub async fn instance(app: &TestApp) -> Application {
    Application::build(test_config(app.database_url.clone(), false))
        .await
        .expect("a second instance")
}

pub async fn connection(app: &TestApp) -> hh_connection::Model {
    hh_connection::Entity::find_by_id(1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

pub async fn negotiation(app: &TestApp, nid: &str) -> hh_negotiation::Model {
    hh_negotiation::Entity::find()
        .filter(hh_negotiation::Column::HhNegotiationId.eq(nid))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the response was imported")
}

async fn count<E>(app: &TestApp) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    E::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_second_sync_imports_nothing_and_the_person_carries_the_resume() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (position, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    let (nid, resume_id) = fake.add_response(&vacancy, ResumeSeed::default());
    let hidden = ResumeSeed {
        email: None,
        phone: None,
        salary: None,
        ..ResumeSeed::named("Игорь", "Кузнецов")
    };
    fake.add_response(&vacancy, hidden);

    let (status, first) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first, json!({"imported": 2, "updated": 0, "skipped": 0}));
    let (status, second) = sync(&hh.app, &hh.admin).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(second, json!({"imported": 0, "updated": 0, "skipped": 2}));
    assert_eq!(count::<candidate::Entity>(&hh.app).await, 2);
    assert_eq!(count::<hh_negotiation::Entity>(&hh.app).await, 2);

    let imported = negotiation(&hh.app, &nid).await;
    let (_, person) = call(
        &hh.app,
        Method::GET,
        &format!("/candidates/{}", imported.candidate_id),
        &hh.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(person["full_name"], "Анна Смирнова");
    assert_eq!(person["email"], "anna.smirnova@example.com");
    assert_eq!(person["phone"], "+79161234567");
    assert_eq!(person["current_title"], "Аккаунт-менеджер");
    assert_eq!(person["expected_salary"], 120000);
    assert_eq!(person["currency"], "RUB");
    // The resume was read at the address the response gave (hh counts it as viewed).
    let read = fake.requests_to(&format!("/resumes/{resume_id}"));
    assert_eq!(
        read.len(),
        1,
        "one read of the resume, on the first sync only"
    );
    assert!(read[0].query_param("topic_id").is_some(), "{:?}", read[0]);

    let (_, application) = call(
        &hh.app,
        Method::GET,
        &format!("/applications/{}", imported.application_id),
        &hh.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(application["position_id"], position);
    assert_eq!(application["stage"], "long_list");
    assert_eq!(application["source"], "job_board");
    assert_eq!(application["hh"]["negotiation_id"], nid.as_str());
    assert_eq!(application["hh"]["resume_id"], resume_id.as_str());
    assert!(
        application["hh"]["resume_url"]
            .as_str()
            .is_some_and(|u| u.contains(&resume_id)),
        "{application}"
    );
    let stored = application::Entity::find_by_id(imported.application_id)
        .one(&hh.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.channel.as_deref(), Some("hh"));
    let vacancy_row = hh_vacancy::Entity::find()
        .one(&hh.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(vacancy_row.responses_count, 2);
    assert!(vacancy_row.last_synced_at.is_some());
    assert!(connection(&hh.app).await.last_sync_at.is_some());
}

#[tokio::test]
async fn a_person_already_known_by_phone_gets_the_application_and_no_twin() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (position, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    let (status, known) = call(
        &hh.app,
        Method::POST,
        "/candidates",
        &hh.recruiter,
        json!({"full_name": "Анна Смирнова", "phone": "8 (916) 123-45-67"}),
    )
    .await;
    assert_eq!(status, 201, "{known}");
    fake.add_response(&vacancy, ResumeSeed::default());

    let (status, outcome) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["imported"], 1);
    assert_eq!(count::<candidate::Entity>(&hh.app).await, 1, "no twin");
    let applications = application::Entity::find()
        .filter(application::Column::CandidateId.eq(known["id"].as_i64().unwrap() as i32))
        .all(&hh.app.db)
        .await
        .unwrap();
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0].position_id, position);
}

#[tokio::test]
async fn hh_asking_to_wait_pauses_the_round_and_the_round_after_the_pause_imports() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (_, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    fake.add_response(&vacancy, ResumeSeed::default());
    let other = instance(&hh.app).await;
    let too_many = json!({"errors": [{"type": "too_many_requests"}]});
    fake.fail_next("GET", "/negotiations", 429, too_many, Some(120), 1);

    hireloop::hh::round::scheduled(other.state().clone())
        .await
        .unwrap();
    let paused = connection(&hh.app).await;
    let until = paused.sync_paused_until.expect("the round paused");
    let asked = until - Utc::now();
    assert!(
        asked > Duration::seconds(100) && asked <= Duration::seconds(120),
        "Retry-After honoured: {asked}"
    );
    assert!(paused.sync_error.is_some());
    assert!(paused.last_sync_at.is_none());
    assert_eq!(count::<hh_negotiation::Entity>(&hh.app).await, 0);

    // While paused, neither the round nor a hand-started sync calls hh.
    let calls = fake.hits("GET", "/negotiations");
    hireloop::hh::round::scheduled(other.state().clone())
        .await
        .unwrap();
    let response = hh
        .app
        .api(Method::POST, "/integrations/hh/sync", &hh.recruiter)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().get("retry-after").is_some());
    assert_eq!(fake.hits("GET", "/negotiations"), calls);

    // The pause is over (set rather than waited for): the next round imports.
    let mut active = paused.into_active_model();
    active.sync_paused_until = Set(Some(Utc::now() - Duration::seconds(1)));
    active.update(&hh.app.db).await.unwrap();
    hireloop::hh::round::scheduled(other.state().clone())
        .await
        .unwrap();
    assert_eq!(count::<hh_negotiation::Entity>(&hh.app).await, 1);
    let after = connection(&hh.app).await;
    assert_eq!(after.sync_error, None);
    assert_eq!(after.sync_paused_until, None);
    assert!(after.last_sync_at.is_some());
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_sync_goes_on() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (_, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    fake.add_response(&vacancy, ResumeSeed::default());
    let issued = fake.tokens_issued();
    fake.expire_access_token();

    let (status, outcome) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["imported"], 1);
    assert_eq!(fake.tokens_issued(), issued + 1, "one refresh");
    let row = connection(&hh.app).await;
    assert!(!row.needs_reconnect);
    assert_eq!(row.sync_error, None);
}

#[tokio::test]
async fn a_refused_refresh_asks_admins_to_reconnect_and_the_round_waits_for_them() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (_, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    fake.add_response(&vacancy, ResumeSeed::default());
    fake.expire_access_token();
    fake.revoke_tokens();

    let (status, refused) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(status, 409, "{refused}");
    let row = connection(&hh.app).await;
    assert!(row.needs_reconnect);
    assert!(row.sync_error.is_some());
    assert_eq!(count::<hh_negotiation::Entity>(&hh.app).await, 0);
    let told = notification::Entity::find()
        .filter(notification::Column::Kind.eq("hh_reconnect"))
        .count(&hh.app.db)
        .await
        .unwrap();
    assert!(told >= 1, "admins are told");
    let page = hh.app.get("/admin/hh").await.text().await.unwrap();
    assert!(page.contains("/integrations/hh/connect"), "{page}");

    // The round does not knock on hh with dead tokens.
    let calls = fake.requests().len();
    let other = instance(&hh.app).await;
    hireloop::hh::round::scheduled(other.state().clone())
        .await
        .unwrap();
    assert_eq!(fake.requests().len(), calls);
}

#[tokio::test]
async fn two_instances_syncing_at_once_import_each_response_once() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (_, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    for (first, last) in [
        ("Анна", "Смирнова"),
        ("Игорь", "Кузнецов"),
        ("Ольга", "Лебедева"),
    ] {
        let seed = ResumeSeed {
            phone: None,
            ..ResumeSeed::named(first, last)
        };
        fake.add_response(&vacancy, seed);
    }
    // A sync just done: the new instance's first round must not take the work before the
    // two syncs below race for it.
    let mut active = connection(&hh.app).await.into_active_model();
    active.last_sync_at = Set(Some(Utc::now()));
    active.update(&hh.app.db).await.unwrap();
    let (second, _stop) = start(test_config(hh.app.database_url.clone(), false)).await;
    let at_second = async {
        let response = crate::helpers::client()
            .post(format!("{second}/api/v1/integrations/hh/sync"))
            .bearer_auth(&hh.admin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json::<Value>().await.unwrap()
    };
    let ((status, one), two) = tokio::join!(sync(&hh.app, &hh.recruiter), at_second);
    assert_eq!(status, 200, "{one}");
    assert_eq!(
        one["imported"].as_i64().unwrap() + two["imported"].as_i64().unwrap(),
        3,
        "{one} {two}"
    );
    assert_eq!(count::<hh_negotiation::Entity>(&hh.app).await, 3);
    assert_eq!(count::<candidate::Entity>(&hh.app).await, 3);
    assert_eq!(count::<application::Entity>(&hh.app).await, 3);
}

#[tokio::test]
async fn the_admin_page_fetches_responses_and_says_how_many() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (_, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    fake.add_response(&vacancy, ResumeSeed::default());

    let fetched = hh.app.post_form("/admin/hh/sync", &[]).await;
    assert_eq!(fetched.status(), 303);
    let page = hh.app.get("/admin/hh").await.text().await.unwrap();
    assert!(page.contains("новых — 1"), "{page}");
    assert_eq!(count::<hh_negotiation::Entity>(&hh.app).await, 1);
}

#[tokio::test]
async fn every_request_of_a_sync_passes_hh_spec() {
    let fake = FakeHh::start().await;
    let Some(prism) = Prism::proxy(&fake.base).await else {
        return;
    };
    let hh = connected(&fake).await;
    let (_, vacancy) = published(&hh, &fake, "Аккаунт-менеджер").await;
    fake.add_response(&vacancy, ResumeSeed::default());
    // Calls go through Prism, which checks them and passes them on to the fake.
    let mut row = connection(&hh.app).await.into_active_model();
    row.api_base = Set(prism.base.clone());
    row.update(&hh.app.db).await.unwrap();

    let (status, outcome) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["imported"], 1);
    let violations = prism.violations().await;
    assert!(violations.is_empty(), "{violations:#?}");
}
