//! Resume searches on hh.ru that a position keeps running: adding one (a saved search is
//! looked up on hh first), changing, removing and reading them with how many hits each has and
//! how many are new. Their rules are `search_rules`; running them is `search_runs`, what they
//! found is `search_hits`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::client::HhError;
use super::connection::Hh;
use super::search_rules::{
    Looks, SearchPatch, SearchRequest, check, check_patch, closed, encode_query, is_hh_id,
    looks_of, position_closed,
};
use super::settings::{self, DEFAULT_SEARCH_EVERY_DAYS};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::entities::{hh_resume_search, hh_search_hit};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

/// A search with what it has found.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchView {
    pub id: i32,
    pub position_id: i32,
    pub name: String,
    /// The words looked for (a text query).
    pub text: Option<String>,
    /// hh's area id of a text query.
    pub area: Option<String>,
    /// The saved search on hh this one runs.
    pub saved_search_id: Option<String>,
    pub every_days: i32,
    pub last_run_at: Option<DateTime<Utc>>,
    pub next_run_at: DateTime<Utc>,
    /// Hits first seen after this are new.
    pub last_viewed_at: Option<DateTime<Utc>>,
    /// Why the last run did not finish (`rate_limited`, `forbidden: resumes/…`, …); empty
    /// once a run succeeds.
    pub last_error: Option<String>,
    pub hits: i64,
    /// Hits found since the last look.
    pub new_hits: i64,
    pub created_at: DateTime<Utc>,
}

/// Adds a search to a position. A saved search is looked up on hh (it must be the
/// employer's), and lends its name when none is given; it runs at the next round.
pub async fn create(
    state: &AppState,
    actor: i32,
    position_id: i32,
    request: SearchRequest,
) -> AppResult<SearchView> {
    let db = &state.db;
    let target = position_of(db, position_id).await?;
    if closed(&target) {
        return Err(position_closed(&target));
    }
    let (name, looks, every) = check(&request)?;
    let name = match (&looks, name) {
        (Looks::Saved(id), given) => {
            // The saved search must be the employer's, whatever it is called here.
            let on_hh = saved_search_name(state, id).await?;
            given.unwrap_or(on_hh)
        }
        (Looks::Query { .. }, Some(name)) => name,
        (Looks::Query { text, .. }, None) => text.chars().take(200).collect(),
    };
    let every = match every {
        Some(days) => days,
        None => settings::row(db)
            .await?
            .map_or(DEFAULT_SEARCH_EVERY_DAYS, |r| r.search_every_days),
    };
    let now = Utc::now();
    let (query, saved_search_id) = match &looks {
        Looks::Query { text, area } => (Some(encode_query(text, area.as_deref())), None),
        Looks::Saved(id) => (None, Some(id.clone())),
    };
    let created = hh_resume_search::ActiveModel {
        position_id: Set(position_id),
        name: Set(name),
        query: Set(query),
        saved_search_id: Set(saved_search_id),
        every_days: Set(every),
        last_run_at: Set(None),
        // The first run is at the next round: a recruiter adds a search to see results.
        next_run_at: Set(now),
        last_viewed_at: Set(None),
        last_error: Set(None),
        created_by: Set(Some(actor)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEvent::new(Some(actor), "hh.search.create", "position")
        .id(position_id)
        .details(json!({"search_id": created.id}))
        .record(db)
        .await?;
    view_of(db, created).await
}

/// The saved search's name on hh, or a field error when it is not one of the employer's.
async fn saved_search_name(state: &AppState, id: &str) -> AppResult<String> {
    let mut hh = Hh::open(state).await?;
    match find_saved(&mut hh, id).await?? {
        Some(item) => Ok(item["name"]
            .as_str()
            .map(|n| n.trim().chars().take(200).collect::<String>())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("hh.ru {id}"))),
        None => Err(AppError::validation(
            "saved_search_id",
            Message::new("hh-search-saved-unknown"),
        )),
    }
}

/// One of the employer's saved resume searches on hh, to pick from.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SavedSearch {
    pub id: String,
    pub name: String,
    /// How many resumes it finds, as hh counted last.
    pub count: Option<i64>,
}

