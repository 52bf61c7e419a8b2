//! Archiving a position's hh.ru vacancy: by hand, after the position is held, cancelled or
//! filled, and as the scheduled round's catch-up. An archive that follows a status change never
//! undoes the change: a failure is kept on the vacancy's row (shown on the position page) and
//! [`archive_closed`] tries again on the next round.

use chrono::Utc;
use reqwest::Method;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect,
};
use serde_json::json;

use super::client::HhError;
use super::connection::Hh;
use super::publish::{PUBLISHED, live_vacancy, record_error, vacancy_of};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::domain::position_status::PositionStatus;
use crate::entities::{hh_vacancy, position};
use crate::error::{AppError, AppResult};

/// Moves the position's live vacancy to hh's archive (no more responses come). A vacancy hh
/// no longer has, or has archived already, is marked archived here too. A failure is kept on
/// the row as well as returned.
pub async fn archive(
    state: &AppState,
    actor: Option<i32>,
    position_id: i32,
) -> AppResult<hh_vacancy::Model> {
    let vacancy = live_vacancy(&state.db, position_id).await?;
    let outcome = async {
        let mut hh = Hh::open(state).await?;
        let path = format!(
            "/employers/{}/vacancies/archived/{}",
            hh.employer_id()?,
            vacancy.hh_vacancy_id
        );
        match hh.call(Method::PUT, &path, Some(&json!({}))).await? {
            Ok(_) | Err(HhError::NotFound) => Ok(()),
            Err(HhError::Forbidden { value, .. }) if value == "unavailable_for_archived" => Ok(()),
            Err(other) => Err(AppError::from(other)),
        }
    }
    .await;
    if let Err(error) = outcome {
        record_error(state, &vacancy, &error).await?;
        return Err(error);
    }
    let now = Utc::now();
    let txn = crate::db::write(&state.db).await?;
    let mut row = vacancy.into_active_model();
    row.status = Set(super::publish::ARCHIVED.into());
    row.archived_at = Set(Some(now));
    row.last_error = Set(None);
    row.updated_at = Set(now);
    let saved = row.update(&txn).await?;
    AuditEvent::new(actor, "hh.archive", "position")
        .id(position_id)
        .details(json!({"hh_vacancy_id": saved.hh_vacancy_id}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// After a position's status changed (held, cancelled, filled): its live vacancy goes to the
/// archive. Called once the change has committed; whatever hh answers, the change stands —
/// a failure stays on the vacancy's row and in the log, and [`archive_closed`] retries it.
pub async fn archive_if_closed(state: &AppState, position_id: i32) {
    let outcome = async {
        let Some(vacancy) = vacancy_of(&state.db, position_id).await? else {
            return Ok(());
        };
        let position = crate::positions::model::get(&state.db, position_id).await?;
        if vacancy.status != PUBLISHED || position.status == PositionStatus::Open.as_str() {
            return Ok(());
        }
        archive(state, None, position_id).await.map(|_| ())
    }
    .await;
    if let Err(error) = outcome {
        tracing::warn!(position_id, error = %error, "the hh.ru vacancy was not archived");
    }
}

/// Archives every live hh vacancy whose position is no longer open (the scheduled round's
/// catch-up for archives that failed or were never asked for); returns how many it archived.
/// hh asking to slow down, or not answering, ends the round early.
pub async fn archive_closed(state: &AppState) -> AppResult<u32> {
    let live: Vec<i32> = hh_vacancy::Entity::find()
        .select_only()
        .column(hh_vacancy::Column::PositionId)
        .filter(hh_vacancy::Column::Status.eq(PUBLISHED))
        .into_tuple()
        .all(&state.db)
        .await?;
    if live.is_empty() {
        return Ok(0);
    }
    let closed: Vec<i32> = position::Entity::find()
        .select_only()
        .column(position::Column::Id)
        .filter(position::Column::Id.is_in(live))
        .filter(position::Column::Status.ne(PositionStatus::Open.as_str()))
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut archived = 0;
    for position_id in closed {
        match archive(state, None, position_id).await {
            Ok(_) => archived += 1,
            Err(error @ (AppError::RetryLater { .. } | AppError::Upstream(_))) => {
                tracing::warn!(error = %error, "hh.ru is not answering: archiving waits");
                break;
            }
            Err(AppError::Db(error)) => return Err(AppError::Db(error)),
            Err(error) => {
                tracing::warn!(position_id, error = %error, "the hh.ru vacancy was not archived");
            }
        }
    }
    Ok(archived)
}
