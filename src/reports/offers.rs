//! Offers: how many were accepted of those answered, how many revisions a hire took, and where
//! each accepted salary sits in its grade's band and against the market's CVs.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use serde::Serialize;
use utoipa::ToSchema;

use super::chart::BarChart;
use super::filter::Filter;
use super::output::{Output, one_decimal};
use crate::entities::{application, candidate, grade, offer, position};
use crate::error::AppResult;
use crate::positions::reference::{self, MarketBucket};
use crate::web::i18n::{Lang, Message};
use crate::web::tabular::{Cell, Table};

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HireOffer {
    pub application_id: i32,
    pub position: String,
    pub candidate: String,
    pub salary: i64,
    pub currency: String,
    pub band_min: Option<i64>,
    pub band_max: Option<i64>,
    /// 0 at the bottom of the band, 100 at the top; outside the band below 0 or above 100.
    pub band_position: Option<f64>,
    /// Share of the market's CVs that ask for less, in percent.
    pub market_percentile: Option<f64>,
    /// The revision that was accepted (1 = the first offer).
    pub revisions: i32,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Offers {
    pub filter: Filter,
    /// Applications that got an offer in the period.
    pub offered: i64,
    pub accepted: i64,
    pub declined: i64,
    /// Accepted of those answered, in percent.
    pub acceptance_rate: Option<f64>,
    pub mean_revisions_per_hire: Option<f64>,
    pub hires: Vec<HireOffer>,
    pub market_source: Option<String>,
}

/// The share of CVs under `salary`, spreading each bucket's count evenly across it.
pub fn market_percentile(buckets: &[MarketBucket], salary: i64) -> Option<f64> {
    let total: i64 = buckets
        .iter()
        .map(|b| i64::from(b.count.unwrap_or(0)))
        .sum();
    if total == 0 {
        return None;
    }
    let mut below = 0.0;
    for b in buckets {
        let count = f64::from(b.count.unwrap_or(0));
        match (b.lower, b.upper) {
            (_, Some(upper)) if salary >= upper => below += count,
            (Some(lower), Some(upper)) if salary > lower => {
                below += count * (salary - lower) as f64 / (upper - lower) as f64;
            }
            (Some(lower), None) if salary > lower => {}
            (None, Some(_)) => {}
            _ => {}
        }
    }
    Some((below * 1000.0 / total as f64).round() / 10.0)
}

/// Each application's offer made in the period (on the position, when one is chosen): its
/// latest revision.
pub async fn latest(db: &DatabaseConnection, filter: &Filter) -> AppResult<Vec<offer::Model>> {
    let (start, end) = filter.moments();
    let mut query = offer::Entity::find();
    if let Some(start) = start {
        query = query.filter(offer::Column::CreatedAt.gte(start));
    }
    if let Some(end) = end {
        query = query.filter(offer::Column::CreatedAt.lt(end));
    }
    if let Some(id) = filter.position_id {
        query = query.filter(
            offer::Column::ApplicationId.in_subquery(
                application::Entity::find()
                    .select_only()
                    .column(application::Column::Id)
                    .filter(application::Column::PositionId.eq(id))
                    .into_query(),
            ),
        );
    }
    let mut latest: HashMap<i32, offer::Model> = HashMap::new();
    for o in query.all(db).await? {
        if latest
            .get(&o.application_id)
            .is_none_or(|l| l.revision < o.revision)
        {
            latest.insert(o.application_id, o);
        }
    }
    Ok(latest.into_values().collect())
}

/// Accepted of those answered, in percent.
pub fn acceptance_rate(latest: &[offer::Model]) -> Option<f64> {
    let answered = |status: &str| latest.iter().filter(|o| o.status == status).count() as i64;
    let (accepted, declined) = (answered("accepted"), answered("declined"));
    let total = accepted + declined;
    (total > 0).then(|| (accepted as f64 * 1000.0 / total as f64).round() / 10.0)
}

pub async fn compute(db: &DatabaseConnection, filter: Filter, lang: Lang) -> AppResult<Offers> {
    let latest = latest(db, &filter).await?;
    let accepted: Vec<&offer::Model> = latest.iter().filter(|o| o.status == "accepted").collect();
    let declined = latest.iter().filter(|o| o.status == "declined").count() as i64;
    let ids: Vec<i32> = accepted.iter().map(|o| o.application_id).collect();
    let applications: HashMap<i32, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let positions: HashMap<i32, position::Model> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let people: HashMap<i32, String> = candidate::Entity::find()
        .filter(candidate::Column::Id.is_in(applications.values().map(|a| a.candidate_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.full_name))
        .collect();
    let grades: HashMap<String, grade::Model> = grade::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code.clone(), g))
        .collect();
    let market = reference::market_data(db, lang)
        .await?
        .into_iter()
        .filter(|d| {
            d.shape == "histogram"
                && d.kind == "resumes"
                && !d.buckets.is_empty()
                && d.buckets.iter().all(|b| b.count.is_some())
        })
        .max_by_key(|d| d.as_of);
    let mut hires: Vec<HireOffer> = accepted
        .iter()
        .map(|o| {
            let app = applications.get(&o.application_id);
            let pos = app.and_then(|a| positions.get(&a.position_id));
            let band = pos
                .and_then(|p| grades.get(&p.grade))
                .filter(|g| g.currency == o.currency);
            HireOffer {
                application_id: o.application_id,
                position: pos.map(|p| p.title.clone()).unwrap_or_default(),
                candidate: app
                    .and_then(|a| people.get(&a.candidate_id))
                    .cloned()
                    .unwrap_or_default(),
                salary: o.salary,
                currency: o.currency.clone(),
                band_min: band.map(|g| g.salary_min),
                band_max: band.map(|g| g.salary_max),
                band_position: band.filter(|g| g.salary_max > g.salary_min).map(|g| {
                    ((o.salary - g.salary_min) as f64 * 1000.0
                        / (g.salary_max - g.salary_min) as f64)
                        .round()
                        / 10.0
                }),
                market_percentile: market
                    .as_ref()
                    .filter(|m| m.currency == o.currency)
                    .and_then(|m| market_percentile(&m.buckets, o.salary)),
                revisions: o.revision,
            }
        })
        .collect();
    hires.sort_by(|a, b| {
        a.position
            .cmp(&b.position)
            .then(a.candidate.cmp(&b.candidate))
    });
    Ok(Offers {
        filter,
        offered: latest.len() as i64,
        accepted: hires.len() as i64,
        declined,
        acceptance_rate: acceptance_rate(&latest),
        mean_revisions_per_hire: (!hires.is_empty()).then(|| {
            let total: i32 = hires.iter().map(|h| h.revisions).sum();
            (f64::from(total) * 10.0 / hires.len() as f64).round() / 10.0
        }),
        hires,
        market_source: market.map(|m| m.title),
    })
}

