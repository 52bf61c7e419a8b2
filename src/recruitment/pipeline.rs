//! Applications: a person on one position, moved through the stages by the one rule in
//! `domain::pipeline`. Every change writes its timeline entry in the same transaction, and a
//! started hire fills the position and closes the rest of its search politely.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::date_bounds::DateKind;
use crate::domain::follow_up::{next_contact, pre_start_check_in};
use crate::domain::irreversible;
use crate::domain::pipeline::{MoveRefused, Stage, Via, check_move};
use crate::domain::position_status::PositionStatus;
use crate::domain::text::TextKind;
use crate::entities::{application, candidate, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::{self, Composer, Notice};
use crate::outbox::hold::{self, BatchKind};
use crate::recruitment::{previews, reasons};
use crate::timeline::model::{self as timeline, Entry};
use crate::web::i18n::Message;

/// Where a candidate came from.
pub const SOURCES: [&str; 6] = [
    "job_board",
    "job_page",
    "referral",
    "cold_search",
    "agency",
    "other",
];

pub fn parse_source(text: &str) -> Option<&'static str> {
    SOURCES.into_iter().find(|s| *s == text.trim())
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<application::Model> {
    application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Puts a person on a position's long-list. The same person twice on one position is
/// refused with 409 naming the application that exists.
pub async fn add<C: ConnectionTrait>(
    db: &C,
    actor_id: Option<i32>,
    candidate_id: i32,
    position_id: i32,
    source: &str,
) -> AppResult<application::Model> {
    let source = parse_source(source)
        .ok_or_else(|| AppError::validation("source", Message::new("field-source-invalid")))?;
    let person = candidate::Entity::find_by_id(candidate_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::validation("candidate_id", Message::new("field-candidate-unknown"))
        })?;
    if person.erased_at.is_some() {
        return Err(AppError::Conflict(Message::new("candidate-erased")));
    }
    let target = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::validation("position_id", Message::new("field-position-unknown"))
        })?;
    if matches!(
        PositionStatus::parse(&target.status),
        Some(PositionStatus::Filled | PositionStatus::Cancelled)
    ) {
        return Err(AppError::Conflict(
            Message::new("application-position-closed").with("title", target.title),
        ));
    }
    if let Some(existing) = application::Entity::find()
        .filter(application::Column::CandidateId.eq(candidate_id))
        .filter(application::Column::PositionId.eq(position_id))
        .one(db)
        .await?
    {
        return Err(AppError::Duplicate {
            existing_id: existing.id,
            message: Message::new("application-duplicate").with("title", target.title),
        });
    }
    let now = Utc::now();
    let created = application::ActiveModel {
        candidate_id: Set(candidate_id),
        position_id: Set(position_id),
        stage: Set(Stage::LongList.as_str().into()),
        source: Set(source.into()),
        ended_reason: Set(None),
        stage_changed_at: Set(now),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        next_contact_on: Set(Some(next_contact(today(), 0))),
        follow_up_step: Set(0),
        start_date: Set(None),
        started_on: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    timeline::record(
        db,
        Entry {
            application_id: created.id,
            actor_id,
            kind: "created",
            from: None,
            to: Some(Stage::LongList),
            note: Some(source.to_owned()),
        },
    )
    .await?;
    AuditEvent::new(actor_id, "application.create", "application")
        .id(created.id)
        .details(json!({"candidate_id": candidate_id, "position_id": position_id}))
        .record(db)
        .await?;
    Ok(created)
}

/// A request to change an application's stage.
#[derive(Clone, Debug)]
pub struct MoveRequest {
    pub to: Stage,
    pub via: Via,
    /// A reason code from the list, or free text.
    pub reason: Option<String>,
    pub note: Option<String>,
    /// The agreed first working day (accepting an offer) or the actual one (starting).
    pub date: Option<NaiveDate>,
    /// What the candidate is told when we reject them.
    pub notice: Notice,
    /// Keep (or stop keeping) the person in the talent pool, in the same transaction.
    pub talent_pool: Option<bool>,
    /// Move past the short-list although some required competencies lack two independent
    /// ratings; who did it is recorded.
    pub override_coverage: bool,
}

impl MoveRequest {
    pub fn to(to: Stage, reason: Option<String>) -> Self {
        Self {
            to,
            via: Via::Move,
            reason,
            note: None,
            date: None,
            notice: Notice::Standard,
            talent_pool: None,
            override_coverage: false,
        }
    }
}

