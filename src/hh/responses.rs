//! One sync's work, vacancy by vacancy (see `sync` for the claim and the pauses): each
//! published vacancy's negotiations paged through collection by collection — hh's documents
//! say a response moves between collections, so all of them are read — and each negotiation
//! either brought up to date or, when new, its resume read and the person put on the
//! position's long-list together with its `hh_negotiations` row in one transaction.

use std::collections::HashSet;

use chrono::Utc;
use reqwest::Method;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};
use serde_json::Value;

use super::client::HhError;
use super::connection::Hh;
use super::sync::{Stopped, SyncOutcome, renew_claim};
use super::{negotiation, publish, resumes};
use crate::app::AppState;
use crate::entities::{hh_negotiation, hh_vacancy};
use crate::error::{AppError, AppResult};

/// hh's largest page.
const PER_PAGE: u64 = 50;
/// hh lists at most 2000 items of a collection (page × per_page); more pages are not asked.
const MAX_PAGES: u64 = 40;
/// The source every response comes in with.
const SOURCE: &str = "job_board";

/// Where a round stopped, if it did, and the vacancies hh refused.
pub(super) type Round = (Option<Stopped>, Vec<String>);

/// Every published vacancy in turn. A vacancy hh refuses (gone, no access) is recorded on its
/// row and the round goes on; hh asking to wait or refusing the tokens stops it.
pub(super) async fn vacancies(
    state: &AppState,
    hh: &mut Hh,
    outcome: &mut SyncOutcome,
) -> AppResult<Round> {
    let published = hh_vacancy::Entity::find()
        .filter(hh_vacancy::Column::Status.eq(publish::PUBLISHED))
        .order_by_asc(hh_vacancy::Column::Id)
        .all(&state.db)
        .await?;
    let mut problems = Vec::new();
    for vacancy in published {
        let result = responses_of(state, hh, &vacancy, outcome).await?;
        let now = Utc::now();
        let mut active = vacancy.clone().into_active_model();
        match result {
            Ok(seen) => {
                active.responses_count = Set(i32::try_from(seen).unwrap_or(i32::MAX));
                active.last_synced_at = Set(Some(now));
                active.last_error = Set(None);
            }
            Err(error) => match Stopped::of(error) {
                Ok(stopped) => return Ok((Some(stopped), problems)),
                Err(refused) => {
                    let reason = refused.code();
                    problems.push(format!("{}: {reason}", vacancy.hh_vacancy_id));
                    active.last_error = Set(Some(reason));
                }
            },
        }
        active.updated_at = Set(now);
        active.update(&state.db).await?;
        renew_claim(&state.db).await?;
    }
    Ok((None, problems))
}

/// One vacancy's negotiations, every collection hh lists for it: how many it has.
async fn responses_of(
    state: &AppState,
    hh: &mut Hh,
    vacancy: &hh_vacancy::Model,
    outcome: &mut SyncOutcome,
) -> AppResult<Result<usize, HhError>> {
    let collections = match collections(hh, &vacancy.hh_vacancy_id).await? {
        Ok(paths) => paths,
        Err(error) => return Ok(Err(error)),
    };
    let base = hh.settings().api_base.clone();
    let mut seen = HashSet::new();
    for collection in collections {
        let main = negotiation::collection_id(&collection) == Some("response");
        for page in 0..MAX_PAGES {
            let Some(path) =
                negotiation::page_path(&base, &collection, &vacancy.hh_vacancy_id, page, PER_PAGE)
            else {
                break;
            };
            let answer = match hh.call(Method::GET, &path, None).await? {
                Ok(answer) => answer,
                // A collection hh listed but no longer has: the others still count.
                Err(HhError::NotFound) if !main => break,
                Err(error) => return Ok(Err(error)),
            };
            let items = answer.body["items"].as_array().cloned().unwrap_or_default();
            for item in &items {
                let Some(id) = negotiation::text(&item["id"]) else {
                    outcome.skipped += 1;
                    continue;
                };
                if !seen.insert(id) {
                    continue;
                }
                match one(state, hh, vacancy, item).await? {
                    Ok(Done::Imported) => outcome.imported += 1,
                    Ok(Done::Updated) => outcome.updated += 1,
                    Ok(Done::Skipped) => outcome.skipped += 1,
                    Err(error) => return Ok(Err(error)),
                }
            }
            let pages = answer.body["pages"].as_u64().unwrap_or(0);
            if items.is_empty() || page + 1 >= pages {
                break;
            }
        }
    }
    Ok(Ok(seen.len()))
}

