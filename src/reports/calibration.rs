//! Interviewer calibration: each interviewer's scores against the rest of the panel on the same
//! candidates and competencies, and their share of "yes" against the panel's. A positive
//! difference means they score more softly than their colleagues.

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::sea_query::{Expr, ExprTrait, JoinType};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::chart::BarChart;
use super::filter::Filter;
use super::output::{Output, one_decimal};
use crate::entities::{application, interview, scorecard, scorecard_rating, user};
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

/// One submitted scorecard kept by the filter.
struct Card {
    interviewer_id: i32,
    recommendation: Option<String>,
    application_id: i32,
}

/// One competency's score on a kept scorecard.
struct Rating {
    interviewer_id: i32,
    application_id: i32,
    competency: String,
    score: i32,
}

/// Narrows a query that already reaches `scorecards` to the submitted ones in the period (on the
/// position, when one is chosen), joining through the interview to its application. The filter
/// runs in the database: at agency scale the kept scorecards number in the hundred thousands,
/// more than a list of ids bound one by one can hold.
fn kept<E: EntityTrait>(mut query: Select<E>, filter: &Filter) -> Select<E> {
    QuerySelect::query(&mut query).join(
        JoinType::InnerJoin,
        interview::Entity,
        Expr::col((interview::Entity, interview::Column::Id))
            .equals((scorecard::Entity, scorecard::Column::InterviewId)),
    );
    if let Some(position) = filter.position_id {
        QuerySelect::query(&mut query).join(
            JoinType::InnerJoin,
            application::Entity,
            Expr::col((application::Entity, application::Column::Id))
                .equals((interview::Entity, interview::Column::ApplicationId)),
        );
        query = query.filter(application::Column::PositionId.eq(position));
    }
    let (start, end) = filter.moments();
    query = query.filter(scorecard::Column::SubmittedAt.is_not_null());
    if let Some(start) = start {
        query = query.filter(scorecard::Column::SubmittedAt.gte(start));
    }
    if let Some(end) = end {
        query = query.filter(scorecard::Column::SubmittedAt.lt(end));
    }
    query
}

async fn cards(db: &DatabaseConnection, filter: &Filter) -> AppResult<Vec<Card>> {
    let query = scorecard::Entity::find()
        .select_only()
        .column(scorecard::Column::InterviewerId)
        .column(scorecard::Column::Recommendation)
        .column(interview::Column::ApplicationId)
        .order_by_asc(scorecard::Column::Id);
    Ok(kept(query, filter)
        .into_tuple::<(i32, Option<String>, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(interviewer_id, recommendation, application_id)| Card {
            interviewer_id,
            recommendation,
            application_id,
        })
        .collect())
}

async fn ratings(db: &DatabaseConnection, filter: &Filter) -> AppResult<Vec<Rating>> {
    let mut query = scorecard_rating::Entity::find()
        .select_only()
        .column(scorecard::Column::InterviewerId)
        .column(interview::Column::ApplicationId)
        .column(scorecard_rating::Column::Competency)
        .column(scorecard_rating::Column::Score)
        .order_by_asc(scorecard_rating::Column::ScorecardId)
        .order_by_asc(scorecard_rating::Column::Competency);
    QuerySelect::query(&mut query).join(
        JoinType::InnerJoin,
        scorecard::Entity,
        Expr::col((scorecard::Entity, scorecard::Column::Id)).equals((
            scorecard_rating::Entity,
            scorecard_rating::Column::ScorecardId,
        )),
    );
    Ok(kept(query, filter)
        .into_tuple::<(i32, i32, String, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(
            |(interviewer_id, application_id, competency, score)| Rating {
                interviewer_id,
                application_id,
                competency,
                score,
            },
        )
        .collect())
}

/// Per interviewer: (sum of own scores, sum of the panel's means, ratings compared), over the
/// candidates and competencies someone else also rated.
fn compared_scores(ratings: Vec<Rating>) -> HashMap<i32, (f64, f64, i64)> {
    // (application, competency) → [(interviewer, score)]
    let mut by_item: BTreeMap<(i32, String), Vec<(i32, i32)>> = BTreeMap::new();
    for r in ratings {
        by_item
            .entry((r.application_id, r.competency))
            .or_default()
            .push((r.interviewer_id, r.score));
    }
    let mut own_sum: HashMap<i32, (f64, f64, i64)> = HashMap::new();
    for scores in by_item.values() {
        // The panel of one rating is everyone else's: all the item's scores less the rater's own.
        let mut per_rater: HashMap<i32, (i32, usize)> = HashMap::new();
        for (interviewer, score) in scores {
            let rater = per_rater.entry(*interviewer).or_default();
            rater.0 += score;
            rater.1 += 1;
        }
        let total: i32 = scores.iter().map(|(_, s)| s).sum();
        for (interviewer, score) in scores {
            let Some(&(own, own_count)) = per_rater.get(interviewer) else {
                continue;
            };
            let others = scores.len() - own_count;
            if others == 0 {
                continue;
            }
            let entry = own_sum.entry(*interviewer).or_default();
            entry.0 += f64::from(*score);
            entry.1 += f64::from(total - own) / others as f64;
            entry.2 += 1;
        }
    }
    own_sum
}

/// Their share of positive recommendations, over the cards that have one.
fn positive_share<'a>(cards: impl Iterator<Item = &'a Card>) -> Option<f64> {
    let (hits, total) =
        cards
            .filter(|c| c.recommendation.is_some())
            .fold((0, 0), |(hits, total), c| {
                (
                    hits + i64::from(positive(c.recommendation.as_deref())),
                    total + 1,
                )
            });
    share(hits, total)
}

pub async fn compute(db: &DatabaseConnection, filter: Filter) -> AppResult<Calibration> {
    let cards = cards(db, &filter).await?;
    let own_sum = compared_scores(ratings(db, &filter).await?);
    let mut by_interviewer: BTreeMap<i32, Vec<&Card>> = BTreeMap::new();
    let mut by_application: HashMap<i32, Vec<&Card>> = HashMap::new();
    for card in &cards {
        by_interviewer
            .entry(card.interviewer_id)
            .or_default()
            .push(card);
        by_application
            .entry(card.application_id)
            .or_default()
            .push(card);
    }
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(by_interviewer.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut interviewers = by_interviewer
        .iter()
        .map(|(&id, mine)| {
            let applications: HashSet<i32> = mine.iter().map(|c| c.application_id).collect();
            // The rest of the panel's scorecards on the same candidates, each counted once.
            let theirs = applications
                .iter()
                .filter_map(|a| by_application.get(a))
                .flatten()
                .filter(|c| c.interviewer_id != id)
                .copied();
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
                positive: positive_share(mine.iter().copied()),
                panel_positive: positive_share(theirs),
                verdict: verdict(difference, compared).to_owned(),
            }
        })
        .collect::<Vec<_>>();
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
