//! How long applications sit in each stage, for the time-to-fill report. An application enters
//! the long-list when it is made, and each move out of a stage ends the stay there; a stay counts
//! in the period its move was made in. The database pairs each move with the one before it
//! (`LAG` over the application's moves) and sums the stays per stage, so no event row is loaded:
//! at agency scale there are hundreds of thousands.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement, Value};

use super::filter::Filter;
use super::time_to_fill::{StageTime, round1};
use crate::domain::pipeline::Stage;
use crate::error::AppResult;

/// Whole seconds from `since` to `at`, never negative. SQLite's julianday keeps milliseconds,
/// so its difference is rounded to them before truncating to seconds, as PostgreSQL truncates
/// its exact interval: both backends then count the same seconds.
fn seconds(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => "GREATEST(0, TRUNC(EXTRACT(EPOCH FROM (at - since))))",
        _ => "MAX(0, CAST(ROUND((julianday(at) - julianday(since)) * 86400000) AS INTEGER) / 1000)",
    }
}

/// Mean days per stage left, over the stays that ended in the period.
pub async fn stage_times(db: &DatabaseConnection, filter: Filter) -> AppResult<Vec<StageTime>> {
    let backend = db.get_database_backend();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |value: Value| {
        values.push(value);
        match backend {
            DatabaseBackend::Postgres => format!("${}", values.len()),
            _ => "?".to_owned(),
        }
    };
    let on_position = match filter.position_id {
        Some(id) => format!("AND a.position_id = {}", bind(id.into())),
        None => String::new(),
    };
    // The period applies after pairing: a stay ending in it may have begun before it.
    let (start, end) = filter.moments();
    let mut in_period = Vec::new();
    if let Some(start) = start {
        in_period.push(format!("at >= {}", bind(start.into())));
    }
    if let Some(end) = end {
        in_period.push(format!("at < {}", bind(end.into())));
    }
    let in_period = if in_period.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", in_period.join(" AND "))
    };
    // A stage event without a from_stage (a start) neither ends a stay nor begins the next.
    let sql = format!(
        "WITH moves AS ( \
           SELECT e.from_stage AS stage, e.at AS at, \
             COALESCE(LAG(e.at) OVER (PARTITION BY e.application_id ORDER BY e.at, e.id), \
                      a.created_at) AS since \
           FROM application_events e JOIN applications a ON a.id = e.application_id \
           WHERE e.kind = 'stage' AND e.from_stage IS NOT NULL {on_position}) \
         SELECT stage, COUNT(*), CAST(SUM({seconds}) AS BIGINT) FROM moves {in_period} \
         GROUP BY stage",
        seconds = seconds(backend),
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut totals: HashMap<String, (i64, i64)> = HashMap::new();
    for row in rows {
        let stage: String = row.try_get_by_index(0)?;
        totals.insert(stage, (row.try_get_by_index(1)?, row.try_get_by_index(2)?));
    }
    Ok(Stage::FLOW
        .iter()
        .filter(|s| **s != Stage::Started)
        .map(|stage| {
            let (stays, seconds) = totals.remove(stage.as_str()).unwrap_or_default();
            StageTime {
                stage: stage.as_str().to_owned(),
                stays,
                mean_days: (stays > 0).then(|| round1(seconds as f64 / 86_400.0 / stays as f64)),
            }
        })
        .collect())
}
