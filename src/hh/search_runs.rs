//! Running resume searches: on their cadence ([`run_due`], from the scheduled hh round) or at
//! once ([`run_now`]). A run pages through hh's results and keeps every resume the search has
//! not found before as a hit, first seen now. Nothing is written until every page has come
//! back, and then all of it in one transaction, so a refusal halfway leaves no half a run.
//! A run hh asks to wait (429) or finds hh down (5xx) is tried again soon, later each time;
//! one hh refuses for good waits for its next turn with the reason kept.
//!
//! Two instances never run the same search: a run first moves the search's `next_run_at` a
//! little ahead, on the condition that the search is still due (or, for "Run now", unchanged
//! since read), and only the instance whose update changed the row goes on. Should two runs
//! overlap anyway, the unique (search, resume) pair keeps every hit single.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TryInsertResult,
};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::client::HhError;
use super::connection::Hh;
use super::resumes;
use super::search_rules::{
    self, ACTIVE_STATUSES, Looks, closed, is_hh_id, looks_of, position_closed,
};
use super::searches;
use crate::app::AppState;
use crate::entities::{hh_resume_search, hh_search_hit, position};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

/// Resumes asked for per page (hh's maximum).
const PER_PAGE: u32 = 100;
/// Pages read per run: the 500 most recently published resumes. More than a recruiter reads
/// between two runs, and every page counts against hh's daily search limit.
const MAX_PAGES: u32 = 5;
/// How long a started run holds its search; a run that dies is taken up again after it.
const CLAIM_MINUTES: i64 = 15;
/// Searches one round runs at most, one after another so as not to hurry hh.
const ROUND_LIMIT: u64 = 20;
/// The first wait after hh asked to slow down or was down, doubled each time up to the last.
const FIRST_BACK_OFF_MINUTES: i64 = 5;
const LAST_BACK_OFF_HOURS: i64 = 6;

/// What one run found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct RunOutcome {
    /// Resumes hh returned.
    pub found: u32,
    /// Of them, the ones this search had not found before.
    pub new_hits: u32,
}

/// The wait before trying again after a transient refusal: double the last wait (the first
/// is five minutes), at most six hours, and never sooner than hh asked.
pub fn back_off(previous: Option<Duration>, retry_after: Option<std::time::Duration>) -> Duration {
    let first = Duration::minutes(FIRST_BACK_OFF_MINUTES);
    let last = Duration::hours(LAST_BACK_OFF_HOURS);
    let doubled = previous.map_or(first, |p| p * 2).clamp(first, last);
    let asked = retry_after
        .map(|d| Duration::seconds(d.as_secs().min(86_400) as i64))
        .unwrap_or_default();
    doubled.max(asked)
}

/// How long the search last waited after a failure, read from the row: a failed run writes
/// the error, `updated_at` and the next run together.
fn last_wait(search: &hh_resume_search::Model) -> Option<Duration> {
    (search.last_error.is_some() && search.next_run_at > search.updated_at)
        .then(|| search.next_run_at - search.updated_at)
}

/// `path` with `page` and `per_page` set (anything else in it kept, hh's own order included).
pub fn page_path(path: &str, page: u32) -> String {
    let Ok(mut url) = url::Url::parse(&format!("http://hh.invalid{path}")) else {
        return path.to_owned();
    };
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "page" && k != "per_page")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("page", &page.to_string())
        .append_pair("per_page", &PER_PAGE.to_string());
    format!("{}?{}", url.path(), url.query().unwrap_or_default())
}

/// Where a saved search's resumes are: the path and query of hh's `items.url` (its host is
/// hh's public one; the call goes to the connection's API base, so the token stays there),
/// else the search by its id.
pub fn saved_items_path(saved: &Value, id: &str) -> String {
    saved["items"]["url"]
        .as_str()
        .and_then(|u| url::Url::parse(u).ok())
        .filter(|u| u.path() == "/resumes" || u.path().ends_with("/resumes"))
        .map(|u| format!("/resumes?{}", u.query().unwrap_or_default()))
        .unwrap_or_else(|| format!("/resumes?saved_search_id={id}"))
}

/// The first page's path for a search, or hh's refusal (a saved search that is gone).
async fn first_path(
    hh: &mut Hh,
    search: &hh_resume_search::Model,
) -> AppResult<Result<String, HhError>> {
    match looks_of(search) {
        Some(Looks::Query { text, area }) => Ok(Ok(format!(
            "/resumes?{}&order_by=publication_time",
            search_rules::encode_query(&text, area.as_deref())
        ))),
        Some(Looks::Saved(id)) if is_hh_id(&id) => Ok(searches::find_saved(hh, &id)
            .await?
            .and_then(|item| item.ok_or(HhError::NotFound))
            .map(|item| saved_items_path(&item, &id))),
        _ => Ok(Err(HhError::Unexpected {
            status: 0,
            detail: "the search holds neither a query nor a saved search".into(),
        })),
    }
}

