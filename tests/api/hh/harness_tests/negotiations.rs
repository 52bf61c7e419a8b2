//! The fake's negotiations: collections and paged items, resumes with or without contacts,
//! and actions taken through the urls each negotiation lists.

use super::*;
use crate::hh::fake::ResumeSeed;

#[tokio::test]
async fn responses_are_listed_by_collection_and_move_when_an_action_is_taken() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    let vacancy = publish(&hh).await;
    let (nid, resume_id) = fake.add_response(&vacancy, ResumeSeed::default());
    let hidden = ResumeSeed {
        email: None,
        phone: None,
        ..ResumeSeed::named("Игорь", "Кузнецов")
    };
    let (other_nid, other_resume) = fake.add_response(&vacancy, hidden);

    let (status, collections) = hh.get(&format!("/negotiations?vacancy_id={vacancy}")).await;
    assert_eq!(status, 200, "{collections}");
    let response = collections["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "response")
        .expect("hh's response collection")
        .clone();
    assert_eq!(response["counters"]["total"], 2);
    let url = response["url"].as_str().unwrap();
    assert_eq!(
        url,
        format!("{}/negotiations/response?vacancy_id={vacancy}", fake.base)
    );

    let (status, first_page) = hh.get(&format!("{url}&per_page=1")).await;
    assert_eq!(status, 200, "{first_page}");
    assert_eq!(
        (
            &first_page["found"],
            &first_page["pages"],
            &first_page["page"]
        ),
        (&json!(2), &json!(2), &json!(0))
    );
    // Newest first: the second response leads.
    assert_eq!(first_page["items"][0]["id"], other_nid.as_str());
    let second_page = hh.get(&format!("{url}&per_page=1&page=1")).await.1;
    let item = &second_page["items"][0];
    assert_eq!(item["id"], nid.as_str());
    assert_eq!(item["state"]["id"], "response");
    assert_eq!(item["resume"]["id"], resume_id.as_str());
    assert_eq!(item["resume"]["first_name"], "Анна");
    assert!(
        item["resume"].get("contact").is_none(),
        "lists carry no contacts"
    );
    let action = |id: &str| {
        item["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("no {id} action in {item}"))
            .clone()
    };
    let invite = action("phone_interview");
    assert_eq!(invite["method"], "PUT");
    assert_eq!(
        invite["url"],
        format!("{}/negotiations/phone_interview/{nid}", fake.base).as_str()
    );

    let (status, resume) = hh.get(item["resume"]["url"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{resume}");
    assert_eq!(resume["contact"][0]["value"], "anna.smirnova@example.com");
    assert_eq!(resume["contact"][1]["type"]["id"], "cell");
    assert_eq!(
        resume["contact"][1]["value"]["formatted"],
        "+7 (916) 123-45-67"
    );
    assert_eq!(
        resume["salary"],
        json!({"amount": 120000, "currency": "RUR"})
    );
    assert_eq!(resume["total_experience"]["months"], 38);
    let other = hh.get(&format!("/resumes/{other_resume}")).await.1;
    assert_eq!(other["contact"], json!([]));

    let message = json!({"message": "Здравствуйте! Приглашаем на телефонное интервью."});
    let url = invite["url"].as_str().unwrap();
    assert_eq!(hh.send(Method::PUT, url, &message).await.0, 204);
    assert_eq!(
        fake.negotiation_state(&nid).as_deref(),
        Some("phone_interview")
    );
    let taken = fake.negotiation_actions(&nid);
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].action, "phone_interview");
    assert_eq!(taken[0].message.as_deref(), message["message"].as_str());
    let shown = hh.get(&format!("/negotiations/{nid}")).await.1;
    assert_eq!(shown["state"]["id"], "invitation");
    assert_eq!(shown["employer_state"]["id"], "phone_interview");

    let (status, body) = hh.send(Method::PUT, url, &message).await;
    assert_eq!(status, 403, "the same step twice");
    assert_eq!(
        errors(&body),
        [json!({"type": "negotiations", "value": "wrong_state"})]
    );
    let discard = action("discard_by_employer");
    let refusal = json!({"message": "Спасибо за отклик, но мы выбрали другого кандидата."});
    let discard_url = discard["url"].as_str().unwrap();
    assert_eq!(hh.send(Method::PUT, discard_url, &refusal).await.0, 204);
    assert_eq!(
        fake.negotiation_state(&nid).as_deref(),
        Some("discard_by_employer")
    );
    let after = hh.get(&format!("/negotiations/{nid}")).await.1;
    assert_eq!(
        (&after["state"]["id"], &after["actions"]),
        (&json!("discard"), &json!([]))
    );
    let empty = json!({"message": " "});
    let other_url = format!("{}/negotiations/consider/{other_nid}", fake.base);
    let (status, body) = hh.send(Method::PUT, &other_url, &empty).await;
    assert_eq!(
        (status, errors(&body)),
        (
            403,
            vec![json!({"type": "negotiations", "value": "empty_message"})]
        )
    );
    assert_eq!(hh.get("/negotiations/999").await.0, 404);

    fake.set_paid_access(false);
    let (status, body) = hh.get(&format!("/negotiations?vacancy_id={vacancy}")).await;
    assert_eq!(status, 403);
    assert_eq!(
        errors(&body),
        [json!({"type": "api_access_payment", "value": "action_must_be_payed"})]
    );
}
