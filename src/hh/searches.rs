//! Resume searches on hh.ru that a position keeps running: a text query (with an area) or one
//! of the employer's saved searches on hh. Here are the searches themselves — adding, editing,
//! removing, reading them with their counts — and how a search's last problem is said; running
//! them is `search_runs`, what they found is `search_hits`.
//!
//! A text query is kept as hh's own query parameters (`text=…&area=…`) in `query`, so a run
//! sends exactly what was saved and another hh parameter would need no new column.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::client::HhError;
use super::connection::Hh;
use super::settings::{self, DEFAULT_SEARCH_EVERY_DAYS};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::domain::position_status::PositionStatus;
use crate::domain::text::TextKind;
use crate::entities::{hh_resume_search, hh_search_hit, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// Days between runs a recruiter may choose (the same bounds as the connection's setting).
pub const EVERY_DAYS: RangeInclusive<i32> = 1..=14;

/// A new search: `text` (with an optional `area`) or `saved_search_id`, not both.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct SearchRequest {
    /// What the recruiter calls it; the query itself, or the saved search's name on hh, when
    /// left out.
    #[serde(default)]
    pub name: Option<String>,
    /// The words to look for (hh's query language works too).
    #[serde(default)]
    pub text: Option<String>,
    /// hh's area id for `text` (1 Moscow, 2 Saint Petersburg); everywhere when left out.
    #[serde(default)]
    pub area: Option<String>,
    /// One of the employer's saved resume searches on hh (`GET /api/v1/hh/saved-searches`).
    #[serde(default)]
    pub saved_search_id: Option<String>,
    /// Days between runs (1–14); the connection's setting when left out.
    #[serde(default)]
    pub every_days: Option<i32>,
}

/// A change to a search; each field left out stays as it is.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct SearchPatch {
    #[serde(default)]
    pub name: Option<String>,
    /// Days between runs (1–14); the next run moves with it.
    #[serde(default)]
    pub every_days: Option<i32>,
}

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

/// What a search looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Looks {
    Query { text: String, area: Option<String> },
    Saved(String),
}

