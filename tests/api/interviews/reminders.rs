//! Overdue scorecards: an interview that ended over a day ago without the interviewer's card
//! shows on their dashboard, and each such card gets one reminder email, once.

use hireloop::interviews::reminders::send_reminders;

use super::*;

/// An interview two days ago with A (no card), B (a draft) and C (submitted), and one
/// tomorrow with A.
struct Overdue {
    past: Value,
    future: Value,
    a: Member,
    b: Member,
    c: Member,
}

async fn overdue(app: &TestApp) -> Overdue {
    let hiring = hiring(app).await;
    let a = member(app, "interviewer").await;
    let b = member(app, "interviewer").await;
    let c = member(app, "interviewer").await;
    let two_days_ago = Utc::now() - Duration::days(2);
    let (status, past) = schedule_at(
        app,
        &hiring.recruiter.token,
        hiring.application,
        two_days_ago,
        &[&a, &b, &c],
    )
    .await;
    assert_eq!(status, 201, "{past}");
    let future = interview_with(app, &hiring, &[&a]).await;
    let (status, _) = put_card(app, &b, &past, ratings(&[("tools", 3)], "yes")).await;
    assert_eq!(status, 200);
    score(app, &c, &past, ratings(&[("tools", 4)], "yes")).await;
    Overdue {
        past,
        future,
        a,
        b,
        c,
    }
}

fn link(interview: &Value) -> String {
    format!("href=\"/interviews/{}\"", id_of(interview))
}

/// The dashboard's overdue-scorecards section; the dashboard leaves it out when an
/// interviewer has nothing coming up and nothing overdue.
fn overdue_section(html: &str) -> Option<&str> {
    let start = html.find("id=\"overdue-scorecards\"")?;
    let rest = &html[start..];
    Some(&rest[..rest.find("</section>").unwrap_or(rest.len())])
}

/// Waits (up to 10 s) until the app's worker has sent everything queued. On SQLite a write
/// the worker commits while `send_reminders` is between its read and its write fails that
/// transaction with SQLITE_BUSY_SNAPSHOT, so the library call waits for a quiet outbox.
async fn outbox_settled(app: &TestApp) {
    for _ in 0..200 {
        let busy = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.is_in(["pending", "sending"]))
            .count(&app.db)
            .await
            .unwrap();
        if busy == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the outbox never emptied");
}

async fn reminders(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("scorecard_reminder"))
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_overdue_scorecard_shows_on_the_interviewers_dashboard() {
    let app = spawn_app().await;
    let o = overdue(&app).await;

    for (who, due) in [(&o.a, true), (&o.b, true), (&o.c, false)] {
        let (status, html) = page(&browser(&app, who).await, &app, "/").await;
        assert_eq!(status, 200);
        let section = if due {
            overdue_section(&html).expect("an overdue-scorecards section")
        } else {
            overdue_section(&html).unwrap_or_default()
        };
        assert_eq!(
            section.contains(&link(&o.past)),
            due,
            "{}: {section}",
            who.email
        );
        assert!(
            !section.contains(&link(&o.future)),
            "tomorrow is not overdue"
        );
        assert!(section.contains("Анна Петрова") == due);
    }
}

#[tokio::test]
async fn each_overdue_card_gets_one_reminder_and_only_once() {
    let app = spawn_app().await;
    let o = overdue(&app).await;
    let composer = crate::helpers::composer();
    outbox_settled(&app).await;

    let sent = send_reminders(&app.db, &composer, "https://x")
        .await
        .unwrap();

    assert_eq!(sent, 2, "A and B, not C who submitted");
    let queued = reminders(&app).await;
    let mut to: Vec<&str> = queued.iter().map(|m| m.to_email.as_str()).collect();
    to.sort_unstable();
    let mut expected = [o.a.email.as_str(), o.b.email.as_str()];
    expected.sort_unstable();
    assert_eq!(to, expected);
    let past_link = format!("https://x/interviews/{}", id_of(&o.past));
    assert!(queued.iter().all(|m| m.body_text.contains(&past_link)));
    for who in [&o.a, &o.b] {
        let card = stored_card(&app, &o.past, who)
            .await
            .expect("a card to remind of");
        assert!(card.card.reminder_sent_at.is_some(), "{}", who.email);
        assert_eq!(card.card.status, "draft");
    }

    outbox_settled(&app).await;
    let again = send_reminders(&app.db, &composer, "https://x")
        .await
        .unwrap();

    assert_eq!(again, 0);
    assert_eq!(reminders(&app).await.len(), 2, "no second reminder");
}
