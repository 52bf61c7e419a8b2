//! The pages of hh.ru resume searches: a position's searches with the form that adds one
//! (`/positions/{id}/hh/searches`), and a search with its hits (`/hh/searches/{id}`) — the
//! new ones marked, seen once a recruiter opens the page — where it is run now, changed,
//! removed (asking first), and where a hit goes onto the long-list with one click. The same
//! operations as the API (`search_api`).

use axum::Form;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::search_hits::{self, HitView, HitsQuery};
use super::search_rules::{self, SearchPatch, SearchRequest};
use super::search_runs;
use super::searches::{self, SavedSearch, SearchView};
use super::settings::{self, DEFAULT_SEARCH_EVERY_DAYS};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::confirm::{self, Confirmation};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

const PER_PAGE: u64 = 50;
/// The forms' names for the kept input.
const ADD_FORM: &str = "hh-search";
const EDIT_FORM: &str = "hh-search-edit";

fn searches_path(position_id: i32) -> String {
    format!("/positions/{position_id}/hh/searches")
}

fn search_path(id: i32) -> String {
    format!("/hh/searches/{id}")
}

/// A search as a row of the page: its view and its last problem in the reader's words.
#[derive(Serialize)]
struct SearchRow {
    #[serde(flatten)]
    search: SearchView,
    problem: Option<String>,
}

fn row(page: &Page, search: SearchView) -> SearchRow {
    SearchRow {
        problem: search
            .last_error
            .as_deref()
            .map(|code| page.text(&search_rules::problem(code))),
        search,
    }
}

/// What a refused action says, as a flash; errors that are no one's doing pass on.
fn said(error: AppError) -> AppResult<Message> {
    match error {
        AppError::BadRequest(message)
        | AppError::TooManyRequests(message)
        | AppError::Duplicate { message, .. } => Ok(message),
        AppError::Validation(errors) if !errors.is_empty() => Ok(errors[0].message.clone()),
        other => super::errors::flash_of(other),
    }
}

#[derive(Serialize)]
struct SearchesPage {
    position_id: i32,
    title: String,
    searches: Vec<SearchRow>,
    can_manage: bool,
    /// The employer's saved searches on hh, for the form's list.
    saved: Vec<SavedSearch>,
    /// Why the saved searches could not be read (hh not connected, hh down).
    hh_problem: Option<String>,
    every_days: i32,
}

pub async fn list(page: Page, Path(position_id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?.clone();
    let db = &page.state.db;
    let position = crate::positions::model::get(db, position_id).await?;
    let rows = searches::for_position(db, position_id).await?;
    let can_manage = user.can(Action::ManageCandidates);
    let (saved, hh_problem) = if can_manage {
        match searches::saved_searches(&page.state).await {
            Ok(saved) => (saved, None),
            Err(error) => (Vec::new(), Some(page.text(&said(error)?))),
        }
    } else {
        (Vec::new(), None)
    };
    let context = SearchesPage {
        position_id,
        title: position.title,
        searches: rows.into_iter().map(|s| row(&page, s)).collect(),
        can_manage,
        saved,
        hh_problem,
        every_days: settings::row(db)
            .await?
            .map_or(DEFAULT_SEARCH_EVERY_DAYS, |r| r.search_every_days),
    };
    Ok(page
        .render("hh/searches.html", context)
        .await?
        .into_response())
}

/// The add form as typed; blank fields read as left out.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchForm {
    name: String,
    text: String,
    area: String,
    saved_search_id: String,
    every_days: String,
}

fn days(typed: &str) -> AppResult<Option<i32>> {
    match typed.trim() {
        "" => Ok(None),
        text => text.parse::<i32>().map(Some).map_err(|_| {
            AppError::validation("every_days", Message::new("hh-search-every-invalid"))
        }),
    }
}

pub async fn add(
    page: Page,
    Path(position_id): Path<i32>,
    Form(form): Form<SearchForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let blank = |text: String| (!text.trim().is_empty()).then_some(text);
    let created = match days(&form.every_days) {
        Ok(every_days) => {
            let request = SearchRequest {
                name: blank(form.name),
                text: blank(form.text),
                area: blank(form.area),
                saved_search_id: blank(form.saved_search_id),
                every_days,
            };
            searches::create(&page.state, user.id, position_id, request).await
        }
        Err(error) => Err(error),
    };
    match created {
        Ok(search) => {
            page.flash(FlashKind::Success, Message::new("hh-search-added"))
                .await?;
            Ok(Redirect::to(&search_path(search.id)).into_response())
        }
        Err(error) => {
            // hh failing to confirm a saved search is no reason to lose what was typed.
            let error = match error {
                AppError::Upstream(message) | AppError::RetryLater { message, .. } => {
                    AppError::Conflict(message)
                }
                other => other,
            };
            page.show_again(&searches_path(position_id), ADD_FORM, error)
                .await
        }
    }
}