/// `text` and `area` as hh's query parameters.
pub fn encode_query(text: &str, area: Option<&str>) -> String {
    let mut pairs = vec![("text", text)];
    if let Some(area) = area {
        pairs.push(("area", area));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// What a stored search looks for; `None` for a row that holds neither.
pub fn looks_of(row: &hh_resume_search::Model) -> Option<Looks> {
    if let Some(id) = &row.saved_search_id {
        return Some(Looks::Saved(id.clone()));
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(row.query.as_deref()?).ok()?;
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Some(Looks::Query {
        text: value("text")?,
        area: value("area"),
    })
}

/// hh's ids are short and plain; anything else never reaches a URL.
pub fn is_hh_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn trimmed(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A request read: its name if given, what it looks for and how often, or every refusal.
pub fn check(request: &SearchRequest) -> Result<(Option<String>, Looks, Option<i32>), AppError> {
    let mut errors = Vec::new();
    let name = trimmed(&request.name);
    if let Some(name) = &name {
        errors.extend(FieldError::text("name", TextKind::Line, name));
    }
    let text = trimmed(&request.text);
    let area = trimmed(&request.area);
    let saved = trimmed(&request.saved_search_id);
    if let Some(text) = &text {
        errors.extend(FieldError::text("text", TextKind::Line, text));
    }
    if area
        .as_deref()
        .is_some_and(|a| a.len() > 10 || !a.chars().all(|c| c.is_ascii_digit()))
    {
        errors.push(FieldError::new(
            "area",
            Message::new("hh-search-area-invalid"),
        ));
    }
    if saved.as_deref().is_some_and(|s| !is_hh_id(s)) {
        errors.push(FieldError::new(
            "saved_search_id",
            Message::new("hh-search-saved-unknown"),
        ));
    }
    let looks = match (text, saved) {
        (Some(_), Some(_)) => {
            errors.push(FieldError::new(
                "saved_search_id",
                Message::new("hh-search-one-kind"),
            ));
            None
        }
        (Some(text), None) => Some(Looks::Query { text, area }),
        (None, Some(saved)) => Some(Looks::Saved(saved)),
        (None, None) => {
            errors.push(FieldError::new(
                "text",
                Message::new("hh-search-text-required"),
            ));
            None
        }
    };
    if request.every_days.is_some_and(|d| !EVERY_DAYS.contains(&d)) {
        errors.push(FieldError::new(
            "every_days",
            Message::new("hh-search-every-invalid"),
        ));
    }
    match looks {
        Some(looks) if errors.is_empty() => Ok((name, looks, request.every_days)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Searches run for positions still being filled; a held or closed one waits.
pub const ACTIVE_STATUSES: [&str; 2] = ["draft", "open"];

/// A filled or cancelled position has no use for searches.
pub fn closed(p: &position::Model) -> bool {
    matches!(
        PositionStatus::parse(&p.status),
        Some(PositionStatus::Filled | PositionStatus::Cancelled)
    )
}

pub fn position_closed(p: &position::Model) -> AppError {
    AppError::Conflict(Message::new("hh-search-position-closed").with("title", p.title.clone()))
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
    let target = crate::positions::model::get(db, position_id).await?;
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
    Ok(views(db, vec![created]).await?.remove(0))
}

/// The saved search's name on hh, or a field error when hh does not know it for this employer.
async fn saved_search_name(state: &AppState, id: &str) -> AppResult<String> {
    let mut hh = Hh::open(state).await?;
    match hh
        .call(Method::GET, &format!("/saved_searches/resumes/{id}"), None)
        .await?
    {
        Ok(answer) => Ok(answer.body["name"]
            .as_str()
            .map(|n| n.trim().chars().take(200).collect::<String>())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("hh.ru {id}"))),
        Err(HhError::NotFound) => Err(AppError::validation(
            "saved_search_id",
            Message::new("hh-search-saved-unknown"),
        )),
        Err(other) => Err(other.into()),
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

/// The employer's saved resume searches (hh gives at most 10 a page; a few pages are plenty).
pub async fn saved_searches(state: &AppState) -> AppResult<Vec<SavedSearch>> {
    let mut hh = Hh::open(state).await?;
    let mut found = Vec::new();
    for page in 0..5 {
        let answer = hh
            .fetch(
                Method::GET,
                &format!("/saved_searches/resumes?page={page}&per_page=10"),
                None,
            )
            .await?;
        let items = answer.body["items"].as_array().cloned().unwrap_or_default();
        found.extend(items.iter().filter_map(|item| {
            let id = item["id"]
                .as_str()
                .map(str::to_owned)
                .or_else(|| item["id"].as_i64().map(|n| n.to_string()))?;
            is_hh_id(&id).then(|| SavedSearch {
                name: item["name"].as_str().unwrap_or(&id).to_owned(),
                count: item["items"]["count"].as_i64(),
                id,
            })
        }));
        let pages = answer.body["pages"].as_i64().unwrap_or(0);
        if items.is_empty() || page + 1 >= pages {
            break;
        }
    }
    Ok(found)
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<hh_resume_search::Model> {
    hh_resume_search::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn view(db: &DatabaseConnection, id: i32) -> AppResult<SearchView> {
    Ok(views(db, vec![get(db, id).await?]).await?.remove(0))
}

/// A position's searches, oldest first.
pub async fn for_position(db: &DatabaseConnection, position_id: i32) -> AppResult<Vec<SearchView>> {
    crate::positions::model::get(db, position_id).await?;
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
    let row = get(db, id).await?;
    let mut errors = Vec::new();
    let name = patch.name.as_deref().map(str::trim);
    match name {
        Some("") => errors.push(FieldError::new(
            "name",
            Message::new("hh-search-name-required"),
        )),
        Some(name) => errors.extend(FieldError::text("name", TextKind::Line, name)),
        None => {}
    }
    if patch.every_days.is_some_and(|d| !EVERY_DAYS.contains(&d)) {
        errors.push(FieldError::new(
            "every_days",
            Message::new("hh-search-every-invalid"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
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
    Ok(views(db, vec![saved]).await?.remove(0))
}

/// Removes a search and what it found; people already added to the long-list stay there.
pub async fn remove(db: &DatabaseConnection, actor: i32, id: i32) -> AppResult<i32> {
    let row = get(db, id).await?;
    let txn = db.begin().await?;
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

/// How a run's refusal is kept in `last_error`: a code the page says in the reader's language
/// ([`problem`]), with hh's own words after it.
pub fn problem_code(refusal: &HhError) -> String {
    match refusal {
        HhError::RateLimited { .. } => "rate_limited".to_owned(),
        HhError::Unavailable { detail, .. } => format!("unavailable: {detail}"),
        HhError::Forbidden { kind, value } => format!("forbidden: {kind}/{value}"),
        HhError::NotFound => "not_found".to_owned(),
        HhError::TokenExpired | HhError::TokenRejected(_) => "reconnect".to_owned(),
        HhError::Invalid(fields) => format!(
            "refused: {}",
            fields
                .iter()
                .map(|f| f.field.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        HhError::Unexpected { status, detail } => format!("refused: {status} {detail}"),
    }
}

/// A kept problem in words a recruiter can act on.
pub fn problem(code: &str) -> Message {
    let (kind, detail) = code.split_once(": ").unwrap_or((code, ""));
    match kind {
        "rate_limited" => Message::new("hh-search-rate-limited"),
        "unavailable" => Message::new("hh-search-unavailable").with("detail", detail),
        "forbidden" => {
            let (kind, value) = detail.split_once('/').unwrap_or((detail, ""));
            super::errors::forbidden(kind, value)
        }
        "not_found" => Message::new("hh-search-saved-gone"),
        "reconnect" => Message::new("hh-reconnect-needed"),
        _ => Message::new("hh-search-refused").with("detail", detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str, area: &str, saved: &str) -> SearchRequest {
        let some = |v: &str| Some(v.to_owned());
        SearchRequest {
            name: None,
            text: some(text),
            area: some(area),
            saved_search_id: some(saved),
            every_days: None,
        }
    }

    fn fields(error: AppError) -> Vec<String> {
        match error {
            AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_query_and_its_area_survive_the_round_trip_through_the_row() {
        let query = encode_query("менеджер & аккаунт", Some("1"));
        let row = hh_resume_search::Model {
            id: 1,
            position_id: 1,
            name: "x".into(),
            query: Some(query),
            saved_search_id: None,
            every_days: 3,
            last_run_at: None,
            next_run_at: Utc::now(),
            last_viewed_at: None,
            last_error: None,
            created_by: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        assert_eq!(
            looks_of(&row),
            Some(Looks::Query {
                text: "менеджер & аккаунт".into(),
                area: Some("1".into())
            })
        );
        let saved = hh_resume_search::Model {
            saved_search_id: Some("609535".into()),
            query: None,
            ..row
        };
        assert_eq!(looks_of(&saved), Some(Looks::Saved("609535".into())));
    }

    #[test]
    fn a_search_is_a_query_or_a_saved_search_never_both_nor_neither() {
        let (name, looks, every) = check(&request(" аккаунт-менеджер ", "", "")).unwrap();
        assert_eq!(name, None);
        assert_eq!(every, None);
        assert_eq!(
            looks,
            Looks::Query {
                text: "аккаунт-менеджер".into(),
                area: None
            }
        );
        assert_eq!(
            check(&request("", "", "609535")).unwrap().1,
            Looks::Saved("609535".into())
        );
        assert_eq!(
            fields(check(&request("менеджер", "", "609535")).unwrap_err()),
            ["saved_search_id"]
        );
        assert_eq!(fields(check(&request("", "", "")).unwrap_err()), ["text"]);
    }

    #[test]
    fn an_area_is_hhs_number_and_a_cadence_is_one_to_fourteen_days() {
        assert_eq!(
            fields(check(&request("менеджер", "Москва", "")).unwrap_err()),
            ["area"]
        );
        let mut weekly = request("менеджер", "1", "");
        weekly.every_days = Some(15);
        assert_eq!(fields(check(&weekly).unwrap_err()), ["every_days"]);
        weekly.every_days = Some(14);
        assert!(check(&weekly).is_ok());
        assert_eq!(
            fields(check(&request("", "", "../../me")).unwrap_err()),
            ["saved_search_id"]
        );
    }

    #[test]
    fn a_kept_problem_reads_as_what_to_do_about_it() {
        let no_access = HhError::Forbidden {
            kind: "api_access_payment".into(),
            value: "action_must_be_payed".into(),
        };
        assert_eq!(
            problem(&problem_code(&no_access)).key,
            "hh-no-paid-api-access"
        );
        let slow = HhError::RateLimited { retry_after: None };
        assert_eq!(problem(&problem_code(&slow)).key, "hh-search-rate-limited");
        assert_eq!(
            problem(&problem_code(&HhError::NotFound)).key,
            "hh-search-saved-gone"
        );
        let odd = HhError::Unexpected {
            status: 400,
            detail: "bad_argument/text".into(),
        };
        let said = problem(&problem_code(&odd));
        assert_eq!(said.key, "hh-search-refused");
        assert!(format!("{:?}", said.args).contains("bad_argument/text"));
    }
}