/// The collections of a vacancy's negotiations, by URL or path: `response` first, then the
/// others hh lists (`GET /negotiations?vacancy_id=`).
async fn collections(hh: &mut Hh, vacancy_id: &str) -> AppResult<Result<Vec<String>, HhError>> {
    let path = negotiation::with_query("/negotiations", &[("vacancy_id", vacancy_id.to_owned())]);
    let listed = match hh.call(Method::GET, &path, None).await? {
        Ok(answer) => negotiation::collections(&answer.body),
        Err(error @ HhError::NotFound) => return Ok(Err(error)),
        Err(error) if Stopped::of(error.clone()).is_ok() => return Ok(Err(error)),
        // The list itself is refused: the main collection is still worth reading.
        Err(_) => Vec::new(),
    };
    let mut paths = vec![negotiation::RESPONSE_PATH.to_owned()];
    paths.extend(
        listed
            .into_iter()
            .filter(|c| negotiation::collection_id(c) != Some("response")),
    );
    Ok(Ok(paths))
}

enum Done {
    Imported,
    Updated,
    Skipped,
}

/// One negotiation: brought up to date when known, else its resume read and the person put
/// on the long-list together with the negotiation's row.
async fn one(
    state: &AppState,
    hh: &mut Hh,
    vacancy: &hh_vacancy::Model,
    item: &Value,
) -> AppResult<Result<Done, HhError>> {
    let seen = negotiation::Seen::read(item);
    let db = &state.db;
    if let Some(known) = hh_negotiation::Entity::find()
        .filter(hh_negotiation::Column::HhNegotiationId.eq(seen.id.clone()))
        .one(db)
        .await?
    {
        if seen.same_as(&known) {
            return Ok(Ok(Done::Skipped));
        }
        let mut active = known.into_active_model();
        active.state = Set(seen.state);
        active.actions = Set(seen.actions);
        active.hh_updated_at = Set(seen.updated_at);
        active.updated_at = Set(Utc::now());
        active.update(db).await?;
        return Ok(Ok(Done::Updated));
    }
    let short = &item["resume"];
    // The resume's own URL (hh counts the response as viewed when it is read there).
    let base = hh.settings().api_base.clone();
    let path = negotiation::resume_url(short).and_then(|url| negotiation::on_api(&base, &url));
    let full = match path {
        Some(path) => match hh.call(Method::GET, &path, None).await? {
            Ok(answer) => answer.body,
            Err(error) if Stopped::of(error.clone()).is_ok() => return Ok(Err(error)),
            // Gone or closed to this employer: the short form in the list still names them.
            Err(_) => short.clone(),
        },
        None => short.clone(),
    };
    let Some(card) = resumes::read(&full).or_else(|| resumes::read(short)) else {
        return Ok(Ok(Done::Skipped));
    };
    Ok(Ok(take_in(db, vacancy, &seen, &card).await?))
}

/// The person, their application and the negotiation's row, in one transaction. A row the
/// other instance inserted first (its unique id) or a position that no longer takes people
/// leaves nothing behind and counts as skipped.
async fn take_in(
    db: &DatabaseConnection,
    vacancy: &hh_vacancy::Model,
    seen: &negotiation::Seen,
    card: &resumes::ResumeCard,
) -> AppResult<Done> {
    let txn = crate::db::write(db).await?;
    let taken = match resumes::take_in(&txn, None, card, vacancy.position_id, SOURCE).await {
        Ok(taken) => taken,
        Err(AppError::Conflict(_) | AppError::Duplicate { .. } | AppError::Validation(_)) => {
            tracing::warn!(
                negotiation = seen.id,
                position = vacancy.position_id,
                "an hh.ru response could not join the long-list; left on hh"
            );
            return Ok(Done::Skipped);
        }
        Err(other) => return Err(other),
    };
    let now = Utc::now();
    let inserted = hh_negotiation::ActiveModel {
        hh_negotiation_id: Set(seen.id.clone()),
        hh_vacancy_id: Set(vacancy.hh_vacancy_id.clone()),
        resume_id: Set(card.resume_id.clone()),
        application_id: Set(taken.application_id),
        candidate_id: Set(taken.candidate_id),
        state: Set(seen.state.clone()),
        actions: Set(seen.actions.clone()),
        hh_updated_at: Set(seen.updated_at.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {
            txn.commit().await?;
            Ok(Done::Imported)
        }
        Err(error)
            if matches!(
                error.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            txn.rollback().await?;
            Ok(Done::Skipped)
        }
        Err(error) => Err(error.into()),
    }
}
