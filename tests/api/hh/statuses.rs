//! Statuses back to hh.ru, through the real stack against the fake hh: a response moved to the
//! short-list is invited on hh with the agency's invitation template, a rejected one discarded
//! with the rejection letter — each through the action the negotiation lists — queued with the
//! move and sent by the round; hh not answering is retried later, a refusal is kept with its
//! reason, and both show on the candidate's card and in the application's API view.

use chrono::{Duration, Utc};
use hireloop::entities::hh_status_push;
use reqwest::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, QueryOrder};
use serde_json::{Value, json};

use super::fake::{FakeHh, ResumeSeed};
use super::prism::Prism;
use super::responses::{connection, instance, negotiation, published, sync};
use super::support::{Connected, connected};
use crate::helpers::call;

/// A response synced into the long-list: `(negotiation id, application id, candidate id)`.
async fn imported(hh: &Connected, fake: &FakeHh) -> (String, i32, i32) {
    let (_, vacancy) = published(hh, fake, "Аккаунт-менеджер").await;
    let (nid, _) = fake.add_response(&vacancy, ResumeSeed::default());
    let (status, outcome) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(status, 200, "{outcome}");
    let row = negotiation(&hh.app, &nid).await;
    (nid, row.application_id, row.candidate_id)
}

async fn pushes(hh: &Connected) -> Vec<hh_status_push::Model> {
    hh_status_push::Entity::find()
        .order_by_asc(hh_status_push::Column::Id)
        .all(&hh.app.db)
        .await
        .unwrap()
}

/// Runs the round once, as the scheduled job does on any instance.
async fn round(hh: &Connected) {
    let other = instance(&hh.app).await;
    hireloop::hh::round::scheduled(other.state().clone())
        .await
        .unwrap();
}

async fn application(hh: &Connected, id: i32) -> Value {
    let (status, body) = call(
        &hh.app,
        Method::GET,
        &format!("/applications/{id}"),
        &hh.recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn the_short_list_invites_on_hh_with_the_agencys_template() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (nid, application_id, candidate_id) = imported(&hh, &fake).await;

    let (status, moved) = call(
        &hh.app,
        Method::POST,
        &format!("/applications/{application_id}/move"),
        &hh.recruiter,
        json!({"to": "short_list"}),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    let queued = pushes(&hh).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].status, "pending");
    // The fake's funnel has no `invitation` action: the phone interview is the invitation.
    assert_eq!(queued[0].action, "phone_interview");
    assert!(
        fake.negotiation_actions(&nid).is_empty(),
        "sent by the round"
    );

    round(&hh).await;
    let taken = fake.negotiation_actions(&nid);
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].action, "phone_interview");
    let message = taken[0].message.clone().unwrap_or_default();
    // seed-data/email_templates.toml, call-invitation-ru, filled in.
    assert!(message.starts_with("Здравствуйте, Анна!"), "{message}");
    assert!(
        message.contains("Спасибо за отклик на вакансию «Аккаунт-менеджер»"),
        "{message}"
    );
    assert_eq!(
        fake.negotiation_state(&nid).as_deref(),
        Some("phone_interview")
    );

    let view = application(&hh, application_id).await;
    assert_eq!(view["hh"]["state"], "phone_interview");
    assert_eq!(view["hh"]["pushes"][0]["kind"], "invite");
    assert_eq!(view["hh"]["pushes"][0]["status"], "done");
    let card = hh
        .app
        .get(&format!("/candidates/{candidate_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("Резюме на hh.ru"), "{card}");
    assert!(card.contains("Приглашение на hh.ru — отправлено"), "{card}");

    // A second round sends nothing more; the next sync reads the response's new actions.
    round(&hh).await;
    assert_eq!(fake.negotiation_actions(&nid).len(), 1);
    let (_, again) = sync(&hh.app, &hh.recruiter).await;
    assert_eq!(again, json!({"imported": 0, "updated": 1, "skipped": 0}));
}

#[tokio::test]
async fn a_rejection_discards_on_hh_with_the_rejection_letter() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (nid, application_id, _) = imported(&hh, &fake).await;

    let (status, rejected) = call(
        &hh.app,
        Method::POST,
        &format!("/applications/{application_id}/reject"),
        &hh.recruiter,
        json!({"reason": "skills_gap"}),
    )
    .await;
    assert_eq!(status, 200, "{rejected}");
    round(&hh).await;

    let taken = fake.negotiation_actions(&nid);
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert_eq!(taken[0].action, "discard_by_employer");
    let message = taken[0].message.clone().unwrap_or_default();
    // templates/emails/rejection/ru.body.txt, as the candidate's email says it.
    assert!(
        message.contains("решили продолжить с другими кандидатами"),
        "{message}"
    );
    assert_eq!(
        fake.negotiation_state(&nid).as_deref(),
        Some("discard_by_employer")
    );
    assert_eq!(pushes(&hh).await[0].status, "done");
}

