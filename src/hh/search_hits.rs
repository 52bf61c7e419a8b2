//! What the searches found: the hits of a search, newest first, with the ones found since the
//! recruiter's last look marked new; the look itself; and one click from a hit to the
//! position's long-list — the full resume fetched from hh (for the contacts) and the person
//! taken in through `resumes::take_in`, so someone already known is not made twice.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use reqwest::Method;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::connection::Hh;
use super::resumes::{self, TakenIn};
use super::searches;
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::entities::{application, hh_resume_search, hh_search_hit};
use crate::error::{AppError, AppResult};

/// The source written on applications from a resume search: the recruiter went looking.
pub const SOURCE: &str = "cold_search";

/// A resume a search found.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HitView {
    pub id: i32,
    pub resume_id: String,
    /// The position the resume is for, as its owner wrote it.
    pub title: Option<String>,
    /// Empty when hh hides the name.
    pub name: Option<String>,
    pub area: Option<String>,
    pub salary: Option<i64>,
    pub currency: Option<String>,
    /// The resume on hh.ru's site.
    pub url: String,
    pub first_seen_at: DateTime<Utc>,
    /// Found since the last look.
    pub new: bool,
    /// The application made from it, once added to the long-list.
    pub application_id: Option<i32>,
    pub candidate_id: Option<i32>,
}

/// One page of a search's hits.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HitsPage {
    pub items: Vec<HitView>,
    /// Hits in the list asked for (all, or only the new ones).
    pub total: u64,
    /// New hits in the whole search.
    pub new: u64,
}

/// Which hits, and from where "new" counts.
pub struct HitsQuery {
    /// Hits first seen after this are new; `None`: never looked, all are new.
    pub since: Option<DateTime<Utc>>,
    pub only_new: bool,
    pub limit: u64,
    pub offset: u64,
}

fn newer_than(since: Option<DateTime<Utc>>) -> Condition {
    match since {
        Some(at) => Condition::all().add(hh_search_hit::Column::FirstSeenAt.gt(at)),
        None => Condition::all(),
    }
}

/// A search's hits, newest first (those of one run in hh's order), with their applications.
pub async fn list(
    db: &DatabaseConnection,
    search: &hh_resume_search::Model,
    query: HitsQuery,
) -> AppResult<HitsPage> {
    let of_search =
        hh_search_hit::Entity::find().filter(hh_search_hit::Column::SearchId.eq(search.id));
    let new = of_search
        .clone()
        .filter(newer_than(query.since))
        .count(db)
        .await?;
    let chosen = if query.only_new {
        of_search.filter(newer_than(query.since))
    } else {
        of_search
    };
    let total = chosen.clone().count(db).await?;
    let rows = chosen
        .order_by_desc(hh_search_hit::Column::FirstSeenAt)
        .order_by_asc(hh_search_hit::Column::Id)
        .limit(query.limit)
        .offset(query.offset)
        .all(db)
        .await?;
    // An application removed since (a merge, an erasure) no longer links.
    let people: HashMap<i32, i32> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .column(application::Column::CandidateId)
        .filter(application::Column::Id.is_in(rows.iter().filter_map(|h| h.application_id)))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|hit| {
            let candidate_id = hit.application_id.and_then(|a| people.get(&a).copied());
            HitView {
                new: query.since.is_none_or(|at| hit.first_seen_at > at),
                application_id: hit.application_id.filter(|_| candidate_id.is_some()),
                candidate_id,
                id: hit.id,
                resume_id: hit.resume_id,
                title: hit.title,
                name: hit.name,
                area: hit.area,
                salary: hit.salary,
                currency: hit.currency,
                url: hit.url,
                first_seen_at: hit.first_seen_at,
            }
        })
        .collect();
    Ok(HitsPage { items, total, new })
}

/// The recruiter has seen the search's hits: none of them is new any more. The look is dated
/// by the newest hit there was to see rather than by the clock, so a run committing while the
/// page was read keeps its hits new for the next look.
pub async fn mark_seen(db: &DatabaseConnection, search: &hh_resume_search::Model) -> AppResult<()> {
    let newest = hh_search_hit::Entity::find()
        .filter(hh_search_hit::Column::SearchId.eq(search.id))
        .order_by_desc(hh_search_hit::Column::FirstSeenAt)
        .one(db)
        .await?;
    let Some(newest) = newest.map(|h| h.first_seen_at) else {
        return Ok(());
    };
    hh_resume_search::Entity::update_many()
        .col_expr(
            hh_resume_search::Column::LastViewedAt,
            Expr::value(Some(newest)),
        )
        .filter(hh_resume_search::Column::Id.eq(search.id))
        .filter(
            Condition::any()
                .add(hh_resume_search::Column::LastViewedAt.is_null())
                .add(hh_resume_search::Column::LastViewedAt.lt(newest)),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// What adding a hit to the long-list did.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LongListed {
    pub application_id: i32,
    pub candidate_id: i32,
    /// A person the app did not know before.
    pub new_candidate: bool,
    /// False when the person was on the position's long-list already.
    pub new_application: bool,
}

impl From<TakenIn> for LongListed {
    fn from(taken: TakenIn) -> Self {
        LongListed {
            application_id: taken.application_id,
            candidate_id: taken.candidate_id,
            new_candidate: taken.new_candidate,
            new_application: taken.new_application,
        }
    }
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<hh_search_hit::Model> {
    hh_search_hit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// "Add to long-list": the full resume from hh, then the person on the search's position with
/// source `cold_search`, and the hit linked to the application — all in one transaction. A
/// hit already added answers with its application.
pub async fn add_to_long_list(state: &AppState, actor: i32, hit_id: i32) -> AppResult<LongListed> {
    let db = &state.db;
    let hit = get(db, hit_id).await?;
    let search = searches::get(db, hit.search_id).await?;
    if let Some(application_id) = hit.application_id
        && let Some(found) = application::Entity::find_by_id(application_id)
            .one(db)
            .await?
    {
        return Ok(LongListed {
            application_id,
            candidate_id: found.candidate_id,
            new_candidate: false,
            new_application: false,
        });
    }
    let mut hh = Hh::open(state).await?;
    // The id came from hh and was checked when kept; it is a path segment of hh's API.
    if !super::search_rules::is_hh_id(&hit.resume_id) {
        return Err(AppError::NotFound);
    }
    let resume = hh
        .fetch(Method::GET, &format!("/resumes/{}", hit.resume_id), None)
        .await?;
    let card = resumes::read(&resume.body).ok_or_else(resumes::unreadable)?;
    let txn = crate::db::write(db).await?;
    let taken = resumes::take_in(&txn, Some(actor), &card, search.position_id, SOURCE).await?;
    // The same resume found by the position's other searches links to the same application.
    let searches_of_position = hh_resume_search::Entity::find()
        .select_only()
        .column(hh_resume_search::Column::Id)
        .filter(hh_resume_search::Column::PositionId.eq(search.position_id))
        .into_tuple::<i32>()
        .all(&txn)
        .await?;
    hh_search_hit::Entity::update_many()
        .col_expr(
            hh_search_hit::Column::ApplicationId,
            Expr::value(Some(taken.application_id)),
        )
        .filter(hh_search_hit::Column::ResumeId.eq(hit.resume_id.clone()))
        .filter(hh_search_hit::Column::SearchId.is_in(searches_of_position))
        .exec(&txn)
        .await?;
    AuditEvent::new(Some(actor), "hh.search.long_list", "application")
        .id(taken.application_id)
        .details(json!({"search_id": search.id, "hit_id": hit.id}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(taken.into())
}
