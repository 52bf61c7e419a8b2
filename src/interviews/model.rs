//! Interviews: scheduled for an application with its interviewers and a snapshot of the kit,
//! announced to the candidate and the interviewers by email with a calendar file.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use super::bank::KINDS;
use super::kits;
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::{Action, Role, can, can_view_application};
use crate::domain::date_bounds::DateKind;
use crate::domain::pipeline::Stage;
use crate::domain::text::TextKind;
use crate::entities::{
    application, candidate, interview, interview_interviewer, interview_question, position, user,
};
use crate::error::{AppError, AppResult, FieldError};
use crate::notifications::model::{Kind, Notice, notify};
use crate::outbox::emails::{self, Composer, Invitation};
use crate::outbox::ics;
use crate::timeline::model::{self as timeline, Entry};
use crate::web::i18n::{Lang, Message};
use crate::web::recipient::Recipient;

/// What scheduling needs.
pub struct NewInterview {
    pub application_id: i32,
    pub kind: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub place: String,
    pub interviewer_ids: Vec<i32>,
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<interview::Model> {
    interview::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn interviewer_ids(db: &DatabaseConnection, interview_id: i32) -> AppResult<Vec<i32>> {
    Ok(interview_interviewer::Entity::find()
        .filter(interview_interviewer::Column::InterviewId.eq(interview_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.user_id)
        .collect())
}

/// Is `user` an interviewer of any interview of this application?
pub async fn assigned_to_application(
    db: &DatabaseConnection,
    user_id: i32,
    application_id: i32,
) -> AppResult<bool> {
    let interviews: Vec<i32> = interview::Entity::find()
        .filter(interview::Column::ApplicationId.eq(application_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    Ok(interview_interviewer::Entity::find()
        .filter(interview_interviewer::Column::InterviewId.is_in(interviews))
        .filter(interview_interviewer::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}

/// The applications of one person on whose interviews `user_id` is an interviewer: one query.
pub async fn assigned_applications_of_candidate(
    db: &DatabaseConnection,
    user_id: i32,
    candidate_id: i32,
) -> AppResult<Vec<i32>> {
    use sea_orm::{QuerySelect, QueryTrait};
    let mine = interview_interviewer::Entity::find()
        .select_only()
        .column(interview_interviewer::Column::InterviewId)
        .filter(interview_interviewer::Column::UserId.eq(user_id))
        .into_query();
    let theirs = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::CandidateId.eq(candidate_id))
        .into_query();
    let mut ids: Vec<i32> = interview::Entity::find()
        .select_only()
        .column(interview::Column::ApplicationId)
        .filter(interview::Column::Id.in_subquery(mine))
        .filter(interview::Column::ApplicationId.in_subquery(theirs))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The hiring team sees every interview; an interviewer only the ones they are on. Anyone
/// else gets 404, so ids do not leak.
pub async fn visible(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
) -> AppResult<interview::Model> {
    let found = get(db, id).await?;
    let assigned = interviewer_ids(db, id).await?.contains(&user.id);
    if can_view_application(user.role, assigned) || assigned {
        Ok(found)
    } else {
        Err(AppError::NotFound)
    }
}

/// May `user` open this application (its profile, its interviews)?
pub async fn may_view_application(
    db: &DatabaseConnection,
    user: &CurrentUser,
    application_id: i32,
) -> AppResult<bool> {
    if user.can(Action::ViewAllCandidates) {
        return Ok(true);
    }
    Ok(can(user.role, Action::ScoreInterviews)
        && assigned_to_application(db, user.id, application_id).await?)
}

async fn check(
    db: &DatabaseConnection,
    new: &NewInterview,
) -> AppResult<(application::Model, Vec<user::Model>)> {
    let mut errors = Vec::new();
    let application = application::Entity::find_by_id(new.application_id)
        .one(db)
        .await?;
    match &application {
        None => errors.push(FieldError::new(
            "application_id",
            Message::new("field-application-unknown"),
        )),
        Some(a) if Stage::parse(&a.stage).is_none_or(Stage::is_ended) => errors.push(
            FieldError::new("application_id", Message::new("application-ended")),
        ),
        _ => {}
    }
    if !KINDS.contains(&new.kind.as_str()) {
        errors.push(FieldError::new(
            "kind",
            Message::new("field-interview-kind"),
        ));
    }
    if !(15..=240).contains(&new.duration_minutes) {
        errors.push(FieldError::new(
            "duration_minutes",
            Message::new("field-interview-duration"),
        ));
    }
    errors.extend(FieldError::text("place", TextKind::Link, new.place.trim()));
    errors.extend(FieldError::date(
        "scheduled_at",
        DateKind::Planned,
        new.scheduled_at.date_naive(),
    ));
    let interviewers = user::Entity::find()
        .filter(user::Column::Id.is_in(new.interviewer_ids.clone()))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    let fit = |u: &user::Model| {
        u.role
            .parse::<Role>()
            .is_ok_and(|r| can(r, Action::ScoreInterviews))
    };
    let mut wanted = new.interviewer_ids.clone();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() || wanted.len() != interviewers.len() || !interviewers.iter().all(fit) {
        errors.push(FieldError::new(
            "interviewer_ids",
            Message::new("field-team-interviewer"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok((application.ok_or(AppError::NotFound)?, interviewers))
}

/// Schedules an interview: the kit of its kind is frozen into it (later edits of the bank do
/// not change what this interview asks), the timeline notes it, and the candidate and every
/// interviewer get an invitation with a calendar file — all in one transaction.
pub async fn schedule(
    db: &DatabaseConnection,
    composer: &Composer,
    actor: &CurrentUser,
    new: NewInterview,
) -> AppResult<interview::Model> {
    let (application, interviewers) = check(db, &new).await?;
    let kit = kits::kit(db, application.position_id, &new.kind).await?;
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let created = interview::ActiveModel {
        application_id: Set(application.id),
        kind: Set(new.kind.clone()),
        scheduled_at: Set(new.scheduled_at),
        duration_minutes: Set(new.duration_minutes),
        place: Set(new.place.trim().to_owned()),
        status: Set("scheduled".into()),
        created_by: Set(Some(actor.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for u in &interviewers {
        interview_interviewer::ActiveModel {
            interview_id: Set(created.id),
            user_id: Set(u.id),
        }
        .insert(&txn)
        .await?;
    }
    if created.kind == super::values_kit::KIND {
        super::values_kit::snapshot(&txn, created.id).await?;
    }
    for (rank, q) in kit.iter().enumerate() {
        interview_question::ActiveModel {
            interview_id: Set(created.id),
            question_id: Set(q.id),
            rank: Set(rank as i32 + 1),
        }
        .insert(&txn)
        .await?;
    }
    timeline::record(
        &txn,
        Entry {
            application_id: application.id,
            actor_id: Some(actor.id),
            kind: "interview",
            from: None,
            to: None,
            note: Some(format!(
                "{} {}",
                new.kind,
                new.scheduled_at.format("%Y-%m-%d %H:%M UTC")
            )),
        },
    )
    .await?;
    invite(&txn, composer, actor, &created, &application, &interviewers).await?;
    AuditEvent::new(Some(actor.id), "interview.schedule", "interview")
        .id(created.id)
        .details(json!({"application_id": application.id, "kind": new.kind}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// One invitation per person, in their language, with the same calendar event for all.
async fn invite(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor: &CurrentUser,
    interview: &interview::Model,
    application: &application::Model,
    interviewers: &[user::Model],
) -> AppResult<()> {
    let person = candidate::Entity::find_by_id(application.candidate_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = position::Entity::find_by_id(application.position_id)
        .one(txn)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    let told: Vec<i32> = interviewers.iter().map(|u| u.id).collect();
    let notice = Notice::new(
        Kind::InterviewAssigned,
        format!("/interviews/{}", interview.id),
    )
    .with("actor", actor.name.clone())
    .with("candidate", person.full_name.clone())
    .with("position", title.clone())
    .by(actor.id);
    notify(txn, &told, &notice).await?;
    // Each person reads the time on their own clock and in their own language, in the email
    // and in the calendar file alike (one file each); a candidate on the agency's clock.
    // (name, address, how they read, whether they are an interviewer)
    let mut attendees: Vec<(String, String, Recipient, bool)> = interviewers
        .iter()
        .map(|u| (u.name.clone(), u.email.clone(), composer.for_user(u), true))
        .collect();
    if let Some(email) = &person.email {
        attendees.push((
            person.full_name.clone(),
            email.clone(),
            composer.for_candidate(&person),
            false,
        ));
    }
    let names: Vec<&str> = interviewers.iter().map(|u| u.name.as_str()).collect();
    let with_whom = names.join(", ");
    let uid = format!(
        "interview-{}@{}",
        interview.id,
        composer.from.email.domain()
    );
    for (name, address, reader, interviewer) in &attendees {
        let lang = reader.lang;
        let what = lang.text(&format!("interview-kind-{}", interview.kind));
        let when = reader.time(interview.scheduled_at);
        let minutes = i64::from(interview.duration_minutes);
        let calendar = ics::invitation(&ics::Meeting {
            uid: &uid,
            title: &lang.render(
                &Message::new("ics-interview-summary")
                    .with("what", what.clone())
                    .with("title", title.clone())
                    .with("when", when.clone()),
            ),
            description: &ics_description(
                lang,
                &when,
                minutes,
                interviewer.then_some(person.full_name.as_str()),
                &interview.place,
                &with_whom,
            ),
            location: &interview.place,
            starts_at: interview.scheduled_at,
            minutes,
            organizer: (&actor.name, &actor.email),
            attendees: attendees
                .iter()
                .map(|(n, e, _, _)| (n.as_str(), e.as_str()))
                .collect(),
        });
        let email = emails::interview_invitation(
            composer,
            (name, address),
            lang,
            &Invitation {
                name,
                title: &title,
                what: &what,
                when: &when,
                minutes,
                place: &interview.place,
                with_whom: &with_whom,
            },
            calendar,
            Some(application.id),
        )?;
        composer.queue(txn, Some(actor.id), email).await?;
    }
    Ok(())
}

/// The calendar entry's text, line by line in the reader's language: when on their clock,
/// whom (for interviewers), where and with whom.
fn ics_description(
    lang: Lang,
    when: &str,
    minutes: i64,
    candidate: Option<&str>,
    place: &str,
    with_whom: &str,
) -> String {
    let duration =
        lang.render(&Message::new("email-duration-minutes").with_number("minutes", minutes));
    let mut lines = vec![
        lang.render(
            &Message::new("ics-interview-when")
                .with("when", when)
                .with("duration", duration),
        ),
    ];
    if let Some(name) = candidate {
        lines.push(lang.render(&Message::new("ics-interview-candidate").with("name", name)));
    }
    if !place.trim().is_empty() {
        lines.push(lang.render(&Message::new("ics-interview-place").with("place", place)));
    }
    if !with_whom.is_empty() {
        lines.push(lang.render(&Message::new("ics-interview-with").with("names", with_whom)));
    }
    lines.join("\n")
}

/// An interview as lists show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct InterviewSummary {
    pub id: i32,
    pub application_id: i32,
    pub kind: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub place: String,
    pub status: String,
    pub interviewer_ids: Vec<i32>,
}

pub async fn summaries(
    db: &DatabaseConnection,
    interviews: Vec<interview::Model>,
) -> AppResult<Vec<InterviewSummary>> {
    if interviews.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = interviews.iter().map(|i| i.id).collect();
    let links = interview_interviewer::Entity::find()
        .filter(interview_interviewer::Column::InterviewId.is_in(ids))
        .all(db)
        .await?;
    Ok(interviews
        .into_iter()
        .map(|i| InterviewSummary {
            interviewer_ids: links
                .iter()
                .filter(|l| l.interview_id == i.id)
                .map(|l| l.user_id)
                .collect(),
            id: i.id,
            application_id: i.application_id,
            kind: i.kind,
            scheduled_at: i.scheduled_at,
            duration_minutes: i.duration_minutes,
            place: i.place,
            status: i.status,
        })
        .collect())
}

pub async fn for_application(
    db: &DatabaseConnection,
    application_id: i32,
) -> AppResult<Vec<InterviewSummary>> {
    for_applications(db, vec![application_id]).await
}

/// The interviews of several applications at once (a candidate's page): two queries.
pub async fn for_applications(
    db: &DatabaseConnection,
    application_ids: Vec<i32>,
) -> AppResult<Vec<InterviewSummary>> {
    if application_ids.is_empty() {
        return Ok(Vec::new());
    }
    let found = interview::Entity::find()
        .filter(interview::Column::ApplicationId.is_in(application_ids))
        .order_by_asc(interview::Column::ScheduledAt)
        .all(db)
        .await?;
    summaries(db, found).await
}

/// The interviews `user_id` is on, soonest first.
pub async fn for_interviewer(
    db: &DatabaseConnection,
    user_id: i32,
) -> AppResult<Vec<interview::Model>> {
    let ids: Vec<i32> = interview_interviewer::Entity::find()
        .filter(interview_interviewer::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.interview_id)
        .collect();
    Ok(interview::Entity::find()
        .filter(interview::Column::Id.is_in(ids))
        .filter(interview::Column::Status.eq("scheduled"))
        .order_by_asc(interview::Column::ScheduledAt)
        .all(db)
        .await?)
}

/// The kit frozen into an interview, in order.
pub async fn kit(
    db: &DatabaseConnection,
    interview_id: i32,
) -> AppResult<Vec<crate::entities::question::Model>> {
    let links = interview_question::Entity::find()
        .filter(interview_question::Column::InterviewId.eq(interview_id))
        .order_by_asc(interview_question::Column::Rank)
        .all(db)
        .await?;
    let ids: Vec<i32> = links.iter().map(|l| l.question_id).collect();
    let questions = crate::entities::question::Entity::find()
        .filter(crate::entities::question::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    Ok(ids
        .iter()
        .filter_map(|id| questions.iter().find(|q| q.id == *id).cloned())
        .collect())
}
