//! Where people come from: per source, the applications made in the period, how many reached
//! the short-list, and how many were hired.

use std::collections::BTreeMap;

use sea_orm::DatabaseConnection;
use serde::Serialize;
use utoipa::ToSchema;

use super::cache::GroupCache;
use super::chart::BarChart;
use super::filter::Filter;
use super::funnel::furthest_step;
use super::output::Output;
use crate::domain::pipeline::Stage;
use crate::error::AppResult;
use crate::web::i18n::Lang;
use crate::web::tabular::{Cell, Table};

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SourceRow {
    pub source: String,
    pub candidates: i64,
    pub short_listed: i64,
    pub hired: i64,
    /// Hired of candidates, in percent.
    pub hire_rate: Option<f64>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Sources {
    pub filter: Filter,
    pub sources: Vec<SourceRow>,
}

pub async fn compute(
    db: &DatabaseConnection,
    cache: &GroupCache,
    filter: Filter,
) -> AppResult<Sources> {
    let short = Stage::ShortList.step().unwrap_or(1);
    let hired = Stage::Hired.step().unwrap_or(5);
    let mut rows: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for g in cache.groups(db, filter).await?.iter() {
        let step = furthest_step(&g.stage, g.left_from_stage.as_deref());
        let row = rows.entry(g.source.clone()).or_default();
        row.0 += g.count;
        if step.is_some_and(|s| s >= short) {
            row.1 += g.count;
        }
        if step.is_some_and(|s| s >= hired) {
            row.2 += g.count;
        }
    }
    let mut sources: Vec<SourceRow> = rows
        .into_iter()
        .map(|(source, (candidates, short_listed, hired))| SourceRow {
            source,
            candidates,
            short_listed,
            hired,
            hire_rate: (candidates > 0)
                .then(|| (hired as f64 * 1000.0 / candidates as f64).round() / 10.0),
        })
        .collect();
    sources.sort_by(|a, b| b.hired.cmp(&a.hired).then(b.candidates.cmp(&a.candidates)));
    Ok(Sources { filter, sources })
}

impl Sources {
    pub fn output(&self, lang: Lang) -> Output {
        let name = |code: &str| {
            let key = format!("source-{code}");
            if lang.has(&key) {
                lang.text(&key)
            } else {
                code.to_owned()
            }
        };
        let mut out = Output::with_chart(BarChart {
            title: lang.text("report-sources-chart"),
            series: vec![
                lang.text("report-candidates"),
                lang.text("report-short-listed"),
                lang.text("report-hired"),
            ],
            groups: self
                .sources
                .iter()
                .map(|s| {
                    (
                        name(&s.source),
                        vec![
                            Some(s.candidates as f64),
                            Some(s.short_listed as f64),
                            Some(s.hired as f64),
                        ],
                    )
                })
                .collect(),
            unit: "",
        });
        let mut table = Table::new(vec![
            lang.text("report-source"),
            lang.text("report-candidates"),
            lang.text("report-short-listed"),
            lang.text("report-hired"),
            lang.text("report-hire-rate"),
        ]);
        for s in &self.sources {
            table.push(vec![
                name(&s.source).into(),
                s.candidates.into(),
                s.short_listed.into(),
                s.hired.into(),
                s.hire_rate.map_or(Cell::Empty, Cell::Float),
            ]);
        }
        out.section(lang.text("report-sources-table"), table);
        out
    }
}
