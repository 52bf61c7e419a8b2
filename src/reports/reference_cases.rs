//! Reference cases for the time-to-fill report: closed hires from published sources
//! (seed-data/reference_cases.toml, loaded by code), shown beside the agency's own figures.
//! A source gives one count, in calendar or in working days; the other count is computed by the
//! production calendar only when both dates are known, and is otherwise "not given" — never
//! estimated from the one that is.

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::calendar::ProductionCalendar;
use crate::entities::reference_case;
use crate::error::AppResult;
use crate::web::i18n::Lang;

const SEED: &str = include_str!("../../seed-data/reference_cases.toml");

#[derive(Deserialize)]
struct SeedFile {
    case: Vec<SeedCase>,
}

#[derive(Deserialize)]
struct SeedCase {
    code: String,
    title_ru: String,
    title_en: String,
    client_ru: String,
    client_en: String,
    counted_in: String,
    days: i32,
    #[serde(default)]
    opened_on: Option<NaiveDate>,
    #[serde(default)]
    filled_on: Option<NaiveDate>,
    source: String,
}

/// Which count a source gives.
pub const CALENDAR: &str = "calendar";
pub const WORKING: &str = "working";

/// Loads the reference cases by code; they are reference data, so a changed seed wins.
pub async fn load_seed(db: &DatabaseConnection) -> anyhow::Result<()> {
    let file: SeedFile = toml::from_str(SEED).context("seed-data/reference_cases.toml")?;
    let now = Utc::now();
    for (rank, c) in file.case.into_iter().enumerate() {
        reference_case::Entity::insert(reference_case::ActiveModel {
            code: Set(c.code),
            rank: Set(rank as i32 + 1),
            title_ru: Set(c.title_ru),
            title_en: Set(c.title_en),
            client_ru: Set(c.client_ru),
            client_en: Set(c.client_en),
            counted_in: Set(c.counted_in),
            days: Set(c.days),
            opened_on: Set(c.opened_on),
            filled_on: Set(c.filled_on),
            source: Set(c.source),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(reference_case::Column::Code)
                .update_columns([
                    reference_case::Column::Rank,
                    reference_case::Column::TitleRu,
                    reference_case::Column::TitleEn,
                    reference_case::Column::ClientRu,
                    reference_case::Column::ClientEn,
                    reference_case::Column::CountedIn,
                    reference_case::Column::Days,
                    reference_case::Column::OpenedOn,
                    reference_case::Column::FilledOn,
                    reference_case::Column::Source,
                    reference_case::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await
        .context("loading reference cases")?;
    }
    Ok(())
}

/// One reference case in the report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReferenceCase {
    pub code: String,
    pub title: String,
    pub client: String,
    /// "calendar" or "working": the count the source gives.
    pub counted_in: String,
    /// That count, as published.
    pub given_days: i32,
    pub opened_on: Option<NaiveDate>,
    pub filled_on: Option<NaiveDate>,
    /// None when the source gives only working days and no dates.
    pub calendar_days: Option<i64>,
    /// None when the source gives only calendar days and no dates.
    pub working_days: Option<i64>,
    pub source: String,
}

/// Both counts of a case: from its dates when both are known, otherwise only the given one.
pub fn counts(
    counted_in: &str,
    days: i32,
    dates: Option<(NaiveDate, NaiveDate)>,
    calendar: &ProductionCalendar,
) -> (Option<i64>, Option<i64>) {
    if let Some((opened, filled)) = dates {
        return (
            Some((filled - opened).num_days()),
            Some(calendar.working_days_between(opened, filled)),
        );
    }
    let days = i64::from(days);
    match counted_in {
        CALENDAR => (Some(days), None),
        WORKING => (None, Some(days)),
        _ => (None, None),
    }
}

/// The reference cases in their order, in the reader's language.
pub async fn all(db: &DatabaseConnection, lang: Lang) -> AppResult<Vec<ReferenceCase>> {
    let calendar = ProductionCalendar::russian();
    Ok(reference_case::Entity::find()
        .order_by_asc(reference_case::Column::Rank)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let dates = c.opened_on.zip(c.filled_on);
            let (calendar_days, working_days) = counts(&c.counted_in, c.days, dates, calendar);
            ReferenceCase {
                title: lang.pick(&c.title_ru, &c.title_en).to_owned(),
                client: lang.pick(&c.client_ru, &c.client_en).to_owned(),
                code: c.code,
                counted_in: c.counted_in,
                given_days: c.days,
                opened_on: c.opened_on,
                filled_on: c.filled_on,
                calendar_days,
                working_days,
                source: c.source,
            }
        })
        .collect())
}

/// The spread of the reference cases in each count, over the cases that have it.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct ReferenceRange {
    pub calendar_cases: usize,
    pub calendar_min: Option<i64>,
    pub calendar_max: Option<i64>,
    pub working_cases: usize,
    pub working_min: Option<i64>,
    pub working_max: Option<i64>,
}

pub fn range(cases: &[ReferenceCase]) -> ReferenceRange {
    let calendar: Vec<i64> = cases.iter().filter_map(|c| c.calendar_days).collect();
    let working: Vec<i64> = cases.iter().filter_map(|c| c.working_days).collect();
    ReferenceRange {
        calendar_cases: calendar.len(),
        calendar_min: calendar.iter().min().copied(),
        calendar_max: calendar.iter().max().copied(),
        working_cases: working.len(),
        working_min: working.iter().min().copied(),
        working_max: working.iter().max().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn without_dates_only_the_given_count_is_shown() {
        let calendar = ProductionCalendar::russian();
        assert_eq!(counts(CALENDAR, 39, None, calendar), (Some(39), None));
        assert_eq!(counts(WORKING, 31, None, calendar), (None, Some(31)));
    }

    #[test]
    fn with_both_dates_both_counts_come_from_the_production_calendar() {
        let calendar = ProductionCalendar::russian();
        // 2 to 31 March 2026: 29 calendar days, 20 working days (9 March is a holiday).
        let dates = Some((day("2026-03-02"), day("2026-03-31")));
        assert_eq!(counts(CALENDAR, 29, dates, calendar), (Some(29), Some(20)));
    }

    #[test]
    fn the_seeded_cases_match_the_published_figures() {
        let file: SeedFile = toml::from_str(SEED).unwrap();
        assert_eq!(file.case.len(), 7);
        let mut calendar: Vec<i32> = file
            .case
            .iter()
            .filter(|c| c.counted_in == CALENDAR)
            .map(|c| c.days)
            .collect();
        calendar.sort_unstable();
        assert_eq!(calendar, [24, 27, 39, 68]);
        let mut working: Vec<i32> = file
            .case
            .iter()
            .filter(|c| c.counted_in == WORKING)
            .map(|c| c.days)
            .collect();
        working.sort_unstable();
        assert_eq!(working, [31, 32, 32]);
        assert!(
            file.case
                .iter()
                .all(|c| c.opened_on.is_none() && c.filled_on.is_none())
        );
    }
}
