//! One click from a hit to the long-list: the person with the contacts of the full resume, a
//! person already known by phone gets the application instead of a twin, and hh's refusal for
//! want of paid access is said as it is.

use hireloop::entities::{application, candidate, hh_search_hit};
use hireloop::hh::searches::run_due;
use hireloop::web::i18n::{Lang, Message};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::*;
use crate::helpers::location;
use crate::hh::fake::FakeHh;

#[tokio::test]
async fn a_hit_goes_onto_the_long_list_once_with_its_contacts() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    let resume_id = fake.add_searchable_resume(ResumeSeed {
        email: Some("anna.s@mail.test".into()),
        phone: Some("79161112233".into()),
        ..resume("Анна", "Смирнова", "Аккаунт-менеджер")
    });
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    assert_eq!(run_now(&hh, id).await.0, 200);
    let hit = first_hit(&hh, id).await;

    let (status, added) = long_list(&hh, hit).await;
    assert_eq!(status, 201, "{added}");
    assert_eq!(added["new_candidate"], true);
    assert_eq!(
        fake.hits("GET", &format!("/resumes/{resume_id}")),
        1,
        "the full resume"
    );
    let made = application::Entity::find_by_id(added["application_id"].as_i64().unwrap() as i32)
        .one(&hh.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(made.position_id as i64, position);
    assert_eq!(made.source, "cold_search");
    assert_eq!(made.channel.as_deref(), Some("hh"));
    let person = candidate::Entity::find_by_id(made.candidate_id)
        .one(&hh.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.full_name, "Анна Смирнова");
    assert_eq!(person.email.as_deref(), Some("anna.s@mail.test"));
    assert!(person.phone.is_some());
    let kept = hh_search_hit::Entity::find_by_id(hit as i32)
        .one(&hh.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.application_id, Some(made.id));

    // Again: the same application, and hh is not asked again.
    let (status, again) = long_list(&hh, hit).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["application_id"], added["application_id"]);
    assert_eq!(fake.hits("GET", &format!("/resumes/{resume_id}")), 1);
    let page = hh
        .app
        .get(&format!("/hh/searches/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("/candidates/{}", made.candidate_id)));
    assert!(!page.contains(&format!("/hh/hits/{hit}/long-list")));
}

#[tokio::test]
async fn a_person_known_by_phone_gets_the_application_not_a_twin() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    let (status, known) = call(
        &hh.app,
        Method::POST,
        "/candidates",
        &hh.recruiter,
        json!({"full_name": "Анна Смирнова-Ким", "email": "anna.work@mail.test",
               "phone": "+7 916 123-45-67"}),
    )
    .await;
    assert_eq!(status, 201, "{known}");
    fake.add_searchable_resume(ResumeSeed {
        email: Some("anna.home@mail.test".into()),
        phone: Some("79161234567".into()),
        ..resume("Анна", "Смирнова", "Аккаунт-менеджер")
    });
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    make_due(&hh.app, id).await;
    run_due(&instance(&hh.app).await).await.unwrap();
    let hit = first_hit(&hh, id).await;

    // From the page, as a recruiter clicks it.
    let clicked = hh
        .app
        .post_form(&format!("/hh/hits/{hit}/long-list"), &[])
        .await;
    assert_eq!(clicked.status(), 303);
    assert_eq!(location(&clicked), format!("/hh/searches/{id}#hit-{hit}"));
    let people = candidate::Entity::find().all(&hh.app.db).await.unwrap();
    assert_eq!(people.len(), 1, "no twin: {people:?}");
    let applications = application::Entity::find()
        .filter(application::Column::CandidateId.eq(known["id"].as_i64().unwrap() as i32))
        .all(&hh.app.db)
        .await
        .unwrap();
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0].position_id as i64, position);
    assert_eq!(applications[0].source, "cold_search");
}

fn said(key: &'static str) -> [String; 2] {
    [Lang::Ru, Lang::En].map(|lang| lang.render(&Message::new(key)))
}

#[tokio::test]
async fn without_paid_access_hh_s_refusal_is_said_as_it_is_and_nothing_is_taken_in() {
    let fake = FakeHh::start().await;
    let (hh, position) = position(&fake).await;
    fake.add_searchable_resume(resume("Анна", "Смирнова", "Аккаунт-менеджер"));
    let id = search_id(&hh, position, json!({"text": "аккаунт-менеджер"})).await;
    assert_eq!(run_now(&hh, id).await.0, 200);
    let hit = first_hit(&hh, id).await;
    fake.set_paid_access(false);

    let (status, refused) = long_list(&hh, hit).await;
    assert_eq!(status, 409, "{refused}");
    let message = said("hh-no-paid-api-access");
    assert!(
        message.contains(&refused["detail"].as_str().unwrap().to_owned()),
        "{refused}"
    );
    assert!(
        candidate::Entity::find()
            .all(&hh.app.db)
            .await
            .unwrap()
            .is_empty()
    );

    // The scheduled run keeps the reason, shows it, and waits for its next turn.
    make_due(&hh.app, id).await;
    assert_eq!(run_due(&instance(&hh.app).await).await.unwrap(), 0);
    let kept = row(&hh.app, id).await;
    assert_eq!(
        kept.last_error.as_deref(),
        Some("forbidden: api_access_payment/action_must_be_payed")
    );
    assert!((2.9..3.1).contains(&days_ahead(kept.next_run_at)));
    let page = hh
        .app
        .get(&format!("/hh/searches/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let shown = minijinja_escaped(&message[0]);
    assert!(page.contains(&shown), "the page says it: {shown}");
}
