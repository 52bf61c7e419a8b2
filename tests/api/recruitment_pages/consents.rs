//! Consents as the person meets them: the optional purposes on the job page, each agreed to
//! on its own, and the page their email links to, where they withdraw or give consents.

use hireloop::entities::{audit_entry, outbox_message};
use hireloop::recruitment::consent::document;

use super::job_page::{APPLICANT, apply, visitor, with_consent};
use super::*;

async fn consents_of(app: &TestApp, candidate_id: i32) -> Vec<consent::Model> {
    consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(candidate_id))
        .all(&app.db)
        .await
        .unwrap()
}

/// Applies with the talent pool and referees ticked; the person and the link in their email.
async fn applied_with_every_consent(app: &TestApp) -> (candidate::Model, i32, String) {
    let token = app.token_for("recruiter").await;
    let (position_id, slug) = new_open_position(app, &token, "Аккаунт-менеджер").await;
    let (browser, form_token) = visitor(app, &slug).await;
    let mut fields = with_consent();
    fields.push(("consent_talent_pool", "1"));
    fields.push(("consent_referees", "1"));
    let response = apply(app, &browser, &form_token, &slug, &fields).await;
    assert_eq!(response.status(), 200);
    let person = candidate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let email = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("application_received"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the applicant is told we have their application");
    let start = email
        .body_text
        .find("/my-data/")
        .expect("a link to their page");
    let link: String = email.body_text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    (person, position_id, link)
}

#[tokio::test]
async fn each_purpose_ticked_on_the_job_page_is_its_own_consent_with_its_own_text() {
    let app = spawn_app().await;
    let (person, _, _) = applied_with_every_consent(&app).await;

    let mut ledger = consents_of(&app, person.id).await;
    ledger.sort_by(|a, b| a.purpose.cmp(&b.purpose));
    let purposes: Vec<&str> = ledger.iter().map(|c| c.purpose.as_str()).collect();
    assert_eq!(purposes, ["referees", "talent_pool", "vacancy"]);
    for given in &ledger {
        let text = document(&given.purpose).unwrap();
        assert_eq!(given.text_version, text.version);
        assert_eq!(given.text_hash, text_hash(text.text(Lang::Ru)));
        assert!(
            given.recorded_by.is_none(),
            "given by the person, not recorded"
        );
    }
    let pool = &ledger[1];
    let months = (pool.expires_at.expect("the pool consent runs out") - pool.given_at).num_days();
    assert!(
        (360..=370).contains(&months),
        "twelve months: {months} days"
    );
    assert!(person.talent_pool && person.reference_consent);

    // Only the required one: no optional consent is recorded, no flag is set.
    let token = app.token_for("recruiter").await;
    let (_, slug) = new_open_position(&app, &token, "Второй").await;
    let (browser, form_token) = visitor(&app, &slug).await;
    let mut fields = vec![
        ("full_name", "Олег Иванов"),
        ("email", "oleg@mail.ru"),
        ("consent", CONSENT_TEXT_VERSION),
    ];
    fields.extend_from_slice(&APPLICANT[2..]);
    fields.pop();
    assert_eq!(
        apply(&app, &browser, &form_token, &slug, &fields)
            .await
            .status(),
        200
    );
    let oleg = candidate::Entity::find()
        .filter(candidate::Column::Email.eq("oleg@mail.ru"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let purposes: Vec<String> = consents_of(&app, oleg.id)
        .await
        .into_iter()
        .map(|c| c.purpose)
        .collect();
    assert_eq!(purposes, ["vacancy"]);
    assert!(!oleg.talent_pool && !oleg.reference_consent);

    // Each text is readable on a page of its own.
    let page = client()
        .get(app.url("/consents/talent_pool"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(document("talent_pool").unwrap().title(Lang::Ru)));
    let missing = client()
        .get(app.url("/consents/marketing"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_person_withdraws_consents_on_their_own_page_and_the_effects_follow() {
    let app = spawn_app().await;
    let (person, position_id, link) = applied_with_every_consent(&app).await;
    let browser = client();
    let path = &link[link.find("/my-data/").unwrap()..];

    let page = browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for purpose in ["vacancy", "talent_pool", "referees"] {
        assert!(
            html.contains(&format!("id=\"purpose-{purpose}\"")),
            "{purpose}"
        );
    }
    let csrf = crate::helpers::csrf_in(&html).expect("a form token");

    // The talent pool: the consent is withdrawn and the person leaves the pool.
    let response = browser
        .post(app.url(&format!("{path}/withdraw")))
        .form(&[("_csrf", csrf.as_str()), ("purpose", "talent_pool")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let now = candidate::Entity::find_by_id(person.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!now.talent_pool);
    assert!(now.reference_consent, "the other consents stay");
    let pool = consents_of(&app, person.id)
        .await
        .into_iter()
        .find(|c| c.purpose == "talent_pool")
        .unwrap();
    assert!(pool.withdrawn_at.is_some());
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("consent.withdraw"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the withdrawal is audited");
    assert_eq!(audited.actor_id, None);
    assert!(
        !audited.details.unwrap_or_default().contains("daria"),
        "ids and purposes only"
    );

    // The vacancy: the application still in progress ends as withdrawn, with the reason.
    let response = browser
        .post(app.url(&format!("{path}/withdraw")))
        .form(&[("_csrf", csrf.as_str()), ("purpose", "vacancy")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let ended = application_for(&app, person.id, position_id).await;
    assert_eq!(ended.stage, "withdrawn");
    assert_eq!(ended.ended_reason.as_deref(), Some("consent_withdrawn"));
    let page = browser
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Отозвано"), "the page says so");

    // An unknown purpose is a message, not an error page; a wrong link is not found.
    let response = browser
        .post(app.url(&format!("{path}/withdraw")))
        .form(&[("_csrf", csrf.as_str()), ("purpose", "marketing")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let wrong = browser
        .get(app.url("/my-data/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
}

#[tokio::test]
async fn the_person_rejoins_the_talent_pool_only_after_reading_and_agreeing() {
    let app = spawn_app().await;
    let (person, _, link) = applied_with_every_consent(&app).await;
    let browser = client();
    let path = &link[link.find("/my-data/").unwrap()..];
    let html = browser
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::csrf_in(&html).unwrap();
    let post = |action: &'static str, fields: Vec<(&'static str, String)>| {
        let mut form = vec![("_csrf", csrf.clone())];
        form.extend(fields);
        browser
            .post(app.url(&format!("{path}/{action}")))
            .form(&form)
            .send()
    };
    let withdrawn = post("withdraw", vec![("purpose", "talent_pool".into())])
        .await
        .unwrap();
    assert_eq!(withdrawn.status(), 303);

    let unticked = post("give", vec![("purpose", "talent_pool".into())])
        .await
        .unwrap();
    assert_eq!(unticked.status(), 422);
    assert!(
        unticked
            .text()
            .await
            .unwrap()
            .contains("id=\"e-talent_pool\"")
    );
    let given = post(
        "give",
        vec![("purpose", "talent_pool".into()), ("agree", "1".into())],
    )
    .await
    .unwrap();
    assert_eq!(given.status(), 303);

    let pool: Vec<consent::Model> = consents_of(&app, person.id)
        .await
        .into_iter()
        .filter(|c| c.purpose == "talent_pool")
        .collect();
    assert_eq!(
        pool.len(),
        2,
        "the old consent stays in the ledger, withdrawn"
    );
    assert_eq!(pool.iter().filter(|c| c.withdrawn_at.is_none()).count(), 1);
    assert!(pool.iter().all(|c| c.expires_at.is_some()));
    let now = candidate::Entity::find_by_id(person.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(now.talent_pool);

    // The vacancy consent comes only with an application.
    let refused = post(
        "give",
        vec![("purpose", "vacancy".into()), ("agree", "1".into())],
    )
    .await
    .unwrap();
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn a_person_entered_by_hand_needs_the_recruiter_to_confirm_the_basis() {
    let app = spawn_app().await;
    app.login_as("recruiter").await;
    let response = app
        .post_form(
            "/candidates",
            &[("full_name", "Без согласия"), ("source", "referral")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("id=\"e-consent\""));
    assert_eq!(count_candidates(&app).await, 0);

    // Through the API the caller confirms it; the ledger names them either way.
    let token = app.token_for("recruiter").await;
    let created = app
        .api(Method::POST, "/candidates", &token)
        .json(&json!({"full_name": "Через API"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap() as i32;
    let ledger = consents_of(&app, id).await;
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].purpose, "vacancy");
    assert!(
        ledger[0].recorded_by.is_some(),
        "the caller stands as the one who confirmed"
    );
}
