//! The funnel: of the applications made in the period, how many reached each stage of the flow,
//! the conversion from one stage to the next, and where and why people left (rejections and
//! withdrawals by the stage they left from, and by reason).

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{DatabaseConnection, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;

use super::cache::GroupCache;
use super::chart::BarChart;
use super::filter::Filter;
use super::output::Output;
use crate::domain::pipeline::Stage;
use crate::entities::application;
use crate::error::AppResult;
use crate::recruitment::reasons;
use crate::web::i18n::Lang;
use crate::web::tabular::{Cell, Table};

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StageRow {
    pub stage: String,
    /// Applications that got at least this far.
    pub reached: i64,
    /// Share of those that went on to the next stage, in percent.
    pub conversion: Option<f64>,
    /// Ended here: rejected by us, or withdrawn by the candidate.
    pub rejected: i64,
    pub withdrawn: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReasonRow {
    /// rejected or withdrawn.
    pub outcome: String,
    pub reason: String,
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Funnel {
    pub filter: Filter,
    pub applications: i64,
    pub stages: Vec<StageRow>,
    pub reasons: Vec<ReasonRow>,
}

/// How far an application got: the furthest step of the flow it stood at.
pub fn furthest_step(current: &str, left_from: Option<&str>) -> Option<usize> {
    match Stage::parse(current) {
        Some(Stage::Rejected | Stage::Withdrawn) => {
            left_from.and_then(Stage::parse).and_then(Stage::step)
        }
        Some(stage) => stage.step(),
        None => None,
    }
}

/// Applications of the period that share a stage, the stage they left from, a source and a
/// reason: the funnel and the sources report read these few rows instead of every application.
#[derive(Debug)]
pub struct Group {
    pub stage: String,
    pub left_from_stage: Option<String>,
    pub source: String,
    pub ended_reason: Option<String>,
    pub count: i64,
}

/// stage, left_from_stage, source, ended_reason, count
type GroupRow = (String, Option<String>, String, Option<String>, i64);

/// One GROUP BY over the applications of the period: a few hundred rows at most, however
/// many applications there are.
pub async fn groups(db: &DatabaseConnection, filter: Filter) -> AppResult<Vec<Group>> {
    let rows: Vec<GroupRow> = filter
        .applications()
        .select_only()
        .column(application::Column::Stage)
        .column(application::Column::LeftFromStage)
        .column(application::Column::Source)
        .column(application::Column::EndedReason)
        .column_as(Expr::col(application::Column::Id).count(), "n")
        .group_by(application::Column::Stage)
        .group_by(application::Column::LeftFromStage)
        .group_by(application::Column::Source)
        .group_by(application::Column::EndedReason)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(stage, left_from_stage, source, ended_reason, count)| Group {
                stage,
                left_from_stage,
                source,
                ended_reason,
                count,
            },
        )
        .collect())
}

pub async fn compute(
    db: &DatabaseConnection,
    cache: &GroupCache,
    filter: Filter,
    lang: Lang,
) -> AppResult<Funnel> {
    let groups = cache.groups(db, filter).await?;
    let mut total = 0i64;
    let mut reached = [0i64; Stage::FLOW.len()];
    let mut ended_at: HashMap<(usize, &str), i64> = HashMap::new();
    let mut by_reason: BTreeMap<(String, String), i64> = BTreeMap::new();
    for g in groups.iter() {
        total += g.count;
        let ended = matches!(g.stage.as_str(), "rejected" | "withdrawn");
        if let Some(step) = furthest_step(&g.stage, g.left_from_stage.as_deref()) {
            for count in reached.iter_mut().take(step + 1) {
                *count += g.count;
            }
            if ended {
                *ended_at.entry((step, g.stage.as_str())).or_default() += g.count;
            }
        }
        if ended {
            let reason = g.ended_reason.clone().unwrap_or_default();
            *by_reason.entry((g.stage.clone(), reason)).or_default() += g.count;
        }
    }
    let stages = Stage::FLOW
        .iter()
        .enumerate()
        .map(|(i, stage)| StageRow {
            stage: stage.as_str().to_owned(),
            reached: reached[i],
            conversion: reached
                .get(i + 1)
                .filter(|_| reached[i] > 0)
                .map(|next| (*next as f64 * 1000.0 / reached[i] as f64).round() / 10.0),
            rejected: ended_at.get(&(i, "rejected")).copied().unwrap_or(0),
            withdrawn: ended_at.get(&(i, "withdrawn")).copied().unwrap_or(0),
        })
        .collect();
    let labels = reasons::list(db, lang, false).await?;
    let mut reasons: Vec<ReasonRow> = by_reason
        .into_iter()
        .map(|((outcome, reason), count)| ReasonRow {
            label: if reason.is_empty() {
                lang.text("report-no-reason")
            } else {
                reasons::label(&labels, &reason)
            },
            outcome,
            reason,
            count,
        })
        .collect();
    reasons.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    Ok(Funnel {
        filter,
        applications: total,
        stages,
        reasons,
    })
}

impl Funnel {
    pub fn output(&self, lang: Lang) -> Output {
        let mut out = Output::default();
        let stage_name = |code: &str| lang.text(&format!("stage-{code}"));
        out.chart = Some(
            BarChart {
                title: lang.text("report-funnel-chart"),
                series: vec![lang.text("report-reached")],
                groups: self
                    .stages
                    .iter()
                    .map(|s| (stage_name(&s.stage), vec![Some(s.reached as f64)]))
                    .collect(),
                unit: "",
            }
            .to_svg(),
        );
        let mut stages = Table::new(vec![
            lang.text("report-stage"),
            lang.text("report-reached"),
            lang.text("report-conversion"),
            lang.text("report-rejected-here"),
            lang.text("report-withdrawn-here"),
        ]);
        for s in &self.stages {
            stages.push(vec![
                stage_name(&s.stage).into(),
                s.reached.into(),
                s.conversion.map_or(Cell::Empty, Cell::Float),
                s.rejected.into(),
                s.withdrawn.into(),
            ]);
        }
        out.section(lang.text("report-funnel-stages"), stages);
        let mut reasons = Table::new(vec![
            lang.text("report-outcome"),
            lang.text("report-reason"),
            lang.text("report-count"),
        ]);
        for r in &self.reasons {
            reasons.push(vec![
                stage_name(&r.outcome).into(),
                r.label.clone().into(),
                r.count.into(),
            ]);
        }
        out.section(lang.text("report-funnel-reasons"), reasons);
        out.notes.push(
            lang.render(
                &crate::web::i18n::Message::new("report-funnel-note")
                    .with_number("count", self.applications),
            ),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ended_application_counts_up_to_the_stage_it_left_from() {
        assert_eq!(furthest_step("short_list", None), Some(1));
        assert_eq!(furthest_step("rejected", Some("references")), Some(2));
        assert_eq!(furthest_step("withdrawn", None), None);
        assert_eq!(furthest_step("started", None), Some(6));
    }
}
