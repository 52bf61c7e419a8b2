//! Probation milestones past their day, among the follow-ups of the people who owe the hire
//! that conversation: the recruiter and the hiring manager of the hire's position.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::domain::follow_up::milestone_overdue;
use crate::domain::pipeline::Stage;
use crate::domain::probation::Milestone;
use crate::entities::{application, onboarding_item, position, probation_milestone};
use crate::error::AppResult;
use crate::recruitment::views;

/// How many overdue milestones the dashboard lists.
const SHOWN: u64 = 20;

#[derive(Clone, Debug, Serialize)]
pub struct OverdueMilestone {
    pub application_id: i32,
    pub candidate_id: i32,
    pub full_name: String,
    pub position_title: String,
    pub code: String,
    pub due_on: NaiveDate,
}

/// Open milestones past their day, oldest first, of started hires on positions `user_id`
/// recruits for or manages. A first week whose checklist is ticked is not owed.
pub async fn overdue_for(
    db: &DatabaseConnection,
    user_id: i32,
) -> AppResult<Vec<OverdueMilestone>> {
    let today = Utc::now().date_naive();
    let positions: HashMap<i32, String> = position::Entity::find()
        .filter(
            Condition::any()
                .add(position::Column::RecruiterId.eq(user_id))
                .add(position::Column::HiringManagerId.eq(user_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    if positions.is_empty() {
        return Ok(Vec::new());
    }
    let hires = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::PositionId.is_in(positions.keys().copied()))
        .filter(application::Column::Stage.eq(Stage::Started.as_str()));
    let due = probation_milestone::Entity::find()
        .filter(
            probation_milestone::Column::ApplicationId
                .in_subquery(sea_orm::QueryTrait::into_query(hires)),
        )
        .filter(probation_milestone::Column::DoneAt.is_null())
        .filter(probation_milestone::Column::DueOn.lt(today))
        .order_by_asc(probation_milestone::Column::DueOn)
        .limit(SHOWN)
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = due.iter().map(|m| m.application_id).collect();
    let checklists = onboarding_item::Entity::find()
        .filter(onboarding_item::Column::ApplicationId.is_in(ids.clone()))
        .all(db)
        .await?;
    let apps = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let cards: HashMap<i32, views::ApplicationCard> = views::cards(db, apps)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(due
        .into_iter()
        .filter(|m| {
            let checklist: Vec<_> = checklists
                .iter()
                .filter(|i| i.application_id == m.application_id)
                .cloned()
                .collect();
            let ticked = m.code == Milestone::FirstWeek.as_str()
                && super::model::checklist_done(&checklist, m.due_on).is_some();
            milestone_overdue(m.due_on, ticked, today)
        })
        .filter_map(|m| {
            let card = cards.get(&m.application_id)?;
            Some(OverdueMilestone {
                application_id: m.application_id,
                candidate_id: card.candidate_id,
                full_name: card.full_name.clone(),
                position_title: positions
                    .get(&card.position_id)
                    .cloned()
                    .unwrap_or_default(),
                code: m.code,
                due_on: m.due_on,
            })
        })
        .collect())
}
