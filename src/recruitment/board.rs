//! A position's board as a read model, shared by the page and the API: a column per stage,
//! narrowed by source, owner and due follow-ups. A fixed number of queries, however many cards.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, SelectStatement, UnionType};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::views::{ApplicationCard, cards};
use crate::domain::access::{Action, Role, can};
use crate::domain::pipeline::Stage;
use crate::entities::{application, application_event, position, user};
use crate::error::AppResult;

/// A column of the board.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BoardColumn {
    pub stage: &'static str,
    /// Every application at this stage that the filter lets through, shown or not.
    pub count: usize,
    pub applications: Vec<ApplicationCard>,
}

/// Which cards the board shows; empty shows them all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct BoardFilter {
    /// One source: job_board, job_page, referral, cold_search, agency or other.
    pub source: Option<String>,
    /// The application's owner: the user who added it. Applications that came by themselves
    /// (the job page, an import without a user, hh.ru) belong to the position's recruiter.
    pub owner_id: Option<i32>,
    /// Only cards whose next contact is today or earlier.
    pub overdue: bool,
}

impl BoardFilter {
    pub fn is_empty(&self) -> bool {
        *self == BoardFilter::default()
    }

    /// The filter as a condition on `applications`, for the position it is applied to.
    fn condition(&self, position: &position::Model, today: NaiveDate) -> Condition {
        let mut all = Condition::all();
        if let Some(source) = &self.source {
            all = all.add(application::Column::Source.eq(source.as_str()));
        }
        if self.overdue {
            all = all.add(application::Column::NextContactOn.lte(today));
        }
        if let Some(owner) = self.owner_id {
            let mut owned = Condition::any().add(Expr::exists(added_by(Some(owner))));
            if position.recruiter_id == Some(owner) {
                owned = owned.add(Expr::exists(added_by(None)).not());
            }
            all = all.add(owned);
        }
        all
    }
}

/// The application's "created" entry, by `actor` (or by any user, when `None`): correlated
/// with the outer `applications` row, so it is an index seek per card.
fn added_by(actor: Option<i32>) -> SelectStatement {
    let mut query = Query::select();
    query
        .expr(Expr::val(1))
        .from(application_event::Entity)
        .and_where(
            Expr::col((
                application_event::Entity,
                application_event::Column::ApplicationId,
            ))
            .equals((application::Entity, application::Column::Id)),
        )
        .and_where(application_event::Column::Kind.eq("created"));
    match actor {
        Some(id) => query.and_where(application_event::Column::ActorId.eq(id)),
        None => query.and_where(application_event::Column::ActorId.is_not_null()),
    };
    query.to_owned()
}

fn board_stages() -> impl Iterator<Item = Stage> {
    Stage::FLOW
        .into_iter()
        .chain([Stage::Rejected, Stage::Withdrawn])
}

/// Cards into the board's columns, in the board's order and each column in the cards' order;
/// `count` says how many a column holds in all, given its stage and the cards shown.
fn into_columns(
    cards: Vec<ApplicationCard>,
    count: impl Fn(&str, usize) -> usize,
) -> Vec<BoardColumn> {
    let mut by_stage: HashMap<String, Vec<ApplicationCard>> = HashMap::new();
    for card in cards {
        by_stage.entry(card.stage.clone()).or_default().push(card);
    }
    board_stages()
        .map(|stage| {
            let mine = by_stage.remove(stage.as_str()).unwrap_or_default();
            BoardColumn {
                stage: stage.as_str(),
                count: count(stage.as_str(), mine.len()),
                applications: mine,
            }
        })
        .collect()
}

/// Every application of a position that passes `filter`, by stage: the forward flow, then
/// the ended ones.
pub async fn board(
    db: &DatabaseConnection,
    position: &position::Model,
    filter: &BoardFilter,
) -> AppResult<Vec<BoardColumn>> {
    let applications = application::Entity::find()
        .filter(application::Column::PositionId.eq(position.id))
        .filter(filter.condition(position, Utc::now().date_naive()))
        .order_by_asc(application::Column::StageChangedAt)
        .all(db)
        .await?;
    Ok(into_columns(cards(db, applications).await?, |_, shown| {
        shown
    }))
}

/// The board as a page shows it: every column's count from one GROUP BY, and at most
/// `per_column` cards in each, those waiting longest in their stage first (ended ones: the
/// latest first). A fixed number of queries and a bounded page, however big the search.
pub async fn bounded(
    db: &DatabaseConnection,
    position: &position::Model,
    filter: &BoardFilter,
    per_column: u64,
) -> AppResult<Vec<BoardColumn>> {
    let condition = filter.condition(position, Utc::now().date_naive());
    let counts: HashMap<String, i64> = application::Entity::find()
        .select_only()
        .column(application::Column::Stage)
        .column_as(Expr::col(application::Column::Id).count(), "n")
        .filter(application::Column::PositionId.eq(position.id))
        .filter(condition.clone())
        .group_by(application::Column::Stage)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let stages: Vec<Stage> = board_stages()
        .filter(|s| counts.get(s.as_str()).copied().unwrap_or(0) > 0)
        .collect();
    let shown = match columns_query(position.id, &condition, &stages, per_column) {
        None => Vec::new(),
        Some(query) => {
            application::Entity::find()
                .from_raw_sql(db.get_database_backend().build(&query))
                .all(db)
                .await?
        }
    };
    Ok(into_columns(cards(db, shown).await?, |stage, _| {
        usize::try_from(counts.get(stage).copied().unwrap_or(0)).unwrap_or(0)
    }))
}

/// The shown cards of every column in one statement: a `LIMIT`ed index seek per stage on
/// (position, stage, days in stage), glued with `UNION ALL`, so the board costs one round
/// trip instead of one per column.
fn columns_query(
    position_id: i32,
    condition: &Condition,
    stages: &[Stage],
    per_column: u64,
) -> Option<SelectStatement> {
    let mut parts = stages.iter().enumerate().map(|(n, stage)| {
        // Ended cards: the latest first; the rest: the longest waiting first.
        let order = if stage.is_ended() && *stage != Stage::Started {
            Order::Desc
        } else {
            Order::Asc
        };
        let column = Query::select()
            .column(Asterisk)
            .from(application::Entity)
            .and_where(application::Column::PositionId.eq(position_id))
            .and_where(application::Column::Stage.eq(stage.as_str()))
            .cond_where(condition.clone())
            .order_by(application::Column::StageChangedAt, order.clone())
            .order_by(application::Column::Id, order)
            .limit(per_column)
            .to_owned();
        Query::select()
            .column(Asterisk)
            .from_subquery(column, Alias::new(format!("column_{n}")))
            .to_owned()
    });
    let mut query = parts.next()?;
    for part in parts {
        query.union(UnionType::All, part);
    }
    Some(query)
}

/// Who a card may belong to, for the owner filter: the active users who add candidates.
pub async fn owners(db: &DatabaseConnection) -> AppResult<Vec<(i32, String)>> {
    let roles: Vec<&str> = Role::ALL
        .into_iter()
        .filter(|r| can(*r, Action::ManageCandidates))
        .map(Role::as_str)
        .collect();
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Role.is_in(roles))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?)
}
