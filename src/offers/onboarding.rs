//! The onboarding checklist a hire gets when the offer is accepted: steps from
//! seed-data/onboarding.toml, due relative to the first working day; the recruiter ticks them.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

use crate::entities::onboarding_item;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Lang;

const SEED: &str = include_str!("../../seed-data/onboarding.toml");

#[derive(Deserialize)]
struct SeedFile {
    item: Vec<SeedItem>,
}

#[derive(Deserialize)]
struct SeedItem {
    code: String,
    day: i64,
    title_en: String,
    title_ru: String,
}

/// Makes the checklist for a hire starting on `start`, unless they have one already (a second
/// accepted revision does not double it).
pub async fn create_for<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
    start: NaiveDate,
) -> AppResult<()> {
    let existing = onboarding_item::Entity::find()
        .filter(onboarding_item::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(());
    }
    let file: SeedFile = toml::from_str(SEED)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("seed-data/onboarding.toml: {e}")))?;
    for (rank, item) in file.item.into_iter().enumerate() {
        onboarding_item::ActiveModel {
            application_id: Set(application_id),
            code: Set(item.code),
            rank: Set(rank as i32 + 1),
            title_ru: Set(item.title_ru),
            title_en: Set(item.title_en),
            due_on: Set(start + Duration::days(item.day)),
            done_at: Set(None),
            done_by: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OnboardingStep {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub due_on: NaiveDate,
    pub done: bool,
    pub overdue: bool,
}

pub async fn steps(
    db: &DatabaseConnection,
    application_id: i32,
    lang: Lang,
) -> AppResult<Vec<OnboardingStep>> {
    let today = Utc::now().date_naive();
    Ok(onboarding_item::Entity::find()
        .filter(onboarding_item::Column::ApplicationId.eq(application_id))
        .order_by_asc(onboarding_item::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|i| OnboardingStep {
            done: i.done_at.is_some(),
            overdue: i.done_at.is_none() && i.due_on < today,
            title: lang.pick(i.title_ru, i.title_en),
            id: i.id,
            code: i.code,
            due_on: i.due_on,
        })
        .collect())
}

/// Ticks a step (or unticks it); returns its application.
pub async fn set_done(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    done: bool,
) -> AppResult<i32> {
    let item = onboarding_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let application_id = item.application_id;
    let mut changed: onboarding_item::ActiveModel = item.into();
    changed.done_at = Set(done.then(Utc::now));
    changed.done_by = Set(done.then_some(actor_id));
    changed.update(db).await?;
    Ok(application_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_checklist_parses_and_starts_before_the_first_day() {
        let file: SeedFile = toml::from_str(SEED).unwrap();
        assert!(file.item.len() >= 6);
        assert!(file.item.iter().any(|i| i.day < 0) && file.item.iter().any(|i| i.day == 0));
        assert!(
            file.item
                .iter()
                .all(|i| !i.title_ru.is_empty() && !i.title_en.is_empty())
        );
    }
}
