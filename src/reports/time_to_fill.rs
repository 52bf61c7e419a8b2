//! How long filling takes: per position filled in the period, the days from opening to filling
//! (calendar and working days, by the production calendar) against the target date; the
//! positions still open and how long they have been; and how long applications sit in each stage.

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use super::chart::BarChart;
use super::filter::Filter;
use super::output::{Output, one_decimal};
use super::reference_cases::{self, ReferenceCase, ReferenceRange};
use crate::domain::calendar::ProductionCalendar;
use crate::entities::position;
use crate::error::AppResult;
use crate::web::i18n::{Lang, Message};
use crate::web::tabular::Table;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PositionTime {
    pub position_id: i32,
    pub title: String,
    pub opened_on: Option<NaiveDate>,
    /// The day the position was filled; none while it is still open.
    pub filled_on: Option<NaiveDate>,
    /// From opening to filling (or to today, for an open position).
    pub calendar_days: Option<i64>,
    pub working_days: Option<i64>,
    pub target_date: Option<NaiveDate>,
    /// Days after the target date (negative: before it).
    pub days_past_target: Option<i64>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StageTime {
    pub stage: String,
    /// Stays that ended in the period.
    pub stays: i64,
    pub mean_days: Option<f64>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TimeToFill {
    pub filter: Filter,
    pub filled: Vec<PositionTime>,
    pub open: Vec<PositionTime>,
    pub mean_calendar_days: Option<f64>,
    pub mean_working_days: Option<f64>,
    pub median_working_days: Option<f64>,
    /// Filled on or before the target date, of those that had one.
    pub on_target: i64,
    pub with_target: i64,
    pub stages: Vec<StageTime>,
    /// Published closed hires to compare with, whatever the filter: each with the count its
    /// source gives and the other one only when the dates are known.
    pub reference_cases: Vec<ReferenceCase>,
    pub reference_range: ReferenceRange,
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<i64>() as f64 / values.len() as f64)
}

fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

fn timing(p: &position::Model, until: NaiveDate) -> PositionTime {
    let calendar = ProductionCalendar::russian();
    let end = p.filled_on.unwrap_or(until);
    PositionTime {
        position_id: p.id,
        title: p.title.clone(),
        opened_on: p.opened_on,
        filled_on: p.filled_on,
        calendar_days: p.opened_on.map(|o| (end - o).num_days()),
        working_days: p.opened_on.map(|o| calendar.working_days_between(o, end)),
        target_date: p.target_date,
        days_past_target: p.target_date.map(|t| (end - t).num_days()),
    }
}

/// The positions filled in the period (the one chosen, when one is), each timed from opening.
pub async fn filled(db: &DatabaseConnection, filter: &Filter) -> AppResult<Vec<PositionTime>> {
    let mut query = position::Entity::find()
        .filter(position::Column::FilledOn.is_not_null())
        .order_by_asc(position::Column::Id);
    if let Some(from) = filter.from {
        query = query.filter(position::Column::FilledOn.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(position::Column::FilledOn.lte(to));
    }
    timed(db, query, filter).await
}

/// The positions `query` finds (narrowed to the filter's position), each timed from opening.
async fn timed(
    db: &DatabaseConnection,
    mut query: sea_orm::Select<position::Entity>,
    filter: &Filter,
) -> AppResult<Vec<PositionTime>> {
    if let Some(id) = filter.position_id {
        query = query.filter(position::Column::Id.eq(id));
    }
    let today = Utc::now().date_naive();
    Ok(query
        .all(db)
        .await?
        .iter()
        .map(|p| timing(p, today))
        .collect())
}

/// The median of the filled positions' working days: the dashboard's one figure of this report.
pub fn median_working_days(filled: &[PositionTime]) -> Option<f64> {
    median(
        &filled
            .iter()
            .filter_map(|p| p.working_days)
            .collect::<Vec<_>>(),
    )
}

async fn still_open(db: &DatabaseConnection, filter: &Filter) -> AppResult<Vec<PositionTime>> {
    let query = position::Entity::find()
        .filter(position::Column::Status.is_in(["open", "on_hold"]))
        .order_by_asc(position::Column::Id);
    timed(db, query, filter).await
}

pub async fn compute(db: &DatabaseConnection, filter: Filter, lang: Lang) -> AppResult<TimeToFill> {
    let filled = filled(db, &filter).await?;
    let open = still_open(db, &filter).await?;
    let calendar_days: Vec<i64> = filled.iter().filter_map(|p| p.calendar_days).collect();
    let working_days: Vec<i64> = filled.iter().filter_map(|p| p.working_days).collect();
    let with_target = filled
        .iter()
        .filter(|p| p.days_past_target.is_some())
        .count() as i64;
    let on_target = filled
        .iter()
        .filter(|p| p.days_past_target.is_some_and(|d| d <= 0))
        .count() as i64;
    let reference_cases = reference_cases::all(db, lang).await?;
    Ok(TimeToFill {
        reference_range: reference_cases::range(&reference_cases),
        reference_cases,
        filter,
        mean_calendar_days: mean(&calendar_days).map(round1),
        mean_working_days: mean(&working_days).map(round1),
        median_working_days: median_working_days(&filled),
        on_target,
        with_target,
        stages: super::stays::stage_times(db, filter).await?,
        filled,
        open,
    })
}

pub(super) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

impl TimeToFill {
    pub fn output(&self, lang: Lang) -> Output {
        let mut out = Output::with_chart(BarChart {
            title: lang.text("report-time-chart"),
            series: vec![lang.text("report-working-days")],
            groups: self
                .filled
                .iter()
                .map(|p| (p.title.clone(), vec![p.working_days.map(|d| d as f64)]))
                .collect(),
            unit: "",
        });
        let headings = || {
            vec![
                lang.text("report-position"),
                lang.text("report-opened"),
                lang.text("report-filled"),
                lang.text("report-calendar-days"),
                lang.text("report-working-days"),
                lang.text("report-target"),
                lang.text("report-past-target"),
            ]
        };
        let row = |p: &PositionTime| {
            vec![
                p.title.clone().into(),
                p.opened_on.into(),
                p.filled_on.into(),
                p.calendar_days.into(),
                p.working_days.into(),
                p.target_date.into(),
                p.days_past_target.into(),
            ]
        };
        // The agency's filled positions and the reference cases in one table (the CSV's), each
        // row saying whose it is; a count a source does not give is marked, not estimated.
        let mut with_source = headings();
        with_source.push(lang.text("report-source-of-figures"));
        let mut filled = Table::new(with_source);
        let ours = lang.text("report-reference-ours");
        for p in &self.filled {
            let mut cells = row(p);
            cells.push(ours.clone().into());
            filled.push(cells);
        }
        let not_given = lang.text("report-reference-not-given");
        let count = |v: Option<i64>| match v {
            Some(days) => days.into(),
            None => not_given.clone().into(),
        };
        for c in &self.reference_cases {
            let counted = lang.text(&format!("report-reference-counted-{}", c.counted_in));
            filled.push(vec![
                format!("{} — {}", c.title, c.client).into(),
                c.opened_on.into(),
                c.filled_on.into(),
                count(c.calendar_days),
                count(c.working_days),
                Option::<NaiveDate>::None.into(),
                Option::<i64>::None.into(),
                format!("{} ({counted})", c.source).into(),
            ]);
        }
        out.section(lang.text("report-time-filled-beside"), filled);
        let mut open = Table::new(headings());
        self.open.iter().for_each(|p| open.push(row(p)));
        out.section(lang.text("report-time-open"), open);
        let mut stages = Table::new(vec![
            lang.text("report-stage"),
            lang.text("report-stays"),
            lang.text("report-mean-days"),
        ]);
        for s in &self.stages {
            stages.push(vec![
                lang.text(&format!("stage-{}", s.stage)).into(),
                s.stays.into(),
                one_decimal(s.mean_days),
            ]);
        }
        out.section(lang.text("report-time-stages"), stages);
        let figure = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{v:.1}"));
        let spread = |min: Option<i64>, max: Option<i64>| match (min, max) {
            (Some(min), Some(max)) if min == max => min.to_string(),
            (Some(min), Some(max)) => format!("{min}–{max}"),
            _ => "—".to_owned(),
        };
        let r = &self.reference_range;
        out.notes.push(
            lang.render(
                &Message::new("report-reference-summary")
                    .with("calendar", spread(r.calendar_min, r.calendar_max))
                    .with_number("calendar_cases", r.calendar_cases as i64)
                    .with("working", spread(r.working_min, r.working_max))
                    .with_number("working_cases", r.working_cases as i64)
                    .with("ours_calendar", figure(self.mean_calendar_days))
                    .with("ours_working", figure(self.mean_working_days)),
            ),
        );
        out.notes.push(
            lang.render(
                &Message::new("report-time-summary")
                    .with("calendar", figure(self.mean_calendar_days))
                    .with("working", figure(self.mean_working_days))
                    .with("median", figure(self.median_working_days))
                    .with_number("on_target", self.on_target)
                    .with_number("with_target", self.with_target),
            ),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_means() {
        assert_eq!(median(&[5, 1, 3]), Some(3.0));
        assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(mean(&[1, 2]), Some(1.5));
    }
}
