//! Interviewer calibration: each interviewer's scores against the rest of the panel on the same
//! candidates and competencies, and their share of "yes" against the panel's. A positive
//! difference means they score more softly than their colleagues.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::chart::BarChart;
use super::filter::Filter;
use super::output::{Output, one_decimal};
use crate::entities::{interview, scorecard, scorecard_rating, user};
use crate::error::AppResult;
use crate::web::i18n::{Lang, Message};
use crate::web::tabular::{Cell, Table};

/// Fewer compared ratings than this and no verdict is given.
pub const MIN_COMPARED: i64 = 5;
/// A mean difference this large (either way) is called out.
pub const NOTABLE_GAP: f64 = 0.5;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InterviewerRow {
    pub interviewer_id: i32,
    pub name: String,
    pub scorecards: i64,
    /// Their mean over the ratings that someone else also gave.
    pub mean: Option<f64>,
    /// The other interviewers' mean on the same candidates and competencies.
    pub panel_mean: Option<f64>,
    pub difference: Option<f64>,
    /// Ratings compared.
    pub compared: i64,
    /// Their scorecards recommending yes or strong yes, in percent.
    pub positive: Option<f64>,
    /// The rest of the panel's, on the same candidates.
    pub panel_positive: Option<f64>,
    /// softer, harsher, in_line, or too_few.
    pub verdict: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Calibration {
    pub filter: Filter,
    pub interviewers: Vec<InterviewerRow>,
}

fn positive(recommendation: Option<&str>) -> bool {
    matches!(recommendation, Some("yes" | "strong_yes"))
}

fn share(hits: i64, total: i64) -> Option<f64> {
    (total > 0).then(|| (hits as f64 * 1000.0 / total as f64).round() / 10.0)
}

pub fn verdict(difference: Option<f64>, compared: i64) -> &'static str {
    match difference {
        _ if compared < MIN_COMPARED => "too_few",
        Some(d) if d >= NOTABLE_GAP => "softer",
        Some(d) if d <= -NOTABLE_GAP => "harsher",
        _ => "in_line",
    }
}

