//! Destruction records: each erasure (on request or by the retention job) leaves a record of
//! whose data went, which categories, how, why, when and by whom. Records are kept three years
//! with the matching audit entries, then removed.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::entities::destruction_record;
use crate::error::AppResult;

/// The categories an erasure removes from a candidate's record.
pub const CANDIDATE_CATEGORIES: [&str; 8] = [
    "name",
    "contacts",
    "employment",
    "salary",
    "links",
    "notes",
    "comments",
    "cv",
];

/// How long a destruction record is kept.
pub const KEEP_DAYS: i64 = 3 * 365 + 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The person asked.
    Request,
    /// The purpose ended and the retention period ran out.
    Retention,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Request => "request",
            Reason::Retention => "retention",
        }
    }
}

pub async fn record<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    reason: Reason,
    by: Option<i32>,
    at: DateTime<Utc>,
) -> AppResult<destruction_record::Model> {
    Ok(destruction_record::ActiveModel {
        candidate_id: Set(candidate_id),
        categories: Set(serde_json::json!(CANDIDATE_CATEGORIES).to_string()),
        // Personal fields are overwritten and files deleted; the anonymous record stays so
        // statistics keep adding up.
        method: Set("anonymised".into()),
        reason: Set(reason.as_str().into()),
        destroyed_at: Set(at),
        destroyed_by: Set(by),
        keep_until: Set(at + Duration::days(KEEP_DAYS)),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DestructionView {
    pub id: i32,
    pub candidate_id: i32,
    pub categories: Vec<String>,
    pub method: String,
    pub reason: String,
    pub destroyed_at: DateTime<Utc>,
    pub destroyed_by: Option<i32>,
    pub keep_until: DateTime<Utc>,
}

impl From<destruction_record::Model> for DestructionView {
    fn from(r: destruction_record::Model) -> Self {
        Self {
            id: r.id,
            candidate_id: r.candidate_id,
            categories: serde_json::from_str(&r.categories).unwrap_or_default(),
            method: r.method,
            reason: r.reason,
            destroyed_at: r.destroyed_at,
            destroyed_by: r.destroyed_by,
            keep_until: r.keep_until,
        }
    }
}

pub async fn for_candidate(
    db: &DatabaseConnection,
    candidate_id: i32,
) -> AppResult<Vec<DestructionView>> {
    Ok(destruction_record::Entity::find()
        .filter(destruction_record::Column::CandidateId.eq(candidate_id))
        .order_by_asc(destruction_record::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Removes the records whose three years are over.
pub async fn purge_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<u64> {
    Ok(destruction_record::Entity::delete_many()
        .filter(destruction_record::Column::KeepUntil.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}
