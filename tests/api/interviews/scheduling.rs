//! Scheduling over the API — the kit frozen into the interview, the checks on what is asked
//! for, the invitations — and who may open an interview afterwards.

use mail_parser::{MessageParser, MimeHeaders};

use super::*;
use crate::helpers::spawn_app_with_smtp;
use crate::smtp::SmtpSink;

async fn interview_count(app: &TestApp) -> u64 {
    interview::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn scheduling_a_competency_interview_freezes_a_kit_with_follow_ups_into_it() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;

    let at = tomorrow();
    let (status, body) = schedule_at(
        &app,
        &hiring.recruiter.token,
        hiring.application,
        at,
        &[&a, &b],
    )
    .await;

    assert_eq!(status, 201, "{body}");
    assert_eq!(body["kind"], "competency");
    assert_eq!(body["application_id"], hiring.application);
    assert_eq!(body["duration_minutes"], 60);
    let mut interviewers: Vec<i64> = body["interviewer_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_i64().unwrap())
        .collect();
    interviewers.sort_unstable();
    assert_eq!(interviewers, [i64::from(a.id), i64::from(b.id)]);
    let kit = body["kit"].as_array().unwrap();
    assert!(!kit.is_empty(), "a competency kit has questions");
    for q in kit {
        assert!(
            q["interviews"]
                .as_array()
                .unwrap()
                .contains(&json!("competency")),
            "{q}"
        );
        assert!(!q["text"].as_str().unwrap().is_empty());
        let follow_ups = q["follow_ups"].as_array().unwrap();
        assert!(!follow_ups.is_empty(), "{} has no follow-up", q["code"]);
        assert!(
            follow_ups
                .iter()
                .all(|f| !f["text"].as_str().unwrap().is_empty())
        );
    }
    let minutes: i64 = kit.iter().map(|q| q["minutes"].as_i64().unwrap()).sum();
    assert_eq!(body["total_minutes"], minutes);

    let stored = interview::Entity::find_by_id(id_of(&body) as i32)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the interview is stored");
    assert_eq!(stored.status, "scheduled");
    assert_eq!(stored.scheduled_at.timestamp(), at.timestamp());
    let mut frozen = interview_question::Entity::find()
        .filter(interview_question::Column::InterviewId.eq(stored.id))
        .all(&app.db)
        .await
        .unwrap();
    frozen.sort_by_key(|q| q.rank);
    let frozen: Vec<i64> = frozen.iter().map(|q| i64::from(q.question_id)).collect();
    let shown: Vec<i64> = kit.iter().map(id_of).collect();
    assert_eq!(frozen, shown, "the kit is frozen in the order shown");
    assert_eq!(
        events_of(&app, hiring.application, "interview").await.len(),
        1,
        "the timeline notes the interview"
    );
}

#[tokio::test]
async fn a_schedule_with_a_bad_kind_no_interviewers_a_mentor_or_five_minutes_is_refused_by_field() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let mentor = member(&app, "mentor").await;
    let good = json!({"application_id": hiring.application, "kind": "competency",
                      "scheduled_at": tomorrow().to_rfc3339(), "interviewer_ids": [a.id]});
    let cases = [
        ("kind", json!("chat")),
        ("interviewer_ids", json!([])),
        ("interviewer_ids", json!([a.id, mentor.id])),
        ("duration_minutes", json!(5)),
    ];

    for (field, value) in cases {
        let mut request = good.clone();
        request[field] = value.clone();
        let (status, problem) = call(
            &app,
            Method::POST,
            "/interviews",
            &hiring.recruiter.token,
            request,
        )
        .await;
        assert_eq!(status, 422, "{field} = {value}: {problem}");
        assert_eq!(fields(&problem), [field], "{field} = {value}: {problem}");
    }
    assert_eq!(interview_count(&app).await, 0, "nothing was scheduled");
    let outbox = outbox_message::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(outbox, 0, "nobody was invited");
}

