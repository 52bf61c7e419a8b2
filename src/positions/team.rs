//! The hiring team of a position: its recruiter, its hiring manager and its interviewers.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::access::{Action, Role, can};
use crate::entities::{position, position_interviewer, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// Someone who may be put on a hiring team.
#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub id: i32,
    pub name: String,
    pub role: String,
}

/// Active users by the part they can play: recruiters, hiring managers, interviewers.
pub struct Candidates {
    pub recruiters: Vec<Member>,
    pub managers: Vec<Member>,
    pub interviewers: Vec<Member>,
}

fn role_of(u: &user::Model) -> Option<Role> {
    u.role.parse().ok()
}

fn may_recruit(role: Role) -> bool {
    can(role, Action::ManageCandidates)
}

fn may_manage(role: Role) -> bool {
    can(role, Action::ApproveOffers)
}

fn may_interview(role: Role) -> bool {
    can(role, Action::ScoreInterviews)
}

pub async fn members(db: &DatabaseConnection) -> AppResult<Candidates> {
    let users = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let pick = |rule: fn(Role) -> bool| {
        users
            .iter()
            .filter(|u| role_of(u).is_some_and(rule))
            .map(|u| Member {
                id: u.id,
                name: u.name.clone(),
                role: u.role.clone(),
            })
            .collect()
    };
    Ok(Candidates {
        recruiters: pick(may_recruit),
        managers: pick(may_manage),
        interviewers: pick(may_interview),
    })
}

pub async fn interviewer_ids(db: &DatabaseConnection, position_id: i32) -> AppResult<Vec<i32>> {
    Ok(position_interviewer::Entity::find()
        .filter(position_interviewer::Column::PositionId.eq(position_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect())
}

/// The team as chosen on the form or sent to the API.
pub struct Team {
    pub recruiter_id: Option<i32>,
    pub hiring_manager_id: Option<i32>,
    pub interviewer_ids: Vec<i32>,
}

/// Checks that each person is active and may play their part, without writing anything.
pub async fn check(
    db: &DatabaseConnection,
    current: &position::Model,
    team: &Team,
) -> AppResult<()> {
    let mut ids: Vec<i32> = team.interviewer_ids.clone();
    ids.extend(team.recruiter_id);
    ids.extend(team.hiring_manager_id);
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    let fits = |id: i32, rule: fn(Role) -> bool| {
        users
            .iter()
            .any(|u| u.id == id && role_of(u).is_some_and(rule))
    };
    // Only a change is checked: someone already on the team who has since left or changed
    // role does not block editing the rest of it.
    let changed = |new: Option<i32>, old: Option<i32>| new.filter(|_| new != old);
    let mut errors = Vec::new();
    if changed(team.recruiter_id, current.recruiter_id).is_some_and(|id| !fits(id, may_recruit)) {
        errors.push(FieldError::new(
            "recruiter_id",
            Message::new("field-team-recruiter"),
        ));
    }
    if changed(team.hiring_manager_id, current.hiring_manager_id)
        .is_some_and(|id| !fits(id, may_manage))
    {
        errors.push(FieldError::new(
            "hiring_manager_id",
            Message::new("field-team-manager"),
        ));
    }
    if team
        .interviewer_ids
        .iter()
        .any(|id| !fits(*id, may_interview))
    {
        errors.push(FieldError::new(
            "interviewer_ids",
            Message::new("field-team-interviewer"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Sets the team after checking it.
pub async fn set_team(
    db: &DatabaseConnection,
    actor_id: i32,
    position_id: i32,
    team: Team,
) -> AppResult<position::Model> {
    let current = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check(db, &current, &team).await?;
    let txn = crate::db::write(db).await?;
    let mut changed: position::ActiveModel = current.clone().into();
    changed.recruiter_id = Set(team.recruiter_id);
    changed.hiring_manager_id = Set(team.hiring_manager_id);
    changed.version = Set(current.version + 1);
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(&txn).await?;
    position_interviewer::Entity::delete_many()
        .filter(position_interviewer::Column::PositionId.eq(position_id))
        .exec(&txn)
        .await?;
    let mut interviewers = team.interviewer_ids.clone();
    interviewers.sort_unstable();
    interviewers.dedup();
    for user_id in &interviewers {
        position_interviewer::ActiveModel {
            position_id: Set(position_id),
            user_id: Set(*user_id),
        }
        .insert(&txn)
        .await?;
    }
    AuditEvent::new(Some(actor_id), "position.team", "position")
        .id(position_id)
        .details(json!({
            "recruiter_id": team.recruiter_id,
            "hiring_manager_id": team.hiring_manager_id,
            "interviewer_ids": interviewers,
        }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(updated)
}
