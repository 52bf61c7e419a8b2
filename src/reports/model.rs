//! Figures for dashboards: open positions and how many candidates stand at each stage.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use crate::domain::pipeline::Stage;
use crate::entities::{application, position};
use crate::error::AppResult;

#[derive(Serialize)]
pub struct PositionSummary {
    pub id: i32,
    pub title: String,
    pub grade: String,
    pub status: String,
    pub opened_on: Option<chrono::NaiveDate>,
    pub target_date: Option<chrono::NaiveDate>,
    /// Candidates at each stage of the forward flow, in flow order.
    pub stages: Vec<StageCount>,
    pub active: i64,
}

#[derive(Serialize)]
pub struct StageCount {
    pub stage: &'static str,
    pub count: i64,
}

/// Positions being filled (open or on hold), each with its pipeline counts: two queries,
/// however many positions there are.
pub async fn positions_in_progress(db: &DatabaseConnection) -> AppResult<Vec<PositionSummary>> {
    let positions = position::Entity::find()
        .filter(position::Column::Status.is_in(["open", "on_hold"]))
        .order_by_asc(position::Column::TargetDate)
        .all(db)
        .await?;
    let ids: Vec<i32> = positions.iter().map(|p| p.id).collect();
    let rows: Vec<(i32, String, i64)> = application::Entity::find()
        .select_only()
        .column(application::Column::PositionId)
        .column(application::Column::Stage)
        .column_as(Expr::col(application::Column::Id).count(), "n")
        .filter(application::Column::PositionId.is_in(ids))
        .group_by(application::Column::PositionId)
        .group_by(application::Column::Stage)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<(i32, String), i64> = HashMap::new();
    for (position_id, stage, n) in rows {
        counts.insert((position_id, stage), n);
    }
    Ok(positions
        .into_iter()
        .map(|p| {
            let stages: Vec<StageCount> = Stage::FLOW
                .iter()
                .map(|s| StageCount {
                    stage: s.as_str(),
                    count: counts
                        .get(&(p.id, s.as_str().to_owned()))
                        .copied()
                        .unwrap_or(0),
                })
                .collect();
            let active = stages
                .iter()
                .filter(|s| s.stage != "started")
                .map(|s| s.count)
                .sum();
            PositionSummary {
                id: p.id,
                title: p.title,
                grade: p.grade,
                status: p.status,
                opened_on: p.opened_on,
                target_date: p.target_date,
                stages,
                active,
            }
        })
        .collect())
}
