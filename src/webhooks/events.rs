//! The outbox side of webhooks: an event is written in the transaction of the change that
//! caused it — one `webhook_events` row with the body as it will be sent, and one delivery per
//! webhook subscribed to its type — so a rolled-back change sends nothing and a committed one
//! is never lost. With no webhook subscribed nothing is written at all.
//!
//! Payloads carry ids and codes only, never a name or an address: an event queued before its
//! candidate was erased then has nothing to leak when it goes out afterwards.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::Serialize;
use utoipa::ToSchema;

use super::deliveries::PENDING;
use crate::domain::offer_policy::OfferStatus;
use crate::domain::pipeline::Stage;
use crate::domain::webhooks::{self as rules, EventType};
use crate::entities::{application, internship, offer, webhook, webhook_delivery, webhook_event};
use crate::error::AppResult;

/// `data` of `application.*` and `hire.started` events.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ApplicationData {
    pub application_id: i32,
    pub candidate_id: i32,
    pub position_id: i32,
    /// The stage left; none for `application.created`.
    pub from_stage: Option<String>,
    /// The stage reached (`long_list` for a new application, `rejected`, `started`, …).
    pub to_stage: Option<String>,
}

/// `data` of `offer.*` events.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfferData {
    pub offer_id: i32,
    /// The offer's revision: 1, then 2 after a counter-proposal, …
    pub revision: i32,
    pub application_id: i32,
    pub candidate_id: i32,
    pub position_id: i32,
    /// `sent`, `accepted` or `declined`.
    pub status: String,
}

/// `data` of `candidate.erased`: the id only — the person's data is gone.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CandidateErasedData {
    pub candidate_id: i32,
}

/// `data` of `internship.decided`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InternshipData {
    pub internship_id: i32,
    /// The intern's user id.
    pub intern_id: i32,
    /// `stay_intern`, `promote`, `transfer` or `part_ways`.
    pub outcome: String,
    /// The department of a transfer (or of a promotion).
    pub department: Option<String>,
}

/// The body every delivery posts.
#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    created_at: String,
    data: T,
}

/// The webhooks subscribed to `event`, by id.
async fn subscribers<C: ConnectionTrait>(db: &C, event: EventType) -> AppResult<Vec<i32>> {
    Ok(webhook::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|w| rules::subscribes(&w.events, event))
        .map(|w| w.id)
        .collect())
}

/// A random (version 4) UUID in its usual text form: integrators deduplicate by it.
fn new_event_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Queues `event` with `data` for every webhook subscribed to it, on `db` — the transaction of
/// the change. Returns the event's public id, or none when nobody listens.
pub async fn queue<C: ConnectionTrait, T: Serialize>(
    db: &C,
    event: EventType,
    data: T,
) -> AppResult<Option<String>> {
    let hooks = subscribers(db, event).await?;
    if hooks.is_empty() {
        return Ok(None);
    }
    queue_for(db, &hooks, event, data, Utc::now())
        .await
        .map(Some)
}

async fn queue_for<C: ConnectionTrait, T: Serialize>(
    db: &C,
    hooks: &[i32],
    event: EventType,
    data: T,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let event_id = new_event_id();
    let body = serde_json::to_string(&Envelope {
        id: &event_id,
        kind: event.as_str(),
        created_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        data,
    })
    .map_err(|e| anyhow::anyhow!("a webhook body: {e}"))?;
    let stored = webhook_event::ActiveModel {
        event_id: Set(event_id.clone()),
        kind: Set(event.as_str().to_owned()),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let rows = hooks
        .iter()
        .map(|&webhook_id| webhook_delivery::ActiveModel {
            webhook_id: Set(webhook_id),
            event_id: Set(stored.id),
            status: Set(PENDING.to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            last_status_code: Set(None),
            last_error: Set(None),
            last_attempt_at: Set(None),
            delivered_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    webhook_delivery::Entity::insert_many(rows).exec(db).await?;
    Ok(event_id)
}

/// A timeline entry was written: its event, if it stands for one (see
/// [`rules::of_timeline`]). Called by `timeline::model::record` in the entry's transaction.
pub async fn on_timeline<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
    kind: &str,
    from: Option<Stage>,
    to: Option<Stage>,
) -> AppResult<()> {
    let Some(event) = rules::of_timeline(kind, to) else {
        return Ok(());
    };
    let hooks = subscribers(db, event).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let Some(app) = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let data = ApplicationData {
        application_id,
        candidate_id: app.candidate_id,
        position_id: app.position_id,
        from_stage: from.map(|s| s.as_str().to_owned()),
        to_stage: to.map(|s| s.as_str().to_owned()),
    };
    queue_for(db, &hooks, event, data, Utc::now()).await?;
    Ok(())
}

/// An offer moved to `status`: sent, accepted and declined are events. Called where offers
/// change status, in that transaction.
pub async fn on_offer<C: ConnectionTrait>(
    db: &C,
    o: &offer::Model,
    status: OfferStatus,
) -> AppResult<()> {
    let Some(event) = rules::of_offer(status) else {
        return Ok(());
    };
    let hooks = subscribers(db, event).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let Some(app) = application::Entity::find_by_id(o.application_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let data = OfferData {
        offer_id: o.id,
        revision: o.revision,
        application_id: o.application_id,
        candidate_id: app.candidate_id,
        position_id: app.position_id,
        status: status.as_str().to_owned(),
    };
    queue_for(db, &hooks, event, data, Utc::now()).await?;
    Ok(())
}

/// A person was erased: their id only.
pub async fn on_candidate_erased<C: ConnectionTrait>(db: &C, candidate_id: i32) -> AppResult<()> {
    queue(
        db,
        EventType::CandidateErased,
        CandidateErasedData { candidate_id },
    )
    .await?;
    Ok(())
}

/// An internship was decided.
pub async fn on_internship_decided<C: ConnectionTrait>(
    db: &C,
    decided: &internship::Model,
) -> AppResult<()> {
    let data = InternshipData {
        internship_id: decided.id,
        intern_id: decided.intern_id,
        outcome: decided.outcome.clone().unwrap_or_default(),
        department: decided.outcome_department.clone(),
    };
    queue(db, EventType::InternshipDecided, data).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_are_version_4_uuids_and_differ() {
        let (a, b) = (new_event_id(), new_event_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }
}
