//! The append-only audit log: who did what to which record, and when. Entries name ids and
//! categories, never personal data, so they may outlive an erased candidate.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde_json::Value;

use crate::entities::audit_entry;

/// One thing that happened, ready to be written.
pub struct AuditEvent<'a> {
    pub actor_id: Option<i32>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub details: Option<Value>,
}

impl<'a> AuditEvent<'a> {
    pub fn new(actor_id: Option<i32>, action: &'a str, entity: &'a str) -> Self {
        Self {
            actor_id,
            action,
            entity,
            entity_id: None,
            details: None,
        }
    }

    pub fn id(mut self, id: impl ToString) -> Self {
        self.entity_id = Some(id.to_string());
        self
    }

    pub fn details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    /// Writes the entry on `db`, which may be the transaction of the change it records.
    pub async fn record<C: ConnectionTrait>(self, db: &C) -> Result<(), DbErr> {
        // Nothing reads the new row back: one INSERT, not an INSERT and a SELECT of it.
        let entry = audit_entry::ActiveModel {
            at: Set(Utc::now()),
            actor_id: Set(self.actor_id),
            action: Set(self.action.to_owned()),
            entity: Set(self.entity.to_owned()),
            entity_id: Set(self.entity_id),
            details: Set(self.details.map(|d| d.to_string())),
            ip: Set(None),
            ..Default::default()
        };
        audit_entry::Entity::insert(entry)
            .exec_without_returning(db)
            .await?;
        Ok(())
    }
}
