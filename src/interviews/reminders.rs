//! Overdue scorecards: an interview that ended more than a day ago whose interviewer has not
//! submitted a card. They show on the interviewer's dashboard, and each interviewer gets one
//! reminder email per card (claimed in the database, so only one instance sends it).

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use serde::Serialize;

use super::scorecards;
use crate::entities::{application, candidate, interview, interview_interviewer, scorecard, user};
use crate::error::AppResult;
use crate::notifications::model::{Kind, Notice, notify};
use crate::outbox::emails::Composer;

/// How long after an interview ends its scorecards are due.
pub const DUE_AFTER_HOURS: i64 = 24;

#[derive(Clone, Debug, Serialize)]
pub struct Overdue {
    pub interview_id: i32,
    pub interviewer_id: i32,
    pub kind: String,
    pub candidate_name: String,
    pub scheduled_at: chrono::DateTime<Utc>,
}

/// Overdue cards, of one interviewer or of everyone.
pub async fn overdue(
    db: &DatabaseConnection,
    interviewer_id: Option<i32>,
) -> AppResult<Vec<Overdue>> {
    let now = Utc::now();
    // The interviewers still owing a card, found in SQL: every interview ever held stays
    // "scheduled", so loading them all (and binding their ids) fails at agency scale.
    let past = interview::Entity::find()
        .select_only()
        .column(interview::Column::Id)
        .filter(interview::Column::Status.eq("scheduled"))
        .filter(interview::Column::ScheduledAt.lt(now - Duration::hours(DUE_AFTER_HOURS)));
    let mut links = interview_interviewer::Entity::find()
        .filter(interview_interviewer::Column::InterviewId.in_subquery(past.into_query()))
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM scorecards s \
             WHERE s.interview_id = interview_interviewers.interview_id \
             AND s.interviewer_id = interview_interviewers.user_id AND s.status = 'submitted')",
        ));
    if let Some(id) = interviewer_id {
        links = links.filter(interview_interviewer::Column::UserId.eq(id));
    }
    let links = links.all(db).await?;
    let ids: Vec<i32> = links.iter().map(|l| l.interview_id).collect();
    // Ended a day ago at the latest: started before now − 24 h − its own length.
    let interviews = interview::Entity::find()
        .filter(interview::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter(|i| {
            i.scheduled_at
                + Duration::minutes(i64::from(i.duration_minutes))
                + Duration::hours(DUE_AFTER_HOURS)
                < now
        })
        .collect::<Vec<_>>();
    let app_ids: Vec<i32> = interviews.iter().map(|i| i.application_id).collect();
    let apps = application::Entity::find()
        .filter(application::Column::Id.is_in(app_ids))
        .all(db)
        .await?;
    let people = candidate::Entity::find()
        .filter(
            candidate::Column::Id.is_in(apps.iter().map(|a| a.candidate_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    let name_of = |application_id: i32| {
        apps.iter()
            .find(|a| a.id == application_id)
            .and_then(|a| people.iter().find(|p| p.id == a.candidate_id))
            .map(|p| p.full_name.clone())
            .unwrap_or_default()
    };
    Ok(links
        .into_iter()
        .filter_map(|l| {
            let i = interviews.iter().find(|i| i.id == l.interview_id)?;
            Some(Overdue {
                interview_id: i.id,
                interviewer_id: l.user_id,
                kind: i.kind.clone(),
                candidate_name: name_of(i.application_id),
                scheduled_at: i.scheduled_at,
            })
        })
        .collect())
}

/// Queues one reminder per overdue card that has not had one: the claim (setting
/// `reminder_sent_at` where it is still empty) and the email share a transaction.
pub async fn send_reminders(
    db: &DatabaseConnection,
    composer: &Composer,
    base_url: &str,
) -> AppResult<usize> {
    let mut sent = 0;
    for item in overdue(db, None).await? {
        let Some(person) = user::Entity::find_by_id(item.interviewer_id)
            .one(db)
            .await?
        else {
            continue;
        };
        // Read and create outside the transaction, so that it starts with its write: on SQLite
        // a read-then-write transaction can fail when another connection wrote in between.
        let card = match scorecard::Entity::find()
            .filter(scorecard::Column::InterviewId.eq(item.interview_id))
            .filter(scorecard::Column::InterviewerId.eq(item.interviewer_id))
            .one(db)
            .await?
        {
            Some(card) => card,
            None => scorecards::new_draft(db, item.interview_id, item.interviewer_id).await?,
        };
        let txn = crate::db::write(db).await?;
        let claimed = scorecard::Entity::update_many()
            .col_expr(scorecard::Column::ReminderSentAt, Some(Utc::now()).into())
            .filter(scorecard::Column::Id.eq(card.id))
            .filter(scorecard::Column::ReminderSentAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            txn.rollback().await?;
            continue;
        }
        let reader = composer.for_user(&person);
        let lang = reader.lang;
        let rendered = composer.render_for(
            "scorecard_reminder",
            &reader,
            minijinja::context! {
                name => &person.name,
                candidate => &item.candidate_name,
                what => lang.text(&format!("interview-kind-{}", item.kind)),
                // On the interviewer's own clock, with its name, never bare UTC.
                when => reader.time(item.scheduled_at),
                link => format!("{base_url}/interviews/{}", item.interview_id),
            },
        )?;
        let email = rendered.to(
            "scorecard_reminder",
            &person.email,
            Some(&person.name),
            lang,
        );
        composer.queue(&txn, None, email).await?;
        let notice = Notice::new(
            Kind::ScorecardOverdue,
            format!("/interviews/{}", item.interview_id),
        )
        .with("candidate", item.candidate_name.clone());
        notify(&txn, &[person.id], &notice).await?;
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
