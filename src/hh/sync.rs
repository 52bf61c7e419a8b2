//! Responses from hh.ru into the long-list: when a sync runs and what is recorded after it.
//! One instance syncs at a time (a claim on the connection's row, as the mailbox does), and
//! never while hh has asked to wait; hh asking to wait (429, 5xx) pauses the syncs — for as
//! long as `Retry-After` says, else 1, 2, 4… minutes — and a sync that gets through clears
//! the pause. The work itself, vacancy by vacancy, is in `responses`; incremental and
//! idempotent, so a second run imports nothing.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::client::HhError;
use super::connection::Hh;
use super::responses;
use super::settings::{self, ROW};
use crate::app::AppState;
use crate::entities::hh_connection;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

/// How long a sync holds the connection; renewed after every vacancy.
const CLAIM_SECONDS: i64 = 300;

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct SyncOutcome {
    /// Responses new to the app, now on a long-list.
    pub imported: u32,
    /// Known responses whose state or actions changed on hh.
    pub updated: u32,
    /// Responses with nothing to do: known and unchanged, taken in by another instance, or
    /// without a resume to read.
    pub skipped: u32,
}

/// Why a round stopped before the end.
pub(super) enum Stopped {
    /// hh asked to wait (429) or did not answer (5xx): pause.
    Wait(HhError),
    /// hh refused the tokens; the connection already asks admins to reconnect.
    Reconnect(HhError),
}

impl Stopped {
    pub(super) fn of(error: HhError) -> Result<Stopped, HhError> {
        if error.is_transient() {
            Ok(Stopped::Wait(error))
        } else if matches!(error, HhError::TokenExpired | HhError::TokenRejected(_)) {
            Ok(Stopped::Reconnect(error))
        } else {
            Err(error)
        }
    }
}

/// How long to pause after hh asked to wait: what it asked for in `Retry-After`, else twice
/// the previous pause — 1, 2, 4… minutes, at most an hour.
pub fn pause_for(asked: Option<StdDuration>, previous: Option<Duration>) -> Duration {
    if let Some(asked) = asked {
        return Duration::seconds(i64::try_from(asked.as_secs()).unwrap_or(3600).max(1));
    }
    match previous {
        Some(before) => (before * 2).clamp(Duration::minutes(1), Duration::hours(1)),
        None => Duration::minutes(1),
    }
}

/// The pause the last round set, if it ended waiting: a round that ends leaves its claim at
/// the moment it ended, so the pause is the time from there to `sync_paused_until`.
fn previous_pause(row: &hh_connection::Model) -> Option<Duration> {
    let (ended, until) = (row.sync_claimed_until?, row.sync_paused_until?);
    (row.sync_error.is_some() && until > ended).then(|| until - ended)
}

