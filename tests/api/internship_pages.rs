//! The intern programme in the browser: a recruiter enrols through the form, the intern ticks
//! items, the mentor signs off, schedules and grades the exam, the panel grades the defence,
//! and the decision form refuses a promotion without the evidence and then records one; a new
//! intern account sets its password through the welcome link.

use chrono::{Duration, Utc};
use hireloop::entities::{exam_attempt, internship, internship_item, outbox_message, user};
use reqwest::{Client, Response};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::helpers::{PASSWORD, TestApp, client, csrf_in, location, spawn_app, user_id};

/// A browser of its own for one person.
struct Browser {
    client: Client,
    base: String,
}

impl Browser {
    async fn signed_in(app: &TestApp, role: &str) -> (Browser, i32) {
        let email = app.add_user(role).await;
        let browser = Browser {
            client: client(),
            base: app.address.clone(),
        };
        let response = browser
            .post("/login", &[("email", &email), ("password", PASSWORD)])
            .await;
        assert_eq!(response.status(), 303, "{role} signs in");
        (browser, user_id(&app.db, &email).await)
    }

    async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut page = self.get("/profile").await;
        if page.status().is_redirection() {
            page = self.get("/login").await;
        }
        let token = csrf_in(&page.text().await.unwrap()).unwrap();
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("_csrf", &token));
        self.client
            .post(format!("{}{path}", self.base))
            .form(&body)
            .send()
            .await
            .unwrap()
    }

    /// Posts one of the internship page's small forms and returns the page it lands on.
    async fn act(&self, id: i32, fields: &[(&str, &str)]) -> String {
        let response = self.post(&format!("/internships/{id}/act"), fields).await;
        assert_eq!(response.status(), 303, "{fields:?}");
        assert!(location(&response).starts_with(&format!("/internships/{id}")));
        self.get(&format!("/internships/{id}"))
            .await
            .text()
            .await
            .unwrap()
    }
}

