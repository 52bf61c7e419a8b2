//! Personal data end to end: the export of everything held about a person, erasure with its
//! destruction record, and an audit log that shows who looked at whose CV and contacts.

use std::io::Read;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, call, spawn_app};

fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.resize(2048, b' ');
    bytes
}

/// A person with a CV, on a position's long-list: their id.
async fn person_with_cv(app: &TestApp, token: &str) -> i64 {
    let (_, position) = call(
        app,
        Method::POST,
        "/positions",
        token,
        json!({"title": "Аккаунт-менеджер", "grade": "middle", "reports_to": "Account Director"}),
    )
    .await;
    let (status, person) = call(
        app,
        Method::POST,
        "/candidates",
        token,
        json!({"full_name": "Анна Петрова", "email": "anna@mail.test", "phone": "+7 916 111-22-33",
               "expected_salary": 150000}),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let id = person["id"].as_i64().unwrap();
    let (status, _) = call(
        app,
        Method::POST,
        "/applications",
        token,
        json!({"candidate_id": id, "position_id": position["id"], "source": "referral"}),
    )
    .await;
    assert_eq!(status, 201);
    let part = reqwest::multipart::Part::bytes(pdf()).file_name("Анна резюме.pdf");
    let uploaded = app
        .api(Method::POST, &format!("/candidates/{id}/cv"), token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert!(uploaded.status().is_success());
    id
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
}

async fn audit(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, body) = call(
        app,
        Method::GET,
        &format!("/audit?{query}"),
        token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_person_gets_everything_held_about_them_in_one_zip() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let id = person_with_cv(&app, &recruiter).await;
    let response = app
        .api(Method::GET, &format!("/candidates/{id}/export"), &recruiter)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let files = unzip(&response.bytes().await.unwrap());
    let (_, json_bytes) = files.iter().find(|(n, _)| n == "person.json").unwrap();
    let document: Value = serde_json::from_slice(json_bytes).unwrap();
    assert_eq!(document["person"]["email"], "anna@mail.test");
    assert_eq!(document["person"]["expected_salary"], 150000);
    assert_eq!(document["applications"][0]["position"], "Аккаунт-менеджер");
    assert_eq!(document["applications"][0]["stage"], "long_list");
    let (cv_name, cv) = files.iter().find(|(n, _)| n.starts_with("cv/")).unwrap();
    assert!(cv_name.ends_with(".pdf"));
    assert_eq!(cv, &pdf());

    let interviewer = app.token_for("interviewer").await;
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}/export"),
        &interviewer,
        json!({}),
    )
    .await;
    assert_eq!(status, 403);

    let admin = app.token_for("admin").await;
    let log = audit(
        &app,
        &admin,
        &format!("action=candidate.export&entity_id={id}"),
    )
    .await;
    assert_eq!(log["total"], 1);
    assert_eq!(log["items"][0]["actor"], "Test recruiter");
}

#[tokio::test]
async fn erasure_removes_the_personal_data_and_leaves_a_destruction_record() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let id = person_with_cv(&app, &recruiter).await;
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/candidates/{id}"),
        &recruiter,
        json!({}),
    )
    .await;
    assert!(status == 200 || status == 204, "erased: {status}");

    let (status, records) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}/destruction-records"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let record = &records[0];
    assert_eq!(record["reason"], "request");
    assert_eq!(record["method"], "anonymised");
    assert!(
        record["categories"]
            .as_array()
            .unwrap()
            .contains(&json!("cv"))
    );
    assert!(record["destroyed_by"].is_i64());
    let destroyed: chrono::DateTime<chrono::Utc> =
        record["destroyed_at"].as_str().unwrap().parse().unwrap();
    let keep: chrono::DateTime<chrono::Utc> =
        record["keep_until"].as_str().unwrap().parse().unwrap();
    assert!((keep - destroyed).num_days() >= 3 * 365, "kept three years");

    // The export now holds no personal data, and the CV bytes are gone.
    let response = app
        .api(Method::GET, &format!("/candidates/{id}/export"), &recruiter)
        .send()
        .await
        .unwrap();
    let files = unzip(&response.bytes().await.unwrap());
    assert_eq!(files.len(), 1, "no CV left");
    let document: Value = serde_json::from_slice(&files[0].1).unwrap();
    assert_eq!(document["person"]["email"], Value::Null);
    assert_eq!(document["person"]["phone"], Value::Null);
    assert_eq!(document["person"]["expected_salary"], Value::Null);
    assert_eq!(document["person"]["full_name"], format!("#{id}"));
    let text = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(!text.contains("anna@mail.test") && !text.contains("Петрова"));
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}/cv"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 404);

    // The audit entry names ids and categories, never the person.
    let admin = app.token_for("admin").await;
    let log = audit(&app, &admin, "action=candidate.erase").await;
    let details = log["items"][0]["details"].as_str().unwrap();
    assert!(details.contains("destruction_record") && !details.contains("Анна"));
}

