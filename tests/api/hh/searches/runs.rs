//! Running searches: on their turn and "Run now", what is new, two instances at once, hh
//! asking to wait, saved searches, and the requests checked against hh's spec.

use hireloop::entities::hh_connection;
use hireloop::hh::searches::run_due;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use serde_json::{Value, json};

use super::*;
use crate::hh::fake::FakeHh;
use crate::hh::prism::Prism;

#[tokio::test]
async fn a_search_runs_on_its_turn_and_only_what_it_had_not_found_is_new() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    fake.add_searchable_resume(resume("Анна", "Смирнова", "Аккаунт-менеджер"));
    fake.add_searchable_resume(resume("Олег", "Иванов", "Бухгалтер"));
    let search = add_search(
        &hh,
        position,
        json!({"name": "Аккаунты в Москве", "text": "аккаунт-менеджер", "area": "1"}),
    )
    .await;
    let id = search["id"].as_i64().unwrap();
    assert_eq!(search["every_days"], 3, "the connection's cadence");
    assert_eq!(
        (&search["text"], &search["area"]),
        (&json!("аккаунт-менеджер"), &json!("1"))
    );

    let round = instance(&hh.app).await;
    assert_eq!(run_due(&round).await.unwrap(), 1);
    let sent = fake.requests_to("/resumes");
    let query: Vec<(String, String)> = serde_urlencoded::from_str(&sent[0].query).unwrap();
    for pair in [("text", "аккаунт-менеджер"), ("area", "1"), ("page", "0")] {
        assert!(
            query.contains(&(pair.0.to_owned(), pair.1.to_owned())),
            "{query:?}"
        );
    }
    let first = hits(&hh, id, false).await;
    assert_eq!(names(&first), ["Анна Смирнова"]);
    let hit = &first["items"][0];
    assert_eq!(hit["new"], true);
    assert_eq!(
        (&hit["area"], &hit["salary"]),
        (&json!("Москва"), &json!(120000))
    );
    assert_eq!(hit["currency"], "RUB");
    let turn = row(&hh.app, id).await;
    assert!(
        (2.9..3.1).contains(&days_ahead(turn.next_run_at)),
        "next run in 3 days"
    );
    assert_eq!(run_due(&round).await.unwrap(), 0, "not its turn again yet");

    // The recruiter looks: the page marks the hit new, and the next look has nothing new.
    let page = hh.app.get(&format!("/hh/searches/{id}")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("data-new"));
    assert_eq!(hits(&hh, id, true).await["total"], 0);

    fake.add_searchable_resume(resume("Мария", "Орлова", "Аккаунт-менеджер"));
    make_due(&hh.app, id).await;
    assert_eq!(run_due(&round).await.unwrap(), 1);
    let new = hits(&hh, id, true).await;
    assert_eq!(names(&new), ["Мария Орлова"]);
    let all = hits(&hh, id, false).await;
    assert_eq!(names(&all), ["Мария Орлова", "Анна Смирнова"]);
    assert_eq!(
        all["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["new"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        [true, false]
    );
    let position_page = hh.app.get(&format!("/positions/{position}")).await;
    let html = position_page.text().await.unwrap();
    assert!(html.contains(&format!("/positions/{position}/hh/searches")));
    assert!(html.contains("1 новое"), "the badge on the position page");

    let list = hh
        .app
        .get(&format!("/positions/{position}/hh/searches"))
        .await;
    assert!(list.text().await.unwrap().contains("Аккаунты в Москве"));
    hh.app.get(&format!("/hh/searches/{id}")).await;
    assert_eq!(hits(&hh, id, true).await["total"], 0, "looking clears new");
    let html = hh
        .app
        .get(&format!("/positions/{position}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("1 новое"));
}

#[tokio::test]
async fn run_now_and_a_second_instance_at_the_same_time_run_a_search_once() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    fake.add_searchable_resume(resume("Анна", "Смирнова", "Аккаунт-менеджер"));
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    let (one, two) = (instance(&hh.app).await, instance(&hh.app).await);
    let (a, b) = tokio::join!(run_due(&one), run_due(&two));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one instance ran it");
    assert_eq!(fake.hits("GET", "/resumes"), 1);
    assert_eq!(hits(&hh, id, false).await["total"], 1);

    fake.add_searchable_resume(resume("Мария", "Орлова", "Аккаунт-менеджер"));
    let (status, outcome) = run_now(&hh, id).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome, json!({"found": 2, "new_hits": 1}));
    assert_eq!(hits(&hh, id, false).await["total"], 2, "each resume once");
}