fn id_of(item: &Value) -> Option<String> {
    item["id"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| item["id"].as_i64().map(|n| n.to_string()))
        .filter(|id| is_hh_id(id))
}

/// The manager's saved resume searches as hh lists them: ten a page at most, and a manager
/// keeps a handful, so five pages are plenty.
async fn saved_items(hh: &mut Hh) -> AppResult<Result<Vec<Value>, HhError>> {
    let mut found = Vec::new();
    for page in 0..5 {
        let path = format!("/saved_searches/resumes?page={page}&per_page=10");
        let answer = match hh.call(Method::GET, &path, None).await? {
            Ok(answer) => answer,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let items = answer.body["items"].as_array().cloned().unwrap_or_default();
        let pages = answer.body["pages"].as_i64().unwrap_or(0);
        let last = items.is_empty() || page + 1 >= pages;
        found.extend(items);
        if last {
            break;
        }
    }
    Ok(Ok(found))
}

/// The saved search `id` as hh lists it (with its `items.url`), `None` when the manager has no
/// such search.
pub async fn find_saved(hh: &mut Hh, id: &str) -> AppResult<Result<Option<Value>, HhError>> {
    Ok(saved_items(hh).await?.map(|items| {
        items
            .into_iter()
            .find(|item| id_of(item).as_deref() == Some(id))
    }))
}

/// The employer's saved resume searches, for the form's list.
pub async fn saved_searches(state: &AppState) -> AppResult<Vec<SavedSearch>> {
    let mut hh = Hh::open(state).await?;
    let items = saved_items(&mut hh).await??;
    Ok(items
        .iter()
        .filter_map(|item| {
            let id = id_of(item)?;
            Some(SavedSearch {
                name: item["name"].as_str().unwrap_or(&id).to_owned(),
                count: item["items"]["count"].as_i64(),
                id,
            })
        })
        .collect())
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<hh_resume_search::Model> {
    hh_resume_search::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn view(db: &DatabaseConnection, id: i32) -> AppResult<SearchView> {
    view_of(db, get(db, id).await?).await
}

/// A position's searches, oldest first.
pub async fn for_position(db: &DatabaseConnection, position_id: i32) -> AppResult<Vec<SearchView>> {
    position_of(db, position_id).await?;
    let rows = hh_resume_search::Entity::find()
        .filter(hh_resume_search::Column::PositionId.eq(position_id))
        .order_by_asc(hh_resume_search::Column::Id)
        .all(db)
        .await?;
    views(db, rows).await
}

/// How many hits each search has, and how many are new (first seen after its last look): two
/// grouped queries for all of them.
async fn counts(
    db: &DatabaseConnection,
    rows: &[hh_resume_search::Model],
) -> AppResult<(HashMap<i32, i64>, HashMap<i32, i64>)> {
    if rows.is_empty() {
        return Ok(Default::default());
    }
    let grouped = |condition: Condition| {
        hh_search_hit::Entity::find()
            .select_only()
            .column(hh_search_hit::Column::SearchId)
            .column_as(hh_search_hit::Column::Id.count(), "n")
            .filter(condition)
            .group_by(hh_search_hit::Column::SearchId)
            .into_tuple::<(i32, i64)>()
    };
    let all =
        Condition::all().add(hh_search_hit::Column::SearchId.is_in(rows.iter().map(|r| r.id)));
    let mut new = Condition::any();
    for row in rows {
        new = new.add(match row.last_viewed_at {
            Some(at) => Condition::all()
                .add(hh_search_hit::Column::SearchId.eq(row.id))
                .add(hh_search_hit::Column::FirstSeenAt.gt(at)),
            None => Condition::all().add(hh_search_hit::Column::SearchId.eq(row.id)),
        });
    }
    let total = grouped(all).all(db).await?.into_iter().collect();
    let fresh = grouped(new).all(db).await?.into_iter().collect();
    Ok((total, fresh))
}

/// One search with its counts.
pub async fn view_of(
    db: &DatabaseConnection,
    row: hh_resume_search::Model,
) -> AppResult<SearchView> {
    views(db, vec![row])
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a search without its view")))
}

pub async fn views(
    db: &DatabaseConnection,
    rows: Vec<hh_resume_search::Model>,
) -> AppResult<Vec<SearchView>> {
    let (total, fresh) = counts(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (text, area) = match looks_of(&row) {
                Some(Looks::Query { text, area }) => (Some(text), area),
                _ => (None, None),
            };
            SearchView {
                hits: total.get(&row.id).copied().unwrap_or(0),
                new_hits: fresh.get(&row.id).copied().unwrap_or(0),
                id: row.id,
                position_id: row.position_id,
                name: row.name,
                text,
                area,
                saved_search_id: row.saved_search_id,
                every_days: row.every_days,
                last_run_at: row.last_run_at,
                next_run_at: row.next_run_at,
                last_viewed_at: row.last_viewed_at,
                last_error: row.last_error,
                created_at: row.created_at,
            }
        })
        .collect())
}

/// What the position page says of its searches: how many, and how many hits are new.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PositionSearches {
    pub searches: usize,
    pub new_hits: i64,
}