#[tokio::test]
async fn the_audit_log_shows_who_looked_at_whose_cv_and_contacts() {
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let id = person_with_cv(&app, &recruiter).await;
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/candidates/{id}"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let cv = app
        .api(Method::GET, &format!("/candidates/{id}/cv"), &recruiter)
        .send()
        .await
        .unwrap();
    assert_eq!(cv.status(), 200);

    let admin = app.token_for("admin").await;
    let log = audit(&app, &admin, &format!("entity=candidate&entity_id={id}")).await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"candidate.view"), "{actions:?}");
    assert!(actions.contains(&"candidate.cv_download"), "{actions:?}");
    assert!(log["items"].as_array().unwrap().iter().all(|e| {
        e["actor"] == "Test recruiter"
            || e["action"]
                .as_str()
                .unwrap()
                .starts_with("candidate.create")
    }));

    // The admin page finds the same and downloads it; other roles may not look.
    app.login_as("admin").await;
    let page = app
        .get(&format!(
            "/admin/audit?action=candidate.cv_download&entity_id={id}"
        ))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("candidate.cv_download") && html.contains("Test recruiter"));
    let csv = app.get("/admin/audit?action=candidate.&format=csv").await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert!(text.contains("candidate.view") && text.contains("candidate.cv_download"));
    let bad = app.get("/admin/audit?from=someday").await;
    assert_eq!(bad.status(), 422);
    let (status, _) = call(&app, Method::GET, "/audit", &recruiter, json!({})).await;
    assert_eq!(status, 403);
}

async fn set_ended(app: &TestApp, person: i64, stage: &str, days_ago: i64) {
    use hireloop::entities::application;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    for a in application::Entity::find()
        .filter(application::Column::CandidateId.eq(person as i32))
        .all(&app.db)
        .await
        .unwrap()
    {
        let mut model: application::ActiveModel = a.into();
        model.stage = Set(stage.into());
        model.stage_changed_at = Set(chrono::Utc::now() - chrono::Duration::days(days_ago));
        model.update(&app.db).await.unwrap();
    }
}

#[tokio::test]
async fn retention_erases_ended_people_keeps_the_talent_pool_and_asks_to_renew() {
    use hireloop::entities::{candidate, consent, outbox_message};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app().await;
    let recruiter = app.token_for("recruiter").await;
    let admin = app.token_for("admin").await;
    // Three people, all rejected 40 days ago; the second is in the talent pool, the third was
    // rejected only 10 days ago.
    let old = person_with_cv(&app, &recruiter).await;
    let (_, pooled) = call(
        &app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({"full_name": "Борис Орлов", "email": "boris@mail.test"}),
    )
    .await;
    let pooled = pooled["id"].as_i64().unwrap();
    let (_, recent) = call(
        &app,
        Method::POST,
        "/candidates",
        &recruiter,
        json!({"full_name": "Вера Лис", "email": "vera@mail.test"}),
    )
    .await;
    let recent = recent["id"].as_i64().unwrap();
    let (_, position) = call(&app, Method::GET, "/positions", &recruiter, json!({})).await;
    let position = position["items"][0]["id"].clone();
    for person in [pooled, recent] {
        call(
            &app,
            Method::POST,
            "/applications",
            &recruiter,
            json!({"candidate_id": person, "position_id": position, "source": "referral"}),
        )
        .await;
    }
    let (status, _) = call(
        &app,
        Method::PATCH,
        &format!("/candidates/{pooled}"),
        &recruiter,
        json!({"talent_pool": true}),
    )
    .await;
    assert_eq!(status, 200);
    let ledger = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(pooled as i32))
        .filter(consent::Column::Purpose.eq("talent_pool"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the talent pool is a purpose in the ledger");
    assert!(ledger.expires_at.is_some() && ledger.recorded_by.is_some());
    set_ended(&app, old, "rejected", 40).await;
    set_ended(&app, pooled, "rejected", 40).await;
    set_ended(&app, recent, "withdrawn", 10).await;

    let (status, run) = call(
        &app,
        Method::POST,
        "/privacy/retention/run",
        &admin,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{run}");
    assert_eq!(run["erased"], json!([old]));
    let erased = candidate::Entity::find_by_id(old as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(erased.erased_at.is_some() && erased.email.is_none());
    let (_, records) = call(
        &app,
        Method::GET,
        &format!("/candidates/{old}/destruction-records"),
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(records[0]["reason"], "retention");
    assert_eq!(records[0]["destroyed_by"], Value::Null);

    // The talent-pool consent nears its end: the person is asked once to renew.
    let mut near: consent::ActiveModel = ledger.clone().into();
    near.expires_at = Set(Some(chrono::Utc::now() + chrono::Duration::days(5)));
    near.update(&app.db).await.unwrap();
    let (_, run) = call(
        &app,
        Method::POST,
        "/privacy/retention/run",
        &admin,
        json!({}),
    )
    .await;
    assert_eq!(run["reminded"], 1);
    let (_, run) = call(
        &app,
        Method::POST,
        "/privacy/retention/run",
        &admin,
        json!({}),
    )
    .await;
    assert_eq!(run["reminded"], 0, "asked once");
    let asked = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("talent_pool_reconsent"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].to_email, "boris@mail.test");

    // When it runs out the consent is withdrawn, and the person goes with the next round.
    let mut over: consent::ActiveModel = consent::Entity::find_by_id(ledger.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    over.expires_at = Set(Some(chrono::Utc::now() - chrono::Duration::days(1)));
    over.update(&app.db).await.unwrap();
    let (_, run) = call(
        &app,
        Method::POST,
        "/privacy/retention/run",
        &admin,
        json!({}),
    )
    .await;
    assert_eq!(run["expired"], 1);
    assert_eq!(run["erased"], json!([pooled]));
    let still = candidate::Entity::find_by_id(recent as i32)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(still.erased_at.is_none(), "ended only ten days ago");

    let (status, _) = call(
        &app,
        Method::POST,
        "/privacy/retention/run",
        &recruiter,
        json!({}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(
        &app,
        Method::PUT,
        "/privacy/retention",
        &admin,
        json!({"days_after_end": 0, "talent_pool_months": 12, "reconsent_days": 14}),
    )
    .await;
    assert_eq!(status, 422);
}