#[derive(Serialize)]
struct SearchPage {
    search: SearchRow,
    title: String,
    hits: Vec<HitView>,
    new: u64,
    can_manage: bool,
    page: u64,
    pages: u64,
    /// The first page's "new since" carried to the others, so they mark the same hits new.
    since: String,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    page: Option<u64>,
    /// RFC 3339; empty: never looked before.
    since: Option<String>,
}

pub async fn show(
    page: Page,
    Path(id): Path<i32>,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?.clone();
    let db = &page.state.db;
    let search = searches::get(db, id).await?;
    let position = crate::positions::model::get(db, search.position_id).await?;
    let since = match query.since.as_deref() {
        Some("") => None,
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|at| at.with_timezone(&Utc))
            .ok()
            .or(search.last_viewed_at),
        None => search.last_viewed_at,
    };
    let number = query.page.unwrap_or(1).clamp(1, crate::web::list::MAX_PAGE);
    let hits = search_hits::list(
        db,
        &search,
        HitsQuery {
            since,
            only_new: false,
            limit: PER_PAGE,
            offset: (number - 1) * PER_PAGE,
        },
    )
    .await?;
    let can_manage = user.can(Action::ManageCandidates);
    if can_manage {
        // The recruiter is looking now: what this page shows is no longer new next time.
        search_hits::mark_seen(db, &search).await?;
    }
    let view = searches::view_of(db, search).await?;
    let context = SearchPage {
        search: row(&page, view),
        title: position.title,
        hits: hits.items,
        new: hits.new,
        can_manage,
        page: number,
        pages: hits.total.div_ceil(PER_PAGE).max(1),
        since: since.map(|at| at.to_rfc3339()).unwrap_or_default(),
    };
    Ok(page
        .render("hh/search.html", context)
        .await?
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    name: String,
    every_days: String,
}

pub async fn edit(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<EditForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let saved = match days(&form.every_days) {
        Ok(every_days) => {
            let patch = SearchPatch {
                name: Some(form.name),
                every_days,
            };
            searches::update(&page.state.db, user.id, id, patch).await
        }
        Err(error) => Err(error),
    };
    if let Err(error) = saved {
        return page.show_again(&search_path(id), EDIT_FORM, error).await;
    }
    page.flash(FlashKind::Success, Message::new("hh-search-saved"))
        .await?;
    Ok(Redirect::to(&search_path(id)).into_response())
}

/// "Run now": the outcome or hh's refusal as a flash, back on the search.
pub async fn run(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let (kind, message) = match search_runs::run_now(&page.state, id).await {
        Ok(outcome) => (
            FlashKind::Success,
            Message::new("hh-search-ran")
                .with_number("found", i64::from(outcome.found))
                .with_number("new", i64::from(outcome.new_hits)),
        ),
        Err(AppError::NotFound) => return Err(AppError::NotFound),
        Err(error) => (FlashKind::Error, said(error)?),
    };
    page.flash(kind, message).await?;
    Ok(Redirect::to(&search_path(id)).into_response())
}

/// "Remove": asks first (its hits go with it), then removes.
pub async fn remove(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let pairs = confirm::pairs(&body)?;
    let search = searches::get(&page.state.db, id).await?;
    if !confirm::is_confirmed(&pairs) {
        return Confirmation::new(
            &page,
            Message::new("hh-search-remove-title").with("name", search.name),
            format!("/hh/searches/{id}/remove"),
        )
        .says(&page, Message::new("hh-search-remove-says"))
        .confirm_label(&page, Message::new("hh-search-remove"))
        .back(search_path(id), false)
        .render(&page)
        .await;
    }
    let position_id = searches::remove(&page.state.db, user.id, id).await?;
    page.flash(FlashKind::Success, Message::new("hh-search-removed"))
        .await?;
    Ok(Redirect::to(&searches_path(position_id)).into_response())
}

/// "Add to long-list" on a hit: back on its search, with the outcome or the reason it failed.
pub async fn long_list(page: Page, Path(hit_id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?.clone();
    let hit = search_hits::get(&page.state.db, hit_id).await?;
    let (kind, message) = match search_hits::add_to_long_list(&page.state, user.id, hit_id).await {
        Ok(added) if added.new_application => {
            (FlashKind::Success, Message::new("hh-search-long-listed"))
        }
        Ok(_) => (FlashKind::Success, Message::new("hh-search-already-listed")),
        Err(error) => (FlashKind::Error, said(error)?),
    };
    page.flash(kind, message).await?;
    let back = format!("{}#hit-{hit_id}", search_path(hit.search_id));
    Ok(Redirect::to(&back).into_response())
}