/// The link's badge; `None` where hh.ru is not set up and the position has no searches, so
/// an agency that does not use hh sees nothing of it.
pub async fn badge(
    db: &DatabaseConnection,
    position_id: i32,
) -> AppResult<Option<PositionSearches>> {
    let rows = hh_resume_search::Entity::find()
        .filter(hh_resume_search::Column::PositionId.eq(position_id))
        .all(db)
        .await?;
    if rows.is_empty() && settings::row(db).await?.is_none() {
        return Ok(None);
    }
    let (_, fresh) = counts(db, &rows).await?;
    Ok(Some(PositionSearches {
        searches: rows.len(),
        new_hits: fresh.values().sum(),
    }))
}

/// Renames a search or changes how often it runs; a new cadence counts from the last run.
pub async fn update(
    db: &DatabaseConnection,
    actor: i32,
    id: i32,
    patch: SearchPatch,
) -> AppResult<SearchView> {
    let name = check_patch(&patch)?;
    let row = get(db, id).await?;
    let (last_run_at, failing) = (row.last_run_at, row.last_error.is_some());
    let mut active = row.into_active_model();
    if let Some(name) = name {
        active.name = Set(name.to_owned());
    }
    if let Some(days) = patch.every_days {
        active.every_days = Set(days);
        // A search waiting out hh's "slow down" keeps its back-off.
        if let (Some(last), false) = (last_run_at, failing) {
            active.next_run_at = Set(last + Duration::days(i64::from(days)));
        }
    }
    active.updated_at = Set(Utc::now());
    let saved = active.update(db).await?;
    AuditEvent::new(Some(actor), "hh.search.update", "position")
        .id(saved.position_id)
        .details(json!({"search_id": id}))
        .record(db)
        .await?;
    view_of(db, saved).await
}

/// Removes a search and what it found; people already added to the long-list stay there.
pub async fn remove(db: &DatabaseConnection, actor: i32, id: i32) -> AppResult<i32> {
    let row = get(db, id).await?;
    let txn = crate::db::write(db).await?;
    hh_search_hit::Entity::delete_many()
        .filter(hh_search_hit::Column::SearchId.eq(id))
        .exec(&txn)
        .await?;
    hh_resume_search::Entity::delete_by_id(id)
        .exec(&txn)
        .await?;
    AuditEvent::new(Some(actor), "hh.search.delete", "position")
        .id(row.position_id)
        .details(json!({"search_id": id}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(row.position_id)
}

/// The position a search belongs to. Read here rather than through `positions::model`, which
/// sits in a circle of imports with the position pages that show this feature's badge.
pub async fn position_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    position_id: i32,
) -> AppResult<crate::entities::position::Model> {
    use sea_orm::EntityTrait;
    crate::entities::position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or(crate::error::AppError::NotFound)
}