pub async fn compute(db: &DatabaseConnection, filter: Filter) -> AppResult<Calibration> {
    let cards: Vec<scorecard::Model> = scorecard::Entity::find()
        .filter(scorecard::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|c| c.submitted_at.is_some_and(|at| filter.has(at)))
        .collect();
    let interviews: HashMap<i32, interview::Model> = interview::Entity::find()
        .filter(interview::Column::Id.is_in(cards.iter().map(|c| c.interview_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let positions: HashMap<i32, i32> = if filter.position_id.is_some() {
        crate::entities::application::Entity::find()
            .filter(
                crate::entities::application::Column::Id
                    .is_in(interviews.values().map(|i| i.application_id)),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.position_id))
            .collect()
    } else {
        HashMap::new()
    };
    // Each kept scorecard: (card, application).
    let kept: Vec<(&scorecard::Model, i32)> = cards
        .iter()
        .filter_map(|c| {
            let application = interviews.get(&c.interview_id)?.application_id;
            let on_position = filter.position_id.is_none()
                || positions.get(&application).copied() == filter.position_id;
            on_position.then_some((c, application))
        })
        .collect();
    let ratings = scorecard_rating::Entity::find()
        .filter(scorecard_rating::Column::ScorecardId.is_in(kept.iter().map(|(c, _)| c.id)))
        .all(db)
        .await?;
    let card_of: HashMap<i32, (i32, i32)> = kept
        .iter()
        .map(|(c, app)| (c.id, (c.interviewer_id, *app)))
        .collect();
    // (application, competency) → [(interviewer, score)]
    let mut by_item: BTreeMap<(i32, String), Vec<(i32, i32)>> = BTreeMap::new();
    for r in &ratings {
        if let Some((interviewer, app)) = card_of.get(&r.scorecard_id) {
            by_item
                .entry((*app, r.competency.clone()))
                .or_default()
                .push((*interviewer, r.score));
        }
    }
    let mut own_sum: HashMap<i32, (f64, f64, i64)> = HashMap::new();
    for scores in by_item.values() {
        for (interviewer, score) in scores {
            let others: Vec<i32> = scores
                .iter()
                .filter(|(i, _)| i != interviewer)
                .map(|(_, s)| *s)
                .collect();
            if others.is_empty() {
                continue;
            }
            let entry = own_sum.entry(*interviewer).or_default();
            entry.0 += f64::from(*score);
            entry.1 += f64::from(others.iter().sum::<i32>()) / others.len() as f64;
            entry.2 += 1;
        }
    }
    let mut interviewers: Vec<i32> = kept.iter().map(|(c, _)| c.interviewer_id).collect();
    interviewers.sort_unstable();
    interviewers.dedup();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(interviewers.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let rows = interviewers
        .into_iter()
        .map(|id| {
            let mine: Vec<(&scorecard::Model, i32)> = kept
                .iter()
                .filter(|(c, _)| c.interviewer_id == id)
                .map(|(c, a)| (*c, *a))
                .collect();
            let apps: Vec<i32> = mine.iter().map(|(_, a)| *a).collect();
            let theirs: Vec<&scorecard::Model> = kept
                .iter()
                .filter(|(c, a)| c.interviewer_id != id && apps.contains(a))
                .map(|(c, _)| *c)
                .collect();
            let (sum, panel, compared) = own_sum.get(&id).copied().unwrap_or_default();
            let mean = (compared > 0).then(|| sum / compared as f64);
            let panel_mean = (compared > 0).then(|| panel / compared as f64);
            let difference = mean.zip(panel_mean).map(|(m, p)| m - p);
            let round = |v: Option<f64>| v.map(|v| (v * 100.0).round() / 100.0);
            InterviewerRow {
                interviewer_id: id,
                name: names.get(&id).cloned().unwrap_or_default(),
                scorecards: mine.len() as i64,
                mean: round(mean),
                panel_mean: round(panel_mean),
                difference: round(difference),
                compared,
                positive: share(
                    mine.iter()
                        .filter(|(c, _)| positive(c.recommendation.as_deref()))
                        .count() as i64,
                    mine.iter()
                        .filter(|(c, _)| c.recommendation.is_some())
                        .count() as i64,
                ),
                panel_positive: share(
                    theirs
                        .iter()
                        .filter(|c| positive(c.recommendation.as_deref()))
                        .count() as i64,
                    theirs.iter().filter(|c| c.recommendation.is_some()).count() as i64,
                ),
                verdict: verdict(difference, compared).to_owned(),
            }
        })
        .collect::<Vec<_>>();
    let mut interviewers = rows;
    interviewers.sort_by(|a, b| {
        b.difference
            .unwrap_or(f64::MIN)
            .total_cmp(&a.difference.unwrap_or(f64::MIN))
    });
    Ok(Calibration {
        filter,
        interviewers,
    })
}

impl Calibration {
    pub fn output(&self, lang: Lang) -> Output {
        let mut out = Output::with_chart(BarChart {
            title: lang.text("report-calibration-chart"),
            series: vec![lang.text("report-difference")],
            groups: self
                .interviewers
                .iter()
                .map(|i| (i.name.clone(), vec![i.difference]))
                .collect(),
            unit: "",
        });
        let mut table = Table::new(vec![
            lang.text("report-interviewer"),
            lang.text("report-scorecards"),
            lang.text("report-own-mean"),
            lang.text("report-panel-mean"),
            lang.text("report-difference"),
            lang.text("report-compared"),
            lang.text("report-positive"),
            lang.text("report-panel-positive"),
            lang.text("report-verdict"),
        ]);
        for i in &self.interviewers {
            table.push(vec![
                i.name.clone().into(),
                i.scorecards.into(),
                Cell::rounded(i.mean, 2),
                Cell::rounded(i.panel_mean, 2),
                Cell::rounded(i.difference, 2),
                i.compared.into(),
                one_decimal(i.positive),
                one_decimal(i.panel_positive),
                lang.text(&format!("report-verdict-{}", i.verdict)).into(),
            ]);
        }
        out.section(lang.text("report-calibration-table"), table);
        out.notes.push(
            lang.render(
                &Message::new("report-calibration-note")
                    .with_number("min", MIN_COMPARED)
                    .with("gap", format!("{NOTABLE_GAP:.1}")),
            ),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_needs_enough_ratings_and_a_notable_gap() {
        assert_eq!(verdict(Some(0.8), 4), "too_few");
        assert_eq!(verdict(Some(0.5), 5), "softer");
        assert_eq!(verdict(Some(-0.6), 9), "harsher");
        assert_eq!(verdict(Some(0.2), 9), "in_line");
    }
}