#[tokio::test]
async fn hh_asking_to_wait_keeps_nothing_and_the_search_tries_again_after_the_wait() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    fake.add_searchable_resume(resume("Анна", "Смирнова", "Аккаунт-менеджер"));
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    let slow_down = json!({"errors": [{"type": "too_many_requests"}]});
    fake.fail_next("GET", "/resumes", 429, slow_down, Some(3600), 1);
    let round = instance(&hh.app).await;
    assert_eq!(run_due(&round).await.unwrap(), 0);
    let waiting = row(&hh.app, id).await;
    assert_eq!(waiting.last_error.as_deref(), Some("rate_limited"));
    let hours = days_ahead(waiting.next_run_at) * 24.0;
    assert!(
        (0.9..1.1).contains(&hours),
        "Retry-After honoured: {hours} h"
    );
    assert_eq!(hits(&hh, id, false).await["total"], 0, "nothing half-kept");
    assert_eq!(run_due(&round).await.unwrap(), 0, "still waiting");

    make_due(&hh.app, id).await;
    assert_eq!(run_due(&round).await.unwrap(), 1);
    assert_eq!(hits(&hh, id, false).await["total"], 1);
    assert_eq!(row(&hh.app, id).await.last_error, None);

    // hh down when asked now: 502, and the search retries on its own soon.
    fake.fail_next("GET", "/resumes", 503, Value::Null, None, 1);
    let (status, down) = run_now(&hh, id).await;
    assert_eq!(status, 502, "{down}");
    let retry = row(&hh.app, id).await;
    assert!(retry.last_error.unwrap().starts_with("unavailable"));
    assert!(
        days_ahead(retry.next_run_at) < 0.1,
        "soon, not in three days"
    );
}

#[tokio::test]
async fn a_saved_search_on_hh_is_picked_and_run_through_its_own_results() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    fake.add_searchable_resume(resume("Анна", "Смирнова", "Аккаунт-менеджер"));
    fake.add_searchable_resume(resume("Олег", "Иванов", "Бухгалтер"));
    let saved = fake.add_saved_search("Аккаунты в Москве", "аккаунт-менеджер");

    let (status, list) = call(
        &hh.app,
        Method::GET,
        "/hh/saved-searches",
        &hh.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list[0]["id"], saved.as_str());
    let page = hh
        .app
        .get(&format!("/positions/{position}/hh/searches"))
        .await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains(&format!("value=\"{saved}\""))
    );

    let (status, unknown) = call(
        &hh.app,
        Method::POST,
        &format!("/positions/{position}/hh/searches"),
        &hh.recruiter,
        json!({"saved_search_id": "999999"}),
    )
    .await;
    assert_eq!(status, 422, "{unknown}");
    assert_eq!(unknown["errors"][0]["field"], "saved_search_id");

    let search = add_search(&hh, position, json!({"saved_search_id": saved})).await;
    assert_eq!(
        search["name"], "Аккаунты в Москве",
        "hh's name when none is given"
    );
    let id = search["id"].as_i64().unwrap();
    assert_eq!(run_now(&hh, id).await.0, 200);
    assert_eq!(names(&hits(&hh, id, false).await), ["Анна Смирнова"]);
    let ran = fake.requests_to("/resumes");
    assert!(
        ran.last()
            .unwrap()
            .query
            .contains(&format!("saved_search_id={saved}"))
    );
}

#[tokio::test]
async fn the_requests_a_run_and_a_long_listing_send_are_the_ones_hh_s_spec_describes() {
    let Some(prism) = Prism::start().await else {
        return;
    };
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    // The connection as it stands (tokens and all), pointed at hh's spec instead.
    let mut to_spec = hh_connection::Entity::find_by_id(1)
        .one(&hh.app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    to_spec.api_base = Set(prism.base.clone());
    to_spec.update(&hh.app.db).await.unwrap();

    let text = add_search(
        &hh,
        position,
        json!({"text": "аккаунт-менеджер", "area": "1"}),
    )
    .await;
    let (status, list) = call(
        &hh.app,
        Method::GET,
        "/hh/saved-searches",
        &hh.recruiter,
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let saved_id = list[0]["id"].as_str().unwrap().to_owned();
    let saved = add_search(&hh, position, json!({"saved_search_id": saved_id})).await;
    for search in [&text, &saved] {
        let (status, outcome) = call(
            &hh.app,
            Method::POST,
            &format!("/hh/searches/{}/run", search["id"]),
            &hh.recruiter,
            json!({}),
        )
        .await;
        assert_eq!(status, 200, "{outcome}");
        assert!(outcome["found"].as_u64().unwrap() >= 1, "{outcome}");
    }
    let hit = hits(&hh, text["id"].as_i64().unwrap(), false).await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let (status, added) = long_list(&hh, hit).await;
    assert_eq!(status, 201, "{added}");
    let violations = prism.violations().await;
    assert!(violations.is_empty(), "the spec refused: {violations:#?}");
}
