//! Sourcing channels per position, with the "check saved searches" reminder: publish, but
//! search actively — strong people leave the market fast, so each channel's saved searches
//! are checked every few days and the dashboard says which are due.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::text::TextKind;
use crate::entities::{position, sourcing_channel};
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::pipeline::parse_source;
use crate::web::i18n::Message;

pub const DEFAULT_CHECK_EVERY_DAYS: i32 = 3;

/// When a channel's saved searches are next due: `every` days after the last check, or now
/// when never checked.
pub fn due_at(channel: &sourcing_channel::Model) -> DateTime<Utc> {
    match channel.last_checked_at {
        Some(at) => at + Duration::days(i64::from(channel.check_every_days)),
        None => channel.created_at,
    }
}

pub fn is_due(channel: &sourcing_channel::Model, now: DateTime<Utc>) -> bool {
    due_at(channel) <= now
}

pub struct ChannelFields {
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub check_every_days: Option<i32>,
}

pub async fn add(
    db: &DatabaseConnection,
    actor_id: i32,
    position_id: i32,
    fields: ChannelFields,
) -> AppResult<sourcing_channel::Model> {
    position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let kind = parse_source(&fields.kind);
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            Message::new("field-source-invalid"),
        ));
    }
    let every = fields.check_every_days.unwrap_or(DEFAULT_CHECK_EVERY_DAYS);
    if !(1..=90).contains(&every) {
        errors.push(FieldError::new(
            "check_every_days",
            Message::new("field-check-every-range"),
        ));
    }
    let url = fields
        .url
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());
    if url
        .as_deref()
        .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")) || u.len() > 2000)
    {
        errors.push(FieldError::new("url", Message::new("field-url-invalid")));
    }
    let name = fields.name.trim();
    errors.extend(FieldError::text("name", TextKind::Line, name));
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let kind = kind.unwrap_or("other");
    let now = Utc::now();
    let created = sourcing_channel::ActiveModel {
        position_id: Set(position_id),
        kind: Set(kind.to_owned()),
        name: Set(if name.is_empty() {
            kind.to_owned()
        } else {
            name.to_owned()
        }),
        url: Set(url),
        check_every_days: Set(every),
        last_checked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEvent::new(Some(actor_id), "channel.create", "position")
        .id(position_id)
        .details(json!({"channel_id": created.id, "kind": kind}))
        .record(db)
        .await?;
    Ok(created)
}

pub async fn for_position(
    db: &DatabaseConnection,
    position_id: i32,
) -> AppResult<Vec<sourcing_channel::Model>> {
    Ok(sourcing_channel::Entity::find()
        .filter(sourcing_channel::Column::PositionId.eq(position_id))
        .order_by_asc(sourcing_channel::Column::Id)
        .all(db)
        .await?)
}

async fn get(db: &DatabaseConnection, id: i32) -> AppResult<sourcing_channel::Model> {
    sourcing_channel::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The saved searches were checked just now.
pub async fn mark_checked(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
) -> AppResult<sourcing_channel::Model> {
    let found = get(db, id).await?;
    let mut changed: sourcing_channel::ActiveModel = found.into();
    changed.last_checked_at = Set(Some(Utc::now()));
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(db).await?;
    AuditEvent::new(Some(actor_id), "channel.checked", "position")
        .id(updated.position_id)
        .details(json!({"channel_id": id}))
        .record(db)
        .await?;
    Ok(updated)
}

pub async fn remove(db: &DatabaseConnection, actor_id: i32, id: i32) -> AppResult<i32> {
    let found = get(db, id).await?;
    sourcing_channel::Entity::delete_by_id(id).exec(db).await?;
    AuditEvent::new(Some(actor_id), "channel.delete", "position")
        .id(found.position_id)
        .details(json!({"channel_id": id}))
        .record(db)
        .await?;
    Ok(found.position_id)
}

/// A position whose saved searches are due, for the recruiter's dashboard.
#[derive(Serialize)]
pub struct DueSearch {
    pub position_id: i32,
    pub position_title: String,
    pub channel_id: i32,
    pub channel: String,
    pub kind: String,
    pub url: Option<String>,
    pub last_checked_at: Option<DateTime<Utc>>,
    pub due_at: DateTime<Utc>,
}

/// Channels of open positions whose saved searches are due now: two queries.
pub async fn due_searches(db: &DatabaseConnection) -> AppResult<Vec<DueSearch>> {
    let open: HashMap<i32, String> = crate::positions::model::titles(db, None, Some(&["open"]))
        .await?
        .into_iter()
        .collect();
    let now = Utc::now();
    let mut due: Vec<DueSearch> = sourcing_channel::Entity::find()
        .filter(sourcing_channel::Column::PositionId.is_in(open.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter(|c| is_due(c, now))
        .map(|c| DueSearch {
            position_title: open.get(&c.position_id).cloned().unwrap_or_default(),
            due_at: due_at(&c),
            position_id: c.position_id,
            channel_id: c.id,
            channel: c.name,
            kind: c.kind,
            url: c.url,
            last_checked_at: c.last_checked_at,
        })
        .collect();
    due.sort_by_key(|d| d.due_at);
    Ok(due)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(now: DateTime<Utc>, last: Option<i64>, every: i32) -> sourcing_channel::Model {
        sourcing_channel::Model {
            id: 1,
            position_id: 1,
            kind: "job_board".into(),
            name: "hh".into(),
            url: None,
            check_every_days: every,
            last_checked_at: last.map(|days| now - Duration::days(days)),
            created_at: now - Duration::days(10),
            updated_at: now,
        }
    }

    #[test]
    fn saved_searches_are_due_every_n_days_and_at_once_when_never_checked() {
        let now = Utc::now();
        assert!(is_due(&channel(now, None, 3), now));
        assert!(!is_due(&channel(now, Some(2), 3), now));
        assert!(is_due(&channel(now, Some(3), 3), now));
        assert!(!is_due(&channel(now, Some(6), 7), now));
    }
}