/// Takes the connection for this instance's sync: true for one caller at a time.
async fn claim(db: &DatabaseConnection) -> AppResult<bool> {
    let now = Utc::now();
    let taken = hh_connection::Entity::update_many()
        .col_expr(
            hh_connection::Column::SyncClaimedUntil,
            Expr::value(Some(now + Duration::seconds(CLAIM_SECONDS))),
        )
        .filter(hh_connection::Column::Id.eq(ROW))
        .filter(
            Condition::any()
                .add(hh_connection::Column::SyncClaimedUntil.is_null())
                .add(hh_connection::Column::SyncClaimedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

pub(super) async fn renew_claim(db: &DatabaseConnection) -> AppResult<()> {
    hh_connection::Entity::update_many()
        .col_expr(
            hh_connection::Column::SyncClaimedUntil,
            Expr::value(Some(Utc::now() + Duration::seconds(CLAIM_SECONDS))),
        )
        .filter(hh_connection::Column::Id.eq(ROW))
        .exec(db)
        .await?;
    Ok(())
}

fn paused(row: &hh_connection::Model) -> Option<DateTime<Utc>> {
    row.sync_paused_until.filter(|until| *until > Utc::now())
}

/// The scheduled sync: nothing when hh is not connected, asked to wait, the last sync is
/// younger than `every`, or another instance is syncing.
pub async fn scheduled(state: &AppState, every: StdDuration) -> AppResult<Option<SyncOutcome>> {
    let Some(row) = settings::row(&state.db).await? else {
        return Ok(None);
    };
    let every = Duration::from_std(every).unwrap_or(Duration::minutes(10));
    let due = row.last_sync_at.is_none_or(|at| at + every <= Utc::now());
    if !due || paused(&row).is_some() {
        return Ok(None);
    }
    if row.access_token_sealed.is_none() || row.needs_reconnect {
        return Ok(None);
    }
    if !claim(&state.db).await? {
        return Ok(None);
    }
    match claimed(state, &row).await {
        Ok((outcome, _)) => Ok(Some(outcome)),
        // Disconnected between the look and the claim.
        Err(AppError::Conflict(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// "Fetch responses now" (the admin page and `POST /integrations/hh/sync`): waits its turn
/// behind a sync in progress, then syncs. hh asking to wait, or refusing the tokens, comes
/// back as the error it is.
pub async fn run(state: &AppState) -> AppResult<SyncOutcome> {
    // Not set up or not connected: say so at once rather than after a wait.
    Hh::open(state).await?;
    for _ in 0..300 {
        let row = settings::row(&state.db).await?.ok_or(AppError::NotFound)?;
        if let Some(until) = paused(&row) {
            let seconds = (until - Utc::now()).num_seconds().max(1);
            return Err(AppError::RetryLater {
                message: Message::new("hh-sync-paused").with_number("minutes", (seconds + 59) / 60),
                seconds,
            });
        }
        if claim(&state.db).await? {
            return match claimed(state, &row).await? {
                (outcome, None) => Ok(outcome),
                (_, Some(Stopped::Wait(error) | Stopped::Reconnect(error))) => {
                    Err(AppError::from(error))
                }
            };
        }
        tokio::time::sleep(StdDuration::from_millis(200)).await;
    }
    Err(AppError::Conflict(Message::new("hh-sync-busy")))
}

/// The sync itself, with the claim held; the outcome is recorded on the connection's row and
/// the claim let go whatever happens.
async fn claimed(
    state: &AppState,
    before: &hh_connection::Model,
) -> AppResult<(SyncOutcome, Option<Stopped>)> {
    // Opened with the claim held, so the tokens are the latest any instance stored.
    let mut hh = match Hh::open(state).await {
        Ok(hh) => hh,
        Err(error) => {
            hh_connection::Entity::update_many()
                .col_expr(
                    hh_connection::Column::SyncClaimedUntil,
                    Expr::value(before.sync_claimed_until),
                )
                .filter(hh_connection::Column::Id.eq(ROW))
                .exec(&state.db)
                .await?;
            return Err(error);
        }
    };
    let mut outcome = SyncOutcome::default();
    let result = responses::vacancies(state, &mut hh, &mut outcome).await;
    let now = Utc::now();
    let mut update = hh_connection::Entity::update_many()
        // Left at the moment the round ended: the next pause doubles this one (previous_pause).
        .col_expr(
            hh_connection::Column::SyncClaimedUntil,
            Expr::value(Some(now)),
        )
        .filter(hh_connection::Column::Id.eq(ROW));
    match &result {
        Ok((None, problems)) => {
            update = update
                .col_expr(hh_connection::Column::LastSyncAt, Expr::value(Some(now)))
                .col_expr(
                    hh_connection::Column::SyncPausedUntil,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(
                    hh_connection::Column::SyncError,
                    Expr::value((!problems.is_empty()).then(|| problems.join("; "))),
                );
        }
        Ok((Some(Stopped::Wait(error)), _)) => {
            let pause = pause_for(error.retry_after(), previous_pause(before));
            tracing::warn!(%error, seconds = pause.num_seconds(), "hh.ru asked the sync to wait");
            update = update
                .col_expr(
                    hh_connection::Column::SyncPausedUntil,
                    Expr::value(Some(now + pause)),
                )
                .col_expr(
                    hh_connection::Column::SyncError,
                    Expr::value(Some(error.code())),
                );
        }
        Ok((Some(Stopped::Reconnect(error)), _)) => {
            update = update.col_expr(
                hh_connection::Column::SyncError,
                Expr::value(Some(error.code())),
            );
        }
        Err(_) => {}
    }
    update.exec(&state.db).await?;
    let (stopped, _) = result?;
    Ok((outcome, stopped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hh_asking_to_wait_is_honoured_to_the_second() {
        let asked = Some(StdDuration::from_secs(7));
        assert_eq!(
            pause_for(asked, Some(Duration::minutes(8))),
            Duration::seconds(7)
        );
    }

    #[test]
    fn without_retry_after_the_pause_doubles_from_a_minute_up_to_an_hour() {
        assert_eq!(pause_for(None, None), Duration::minutes(1));
        assert_eq!(
            pause_for(None, Some(Duration::minutes(1))),
            Duration::minutes(2)
        );
        assert_eq!(
            pause_for(None, Some(Duration::minutes(2))),
            Duration::minutes(4)
        );
        assert_eq!(
            pause_for(None, Some(Duration::minutes(45))),
            Duration::hours(1)
        );
        assert_eq!(
            pause_for(None, Some(Duration::seconds(7))),
            Duration::minutes(1)
        );
    }
}