#[tokio::test]
async fn hh_not_answering_is_retried_later_and_a_refusal_stays_on_the_card() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (nid, application_id, candidate_id) = imported(&hh, &fake).await;
    call(
        &hh.app,
        Method::POST,
        &format!("/applications/{application_id}/move"),
        &hh.recruiter,
        json!({"to": "short_list"}),
    )
    .await;
    fake.fail_next("PUT", "/negotiations/", 503, Value::Null, None, 1);

    round(&hh).await;
    let waiting = pushes(&hh).await.remove(0);
    assert_eq!(waiting.status, "pending");
    assert_eq!(waiting.attempts, 1);
    assert!(waiting.last_error.is_some());
    let wait = waiting.next_attempt_at - Utc::now();
    assert!(
        wait > Duration::seconds(30) && wait <= Duration::minutes(1),
        "a minute's back-off: {wait}"
    );
    // Not due yet: the next round leaves it.
    round(&hh).await;
    assert!(fake.negotiation_actions(&nid).is_empty());
    let card = hh
        .app
        .get(&format!("/candidates/{candidate_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("ждёт отправки"), "{card}");

    let mut due = waiting.into_active_model();
    due.next_attempt_at = Set(Utc::now() - Duration::seconds(1));
    due.update(&hh.app.db).await.unwrap();
    round(&hh).await;
    assert_eq!(fake.negotiation_actions(&nid).len(), 1);
    let sent = pushes(&hh).await.remove(0);
    assert_eq!(sent.status, "done");
    assert_eq!(sent.attempts, 2);

    // Rejected afterwards, but hh refuses the action: kept as failed, with hh's reason.
    let refusal = json!({"errors": [{"type": "negotiations", "value": "wrong_state"}]});
    fake.fail_next("PUT", "/negotiations/", 403, refusal, None, 1);
    let (status, body) = call(
        &hh.app,
        Method::POST,
        &format!("/applications/{application_id}/reject"),
        &hh.recruiter,
        json!({"reason": "skills_gap"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    round(&hh).await;
    let failed = pushes(&hh).await.remove(1);
    assert_eq!(failed.status, "failed");
    assert!(
        failed
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("wrong_state")),
        "{failed:?}"
    );
    let view = application(&hh, application_id).await;
    assert_eq!(view["hh"]["pushes"][0]["status"], "failed");
    let card = hh
        .app
        .get(&format!("/candidates/{candidate_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("Отказ на hh.ru — не отправлено"), "{card}");
    assert!(card.contains("wrong_state"), "{card}");
}

#[tokio::test]
async fn too_many_requests_waits_as_long_as_hh_asks() {
    let fake = FakeHh::start().await;
    let hh = connected(&fake).await;
    let (_, application_id, _) = imported(&hh, &fake).await;
    call(
        &hh.app,
        Method::POST,
        &format!("/applications/{application_id}/move"),
        &hh.recruiter,
        json!({"to": "short_list"}),
    )
    .await;
    let too_many = json!({"errors": [{"type": "too_many_requests"}]});
    fake.fail_next("PUT", "/negotiations/", 429, too_many, Some(600), 1);
    round(&hh).await;
    let waiting = pushes(&hh).await.remove(0);
    assert_eq!(waiting.status, "pending");
    let wait = waiting.next_attempt_at - Utc::now();
    assert!(wait > Duration::minutes(9), "Retry-After honoured: {wait}");
}

#[tokio::test]
async fn the_invitation_passes_hh_spec() {
    let fake = FakeHh::start().await;
    let Some(prism) = Prism::proxy(&fake.base).await else {
        return;
    };
    let hh = connected(&fake).await;
    let (nid, application_id, _) = imported(&hh, &fake).await;
    let mut row = connection(&hh.app).await.into_active_model();
    row.api_base = Set(prism.base.clone());
    row.update(&hh.app.db).await.unwrap();
    let (status, _) = call(
        &hh.app,
        Method::POST,
        &format!("/applications/{application_id}/move"),
        &hh.recruiter,
        json!({"to": "short_list"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK.as_u16());

    round(&hh).await;
    let taken = fake.negotiation_actions(&nid);
    assert_eq!(taken.len(), 1, "through Prism to the fake");
    assert!(taken[0].body.is_object());
    let violations = prism.violations().await;
    assert!(violations.is_empty(), "{violations:#?}");
}
