//! The intern's month in the browser: enrolled by the recruiter, their mentor ticks off plan
//! items and records an exam attempt.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::audit::check_page;
use crate::browser::Browser;
use crate::helpers::{spawn_app, user_id};
use crate::session::{login, logout};
use hireloop::entities::{exam_attempt, internship_item};

#[tokio::test]
async fn a_mentor_ticks_off_items_and_records_an_exam() {
    let app = spawn_app().await;
    let Some(b) = Browser::start(&app.address).await else {
        return;
    };
    let recruiter = app.add_user("recruiter").await;
    let mentor = app.add_user("mentor").await;
    let intern = app.add_user("intern").await;

    login(&b, &recruiter).await;
    b.goto("/internships").await;
    check_page(&b, "internships-empty").await;
    b.goto("/internships/new").await;
    check_page(&b, "internship-new").await;
    let intern_id = user_id(&app.db, &intern).await;
    b.select("#f-intern", &intern_id.to_string()).await;
    b.select("#f-mentor", &user_id(&app.db, &mentor).await.to_string())
        .await;
    // A month that began four weeks ago: an exam is recorded only once it has been sat.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Moscow)
        .date_naive();
    let started = (today - chrono::Days::new(28)).to_string();
    let sat = (today - chrono::Days::new(1)).to_string();
    b.fill("#f-start_date", &started).await;
    b.click("form[action='/internships'] button[type=submit]")
        .await;
    let id: i32 = b.path().await["/internships/".len()..]
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap();
    logout(&b).await;

    login(&b, &mentor).await;
    b.goto(&format!("/internships/{id}")).await;
    check_page(&b, "internship").await;
    // Ticked off, then signed off: the first item of the plan.
    b.click(".plan button[name=do][value=done]").await;
    assert!(!b.flash().await.is_empty(), "no message after ticking");
    b.click(".plan button[name=do][value=done]").await;
    let items = internship_item::Entity::find()
        .filter(internship_item::Column::InternshipId.eq(id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        items
            .iter()
            .any(|i| i.done_at.is_some() && i.signed_off_at.is_some()),
        "no item was ticked and signed off"
    );

    b.fill("#f-taken-on", &sat).await;
    b.fill("#f-score", "86").await;
    b.fill("#f-max", "100").await;
    b.click("button[name=do][value=attempt]").await;
    assert!(!b.flash().await.is_empty(), "no message after the attempt");
    let attempts = exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.eq(id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!((attempts[0].attempt, attempts[0].score), (1, 86));
    check_page(&b, "internship-with-attempt").await;
    b.close().await;
}