pub(crate) fn refused(error: MoveRefused) -> AppError {
    match error {
        MoveRefused::NotAllowed { from, to, allowed } => {
            let allowed = if allowed.is_empty() {
                "—".to_owned()
            } else {
                allowed
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            AppError::Conflict(
                Message::new("move-refused")
                    .with("from", from.as_str())
                    .with("to", to.as_str())
                    .with("allowed", allowed),
            )
        }
        MoveRefused::ReasonRequired => {
            AppError::validation("reason", Message::new("move-reason-required"))
        }
    }
}

/// A stage change inside the caller's transaction: checks the rule, writes the change and its
/// timeline entry, and on a start fills the position. `moves::advance` wraps it with the
/// coverage check and the transaction.
pub async fn advance_in(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    id: i32,
    request: MoveRequest,
) -> AppResult<application::Model> {
    let current = get(txn, id).await?;
    let from = Stage::parse(&current.stage).ok_or(AppError::NotFound)?;
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    check_move(from, request.to, request.via, reason.is_some()).map_err(refused)?;
    let ends = matches!(request.via, Via::Reject | Via::Withdraw);
    if ends && let Some(code) = reason.as_deref() {
        reasons::check_for(txn, code, request.via).await?;
    }
    let date = match request.via {
        Via::AcceptedOffer | Via::StartedWork => Some(request.date.ok_or_else(|| {
            let field = if request.via == Via::AcceptedOffer {
                "start_date"
            } else {
                "started_on"
            };
            AppError::validation(field, Message::new("field-required"))
        })?),
        _ => None,
    };
    // A start is a fact: recorded on the day or after it, never ahead (the planned day lives
    // on the accepted offer), so nobody is closed and emailed before the hire turns up.
    if request.via == Via::StartedWork
        && let Some(day) = date
        && !irreversible::start_may_be_recorded(day, composer.agency().today())
    {
        return Err(previews::start_not_yet("started_on", day));
    }

    let now = Utc::now();
    let mut update = application::Entity::update_many()
        .col_expr(application::Column::Stage, Expr::value(request.to.as_str()))
        .col_expr(application::Column::StageChangedAt, Expr::value(now))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            application::Column::Version,
            Expr::value(current.version + 1),
        )
        .col_expr(
            application::Column::EndedReason,
            Expr::value(if ends { reason.clone() } else { None }),
        )
        // Reports read where people left from here instead of from every timeline.
        .col_expr(
            application::Column::LeftFromStage,
            Expr::value(
                matches!(request.to, Stage::Rejected | Stage::Withdrawn)
                    .then(|| from.as_str().to_owned()),
            ),
        );
    // A hire is checked in with two weeks, a week and a day before the start; the rest of
    // the search keeps its cadence.
    let next = if request.to.is_ended() {
        None
    } else if request.to == Stage::Hired {
        date.and_then(|start| pre_start_check_in(today(), start))
    } else {
        Some(next_contact(today(), 0))
    };
    update = update
        .col_expr(application::Column::NextContactOn, Expr::value(next))
        .col_expr(application::Column::FollowUpStep, Expr::value(0));
    match request.via {
        Via::AcceptedOffer => {
            update = update.col_expr(application::Column::StartDate, Expr::value(date));
        }
        Via::StartedWork => {
            update = update.col_expr(application::Column::StartedOn, Expr::value(date));
        }
        _ => {}
    }
    if from == Stage::Hired && request.to != Stage::Started {
        // The hire did not start: the agreed date no longer holds.
        update = update.col_expr(
            application::Column::StartDate,
            Expr::value(Option::<NaiveDate>::None),
        );
    }
    let result = update
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(current.version))
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::Conflict(Message::new("application-stale")));
    }
    let note = [
        reason.clone(),
        request.note.clone().filter(|n| !n.trim().is_empty()),
        date.map(|d| d.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" — ");
    timeline::record(
        txn,
        Entry {
            application_id: id,
            actor_id,
            kind: "stage",
            from: Some(from),
            to: Some(request.to),
            note: (!note.is_empty()).then_some(note),
        },
    )
    .await?;
    AuditEvent::new(actor_id, "application.move", "application")
        .id(id)
        .details(json!({"from": from.as_str(), "to": request.to.as_str()}))
        .record(txn)
        .await?;

    if let Some(pool) = request.talent_pool {
        candidate::Entity::update_many()
            .col_expr(candidate::Column::TalentPool, Expr::value(pool))
            .col_expr(candidate::Column::UpdatedAt, Expr::value(now))
            .filter(candidate::Column::Id.eq(current.candidate_id))
            .exec(txn)
            .await?;
    }
    if request.to == Stage::Rejected {
        notify_rejection(
            txn,
            composer,
            actor_id,
            &current,
            &request.notice,
            reason.as_deref(),
        )
        .await?;
    }
    // An application from hh.ru tells hh too: invited on the short-list, discarded on rejection.
    let told = crate::hh::statuses::Moved {
        to: request.to,
        reason: request.reason.as_deref(),
        notice: &request.notice,
    };
    crate::hh::statuses::on_move(txn, composer, actor_id, &current, told).await?;
    if request.via == Via::StartedWork {
        // The probation plan starts with the hire; its days count from the actual start.
        crate::probation::model::create_for(txn, id, date.unwrap_or_else(today)).await?;
        fill_if_complete(
            txn,
            composer,
            actor_id,
            current.position_id,
            date.unwrap_or_else(today),
        )
        .await?;
    }
    if from == Stage::Hired && request.to != Stage::Started {
        resume_search(txn, actor_id, current.position_id).await?;
    }
    get(txn, id).await
}

