//! Managing accounts: the list of users, roles, deactivation.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::access::Role;
use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

pub struct UserList {
    pub items: Vec<user::Model>,
    pub total: u64,
}

/// Users, by name: all of them, or of one role, and only active ones unless `with_inactive`
/// (admins manage deactivated accounts; everyone else picks colleagues for work).
pub async fn list_users(
    db: &DatabaseConnection,
    role: Option<Role>,
    with_inactive: bool,
    limit: u64,
    offset: u64,
) -> AppResult<UserList> {
    let mut query = user::Entity::find();
    if let Some(role) = role {
        query = query.filter(user::Column::Role.eq(role.as_str()));
    }
    if !with_inactive {
        query = query.filter(user::Column::Active.eq(true));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_asc(user::Column::Name)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok(UserList { items, total })
}

/// Changes a user's role and whether they may sign in. Admins cannot demote or deactivate
/// themselves, so an agency never locks itself out of its own settings.
pub async fn update_user(
    db: &DatabaseConnection,
    actor_id: i32,
    user_id: i32,
    role: &str,
    active: bool,
) -> AppResult<user::Model> {
    let role = role
        .parse::<Role>()
        .map_err(|_| AppError::validation("role", Message::new("field-role-invalid")))?;
    let model = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user_id == actor_id && (role != Role::Admin || !active) {
        return Err(AppError::Conflict(Message::new("admin-cannot-demote-self")));
    }
    let before = (model.role.clone(), model.active);
    let mut changed: user::ActiveModel = model.into();
    changed.role = Set(role.as_str().to_owned());
    changed.active = Set(active);
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(db).await?;
    if before != (updated.role.clone(), updated.active) {
        AuditEvent::new(Some(actor_id), "user.access_change", "user")
            .id(user_id)
            .details(json!({"role": {"from": before.0, "to": updated.role}, "active": {"from": before.1, "to": updated.active}}))
            .record(db)
            .await?;
    }
    Ok(updated)
}