/// Every page of the search's results, or the refusal that stopped the paging.
async fn fetch_all(
    hh: &mut Hh,
    search: &hh_resume_search::Model,
) -> AppResult<Result<Vec<Value>, HhError>> {
    let path = match first_path(hh, search).await? {
        Ok(path) => path,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let mut items = Vec::new();
    for page in 0..MAX_PAGES {
        let answer = match hh.call(Method::GET, &page_path(&path, page), None).await? {
            Ok(answer) => answer,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let got = answer.body["items"].as_array().cloned().unwrap_or_default();
        let pages = answer.body["pages"].as_u64().unwrap_or(0);
        let last = got.is_empty() || u64::from(page) + 1 >= pages;
        items.extend(got);
        if last {
            break;
        }
    }
    Ok(Ok(items))
}

/// The resume's page on hh for a link on ours: hh's own address when it is a web address,
/// else the one hh's resumes have.
fn resume_link(url: &str, resume_id: &str) -> String {
    let web = url.starts_with("https://") || url.starts_with("http://");
    if web && url.len() <= 2000 {
        url.to_owned()
    } else {
        format!("https://hh.ru/resume/{resume_id}")
    }
}

fn clip(text: Option<String>, max: usize) -> Option<String> {
    text.map(|t| t.chars().take(max).collect())
}

/// Keeps the resumes found as hits (the ones already known to the search stay as they were)
/// and moves the search to its next turn, in one transaction.
async fn keep(
    db: &DatabaseConnection,
    search: &hh_resume_search::Model,
    items: &[Value],
) -> AppResult<RunOutcome> {
    let now = Utc::now();
    let mut seen = HashSet::new();
    let rows: Vec<hh_search_hit::ActiveModel> = items
        .iter()
        .filter_map(resumes::read)
        .filter(|card| is_hh_id(&card.resume_id) && seen.insert(card.resume_id.clone()))
        .map(|card| {
            use sea_orm::ActiveValue::Set;
            hh_search_hit::ActiveModel {
                search_id: Set(search.id),
                title: Set(clip(card.title, 200)),
                name: Set(clip(Some(card.full_name).filter(|n| !n.is_empty()), 200)),
                area: Set(clip(card.area, 200)),
                salary: Set(card.salary.filter(|s| *s > 0)),
                currency: Set(card.salary.and(card.currency)),
                url: Set(resume_link(&card.url, &card.resume_id)),
                first_seen_at: Set(now),
                application_id: Set(None),
                resume_id: Set(card.resume_id),
                ..Default::default()
            }
        })
        .collect();
    let found = rows.len() as u32;
    let txn = crate::db::write(db).await?;
    let new_hits = match hh_search_hit::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            hh_search_hit::Column::SearchId,
            hh_search_hit::Column::ResumeId,
        ])
        .exec_without_returning(&txn)
        .await?
    {
        TryInsertResult::Inserted(count) => count as u32,
        TryInsertResult::Empty | TryInsertResult::Conflicted => 0,
    };
    hh_resume_search::Entity::update_many()
        .col_expr(hh_resume_search::Column::LastRunAt, Expr::value(Some(now)))
        .col_expr(
            hh_resume_search::Column::NextRunAt,
            Expr::value(now + Duration::days(i64::from(search.every_days))),
        )
        .col_expr(
            hh_resume_search::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .col_expr(hh_resume_search::Column::UpdatedAt, Expr::value(now))
        .filter(hh_resume_search::Column::Id.eq(search.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(RunOutcome { found, new_hits })
}

/// Keeps why hh refused and when to try again: soon (backing off) when hh only asked to wait,
/// as soon as an admin reconnects when the token was refused, at the next turn otherwise.
async fn refused(
    db: &DatabaseConnection,
    search: &hh_resume_search::Model,
    refusal: &HhError,
) -> AppResult<()> {
    let now = Utc::now();
    let next: DateTime<Utc> = match refusal {
        r if r.is_transient() => now + back_off(last_wait(search), r.retry_after()),
        HhError::TokenExpired | HhError::TokenRejected(_) => search.next_run_at.min(now),
        _ => now + Duration::days(i64::from(search.every_days)),
    };
    tracing::warn!(search = search.id, %refusal, "an hh.ru resume search was refused");
    hh_resume_search::Entity::update_many()
        .col_expr(hh_resume_search::Column::NextRunAt, Expr::value(next))
        .col_expr(
            hh_resume_search::Column::LastError,
            Expr::value(Some(search_rules::problem_code(refusal))),
        )
        .col_expr(hh_resume_search::Column::UpdatedAt, Expr::value(now))
        .filter(hh_resume_search::Column::Id.eq(search.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes the search for this instance: true when the row still matched `still` (it was due,
/// or unchanged since read) and now holds it for [`CLAIM_MINUTES`].
async fn claim(db: &DatabaseConnection, id: i32, still: Expr) -> AppResult<bool> {
    let taken = hh_resume_search::Entity::update_many()
        .col_expr(
            hh_resume_search::Column::NextRunAt,
            Expr::value(Utc::now() + Duration::minutes(CLAIM_MINUTES)),
        )
        .filter(hh_resume_search::Column::Id.eq(id))
        .filter(still)
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// One claimed run, written down whichever way it ends.
async fn run_claimed(
    db: &DatabaseConnection,
    hh: &mut Hh,
    search: &hh_resume_search::Model,
) -> AppResult<Result<RunOutcome, HhError>> {
    match fetch_all(hh, search).await? {
        Ok(items) => Ok(Ok(keep(db, search, &items).await?)),
        Err(refusal) => {
            refused(db, search, &refusal).await?;
            Ok(Err(refusal))
        }
    }
}

/// Runs the searches whose turn has come, of positions still being filled; the number run.
/// Without a working connection nothing runs and the searches wait for it.
pub async fn run_due(state: &AppState) -> AppResult<u32> {
    let now = Utc::now();
    let active = Query::select()
        .column(position::Column::Id)
        .from(position::Entity)
        .and_where(position::Column::Status.is_in(ACTIVE_STATUSES))
        .to_owned();
    let due = hh_resume_search::Entity::find()
        .filter(hh_resume_search::Column::NextRunAt.lte(now))
        .filter(hh_resume_search::Column::PositionId.in_subquery(active))
        .order_by_asc(hh_resume_search::Column::NextRunAt)
        .limit(ROUND_LIMIT)
        .all(&state.db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let Some(mut hh) = Hh::open_for_work(state).await? else {
        return Ok(0);
    };
    let mut ran = 0;
    for search in due {
        let due_still = hh_resume_search::Column::NextRunAt.lte(now);
        if !claim(&state.db, search.id, due_still).await? {
            continue;
        }
        match run_claimed(&state.db, &mut hh, &search).await? {
            Ok(_) => ran += 1,
            // hh wants a pause, or the connection is gone: the rest wait for the next round.
            Err(
                refusal @ (HhError::RateLimited { .. }
                | HhError::Unavailable { .. }
                | HhError::TokenExpired
                | HhError::TokenRejected(_)),
            ) => {
                tracing::info!(%refusal, "hh.ru resume searches stop for this round");
                break;
            }
            Err(_) => {}
        }
    }
    Ok(ran)
}

/// "Run now": the search at once, whatever its turn; hh's refusal is the caller's error.
pub async fn run_now(state: &AppState, id: i32) -> AppResult<RunOutcome> {
    let search = searches::get(&state.db, id).await?;
    let target = searches::position_of(&state.db, search.position_id).await?;
    if closed(&target) {
        return Err(position_closed(&target));
    }
    let mut hh = Hh::open(state).await?;
    // Unchanged since read: a run already under way has moved it.
    let unchanged = hh_resume_search::Column::NextRunAt.eq(search.next_run_at);
    if !claim(&state.db, search.id, unchanged).await? {
        return Err(AppError::Conflict(Message::new("hh-search-running")));
    }
    Ok(run_claimed(&state.db, &mut hh, &search).await??)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn waits_double_from_five_minutes_up_to_six_hours_and_honour_retry_after() {
        assert_eq!(back_off(None, None), Duration::minutes(5));
        assert_eq!(
            back_off(Some(Duration::minutes(5)), None),
            Duration::minutes(10)
        );
        assert_eq!(back_off(Some(Duration::hours(5)), None), Duration::hours(6));
        let asked = Some(std::time::Duration::from_secs(3600));
        assert_eq!(back_off(None, asked), Duration::hours(1));
        // A search that waited days for its turn starts again from the first wait's double.
        assert_eq!(
            back_off(Some(Duration::seconds(1)), None),
            Duration::minutes(5)
        );
    }

    #[test]
    fn pages_are_set_on_the_path_and_everything_else_is_kept() {
        assert_eq!(
            page_path("/resumes?text=%D0%BC&area=1&order_by=publication_time", 2),
            "/resumes?text=%D0%BC&area=1&order_by=publication_time&page=2&per_page=100"
        );
        assert_eq!(
            page_path("/resumes?saved_search_id=7&page=9&per_page=5", 0),
            "/resumes?saved_search_id=7&page=0&per_page=100"
        );
    }

    #[test]
    fn a_saved_search_is_read_from_its_items_url_on_the_connections_own_base() {
        let saved = json!({"id": "609535", "items": {"count": 55,
            "url": "https://api.hh.ru/resumes?order_by=publication_time&saved_search_id=123456&text=manager&area=1"}});
        assert_eq!(
            saved_items_path(&saved, "609535"),
            "/resumes?order_by=publication_time&saved_search_id=123456&text=manager&area=1"
        );
        assert_eq!(
            saved_items_path(&json!({"id": "5"}), "5"),
            "/resumes?saved_search_id=5"
        );
        let elsewhere = json!({"items": {"url": "https://evil.example/steal?x=1"}});
        assert_eq!(
            saved_items_path(&elsewhere, "5"),
            "/resumes?saved_search_id=5"
        );
    }
}