/// When the position's started hires reach its headcount, it is filled on the day the last
/// one started, and everyone still in its search is closed with the reason "position filled".
/// The position, and whether its headcount is met by those who started plus `counting` more
/// (a start not yet recorded, for its preview).
pub(crate) async fn headcount_met<C: ConnectionTrait>(
    db: &C,
    position_id: i32,
    counting: u64,
) -> AppResult<(position::Model, bool)> {
    let target = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let started = application::Entity::find()
        .filter(application::Column::PositionId.eq(position_id))
        .filter(application::Column::Stage.eq(Stage::Started.as_str()))
        .count(db)
        .await?;
    let met = started + counting >= u64::try_from(target.headcount).unwrap_or(1);
    Ok((target, met))
}

async fn fill_if_complete(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    position_id: i32,
    started_on: NaiveDate,
) -> AppResult<()> {
    let (target, met) = headcount_met(txn, position_id, 0).await?;
    if !met {
        return Ok(());
    }
    let status = target.status.clone();
    let mut filled: position::ActiveModel = target.clone().into();
    filled.status = Set(PositionStatus::Filled.as_str().into());
    filled.filled_on = Set(Some(started_on));
    filled.version = Set(target.version + 1);
    filled.updated_at = Set(Utc::now());
    filled.update(txn).await?;
    AuditEvent::new(actor_id, "position.status", "position")
        .id(position_id)
        .details(json!({"from": status, "to": "filled"}))
        .record(txn)
        .await?;
    close_search(
        txn,
        composer,
        actor_id,
        position_id,
        reasons::POSITION_FILLED,
    )
    .await
}

/// Closes every application still in a position's search with `reason` and the standard
/// letter: the position was filled or cancelled.
pub async fn close_search(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    position_id: i32,
    reason: &str,
) -> AppResult<()> {
    // The same query the confirmation's preview lists.
    let still_open = previews::still_in_search(position_id).all(txn).await?;
    // The letters to everyone closed here wait together, so that they can be called back.
    let kind = if reason == reasons::POSITION_CANCELLED {
        BatchKind::PositionCancelled
    } else {
        BatchKind::PositionFilled
    };
    let hold = hold::start(txn, kind, Some(position_id), actor_id).await?;
    let composer = &composer.held(hold);
    for other in still_open {
        let request = MoveRequest {
            to: Stage::Rejected,
            via: Via::Reject,
            reason: Some(reason.into()),
            note: None,
            date: None,
            notice: Notice::Standard,
            talent_pool: None,
            override_coverage: false,
        };
        Box::pin(advance_in(txn, composer, actor_id, other.id, request)).await?;
    }
    hold::discard_if_empty(txn, hold).await?;
    Ok(())
}