async fn items(app: &TestApp, id: i32) -> Vec<internship_item::Model> {
    internship_item::Entity::find()
        .filter(internship_item::Column::InternshipId.eq(id))
        .order_by_asc(internship_item::Column::DueOn)
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_mentor_runs_the_month_in_the_browser_and_the_decision_lands_on_the_record() {
    let app = spawn_app().await;
    let (recruiter, _) = Browser::signed_in(&app, "recruiter").await;
    let (mentor, mentor_id) = Browser::signed_in(&app, "mentor").await;
    let (intern, intern_id) = Browser::signed_in(&app, "intern").await;
    let (manager, _) = Browser::signed_in(&app, "hiring_manager").await;

    // The form without a mentor is shown again with the field marked.
    let start = (Utc::now().date_naive() - Duration::days(10)).to_string();
    let intern_field = intern_id.to_string();
    let refused = recruiter
        .post(
            "/internships",
            &[
                ("intern_user_id", &intern_field),
                ("start_date", &start),
                ("exam_track", "seo"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"e-mentor\""), "{html}");
    assert_eq!(internship::Entity::find().count(&app.db).await.unwrap(), 0);

    let mentor_field = mentor_id.to_string();
    let created = recruiter
        .post(
            "/internships",
            &[
                ("intern_user_id", &intern_field),
                ("mentor_id", &mentor_field),
                ("start_date", &start),
                ("exam_track", "seo"),
                ("group", "Группа Ивановой"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let id: i32 = location(&created)
        .trim_start_matches("/internships/")
        .parse()
        .unwrap();

    // The intern lands on their own plan and ticks the first item; the mentor sees it waiting.
    let own = intern.get("/internships").await;
    assert_eq!(location(&own), format!("/internships/{id}"));
    let first = items(&app, id).await[0].id.to_string();
    let page = intern.act(id, &[("do", "done"), ("item", &first)]).await;
    assert!(
        page.contains("Ждёт подтверждения"),
        "the intern's page shows the item waiting"
    );
    let list = mentor.get("/internships").await.text().await.unwrap();
    assert!(list.contains("id=\"waiting\""));
    mentor.act(id, &[("do", "done"), ("item", &first)]).await;
    let signed = internship_item::Entity::find_by_id(first.parse::<i32>().unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(signed.done_by, Some(intern_id));
    assert_eq!(signed.signed_off_by, Some(mentor_id));

    // The intern may not grade or sign off: the act answers 403.
    let forbidden = intern
        .post(
            &format!("/internships/{id}/act"),
            &[
                ("do", "attempt"),
                ("exam", "seo"),
                ("taken_on", &start),
                ("score", "90"),
                ("max_score", "100"),
            ],
        )
        .await;
    assert_eq!(forbidden.status(), 403);

    // A promotion with no exam and no defence is refused on the decision page, nothing saved.
    let refused = mentor
        .post(
            &format!("/internships/{id}/decision"),
            &[("outcome", "promote"), ("reason", "Готов")],
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert!(refused.text().await.unwrap().contains("сданный экзамен"));
    let no_reason = mentor
        .post(
            &format!("/internships/{id}/decision"),
            &[("outcome", "stay_intern")],
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let still = internship::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, "active");

    // Exam: scheduled, failed once, passed on the second attempt.
    let today = Utc::now().date_naive().to_string();
    mentor
        .act(id, &[("do", "schedule"), ("exam_on", &today)])
        .await;
    let page = mentor
        .act(
            id,
            &[
                ("do", "attempt"),
                ("exam", "seo"),
                ("taken_on", &today),
                ("score", "55"),
                ("max_score", "100"),
            ],
        )
        .await;
    assert!(
        page.contains("Записать попытку № 2"),
        "the next attempt is the second"
    );
    mentor
        .act(
            id,
            &[
                ("do", "attempt"),
                ("exam", "seo"),
                ("taken_on", &today),
                ("score", "85"),
                ("max_score", "100"),
                ("notes", "Уверенно"),
            ],
        )
        .await;
    let attempts = exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.eq(id))
        .order_by_asc(exam_attempt::Column::Attempt)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        attempts
            .iter()
            .map(|a| (a.attempt, a.passed))
            .collect::<Vec<_>>(),
        vec![(1, false), (2, true)]
    );

    // The plan, then the defence graded by the mentor and a hiring manager on the panel.
    intern
        .act(
            id,
            &[
                ("do", "plan"),
                (
                    "project_plan",
                    "Цели клиента, задачи, бюджет, отчёты, риски.",
                ),
            ],
        )
        .await;
    let grades = [
        ("c_goals", "4"),
        ("c_tasks", "4"),
        ("c_budget", "2"),
        ("c_communication", "5"),
        ("c_risks", "4"),
        ("c_presentation", "4"),
    ];
    let mut fields = vec![("do", "defence")];
    fields.extend(grades);
    mentor.act(id, &fields).await;
    let page = manager.act(id, &fields).await;
    assert!(
        page.contains("Взвешенный итог 3.85 из 5"),
        "(4·3 + 4·3 + 2·2 + 5·2 + 4·2 + 4·1) / 13"
    );

    let decided = mentor
        .post(
            &format!("/internships/{id}/decision"),
            &[
                ("outcome", "promote"),
                ("reason", "Сдал экзамен со второй попытки, сильная защита"),
                // Ten days into the month: early, so it says why; and confirmed.
                ("early_reason", "Клиент ждёт менеджера с понедельника"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(decided.status(), 303);
    let person = user::Entity::find_by_id(intern_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.grade.as_deref(), Some("junior"));
    assert_eq!(person.department.as_deref(), Some("client_service"));
    let emailed = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("internship_decision"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(emailed, 1);
    let page = intern
        .get(&format!("/internships/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Перевод в аккаунт-менеджеры"));
}

#[tokio::test]
async fn another_mentor_cannot_open_the_internship_page_or_act_on_it() {
    let app = spawn_app().await;
    let (recruiter, _) = Browser::signed_in(&app, "recruiter").await;
    let (_, mentor_id) = Browser::signed_in(&app, "mentor").await;
    let (other, _) = Browser::signed_in(&app, "mentor").await;
    let intern_id = user_id(&app.db, &app.add_user("intern").await).await;
    let created = recruiter
        .post(
            "/internships",
            &[
                ("intern_user_id", &intern_id.to_string()),
                ("mentor_id", &mentor_id.to_string()),
                ("start_date", "2026-02-20"),
                ("exam_track", "ppc"),
            ],
        )
        .await;
    let path = location(&created);
    assert_eq!(other.get(&path).await.status(), 403);
    assert_eq!(other.get(&format!("{path}/decision")).await.status(), 403);
    let item = items(
        &app,
        path.trim_start_matches("/internships/").parse().unwrap(),
    )
    .await[0]
        .id
        .to_string();
    let acted = other
        .post(&format!("{path}/act"), &[("do", "done"), ("item", &item)])
        .await;
    assert_eq!(acted.status(), 403);
    let list = other.get("/internships").await.text().await.unwrap();
    assert!(
        !list.contains(&path),
        "the other mentor's list leaves this intern out"
    );
}

#[tokio::test]
async fn a_refused_defence_grading_comes_back_as_graded_with_the_missing_criterion_marked() {
    let app = spawn_app().await;
    let (recruiter, _) = Browser::signed_in(&app, "recruiter").await;
    let (_, mentor_id) = Browser::signed_in(&app, "mentor").await;
    let intern_id = user_id(&app.db, &app.add_user("intern").await).await;
    let start = Utc::now().date_naive().to_string();
    let created = recruiter
        .post(
            "/internships",
            &[
                ("intern_user_id", &intern_id.to_string()),
                ("mentor_id", &mentor_id.to_string()),
                ("start_date", &start),
                ("exam_track", "seo"),
            ],
        )
        .await;
    let path = location(&created);

    // Two criteria graded, the rest left at "—".
    let refused = recruiter
        .post(
            &format!("{path}/act"),
            &[
                ("do", "defence"),
                ("anchor", "defence"),
                ("c_goals", "4"),
                ("c_tasks", "2"),
                ("notes", "Ωясная цель, сырой бюджет"),
            ],
        )
        .await;

    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    let select = |code: &str| {
        let start = html.find(&format!("id=\"f-c-{code}\"")).unwrap();
        let rest = &html[start..];
        rest[..rest.find("</div>").unwrap()].to_owned()
    };
    assert!(select("goals").contains("<option value=\"4\" selected>"));
    assert!(select("tasks").contains("<option value=\"2\" selected>"));
    assert!(select("budget").contains("Заполните это поле."));
    assert!(!select("goals").contains("class=\"error\""));
    assert!(html.contains("Ωясная цель, сырой бюджет"));
    assert!(html.contains("<details open>"), "the grading form is open");
}

#[tokio::test]
async fn a_new_intern_sets_a_password_through_the_welcome_link_once() {
    let app = spawn_app().await;
    let intern_id = user_id(&app.db, &app.add_user("intern").await).await;
    let token = hireloop::internships::model::password_link_for(&app.db, intern_id)
        .await
        .unwrap();
    let browser = Browser {
        client: client(),
        base: app.address.clone(),
    };
    let path = format!("/welcome/{token}");
    assert_eq!(browser.get(&path).await.status(), 200);
    let mismatch = browser
        .post(
            &path,
            &[
                ("password", "a-long-password-1"),
                ("confirm", "another-one-22"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), 422);
    let set = browser
        .post(
            &path,
            &[
                ("password", "a-long-password-1"),
                ("confirm", "a-long-password-1"),
            ],
        )
        .await;
    assert_eq!(set.status(), 303);
    assert_eq!(
        browser.get(&path).await.status(),
        404,
        "the link works once"
    );
    let email = user::Entity::find_by_id(intern_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email;
    let signed_in = browser
        .post(
            "/login",
            &[("email", &email), ("password", "a-long-password-1")],
        )
        .await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(browser.get("/welcome/not-a-token").await.status(), 404);
}