#[tokio::test]
async fn an_interviewer_cannot_schedule_an_interview() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;

    let (status, _) = schedule_at(&app, &a.token, hiring.application, tomorrow(), &[&a]).await;

    assert_eq!(status, 403);
    assert_eq!(interview_count(&app).await, 0);
}

#[tokio::test]
async fn the_candidate_and_both_interviewers_get_an_invitation_with_a_calendar_file() {
    let smtp = SmtpSink::start().await;
    let app = spawn_app_with_smtp(smtp.port).await;
    let hiring = hiring(&app).await;
    let a = member(&app, "interviewer").await;
    let b = member(&app, "interviewer").await;
    let at: DateTime<Utc> = "2030-03-04T08:30:00Z".parse().unwrap();

    let (status, body) = schedule_at(
        &app,
        &hiring.recruiter.token,
        hiring.application,
        at,
        &[&a, &b],
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let messages = smtp.wait_for(3).await;
    assert_eq!(messages.len(), 3, "one invitation each");
    let uid = format!("UID:interview-{}@orbita.test", id_of(&body));
    for address in ["anna@mail.test", a.email.as_str(), b.email.as_str()] {
        let raw = messages
            .iter()
            .find(|raw| {
                let message = MessageParser::default().parse(raw.as_slice()).unwrap();
                message.to().unwrap().first().unwrap().address() == Some(address)
            })
            .unwrap_or_else(|| panic!("no invitation to {address}"));
        let message = MessageParser::default().parse(raw.as_slice()).unwrap();
        let invite = message
            .attachments()
            .find(|part| part.attachment_name() == Some("invite.ics"))
            .unwrap_or_else(|| panic!("no invite.ics for {address}"));
        let content_type = invite.content_type().unwrap();
        assert_eq!(
            (content_type.ctype(), content_type.subtype()),
            ("text", Some("calendar"))
        );
        let calendar = String::from_utf8(invite.contents().to_vec()).unwrap();
        assert!(calendar.contains("DTSTART:20300304T083000Z"), "{calendar}");
        assert!(
            calendar.contains(&uid),
            "the same event for all: {calendar}"
        );
        for attendee in ["anna@mail.test", a.email.as_str(), b.email.as_str()] {
            assert!(
                calendar.contains(&format!("mailto:{attendee}")),
                "{attendee} in {calendar}"
            );
        }
    }
    let queued = outbox_message::Entity::find()
        .filter(outbox_message::Column::ApplicationId.eq(hiring.application as i32))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(queued.len(), 3);
    assert!(queued.iter().all(|m| m.ics.is_some()));
}

#[tokio::test]
async fn only_an_interviewer_assigned_to_the_interview_can_open_it() {
    let app = spawn_app().await;
    let hiring = hiring(&app).await;
    let assigned = member(&app, "interviewer").await;
    let other = member(&app, "interviewer").await;
    let mentor = member(&app, "mentor").await;
    let interview = interview_with(&app, &hiring, &[&assigned]).await;
    let path = format!("/interviews/{}", id_of(&interview));
    let interviews_of_application = format!("/applications/{}/interviews", hiring.application);

    let (status, body) = call(&app, Method::GET, &path, &assigned.token, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["kit"], interview["kit"]);
    let (status, listed) = call(
        &app,
        Method::GET,
        &interviews_of_application,
        &assigned.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let (status, _) = call(&app, Method::GET, &path, &other.token, json!({})).await;
    assert_eq!(status, 404, "another interviewer does not learn it exists");
    let (status, _) = call(
        &app,
        Method::GET,
        &interviews_of_application,
        &other.token,
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(&app, Method::GET, &path, &mentor.token, json!({})).await;
    assert!(
        status == 404 || status == 403,
        "a mentor has no business here: {status}"
    );
    for who in [&assigned, &other] {
        let (status, _) = call(&app, Method::GET, "/candidates", &who.token, json!({})).await;
        assert_eq!(status, 403, "interviewers do not browse candidates");
    }
    let (status, _) = call(&app, Method::GET, &path, &hiring.recruiter.token, json!({})).await;
    assert_eq!(status, 200, "the recruiter sees every interview");
}
