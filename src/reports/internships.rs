//! Intern programme outcomes for the internships that started in the period: pass rates and
//! attempts per exam, and the decisions taken.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::chart::BarChart;
use super::filter::Filter;
use super::output::{Output, one_decimal};
use crate::entities::{exam_attempt, internship};
use crate::error::AppResult;
use crate::internships::cohort::{ExamStats, exam_stats};
use crate::web::i18n::Lang;
use crate::web::tabular::Table;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InternshipOutcomes {
    pub filter: Filter,
    pub internships: i64,
    pub in_progress: i64,
    pub exams: Vec<ExamStats>,
    /// Mean attempts of the interns who passed, per exam.
    pub attempts_to_pass: BTreeMap<String, f64>,
    pub decisions: BTreeMap<String, i64>,
}

pub async fn compute(db: &DatabaseConnection, filter: Filter) -> AppResult<InternshipOutcomes> {
    let found: Vec<internship::Model> = internship::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|i| filter.has_day(i.start_date))
        .collect();
    let attempts = exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.is_in(found.iter().map(|i| i.id)))
        .all(db)
        .await?;
    let mut decisions = BTreeMap::new();
    for i in &found {
        if let Some(outcome) = &i.outcome {
            *decisions.entry(outcome.clone()).or_insert(0) += 1;
        }
    }
    let mut attempts_to_pass = BTreeMap::new();
    for exam in ["seo", "ppc"] {
        let passes: Vec<i32> = attempts
            .iter()
            .filter(|a| a.exam == exam && a.passed)
            .map(|a| a.attempt)
            .collect();
        if !passes.is_empty() {
            let mean = f64::from(passes.iter().sum::<i32>()) / passes.len() as f64;
            attempts_to_pass.insert(exam.to_owned(), (mean * 10.0).round() / 10.0);
        }
    }
    Ok(InternshipOutcomes {
        filter,
        internships: found.len() as i64,
        in_progress: found.iter().filter(|i| i.outcome.is_none()).count() as i64,
        exams: exam_stats(&attempts),
        attempts_to_pass,
        decisions,
    })
}

impl InternshipOutcomes {
    pub fn output(&self, lang: Lang) -> Output {
        let mut out = Output::with_chart(BarChart {
            title: lang.text("report-internships-chart"),
            series: vec![
                lang.text("internships-pass-rate"),
                lang.text("report-first-time-rate"),
            ],
            groups: self
                .exams
                .iter()
                .map(|e| {
                    let first = (e.interns > 0).then(|| {
                        (e.passed_first_time as f64 * 1000.0 / e.interns as f64).round() / 10.0
                    });
                    (e.exam.to_uppercase(), vec![e.pass_rate, first])
                })
                .collect(),
            unit: "%",
        });
        let mut exams = Table::new(vec![
            lang.text("internship-exam"),
            lang.text("internships-sat"),
            lang.text("internships-passed"),
            lang.text("internships-pass-rate"),
            lang.text("internship-attempts"),
            lang.text("internships-first-time"),
            lang.text("report-attempts-to-pass"),
        ]);
        for e in &self.exams {
            exams.push(vec![
                e.exam.to_uppercase().into(),
                e.interns.into(),
                e.passed.into(),
                one_decimal(e.pass_rate),
                e.attempts.into(),
                e.passed_first_time.into(),
                one_decimal(self.attempts_to_pass.get(&e.exam).copied()),
            ]);
        }
        out.section(lang.text("report-internships-exams"), exams);
        let mut decisions =
            Table::new(vec![lang.text("report-outcome"), lang.text("report-count")]);
        for (outcome, count) in &self.decisions {
            decisions.push(vec![
                lang.text(&format!("outcome-{outcome}")).into(),
                (*count).into(),
            ]);
        }
        decisions.push(vec![
            lang.text("internship-status-active").into(),
            self.in_progress.into(),
        ]);
        out.section(lang.text("report-internships-decisions"), decisions);
        out
    }
}
