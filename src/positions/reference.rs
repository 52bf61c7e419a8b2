//! Reference data the hiring flow rests on: competencies, grades with their salary bands, and
//! market salary data to set the bands against.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::market;
use crate::domain::salary::{BandError, SalaryBand};
use crate::entities::{competency, grade, market_bucket, market_dataset};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

pub async fn competencies(db: &DatabaseConnection) -> AppResult<Vec<competency::Model>> {
    Ok(competency::Entity::find()
        .order_by_asc(competency::Column::Rank)
        .all(db)
        .await?)
}

pub async fn grades(db: &DatabaseConnection) -> AppResult<Vec<grade::Model>> {
    Ok(grade::Entity::find()
        .order_by_asc(grade::Column::Rank)
        .all(db)
        .await?)
}

pub fn grade_name(grade: &grade::Model, lang: Lang) -> &str {
    lang.pick(&grade.name_ru, &grade.name_en)
}

fn band_message(error: BandError) -> Message {
    match error {
        BandError::MinNotPositive | BandError::MaxNotPositive => {
            Message::new("field-salary-positive")
        }
        BandError::MinAboveMax => Message::new("field-salary-min-above-max"),
        BandError::UnknownCurrency => Message::new("field-currency-invalid"),
    }
}

/// Sets a grade's band after checking it; the change is audited with before and after.
pub async fn update_band(
    db: &DatabaseConnection,
    actor_id: i32,
    code: &str,
    min: i64,
    max: i64,
    currency: &str,
) -> AppResult<grade::Model> {
    let found = grade::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let band = SalaryBand::new(min, max, currency).map_err(|errors| {
        AppError::Validation(
            errors
                .into_iter()
                .map(|e| FieldError::new(e.field(), band_message(e)))
                .collect(),
        )
    })?;
    let before =
        json!({"min": found.salary_min, "max": found.salary_max, "currency": found.currency});
    let mut changed: grade::ActiveModel = found.into();
    changed.salary_min = Set(band.min);
    changed.salary_max = Set(band.max);
    changed.currency = Set(band.currency);
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(db).await?;
    AuditEvent::new(Some(actor_id), "grade.band_update", "grade")
        .id(&updated.code)
        .details(json!({"from": before, "to": {"min": updated.salary_min, "max": updated.salary_max, "currency": updated.currency}}))
        .record(db)
        .await?;
    Ok(updated)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MarketDataset {
    pub code: String,
    /// What the figures count: `resumes` (what job-seekers ask), `vacancies` (what employers
    /// offer) or `survey` (what people say they are paid).
    #[schema(example = "resumes")]
    pub kind: String,
    /// How the figures are shaped: `histogram` (rows by bracket or grade), `range` (a minimum
    /// and a maximum), `count` (only how many: `total`) or `average_over` (an average above
    /// `range_min`).
    #[schema(example = "histogram")]
    pub shape: String,
    pub title: String,
    pub source: String,
    pub region: String,
    /// The day the figures describe.
    pub as_of: chrono::NaiveDate,
    /// Older than six months: time to refresh them.
    pub stale: bool,
    pub range_min: Option<i64>,
    pub range_max: Option<i64>,
    /// How many résumés or vacancies stand behind the figures, when the source says.
    pub total: Option<i64>,
    pub currency: String,
    pub buckets: Vec<MarketBucket>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MarketBucket {
    /// The grade or bracket as the source names it.
    pub label: Option<String>,
    /// Absent for an open lower end ("under 70 000").
    pub lower: Option<i64>,
    pub upper: Option<i64>,
    pub median: Option<i64>,
    /// Résumés or vacancies in the bracket, when the source counts them.
    pub count: Option<i32>,
}

/// Every dataset with its buckets, newest first: two queries.
pub async fn market_data(db: &DatabaseConnection, lang: Lang) -> AppResult<Vec<MarketDataset>> {
    let datasets = market_dataset::Entity::find()
        .order_by_desc(market_dataset::Column::ObservedOn)
        .order_by_asc(market_dataset::Column::Code)
        .all(db)
        .await?;
    let buckets = market_bucket::Entity::find()
        .order_by_asc(market_bucket::Column::Id)
        .all(db)
        .await?;
    let today = Utc::now().date_naive();
    Ok(datasets
        .into_iter()
        .map(|d| MarketDataset {
            buckets: buckets
                .iter()
                .filter(|b| b.dataset_code == d.code)
                .map(|b| MarketBucket {
                    label: b.label.clone(),
                    lower: b.lower,
                    upper: b.upper,
                    median: b.median,
                    count: b.count,
                })
                .collect(),
            title: lang.pick(d.title_ru, d.title_en),
            stale: market::is_stale(d.observed_on, today),
            code: d.code,
            kind: d.kind,
            shape: d.shape,
            source: d.source,
            region: d.region,
            as_of: d.observed_on,
            range_min: d.range_min,
            range_max: d.range_max,
            total: d.total,
            currency: d.currency,
        })
        .collect())
}
