//! What the people around an intern grade besides the exam: the defence of the first-project
//! plan (each panel member scores every rubric criterion 1..5) and the department weeks
//! (the department's owner scores the week on the hiring checklist's competencies).

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::model::{ensure_active, open};
use super::programme;
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::Role;
use crate::entities::{defence_grade, rotation, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// One panel member's scorecard for the defence: every criterion of the rubric, 1..5.
pub async fn grade_defence(
    db: &DatabaseConnection,
    user: &CurrentUser,
    internship_id: i32,
    scores: &BTreeMap<String, Option<i32>>,
    notes: &str,
) -> AppResult<()> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_grade_defence() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let mut errors = Vec::new();
    for code in scores.keys() {
        if !programme::rubric().iter().any(|c| &c.code == code) {
            errors.push(FieldError::new(
                format!("grades.{code}"),
                Message::new("internship-criterion-unknown"),
            ));
        }
    }
    for criterion in programme::rubric() {
        match scores.get(&criterion.code).copied().flatten() {
            Some(score) if (1..=5).contains(&score) => {}
            Some(_) => errors.push(FieldError::new(
                format!("grades.{}", criterion.code),
                Message::new("field-score-range"),
            )),
            None => errors.push(FieldError::new(
                format!("grades.{}", criterion.code),
                Message::new("field-required"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    // A panel member may revise their own scorecard; it replaces the earlier one whole.
    defence_grade::Entity::delete_many()
        .filter(defence_grade::Column::InternshipId.eq(internship_id))
        .filter(defence_grade::Column::GraderId.eq(user.id))
        .exec(&txn)
        .await?;
    for criterion in programme::rubric() {
        defence_grade::ActiveModel {
            internship_id: Set(internship_id),
            grader_id: Set(user.id),
            criterion: Set(criterion.code.clone()),
            score: Set(scores[&criterion.code].unwrap_or_default()),
            notes: Set(notes.trim().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    AuditEvent::new(Some(user.id), "internship.defence_grade", "internship")
        .id(internship_id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn rotation_of(
    db: &DatabaseConnection,
    internship_id: i32,
    rotation_id: i32,
) -> AppResult<rotation::Model> {
    rotation::Entity::find_by_id(rotation_id)
        .one(db)
        .await?
        .filter(|r| r.internship_id == internship_id)
        .ok_or(AppError::NotFound)
}

/// Names who owns a department week: an active member of staff (not an intern).
pub async fn set_rotation_owner(
    db: &DatabaseConnection,
    user: &CurrentUser,
    internship_id: i32,
    rotation_id: i32,
    owner_id: Option<i32>,
) -> AppResult<rotation::Model> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_mentor() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let week = rotation_of(db, internship_id, rotation_id).await?;
    if let Some(id) = owner_id {
        let staff = user::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|u| u.active && u.role != Role::Intern.as_str());
        if !staff {
            return Err(AppError::validation(
                "owner_id",
                Message::new("internship-owner-invalid"),
            ));
        }
    }
    let mut model: rotation::ActiveModel = week.into();
    model.owner_id = Set(owner_id);
    let saved = model.update(db).await?;
    AuditEvent::new(Some(user.id), "internship.rotation_owner", "rotation")
        .id(rotation_id)
        .details(json!({"owner_id": owner_id}))
        .record(db)
        .await?;
    Ok(saved)
}

/// The department owner's scorecard of the week: competency → 1..5 (the ones they saw), notes.
pub async fn score_rotation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    internship_id: i32,
    rotation_id: i32,
    scores: &BTreeMap<String, Option<i32>>,
    notes: &str,
) -> AppResult<rotation::Model> {
    let (found, _) = open(db, user, internship_id).await?;
    let week = rotation_of(db, internship_id, rotation_id).await?;
    if week.owner_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let known = crate::positions::reference::competencies(db).await?;
    let mut errors = Vec::new();
    let mut kept = BTreeMap::new();
    for (code, score) in scores {
        if !known.iter().any(|c| &c.code == code) {
            errors.push(FieldError::new(
                format!("scores.{code}"),
                Message::new("internship-competency-unknown"),
            ));
        }
        match score {
            Some(s) if (1..=5).contains(s) => {
                kept.insert(code.clone(), *s);
            }
            Some(_) => errors.push(FieldError::new(
                format!("scores.{code}"),
                Message::new("field-score-range"),
            )),
            None => {}
        }
    }
    if errors.is_empty() && kept.is_empty() {
        errors.push(FieldError::new(
            "scores",
            Message::new("internship-scores-empty"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut model: rotation::ActiveModel = week.into();
    model.scores = Set(Some(
        serde_json::to_string(&kept).map_err(|e| AppError::Internal(e.into()))?,
    ));
    model.notes = Set(notes.trim().to_owned());
    model.scored_at = Set(Some(Utc::now()));
    model.scored_by = Set(Some(user.id));
    let saved = model.update(db).await?;
    AuditEvent::new(Some(user.id), "internship.rotation_scored", "rotation")
        .id(rotation_id)
        .record(db)
        .await?;
    Ok(saved)
}
