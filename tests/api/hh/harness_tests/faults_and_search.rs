//! Resume search, saved searches with what is new since the last look, and scripted faults.

use super::*;
use crate::hh::fake::ResumeSeed;

fn resume(title: &str, first_name: &str, last_name: &str) -> ResumeSeed {
    ResumeSeed {
        title: title.to_owned(),
        ..ResumeSeed::named(first_name, last_name)
    }
}

/// The first saved search as `GET /saved_searches/resumes` shows it.
async fn saved_search(hh: &Hh) -> Value {
    let (status, body) = hh.get("/saved_searches/resumes").await;
    assert_eq!(status, 200, "{body}");
    body["items"][0].clone()
}

#[tokio::test]
async fn saved_searches_count_what_appeared_since_the_last_look() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    let first = fake.add_searchable_resume(resume("Аккаунт-менеджер", "Анна", "Смирнова"));
    fake.add_searchable_resume(resume("Бухгалтер", "Олег", "Иванов"));
    let search_id = fake.add_saved_search("Аккаунты в Москве", "аккаунт-менеджер");

    let search = saved_search(&hh).await;
    assert_eq!(search["id"], search_id.as_str());
    assert_eq!(search["name"], "Аккаунты в Москве");
    assert_eq!(
        (&search["items"]["count"], &search["new_items"]["count"]),
        (&json!(1), &json!(0))
    );

    let newer = fake.add_searchable_resume(resume("Аккаунт-менеджер", "Мария", "Орлова"));
    let search = saved_search(&hh).await;
    assert_eq!(
        (&search["items"]["count"], &search["new_items"]["count"]),
        (&json!(2), &json!(1))
    );
    let (status, new) = hh.get(search["new_items"]["url"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{new}");
    assert_eq!(new["found"], 1);
    assert_eq!(new["items"][0]["id"], newer.as_str());
    assert_eq!(
        saved_search(&hh).await["new_items"]["count"],
        0,
        "looked at: nothing new"
    );
    let all = hh.get(search["items"]["url"].as_str().unwrap()).await.1;
    assert_eq!(all["items"][0]["id"], newer.as_str());
    assert_eq!(all["items"][1]["id"], first.as_str());

    let by_text = hh.get("/resumes?text=бухгалтер").await.1;
    assert_eq!(by_text["found"], 1);
    assert_eq!(by_text["items"][0]["last_name"], "Иванов");
    let by_name = hh.get("/resumes?text=Орлова&per_page=1").await.1;
    assert_eq!(
        (&by_name["found"], &by_name["per_page"]),
        (&json!(1), &json!(1))
    );
    let everyone = hh.get("/resumes").await.1;
    assert_eq!(everyone["found"], 3);
}

#[tokio::test]
async fn scripted_faults_come_first_then_the_fake_recovers() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    let vacancy = publish(&hh).await;
    let path = format!("/vacancies/{vacancy}");
    let too_many = json!({"errors": [{"type": "too_many_requests"}]});
    fake.fail_next("get", "/vacancies/", 429, too_many.clone(), Some(7), 2);
    fake.fail_next("POST", "/vacancies", 503, Value::Null, None, 1);

    for _ in 0..2 {
        let response = hh.request(Method::GET, &path).send().await.unwrap();
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "7");
        assert_eq!(read(response).await.1, too_many);
    }
    assert_eq!(hh.get(&path).await.0, 200);
    assert_eq!(fake.hits("GET", "/vacancies/"), 3);

    let unavailable = hh
        .request(Method::POST, "/vacancies")
        .json(&vacancy_with("name", json!("Другая")))
        .send()
        .await
        .unwrap();
    assert_eq!(unavailable.status(), 503);
    assert_eq!(unavailable.text().await.unwrap(), "");
    assert_eq!(
        fake.vacancy_ids().len(),
        1,
        "a faulted publish publishes nothing"
    );
    publish(&hh).await;
    assert_eq!(fake.hits("POST", "/vacancies"), 3);
    // Faults come before the token check too: a 503 is a 503 whoever asks.
    fake.fail_next("GET", "/me", 503, Value::Null, None, 1);
    let anonymous = client()
        .get(format!("{}/me", fake.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 503);
}