impl Offers {
    pub fn output(&self, lang: Lang) -> Output {
        let mut out = Output::with_chart(BarChart {
            title: lang.text("report-offers-chart"),
            series: vec![
                lang.text("report-band-position"),
                lang.text("report-market-percentile"),
            ],
            groups: self
                .hires
                .iter()
                .map(|h| {
                    (
                        format!("{} · {}", h.candidate, h.position),
                        vec![h.band_position, h.market_percentile],
                    )
                })
                .collect(),
            unit: "%",
        });
        let mut hires = Table::new(vec![
            lang.text("report-position"),
            lang.text("report-candidate"),
            lang.text("report-salary"),
            lang.text("report-currency"),
            lang.text("report-band-min"),
            lang.text("report-band-max"),
            lang.text("report-band-position"),
            lang.text("report-market-percentile"),
            lang.text("report-revisions"),
        ]);
        for h in &self.hires {
            hires.push(vec![
                h.position.clone().into(),
                h.candidate.clone().into(),
                h.salary.into(),
                h.currency.clone().into(),
                h.band_min.into(),
                h.band_max.into(),
                one_decimal(h.band_position),
                one_decimal(h.market_percentile),
                i64::from(h.revisions).into(),
            ]);
        }
        out.section(lang.text("report-offers-hires"), hires);
        let mut summary = Table::new(vec![lang.text("report-figure"), lang.text("report-value")]);
        summary.push(vec![
            lang.text("report-offered").into(),
            self.offered.into(),
        ]);
        summary.push(vec![
            lang.text("report-accepted").into(),
            self.accepted.into(),
        ]);
        summary.push(vec![
            lang.text("report-declined").into(),
            self.declined.into(),
        ]);
        summary.push(vec![
            lang.text("report-acceptance-rate").into(),
            self.acceptance_rate.map_or(Cell::Empty, Cell::Float),
        ]);
        summary.push(vec![
            lang.text("report-revisions-per-hire").into(),
            one_decimal(self.mean_revisions_per_hire),
        ]);
        out.section(lang.text("report-offers-summary"), summary);
        if let Some(source) = &self.market_source {
            out.notes.push(
                lang.render(&Message::new("report-offers-market").with("source", source.clone())),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(lower: Option<i64>, upper: Option<i64>, count: i32) -> MarketBucket {
        MarketBucket {
            label: None,
            lower,
            upper,
            median: None,
            count: Some(count),
        }
    }

    #[test]
    fn the_percentile_spreads_a_bucket_evenly() {
        let buckets = vec![
            bucket(None, Some(70_000), 100),
            bucket(Some(70_000), Some(140_000), 200),
            bucket(Some(140_000), None, 100),
        ];
        assert_eq!(market_percentile(&buckets, 70_000), Some(25.0));
        // Half-way through the second bucket: 100 + 100 of 400.
        assert_eq!(market_percentile(&buckets, 105_000), Some(50.0));
        assert_eq!(market_percentile(&buckets, 300_000), Some(75.0));
        assert_eq!(market_percentile(&[], 1), None);
    }
}
