//! The background worker every instance runs: it sends what the outbox holds, and once a day
//! (on one instance only) queues each recruiter's digest of follow-ups due.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, Timelike, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

use super::emails::Composer;
use super::mailer::Mailer;
use super::model;
use crate::entities::{job_run, position, user};
use crate::error::AppResult;
use crate::jobs::{self, Jobs};
use crate::recruitment::views;

/// How often overdue scorecards are looked for.
const REMINDER_EVERY: Duration = Duration::from_secs(600);

/// How the worker paces itself.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    pub poll: Duration,
    pub retry_base: Duration,
    pub max_attempts: i32,
    /// The hour (UTC) after which the day's digest goes out.
    pub digest_hour_utc: u32,
    /// The address links in emails point to.
    pub base_url: String,
}

/// The worker's schedule: every `poll`, the due email (and now and then the scorecard
/// reminders and the day's digest), each round a job of its own on the app's runner, so a
/// round that fails or panics is logged and the next one comes on time.
pub fn run(
    jobs: &Jobs,
    db: DatabaseConnection,
    mailer: Arc<Mailer>,
    composer: Arc<Composer>,
    settings: WorkerSettings,
) -> tokio::task::JoinHandle<()> {
    let jobs = *jobs;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(settings.poll);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_reminders: Option<std::time::Instant> = None;
        loop {
            tick.tick().await;
            if last_reminders.is_none_or(|at| at.elapsed() >= REMINDER_EVERY) {
                last_reminders = Some(std::time::Instant::now());
                let (db, composer, base_url) =
                    (db.clone(), composer.clone(), settings.base_url.clone());
                jobs.run("scorecard_reminders", async move {
                    crate::interviews::reminders::send_reminders(&db, &composer, &base_url).await?;
                    Ok(())
                })
                .await;
            }
            {
                let (db, mailer, composer, settings) = (
                    db.clone(),
                    mailer.clone(),
                    composer.clone(),
                    settings.clone(),
                );
                jobs.run("outbox", async move {
                    deliver_due(&db, mailer, &composer, &settings).await?;
                    Ok(())
                })
                .await;
            }
            if Utc::now().hour() >= settings.digest_hour_utc {
                let (db, composer, settings) = (db.clone(), composer.clone(), settings.clone());
                jobs.run("follow_up_digest", async move {
                    daily_digest(&db, &composer, &settings, Utc::now().date_naive()).await?;
                    Ok(())
                })
                .await;
            }
        }
    })
}

/// One round: claim what is due and send it, marking each message as it goes. Each message
/// is built and sent in a task of its own: one that cannot be built, or whose building
/// panics, fails for good with its reason, and the rest of the round goes on.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: Arc<Mailer>,
    composer: &Composer,
    settings: &WorkerSettings,
) -> AppResult<usize> {
    let claimed = model::claim(db, 20).await?;
    let count = claimed.len();
    for message in claimed {
        let (mailer, from, row) = (mailer.clone(), composer.sender(), message.clone());
        let outcome = jobs::isolated(async move { Ok(mailer.send(&from, &row).await) }).await;
        let (error, permanent) = match outcome {
            Ok(Ok(())) => {
                model::mark_sent(db, message.id).await?;
                tracing::info!(id = message.id, kind = %message.kind, "email sent");
                continue;
            }
            Ok(Err(err)) => (err.to_string(), err.is_permanent()),
            Err(failed) => (format!("the message cannot be built: {failed}"), true),
        };
        if permanent {
            tracing::error!(id = message.id, kind = %message.kind, error = %error, "email cannot be sent; marked failed");
        } else {
            tracing::warn!(id = message.id, attempt = message.attempts, error = %error, "email not sent");
        }
        let max_attempts = if permanent { 0 } else { settings.max_attempts };
        model::mark_failed(db, &message, &error, settings.retry_base, max_attempts).await?;
    }
    Ok(count)
}

/// Claims a daily job for `today`: true for exactly one caller across all instances.
pub async fn claim_daily(db: &DatabaseConnection, name: &str, today: NaiveDate) -> AppResult<bool> {
    let yesterday = today.pred_opt().unwrap_or(today);
    job_run::Entity::insert(job_run::ActiveModel {
        name: Set(name.to_owned()),
        last_run_on: Set(yesterday),
        run_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([job_run::Column::Name])
    .exec(db)
    .await?;
    let claimed = job_run::Entity::update_many()
        .col_expr(job_run::Column::LastRunOn, today.into())
        .col_expr(job_run::Column::RunAt, Utc::now().into())
        .filter(job_run::Column::Name.eq(name))
        .filter(job_run::Column::LastRunOn.lt(today))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

#[derive(Serialize)]
struct DigestItem {
    candidate_id: i32,
    full_name: String,
    position_title: String,
    stage: String,
    next_contact_on: Option<NaiveDate>,
    overdue: bool,
}

/// Each active recruiter gets the follow-ups due on their positions (and on positions
/// nobody owns); nobody gets an empty digest. Runs once a day across all instances.
pub async fn daily_digest(
    db: &DatabaseConnection,
    composer: &Composer,
    settings: &WorkerSettings,
    today: NaiveDate,
) -> AppResult<usize> {
    if !claim_daily(db, "follow_up_digest", today).await? {
        return Ok(0);
    }
    let (due, _) = views::follow_ups_due(db, 1000).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let owners: BTreeMap<i32, Option<i32>> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.recruiter_id))
        .collect();
    let recruiters = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.eq("recruiter"))
        .all(db)
        .await?;
    let mut queued = 0;
    for recruiter in recruiters {
        let reader = composer.for_user(&recruiter);
        let lang = reader.lang;
        let items: Vec<DigestItem> = due
            .iter()
            .filter(|f| {
                let owner = owners.get(&f.card.position_id).copied().flatten();
                owner.is_none_or(|id| id == recruiter.id)
            })
            .map(|f| DigestItem {
                candidate_id: f.card.candidate_id,
                full_name: f.card.full_name.clone(),
                position_title: f.position_title.clone(),
                stage: lang.text(&format!("stage-{}", f.card.stage)),
                next_contact_on: f.card.next_contact_on,
                overdue: f.overdue,
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let rendered = composer.render_for(
            "follow_up_digest",
            &reader,
            minijinja::context! { name => &recruiter.name, items => &items, base_url => &settings.base_url },
        )?;
        let email = rendered.to(
            "follow_up_digest",
            &recruiter.email,
            Some(&recruiter.name),
            lang,
        );
        composer.queue(db, None, email).await?;
        queued += 1;
    }
    Ok(queued)
}
