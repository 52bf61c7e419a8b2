//! Settings an admin changes in the app, stored as JSON under a key in `settings`, so every
//! instance reads the same values.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::audit::AuditEvent;
use crate::entities::setting;
use crate::error::{AppError, AppResult};

/// The stored value under `key`, or the default when none is stored (or it no longer reads).
pub async fn load<C: ConnectionTrait, T: DeserializeOwned + Default>(
    db: &C,
    key: &str,
) -> AppResult<T> {
    Ok(setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .and_then(|s| serde_json::from_str(&s.value).ok())
        .unwrap_or_default())
}

/// Stores `value` under `key` and records who changed it.
pub async fn store<C: ConnectionTrait, T: Serialize>(
    db: &C,
    actor: i32,
    key: &str,
    value: &T,
) -> AppResult<()> {
    let text = serde_json::to_string(value).map_err(|e| AppError::Internal(e.into()))?;
    let now = Utc::now();
    match setting::Entity::find_by_id(key.to_owned()).one(db).await? {
        Some(found) => {
            let mut model: setting::ActiveModel = found.into();
            model.value = Set(text);
            model.updated_at = Set(now);
            model.update(db).await?;
        }
        None => {
            setting::ActiveModel {
                key: Set(key.to_owned()),
                value: Set(text),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    AuditEvent::new(Some(actor), "settings.change", "setting")
        .id(key)
        .details(serde_json::json!(value))
        .record(db)
        .await?;
    Ok(())
}
