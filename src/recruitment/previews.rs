//! What a pipeline action would do, worked out by the same rules and queries as the action
//! itself and changing nothing: who a start or a cancellation closes and who gets a letter,
//! which of a bulk selection would move. Confirmation pages and the start's `preview` flag
//! read these, so the counts a person confirms are the counts the action produces.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::pipeline::{self, MoveRequest};
use super::reasons;
use crate::domain::irreversible;
use crate::domain::pipeline::{Stage, Via, check_move};
use crate::entities::{application, candidate, position};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::{self, Composer, Notice};
use crate::web::i18n::Message;

/// The applications `pipeline::close_search` closes when a position is filled or cancelled:
/// everyone still in its search.
pub fn still_in_search(position_id: i32) -> Select<application::Entity> {
    application::Entity::find()
        .filter(application::Column::PositionId.eq(position_id))
        .filter(application::Column::Stage.is_not_in([
            Stage::Started.as_str(),
            Stage::Rejected.as_str(),
            Stage::Withdrawn.as_str(),
        ]))
}

/// The refusal of a start recorded before it happened.
pub fn start_not_yet(field: &str, started_on: NaiveDate) -> AppError {
    AppError::validation(
        field,
        Message::new("start-not-yet").with_date("date", started_on),
    )
}

/// One application a start or a cancellation would close.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Closing {
    pub application_id: i32,
    pub candidate_name: String,
    pub stage: String,
    /// The standard letter would be queued (the candidate has an email address).
    pub email_queued: bool,
}

/// What recording a start would do.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StartPreview {
    /// The start meets the position's headcount: it becomes filled and the rest is closed.
    pub fills_position: bool,
    pub closes: Vec<Closing>,
}

impl StartPreview {
    pub fn emails(&self) -> usize {
        self.closes.iter().filter(|c| c.email_queued).count()
    }
}

/// The applications `close_search` would close on a position, but `except`, each with whether
/// its letter would be queued — the same letter `notify_rejection` writes.
pub async fn closing<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    position_id: i32,
    except: Option<i32>,
    reason: &str,
) -> AppResult<Vec<Closing>> {
    let open = still_in_search(position_id)
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let open: Vec<_> = open.into_iter().filter(|a| Some(a.id) != except).collect();
    let people = people_of(db, open.iter().map(|a| a.candidate_id)).await?;
    let title = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    let cancelled = reason == reasons::POSITION_CANCELLED;
    let mut closes = Vec::new();
    for a in open {
        let Some(person) = people.get(&a.candidate_id) else {
            continue;
        };
        let letter =
            emails::rejection(composer, person, &title, a.id, &Notice::Standard, cancelled)?;
        closes.push(Closing {
            application_id: a.id,
            candidate_name: person.full_name.clone(),
            stage: a.stage,
            email_queued: letter.is_some(),
        });
    }
    Ok(closes)
}

