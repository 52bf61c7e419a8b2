//! The fake's vacancies: hh's validation errors per field, publications running out, the
//! vacancy as hh shows it, edits, archiving and the employer's lists.

use super::*;

/// The errors hh gave for a refused vacancy, as `(field, reason)`.
fn refused_fields(body: &Value) -> Vec<(String, String)> {
    errors(body)
        .iter()
        .map(|e| {
            assert_eq!(e["type"], "bad_json_data", "{body}");
            (
                e["value"].as_str().unwrap_or("").to_owned(),
                e["reason"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn pair(field: &str, reason: &str) -> (String, String) {
    (field.to_owned(), reason.to_owned())
}

#[tokio::test]
async fn a_vacancy_hh_would_refuse_gets_hhs_400_naming_the_field() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    let cases = [
        (vacancy_with("name", Value::Null), pair("name", "required")),
        (vacancy_with("name", json!("  ")), pair("name", "is_empty")),
        (
            vacancy_with("description", json!("Пишите на hr@agency.example")),
            pair("description", "email_in_description"),
        ),
        (
            vacancy_with("area", json!({"id": "113"})),
            pair("area", "chosen_area_is_not_a_leaf_or_not_exist"),
        ),
        (
            vacancy_with("professional_roles", json!([])),
            pair("professional_roles", "required"),
        ),
        (
            vacancy_with("billing_type", Value::Null),
            pair("billing_type", "required"),
        ),
        (
            vacancy_with("experience", json!({"id": "a-lot"})),
            pair("experience", "invalid"),
        ),
        (
            vacancy_with(
                "salary_range",
                json!({"from": 200000, "to": 100000, "currency": "RUR", "gross": true, "mode": {"id": "MONTH"}}),
            ),
            pair("salary_range", "invalid"),
        ),
        (
            vacancy_with("salary", json!({"from": 100000, "currency": "DOGE"})),
            pair("salary", "currency_code_is_invalid"),
        ),
    ];
    for (fields, expected) in cases {
        let (status, body) = hh.send(Method::POST, "/vacancies", &fields).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            refused_fields(&body),
            std::slice::from_ref(&expected),
            "{body}"
        );
        assert_eq!(body["bad_arguments"][0]["name"], expected.0.as_str());
        assert!(body["request_id"].is_string());
    }
    let not_json = hh
        .request(Method::POST, "/vacancies")
        .header("content-type", "application/json")
        .body("{name")
        .send()
        .await
        .unwrap();
    let (status, body) = read(not_json).await;
    assert_eq!(
        (status, errors(&body)),
        (400, vec![json!({"type": "bad_json_data"})])
    );
    assert!(fake.vacancy_ids().is_empty());
}

#[tokio::test]
async fn a_published_vacancy_reads_back_edits_and_archives() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    let published = hh
        .request(Method::POST, "/vacancies")
        .json(&vacancy())
        .send()
        .await
        .unwrap();
    assert_eq!(published.status(), 201);
    let location = published.headers()["location"].to_str().unwrap().to_owned();
    let id = read(published).await.1["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/vacancies/{id}"));
    assert_eq!(fake.vacancy(&id).unwrap()["name"], vacancy()["name"]);

    let (status, shown) = hh.get(&format!("/vacancies/{id}")).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["id"], id.as_str());
    assert_eq!(shown["name"], vacancy()["name"]);
    assert_eq!(
        shown["alternate_url"],
        format!("https://hh.ru/vacancy/{id}").as_str()
    );
    assert_eq!(shown["area"]["name"], "Москва");
    assert_eq!(shown["experience"]["name"], "От 1 года до 3 лет");
    assert_eq!(shown["salary_range"]["mode"]["name"], "За месяц");
    assert_eq!(shown["counters"]["responses"], 0);
    fake.add_response(&id, Default::default());
    assert_eq!(
        hh.get(&format!("/vacancies/{id}")).await.1["counters"]["responses"],
        1
    );

    let path = format!("/vacancies/{id}");
    let renamed = json!({"name": "Старший аккаунт-менеджер"});
    assert_eq!(hh.send(Method::PUT, &path, &renamed).await.0, 204);
    assert_eq!(hh.get(&path).await.1["name"], "Старший аккаунт-менеджер");
    let (status, body) = hh
        .send(Method::PUT, &path, &json!({"salary_range": {"from": 1, "to": 0, "currency": "RUR", "gross": true, "mode": {"id": "MONTH"}}}))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errors"][0]["value"], "salary_range");
    assert_eq!(hh.get("/vacancies/1").await.0, 404);

    let employer = fake.employer_id();
    let active = hh
        .get(&format!("/employers/{employer}/vacancies/active"))
        .await;
    assert_eq!(active.0, 200, "{}", active.1);
    assert_eq!(active.1["found"], 1);
    assert_eq!(active.1["items"][0]["id"], id.as_str());
    let archive = format!("/employers/{employer}/vacancies/archived/{id}");
    assert_eq!(hh.send(Method::PUT, &archive, &json!({})).await.0, 204);
    assert_eq!(fake.vacancy_archived(&id), Some(true));
    let active = hh
        .get(&format!("/employers/{employer}/vacancies/active"))
        .await;
    assert_eq!(active.1["found"], 0);
    let archived = hh
        .get(&format!("/employers/{employer}/vacancies/archived"))
        .await;
    assert_eq!(archived.1["items"][0]["id"], id.as_str());
    let (status, body) = hh.send(Method::PUT, &path, &renamed).await;
    assert_eq!(status, 403);
    assert_eq!(
        errors(&body),
        [json!({"type": "vacancies", "value": "unavailable_for_archived"})]
    );
}

#[tokio::test]
async fn publishing_spends_publications_and_hh_says_when_none_are_left() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    fake.set_publications_left(1);
    publish(&hh).await;
    assert_eq!(fake.publications_left(), Some(0));
    let (status, body) = hh.send(Method::POST, "/vacancies", &vacancy()).await;
    assert_eq!(status, 403);
    assert_eq!(
        errors(&body),
        [json!({"type": "vacancies", "value": "not_enough_purchased_services"})]
    );
    assert_eq!(fake.vacancy_ids().len(), 1);
}
