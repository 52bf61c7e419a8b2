//! Retention: personal data is kept only while it has a purpose. Once a day, on one instance:
//! people whose applications all ended (rejected or withdrawn) more than `days_after_end` days
//! ago and who are not in the talent pool are erased, with a destruction record; talent-pool
//! consents run out after `talent_pool_months`, and the person is asked to renew
//! `reconsent_days` before; destruction records past their three years are removed.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Months, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::destruction::{self, Reason};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::entities::{application, candidate, consent};
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::candidates;
use crate::recruitment::consent::{PURPOSE_TALENT_POOL, withdraw_purpose};
use crate::web::i18n::Message;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema)]
pub struct RetentionSettings {
    /// Days after a person's last application ended before their data is erased.
    pub days_after_end: u32,
    /// How long a talent-pool consent lasts.
    pub talent_pool_months: u32,
    /// How many days before it runs out the person is asked to renew it.
    pub reconsent_days: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        Self {
            days_after_end: 30,
            talent_pool_months: 12,
            reconsent_days: 14,
        }
    }
}

const KEY: &str = "privacy.retention";

pub async fn settings<C: sea_orm::ConnectionTrait>(db: &C) -> AppResult<RetentionSettings> {
    crate::admin::settings::load(db, KEY).await
}

pub async fn save_settings(
    db: &DatabaseConnection,
    actor: i32,
    new: RetentionSettings,
) -> AppResult<RetentionSettings> {
    let mut errors = Vec::new();
    if new.days_after_end == 0 {
        errors.push(FieldError::new(
            "days_after_end",
            Message::new("field-positive"),
        ));
    }
    if new.talent_pool_months == 0 {
        errors.push(FieldError::new(
            "talent_pool_months",
            Message::new("field-positive"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    crate::admin::settings::store(db, actor, KEY, &new).await?;
    Ok(new)
}

/// What one run did.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct RetentionRun {
    pub erased: Vec<i32>,
    pub reminded: usize,
    pub expired: usize,
    pub records_purged: u64,
}

const ENDED: [&str; 2] = ["rejected", "withdrawn"];

pub async fn run(state: &AppState, now: DateTime<Utc>) -> AppResult<RetentionRun> {
    let (db, files, composer) = (&state.db, &state.files, &state.composer);
    let rules = settings(db).await?;
    let mut outcome = RetentionRun::default();

    // Talent-pool consents: ask to renew before they run out, withdraw them when they do.
    let pool = consent::Entity::find()
        .filter(consent::Column::Purpose.eq(PURPOSE_TALENT_POOL))
        .filter(consent::Column::WithdrawnAt.is_null())
        .all(db)
        .await?;
    for c in pool {
        let expires = c
            .expires_at
            .unwrap_or(c.given_at + Months::new(rules.talent_pool_months));
        if now >= expires {
            let txn = crate::db::write(db).await?;
            withdraw_purpose(&txn, c.candidate_id, PURPOSE_TALENT_POOL, now).await?;
            candidate::Entity::update_many()
                .col_expr(candidate::Column::TalentPool, false.into())
                .filter(candidate::Column::Id.eq(c.candidate_id))
                .exec(&txn)
                .await?;
            AuditEvent::new(None, "consent.expired", "candidate")
                .id(c.candidate_id)
                .details(json!({"purpose": PURPOSE_TALENT_POOL}))
                .record(&txn)
                .await?;
            txn.commit().await?;
            outcome.expired += 1;
        } else if c.reminded_at.is_none()
            && now >= expires - Duration::days(i64::from(rules.reconsent_days))
        {
            let Some(person) = candidate::Entity::find_by_id(c.candidate_id)
                .one(db)
                .await?
            else {
                continue;
            };
            let txn = crate::db::write(db).await?;
            if let Some(email) = person.email.as_deref() {
                let reader = composer.for_candidate(&person);
                let lang = reader.lang;
                let my_data =
                    super::links::issue(&txn, person.id, &state.config.mail.public_url).await?;
                let message = composer
                    .render_for(
                        "talent_pool_reconsent",
                        &reader,
                        minijinja::context! {
                            name => &person.full_name,
                            // The day it ends on their clock, written as they write days.
                            until => expires,
                            my_data => my_data,
                        },
                    )?
                    .to(
                        "talent_pool_reconsent",
                        email,
                        Some(&person.full_name),
                        lang,
                    );
                composer.queue(&txn, None, message).await?;
            }
            let mut model: consent::ActiveModel = c.into();
            model.reminded_at = Set(Some(now));
            model.update(&txn).await?;
            txn.commit().await?;
            outcome.reminded += 1;
        }
    }

    // People whose purpose ended: every application closed long enough ago, no talent pool.
    let cutoff = now - Duration::days(i64::from(rules.days_after_end));
    let mut latest_end: HashMap<i32, Option<DateTime<Utc>>> = HashMap::new();
    let people: Vec<i32> = candidate::Entity::find()
        .filter(candidate::Column::ErasedAt.is_null())
        .filter(candidate::Column::TalentPool.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    for a in application::Entity::find()
        .filter(application::Column::CandidateId.is_in(people))
        .all(db)
        .await?
    {
        let entry = latest_end
            .entry(a.candidate_id)
            .or_insert(Some(a.stage_changed_at));
        *entry = match (*entry, ENDED.contains(&a.stage.as_str())) {
            (Some(at), true) => Some(at.max(a.stage_changed_at)),
            _ => None,
        };
    }
    for (person, ended) in latest_end {
        if ended.is_some_and(|at| at <= cutoff) {
            candidates::erase_for(db, files, None, person, Reason::Retention).await?;
            outcome.erased.push(person);
        }
    }
    outcome.erased.sort_unstable();
    outcome.records_purged = destruction::purge_expired(db, now).await?;
    Ok(outcome)
}

/// The daily round: claimed once a day across all instances.
pub async fn daily(state: &AppState) -> AppResult<Option<RetentionRun>> {
    let now = Utc::now();
    if !crate::outbox::worker::claim_daily(&state.db, "retention", now.date_naive()).await? {
        return Ok(None);
    }
    run(state, now).await.map(Some)
}