/// Queues the rejection letter in the transaction of the rejection itself: if the change rolls
/// back, no letter goes out.
async fn notify_rejection(
    txn: &DatabaseTransaction,
    composer: &Composer,
    actor_id: Option<i32>,
    application: &application::Model,
    notice: &Notice,
    reason: Option<&str>,
) -> AppResult<()> {
    let person = candidate::Entity::find_by_id(application.candidate_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = position::Entity::find_by_id(application.position_id)
        .one(txn)
        .await?
        .map(|p| p.title)
        .unwrap_or_default();
    let cancelled = reason == Some(reasons::POSITION_CANCELLED);
    if let Some(email) =
        emails::rejection(composer, &person, &title, application.id, notice, cancelled)?
    {
        composer.queue(txn, actor_id, email).await?;
    }
    Ok(())
}

/// A hire who does not start sends the search back to work: a paused position reopens, and
/// the warm list — never closed while the hire was pending — is there as it was.
async fn resume_search(
    txn: &DatabaseTransaction,
    actor_id: Option<i32>,
    position_id: i32,
) -> AppResult<()> {
    let target = position::Entity::find_by_id(position_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if target.status != PositionStatus::OnHold.as_str() {
        return Ok(());
    }
    let mut reopened: position::ActiveModel = target.clone().into();
    reopened.status = Set(PositionStatus::Open.as_str().into());
    reopened.version = Set(target.version + 1);
    reopened.updated_at = Set(Utc::now());
    reopened.update(txn).await?;
    AuditEvent::new(actor_id, "position.status", "position")
        .id(position_id)
        .details(json!({"from": "on_hold", "to": "open", "why": "hire_did_not_start"}))
        .record(txn)
        .await
        .map_err(Into::into)
}

/// A contact made today: the cadence moves one step and the next date follows from it.
pub async fn record_contact(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    note: Option<String>,
) -> AppResult<application::Model> {
    let current = get(db, id).await?;
    let stage = Stage::parse(&current.stage).ok_or(AppError::NotFound)?;
    if stage.is_ended() {
        return Err(AppError::Conflict(Message::new("application-ended")));
    }
    let txn = crate::db::write(db).await?;
    let step = current.follow_up_step + 1;
    let mut changed: application::ActiveModel = current.clone().into();
    changed.follow_up_step = Set(step);
    changed.next_contact_on = Set(if stage == Stage::Hired {
        current
            .start_date
            .and_then(|start| pre_start_check_in(today(), start))
    } else {
        Some(next_contact(today(), step))
    });
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(&txn).await?;
    timeline::record(
        &txn,
        Entry {
            application_id: id,
            actor_id: Some(actor_id),
            kind: "contacted",
            from: None,
            to: None,
            note: note.filter(|n| !n.trim().is_empty()),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Sets the next contact date by hand (a candidate asked to be called on Monday).
pub async fn set_next_contact(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    on: NaiveDate,
) -> AppResult<application::Model> {
    if let Some(error) = FieldError::date("next_contact_on", DateKind::Planned, on) {
        return Err(error.into());
    }
    let current = get(db, id).await?;
    if Stage::parse(&current.stage).is_none_or(Stage::is_ended) {
        return Err(AppError::Conflict(Message::new("application-ended")));
    }
    let mut changed: application::ActiveModel = current.into();
    changed.next_contact_on = Set(Some(on));
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(db).await?;
    timeline::record(
        db,
        Entry {
            application_id: id,
            actor_id: Some(actor_id),
            kind: "next_contact",
            from: None,
            to: None,
            note: Some(on.to_string()),
        },
    )
    .await?;
    Ok(updated)
}

/// A comment on the timeline.
/// `@colleague@agency.ru` in it tells that colleague.
pub async fn comment(db: &DatabaseConnection, actor_id: i32, id: i32, text: &str) -> AppResult<()> {
    let found = get(db, id).await?;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::validation("text", Message::new("field-required")));
    }
    if let Some(error) = FieldError::text("text", TextKind::Text, text) {
        return Err(error.into());
    }
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    timeline::record(
        &txn,
        Entry {
            application_id: id,
            actor_id: Some(actor_id),
            kind: "comment",
            from: None,
            to: None,
            note: Some(text.to_owned()),
        },
    )
    .await?;
    crate::notifications::mentions::notify_mentioned(&txn, actor_id, found.candidate_id, text)
        .await?;
    txn.commit().await?;
    Ok(())
}
