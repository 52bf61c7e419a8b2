//! One bad value never stops the app's work: a message that cannot be built fails alone, with
//! its reason on the outbox page, and the next one goes; a job that panics ends only itself.
//! And the outbox page: open to recruiters, every kind of email named in both languages.

use std::time::Duration;

use hireloop::entities::outbox_message;
use hireloop::outbox::{emails, kinds};
use hireloop::web::i18n::Lang;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{TestApp, composer, spawn_app, spawn_with};

/// Waits (up to 10 s) until the message `id` is as `ready` says.
pub async fn message_once(
    app: &TestApp,
    id: i32,
    ready: impl Fn(&outbox_message::Model) -> bool,
) -> outbox_message::Model {
    let mut last = None;
    for _ in 0..200 {
        let found = outbox_message::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if ready(&found) {
            return found;
        }
        last = Some(found);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("message {id} never got there: {last:?}");
}

#[tokio::test]
async fn a_recipient_name_with_a_line_break_fails_alone_and_the_next_email_still_goes() {
    let folder = tempfile::tempdir().unwrap();
    let outbox_dir = folder.path().display().to_string();
    let app = spawn_with(false, |config| config.mail.outbox_dir = outbox_dir).await;
    let composer = composer();
    let mut bad = emails::test_message(&composer, "eve@mail.test", Lang::En).unwrap();
    bad.to_name = Some("Eve\r\nBcc: everyone@agency.test".into());
    let bad = composer.queue(&app.db, None, bad).await.unwrap();
    let good = emails::test_message(&composer, "anna@mail.test", Lang::En).unwrap();
    let good = composer.queue(&app.db, None, good).await.unwrap();

    let failed = message_once(&app, bad.id, |m| m.status == "failed").await;
    assert_eq!(failed.attempts, 1, "failed for good, not retried");
    let reason = failed.last_error.clone().unwrap_or_default();
    assert!(reason.contains("line break"), "{reason}");
    message_once(&app, good.id, |m| m.status == "sent").await;

    // A later email goes too: the worker is still there.
    let later = emails::test_message(&composer, "boris@mail.test", Lang::En).unwrap();
    let later = composer.queue(&app.db, None, later).await.unwrap();
    message_once(&app, later.id, |m| m.status == "sent").await;
    let written: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(written.len(), 2, "the bad one was never written");
    assert!(written.iter().all(|m| !m.contains("everyone@agency.test")));

    tokio::time::sleep(Duration::from_millis(500)).await;
    let still = message_once(&app, bad.id, |_| true).await;
    assert_eq!((still.status.as_str(), still.attempts), ("failed", 1));

    app.login_as("admin").await;
    let page = app
        .get("/admin/outbox?status=failed")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("line break"), "the reason is on the page");
}

#[tokio::test]
async fn a_job_that_panics_does_not_stop_the_runner_and_the_next_job_runs() {
    let app = spawn_app().await;
    let boom = app
        .jobs
        .run("boom", async {
            if true {
                panic!("a bad value in a background job");
            }
            Ok(())
        })
        .await;
    assert!(!boom, "the panic is that job's failure");
    let (tx, rx) = tokio::sync::oneshot::channel();
    let next = app
        .jobs
        .run("next", async move {
            let _ = tx.send("ran");
            Ok(())
        })
        .await;
    assert!(next);
    assert_eq!(rx.await.unwrap(), "ran");

    // The app's own work goes on through the same runner: the outbox still delivers.
    let composer = composer();
    let email = emails::test_message(&composer, "anna@mail.test", Lang::Ru).unwrap();
    let queued = composer.queue(&app.db, None, email).await.unwrap();
    message_once(&app, queued.id, |m| m.status == "sent").await;
}

#[tokio::test]
async fn recruiters_find_the_outbox_in_the_navigation_and_every_kind_has_a_name() {
    let app = spawn_app().await;
    let composer = composer();
    // One row of every kind, addressed nowhere (the worker fails them, which is fine here).
    for kind in kinds::ALL {
        let mut email = emails::test_message(&composer, "nobody@mail.test", Lang::Ru).unwrap();
        email.kind = kind.code;
        email.subject = format!("subject of {}", kind.code);
        composer.queue(&app.db, None, email).await.unwrap();
    }
    app.login_as("recruiter").await;
    for lang in ["ru", "en"] {
        let saved = app
            .post_form("/profile", &[("name", "Рита"), ("lang", lang)])
            .await;
        assert_eq!(saved.status(), 303, "{lang}");
        let home = app.get("/profile").await.text().await.unwrap();
        let named = Lang::parse(lang).unwrap().text("nav-outbox");
        assert!(home.contains(&format!(">{named}</a>")), "in the navigation");
        let page = app.get("/admin/outbox").await;
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(!page.contains("Unknown localization key"), "{lang}");
        for kind in kinds::ALL {
            let label = Lang::parse(lang)
                .unwrap()
                .text(&kinds::label_key(kind.code));
            assert!(page.contains(&label), "{} in {lang}", kind.code);
        }
    }

    // A recruiter sees a rejection's text, but not a link that acts for someone else.
    let welcome = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("internship_welcome"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let shown = app.get(&format!("/admin/outbox/{}", welcome.id)).await;
    assert_eq!(shown.status(), 200);
    let shown = shown.text().await.unwrap();
    let opening: String = welcome.body_text.chars().take(20).collect();
    assert!(!shown.contains(&opening), "the body stays with admins");
    let html = app.get(&format!("/admin/outbox/{}/html", welcome.id)).await;
    assert_eq!(html.status(), 403);
    app.login_as("admin").await;
    let html = app.get(&format!("/admin/outbox/{}/html", welcome.id)).await;
    assert_eq!(html.status(), 200);

    app.login_as("hiring_manager").await;
    assert_eq!(app.get("/admin/outbox").await.status(), 403);
    let home = app.get("/profile").await.text().await.unwrap();
    assert!(!home.contains(">Почта</a>"));
}