async fn people_of<C: ConnectionTrait>(
    db: &C,
    ids: impl Iterator<Item = i32>,
) -> AppResult<HashMap<i32, candidate::Model>> {
    let ids: Vec<i32> = ids.collect();
    Ok(candidate::Entity::find()
        .filter(candidate::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// What `pipeline::advance` with a start on `started_on` would do, refused the same way: a
/// stage that is not `hired` is 409, a day still ahead is 422.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    id: i32,
    started_on: NaiveDate,
) -> AppResult<StartPreview> {
    let current = pipeline::get(db, id).await?;
    let from = Stage::parse(&current.stage).ok_or(AppError::NotFound)?;
    check_move(from, Stage::Started, Via::StartedWork, false).map_err(pipeline::refused)?;
    if !irreversible::start_may_be_recorded(started_on, composer.agency().today()) {
        return Err(start_not_yet("started_on", started_on));
    }
    // The same rule as the start itself, counting this start.
    let (_, fills_position) = pipeline::headcount_met(db, current.position_id, 1).await?;
    let closes = if fills_position {
        closing(
            db,
            composer,
            current.position_id,
            Some(id),
            reasons::POSITION_FILLED,
        )
        .await?
    } else {
        Vec::new()
    };
    Ok(StartPreview {
        fills_position,
        closes,
    })
}

/// One application of a bulk selection (or a single move) as the move would treat it.
#[derive(Debug, Serialize)]
pub struct MoveLine {
    pub application_id: i32,
    pub candidate_name: String,
    pub stage: String,
    /// Why the rule refuses it (the error the move would answer); `None` when it would move.
    #[serde(skip)]
    pub refusal: Option<AppError>,
    /// A rejection letter would be queued.
    pub email_queued: bool,
}

/// What a move of each of `ids` would do, by `check_move` and the reason's own rule.
pub struct MovesPreview {
    pub lines: Vec<MoveLine>,
}

impl MovesPreview {
    pub fn moving(&self) -> usize {
        self.lines.iter().filter(|l| l.refusal.is_none()).count()
    }

    pub fn emails(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| l.refusal.is_none() && l.email_queued)
            .count()
    }
}

/// The same refusal again, for each application it applies to.
fn copy_refusal(error: &AppError) -> AppError {
    match error {
        AppError::Conflict(m) => AppError::Conflict(m.clone()),
        AppError::Validation(errors) => AppError::Validation(errors.clone()),
        _ => AppError::BadRequest(Message::new("error-validation")),
    }
}

/// Checks each move as `advance_in` would, without writing.
pub async fn moves<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    ids: &[i32],
    request: &MoveRequest,
) -> AppResult<MovesPreview> {
    let found = application::Entity::find()
        .filter(application::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    // The move itself answers 404 for an unknown application; so does its preview.
    if ids.iter().any(|id| !found.iter().any(|a| a.id == *id)) {
        return Err(AppError::NotFound);
    }
    let people = people_of(db, found.iter().map(|a| a.candidate_id)).await?;
    let titles: HashMap<i32, String> = position::Entity::find()
        .filter(position::Column::Id.is_in(found.iter().map(|a| a.position_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    // The reason's own rule does not depend on the application: checked once.
    let reason_refused = match reason {
        Some(code) if matches!(request.via, Via::Reject | Via::Withdraw) => {
            reasons::check_for(db, code, request.via).await.err()
        }
        _ => None,
    };
    let cancelled = reason == Some(reasons::POSITION_CANCELLED);
    let mut lines = Vec::new();
    for a in found {
        let Some(person) = people.get(&a.candidate_id) else {
            continue;
        };
        let from = Stage::parse(&a.stage).ok_or(AppError::NotFound)?;
        let refusal = check_move(from, request.to, request.via, reason.is_some())
            .map_err(pipeline::refused)
            .err()
            .or_else(|| reason_refused.as_ref().map(copy_refusal));
        let email_queued = if request.to == Stage::Rejected && refusal.is_none() {
            let title = titles.get(&a.position_id).map_or("", String::as_str);
            emails::rejection(composer, person, title, a.id, &request.notice, cancelled)?.is_some()
        } else {
            false
        };
        lines.push(MoveLine {
            application_id: a.id,
            candidate_name: person.full_name.clone(),
            stage: a.stage,
            refusal,
            email_queued,
        });
    }
    Ok(MovesPreview { lines })
}

/// What erasing a candidate would do: whose data goes, and how many applications stay behind,
/// anonymous, for the statistics.
pub struct ErasePreview {
    pub name: String,
    pub applications: u64,
    /// Erased already: erasing again changes nothing.
    pub erased: bool,
}

pub async fn erase<C: ConnectionTrait>(db: &C, candidate_id: i32) -> AppResult<ErasePreview> {
    let person = candidate::Entity::find_by_id(candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let applications = application::Entity::find()
        .filter(application::Column::CandidateId.eq(candidate_id))
        .count(db)
        .await?;
    Ok(ErasePreview {
        name: person.full_name,
        applications,
        erased: person.erased_at.is_some(),
    })
}
