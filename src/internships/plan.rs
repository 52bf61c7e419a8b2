//! Working through the plan: the intern (or their mentor) ticks items off, the mentor signs
//! them off or hands them back, and the mentor sets the exam date.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use serde_json::json;

use super::model::{Seat, ensure_active, open};
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::date_bounds::DateKind;
use crate::entities::{internship, internship_item};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::Composer;
use crate::web::i18n::Message;

async fn item_of(
    db: &DatabaseConnection,
    found: &internship::Model,
    item_id: i32,
) -> AppResult<internship_item::Model> {
    internship_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .filter(|i| i.internship_id == found.id)
        .ok_or(AppError::NotFound)
}

/// Marks an item done. Ticked by the mentor (or the programme's manager) it is signed off at
/// once; ticked by the intern it waits for the mentor. Ticking twice changes nothing.
pub async fn mark_done(
    db: &DatabaseConnection,
    user: &CurrentUser,
    internship_id: i32,
    item_id: i32,
) -> AppResult<internship_item::Model> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_tick() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let item = item_of(db, &found, item_id).await?;
    if item.done_at.is_some() && (seat == Seat::Intern || item.signed_off_at.is_some()) {
        return Ok(item);
    }
    let now = Utc::now();
    let mut model: internship_item::ActiveModel = item.clone().into();
    if item.done_at.is_none() {
        model.done_at = Set(Some(now));
        model.done_by = Set(Some(user.id));
    }
    if seat.may_mentor() {
        model.signed_off_at = Set(Some(now));
        model.signed_off_by = Set(Some(user.id));
    }
    let txn = crate::db::write(db).await?;
    let saved = model.update(&txn).await?;
    AuditEvent::new(Some(user.id), "internship.item_done", "internship_item")
        .id(item_id)
        .details(json!({"internship_id": internship_id, "signed_off": seat.may_mentor()}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The mentor hands an item back: it is not done after all.
pub async fn reopen(
    db: &DatabaseConnection,
    user: &CurrentUser,
    internship_id: i32,
    item_id: i32,
) -> AppResult<internship_item::Model> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_mentor() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let item = item_of(db, &found, item_id).await?;
    let mut model: internship_item::ActiveModel = item.into();
    model.done_at = Set(None);
    model.done_by = Set(None);
    model.signed_off_at = Set(None);
    model.signed_off_by = Set(None);
    let txn = crate::db::write(db).await?;
    let saved = model.update(&txn).await?;
    AuditEvent::new(Some(user.id), "internship.item_reopen", "internship_item")
        .id(item_id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Sets the day of the intern's next exam attempt and tells the intern and the mentor.
pub async fn schedule_exam(
    db: &DatabaseConnection,
    composer: &Composer,
    user: &CurrentUser,
    base_url: &str,
    internship_id: i32,
    exam_on: Option<NaiveDate>,
) -> AppResult<internship::Model> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_mentor() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let Some(day) = exam_on else {
        return Err(AppError::validation(
            "exam_on",
            Message::new("field-required"),
        ));
    };
    if day < found.start_date {
        return Err(AppError::validation(
            "exam_on",
            Message::new("internship-exam-before-start"),
        ));
    }
    if let Some(error) = FieldError::date("exam_on", DateKind::Planned, day) {
        return Err(error.into());
    }
    let txn = crate::db::write(db).await?;
    let mut model: internship::ActiveModel = found.into();
    model.exam_on = Set(Some(day));
    model.updated_at = Set(Utc::now());
    let saved = model.update(&txn).await?;
    AuditEvent::new(Some(user.id), "internship.exam_scheduled", "internship")
        .id(internship_id)
        .details(json!({"exam_on": day}))
        .record(&txn)
        .await?;
    super::notify::exam_scheduled(&txn, composer, user.id, base_url, &saved).await?;
    txn.commit().await?;
    Ok(saved)
}
