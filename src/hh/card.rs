//! An application's hh.ru side, as the candidate card and the application's API show it: the
//! response and resume it came from, the response's state on hh, and the statuses sent back
//! (pending ones with their next try, failed ones with hh's reason). Three queries however
//! many applications.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use super::statuses::{self, Push};
use crate::entities::{hh_negotiation, hh_resume, hh_status_push};
use crate::error::AppResult;

/// The response on hh.ru an application came from.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HhApplicationView {
    pub negotiation_id: String,
    pub resume_id: String,
    /// The resume on hh.ru's site.
    pub resume_url: String,
    /// hh's state of the response (`response`, `invitation`, `discard_by_employer`, ...).
    pub state: String,
    /// Invitations and discards sent back to hh, newest first.
    pub pushes: Vec<PushView>,
}

/// One status sent back to hh.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PushView {
    /// `invite` or `discard`.
    pub kind: String,
    /// hh's action id used (or to be used).
    pub action: String,
    /// `pending`, `done` or `failed`.
    pub status: String,
    pub attempts: i32,
    /// When a pending push is tried next.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<hh_status_push::Model> for PushView {
    fn from(p: hh_status_push::Model) -> Self {
        Self {
            kind: Push::of_action(&p.action)
                .map_or("other", Push::as_str)
                .to_owned(),
            next_attempt_at: (p.status == "pending").then_some(p.next_attempt_at),
            action: p.action,
            status: p.status,
            attempts: p.attempts,
            last_error: p.last_error,
            done_at: p.done_at,
            created_at: p.created_at,
        }
    }
}

/// The hh side of each application that has one, by application id.
pub async fn of_applications<C: ConnectionTrait>(
    db: &C,
    application_ids: Vec<i32>,
) -> AppResult<BTreeMap<i32, HhApplicationView>> {
    if application_ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let negotiations = hh_negotiation::Entity::find()
        .filter(hh_negotiation::Column::ApplicationId.is_in(application_ids.clone()))
        .order_by_asc(hh_negotiation::Column::Id)
        .all(db)
        .await?;
    if negotiations.is_empty() {
        return Ok(BTreeMap::new());
    }
    let urls: HashMap<String, String> = hh_resume::Entity::find()
        .filter(hh_resume::Column::ResumeId.is_in(negotiations.iter().map(|n| n.resume_id.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.resume_id, r.url))
        .collect();
    let mut pushes: HashMap<String, Vec<PushView>> = HashMap::new();
    for push in statuses::of_applications(db, application_ids).await? {
        pushes
            .entry(push.hh_negotiation_id.clone())
            .or_default()
            .push(push.into());
    }
    // The latest negotiation speaks for an application that has several (a vacancy published
    // again); their pushes are listed together.
    let mut views = BTreeMap::new();
    for n in negotiations {
        let mut own = pushes.remove(&n.hh_negotiation_id).unwrap_or_default();
        let earlier: Option<HhApplicationView> = views.remove(&n.application_id);
        if let Some(earlier) = earlier {
            own.extend(earlier.pushes);
        }
        own.sort_by_key(|p| std::cmp::Reverse(p.created_at));
        let resume_url = urls
            .get(&n.resume_id)
            .cloned()
            .unwrap_or_else(|| format!("https://hh.ru/resume/{}", n.resume_id));
        views.insert(
            n.application_id,
            HhApplicationView {
                negotiation_id: n.hh_negotiation_id,
                resume_id: n.resume_id,
                resume_url,
                state: n.state,
                pushes: own,
            },
        );
    }
    Ok(views)
}

/// The hh side of one application, if it came from hh.
pub async fn of_application<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> AppResult<Option<HhApplicationView>> {
    Ok(of_applications(db, vec![application_id])
        .await?
        .remove(&application_id))
}
