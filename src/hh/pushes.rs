//! Sending the queued statuses to hh.ru (`statuses` queues them): each due push claimed by
//! one instance, sent through the action its negotiation lists — read again from hh when the
//! stored list no longer holds it — and recorded: done (the negotiation takes the state hh
//! said it would), later (hh did not answer: back-off, honouring `Retry-After`), or failed
//! with hh's reason after a refusal or too many tries.

use chrono::{Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

use super::client::HhError;
use super::connection::Hh;
use super::negotiation::{self, Action};
use super::statuses::Push;
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::entities::{hh_negotiation, hh_status_push};
use crate::error::AppResult;

/// Tries before a push is given up as failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// Pushes sent per round; the rest wait for the next.
const BATCH: u64 = 25;
/// How long one instance holds a push while sending it.
const CLAIM_SECONDS: i64 = 120;

/// The wait before the next try: what hh asked for, else 1, 2, 4… minutes, at most an hour.
pub fn retry_in(attempts: i32, asked: Option<std::time::Duration>) -> Duration {
    let doubling =
        Duration::minutes(1 << attempts.clamp(1, 7).saturating_sub(1)).min(Duration::hours(1));
    match asked {
        Some(asked) => doubling.max(Duration::seconds(
            i64::try_from(asked.as_secs()).unwrap_or(3600),
        )),
        None => doubling,
    }
}

/// Takes one push for this instance: true when nobody else is sending it.
async fn claim(db: &DatabaseConnection, id: i32) -> AppResult<bool> {
    let now = Utc::now();
    let taken = hh_status_push::Entity::update_many()
        .col_expr(
            hh_status_push::Column::ClaimedUntil,
            Expr::value(Some(now + Duration::seconds(CLAIM_SECONDS))),
        )
        .filter(hh_status_push::Column::Id.eq(id))
        .filter(hh_status_push::Column::Status.eq("pending"))
        .filter(
            Condition::any()
                .add(hh_status_push::Column::ClaimedUntil.is_null())
                .add(hh_status_push::Column::ClaimedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// How one push went.
enum Sent {
    Done(Action),
    /// hh refused it, or offers no such action now: it will not go by trying again.
    Refused(String),
    Later(HhError),
    /// The tokens were refused: it waits, untouched, for an admin to reconnect.
    Reconnect,
}

/// The round's part: sends the pushes that are due. Nothing happens while hh is not connected;
/// they wait, pending, on the card.
pub async fn push_due(state: &AppState) -> AppResult<u32> {
    let now = Utc::now();
    let due = hh_status_push::Entity::find()
        .filter(hh_status_push::Column::Status.eq("pending"))
        .filter(hh_status_push::Column::NextAttemptAt.lte(now))
        .filter(
            Condition::any()
                .add(hh_status_push::Column::ClaimedUntil.is_null())
                .add(hh_status_push::Column::ClaimedUntil.lt(now)),
        )
        .order_by_asc(hh_status_push::Column::NextAttemptAt)
        .order_by_asc(hh_status_push::Column::Id)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let Some(mut hh) = Hh::open_for_work(state).await? else {
        return Ok(0);
    };
    let mut sent = 0;
    for push in due {
        if !claim(&state.db, push.id).await? {
            continue;
        }
        let outcome = send(&state.db, &mut hh, &push).await?;
        let stop = matches!(
            outcome,
            Sent::Reconnect | Sent::Later(HhError::RateLimited { .. })
        );
        sent += u32::from(matches!(outcome, Sent::Done(_)));
        record(&state.db, push, outcome).await?;
        if stop {
            break;
        }
    }
    Ok(sent)
}

/// Sends one push through the action its negotiation offers; when the stored list does not
/// hold it, the negotiation is read again from hh first (its actions change as it moves).
async fn send(
    db: &DatabaseConnection,
    hh: &mut Hh,
    push: &hh_status_push::Model,
) -> AppResult<Sent> {
    let Some(kind) = Push::of_action(&push.action) else {
        return Ok(Sent::Refused(format!("unknown_action {}", push.action)));
    };
    let Some(stored) = hh_negotiation::Entity::find()
        .filter(hh_negotiation::Column::HhNegotiationId.eq(push.hh_negotiation_id.clone()))
        .one(db)
        .await?
    else {
        return Ok(Sent::Refused("response_unknown".into()));
    };
    let wanted: Vec<&str> = std::iter::once(push.action.as_str())
        .chain(kind.actions().iter().copied())
        .collect();
    let mut offered = negotiation::actions(&stored.actions);
    if negotiation::find(&offered, &wanted).is_none() {
        let path = format!("/negotiations/{}", push.hh_negotiation_id);
        match hh.call(Method::GET, &path, None).await? {
            Ok(answer) => {
                let seen = negotiation::Seen::read(&answer.body);
                offered = negotiation::actions(&seen.actions);
                let mut active = stored.clone().into_active_model();
                active.state = Set(seen.state);
                active.actions = Set(seen.actions);
                active.hh_updated_at = Set(seen.updated_at);
                active.updated_at = Set(Utc::now());
                active.update(db).await?;
            }
            Err(error) => return Ok(refusal(error)),
        }
    }
    let Some(action) = negotiation::find(&offered, &wanted).cloned() else {
        let ids: Vec<&str> = offered.iter().map(|a| a.id.as_str()).collect();
        return Ok(Sent::Refused(format!(
            "action_not_offered ({})",
            ids.join(", ")
        )));
    };
    let base = hh.settings().api_base.clone();
    let Some(path) = negotiation::on_api(&base, &action.url) else {
        return Ok(Sent::Refused(format!("bad_action_url {}", action.url)));
    };
    let method = Method::from_bytes(action.method.as_bytes()).unwrap_or(Method::PUT);
    // The spec declares a JSON object; a message also moves the applicant's own state.
    let body = if push.message.trim().is_empty() {
        json!({})
    } else {
        json!({ "message": push.message })
    };
    Ok(match hh.call(method, &path, Some(&body)).await? {
        Ok(_) => Sent::Done(action),
        Err(error) => refusal(error),
    })
}

fn refusal(error: HhError) -> Sent {
    match error {
        HhError::TokenExpired | HhError::TokenRejected(_) => Sent::Reconnect,
        e if e.is_transient() => Sent::Later(e),
        e => Sent::Refused(e.code()),
    }
}

/// Writes how it went; a push sent also moves the negotiation's state as hh said it would.
async fn record(
    db: &DatabaseConnection,
    push: hh_status_push::Model,
    outcome: Sent,
) -> AppResult<()> {
    let now = Utc::now();
    let attempts = push.attempts + 1;
    let (id, application_id, nid) = (push.id, push.application_id, push.hh_negotiation_id.clone());
    let mut active = push.into_active_model();
    active.claimed_until = Set(None);
    active.updated_at = Set(now);
    match outcome {
        Sent::Done(action) => {
            active.status = Set("done".into());
            active.attempts = Set(attempts);
            active.action = Set(action.id.clone());
            active.last_error = Set(None);
            active.done_at = Set(Some(now));
            if let Some(state) = action.resulting_state {
                hh_negotiation::Entity::update_many()
                    .col_expr(hh_negotiation::Column::State, Expr::value(state))
                    .col_expr(hh_negotiation::Column::UpdatedAt, Expr::value(now))
                    .filter(hh_negotiation::Column::HhNegotiationId.eq(nid.clone()))
                    .exec(db)
                    .await?;
            }
            AuditEvent::new(None, "hh.status_sent", "application")
                .id(application_id)
                .details(json!({"negotiation": nid, "action": action.id, "push": id}))
                .record(db)
                .await?;
        }
        Sent::Refused(reason) => {
            tracing::warn!(push = id, %reason, "hh.ru did not take a status");
            active.status = Set("failed".into());
            active.attempts = Set(attempts);
            active.last_error = Set(Some(reason));
        }
        Sent::Later(error) => {
            active.attempts = Set(attempts);
            active.last_error = Set(Some(error.code()));
            if attempts >= MAX_ATTEMPTS {
                active.status = Set("failed".into());
            } else {
                active.next_attempt_at = Set(now + retry_in(attempts, error.retry_after()));
            }
        }
        Sent::Reconnect => {
            active.last_error = Set(Some("403 oauth: reconnect needed".into()));
        }
    }
    active.update(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_from_a_minute_and_honour_retry_after() {
        assert_eq!(retry_in(1, None), Duration::minutes(1));
        assert_eq!(retry_in(2, None), Duration::minutes(2));
        assert_eq!(retry_in(3, None), Duration::minutes(4));
        assert_eq!(retry_in(7, None), Duration::hours(1));
        let asked = Some(std::time::Duration::from_secs(600));
        assert_eq!(retry_in(1, asked), Duration::minutes(10));
    }
}
