//! The delivery worker every instance runs: each round claims what is due, posts it (side by
//! side, each in a task of its own) and records each attempt on its delivery.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::deliveries;
use super::sender::{Outcome, Sender};
use crate::entities::{webhook, webhook_event};
use crate::jobs::{self, Jobs};
use crate::secrets::SecretKey;

/// Deliveries one round claims at most.
const BATCH: u64 = 20;

/// How the worker paces itself.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    pub poll: Duration,
    /// The first retry's delay; each next one waits twice as long.
    pub retry_base: Duration,
    pub max_attempts: i32,
}

/// Every `poll`, one round, a job of its own on the app's runner.
pub fn run(
    jobs: &Jobs,
    db: DatabaseConnection,
    key: SecretKey,
    sender: Sender,
    settings: WorkerSettings,
) -> tokio::task::JoinHandle<()> {
    jobs.every("webhooks", settings.poll, move || {
        let (db, key, sender, settings) =
            (db.clone(), key.clone(), sender.clone(), settings.clone());
        async move {
            deliver_due(&db, &key, &sender, &settings).await?;
            Ok(())
        }
    })
}

/// One round: claim, post, record. Returns how many deliveries were attempted.
pub async fn deliver_due(
    db: &DatabaseConnection,
    key: &SecretKey,
    sender: &Sender,
    settings: &WorkerSettings,
) -> anyhow::Result<usize> {
    let claimed = deliveries::claim(db, BATCH).await?;
    if claimed.is_empty() {
        return Ok(0);
    }
    let hooks: HashMap<i32, webhook::Model> = webhook::Entity::find()
        .filter(webhook::Column::Id.is_in(claimed.iter().map(|d| d.webhook_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let events: HashMap<i32, webhook_event::Model> = webhook_event::Entity::find()
        .filter(webhook_event::Column::Id.is_in(claimed.iter().map(|d| d.event_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut posts = tokio::task::JoinSet::new();
    for delivery in claimed {
        // Removed meanwhile: the cascade takes the row with it.
        let (Some(hook), Some(event)) = (
            hooks.get(&delivery.webhook_id).cloned(),
            events.get(&delivery.event_id).cloned(),
        ) else {
            continue;
        };
        let (sender, key) = (sender.clone(), key.clone());
        posts.spawn(async move {
            let outcome = jobs::isolated(async move {
                let secret = key
                    .open(&hook.secret_sealed)
                    .map_err(|e| anyhow::anyhow!("the webhook's secret: {e}"))?;
                let timestamp = Utc::now().timestamp();
                Ok(sender
                    .post(&hook.url, &secret, &event.event_id, timestamp, event.body)
                    .await)
            })
            .await;
            (delivery, outcome)
        });
    }
    let mut attempted = 0;
    while let Some(joined) = posts.join_next().await {
        let (delivery, outcome) = joined?;
        attempted += 1;
        let (code, error, permanent) = match outcome {
            Ok(Outcome::Delivered(code)) => {
                deliveries::mark_delivered(db, delivery.id, code).await?;
                tracing::info!(id = delivery.id, code, "webhook delivered");
                continue;
            }
            Ok(Outcome::Refused(code)) => (Some(code), format!("answered {code}"), false),
            Ok(Outcome::Unreachable(error)) => (None, error, false),
            // A secret that does not open will not open next time either.
            Err(failed) => (None, failed.to_string(), true),
        };
        tracing::warn!(id = delivery.id, attempt = delivery.attempts, error = %error, "webhook not delivered");
        let max_attempts = if permanent { 0 } else { settings.max_attempts };
        deliveries::mark_failed(
            db,
            &delivery,
            code,
            &error,
            settings.retry_base,
            max_attempts,
        )
        .await?;
    }
    Ok(attempted)
}
