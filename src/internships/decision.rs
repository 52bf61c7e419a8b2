//! The end of the month: the evidence gathered on one page and the decision — stay an
//! intern, promote to account manager, transfer to a department, or part ways — which lands
//! on the person's record (grade and department) and is emailed to them.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use serde_json::json;

use super::model::{DECIDED, open};
use super::programme;
use super::view::{attempts_of, defence_grades};
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::internship::{
    self as rules, DecisionRefused, Department, Evidence, Outcome, PROMOTED_GRADE,
};
use crate::domain::irreversible;
use crate::entities::{defence_grade, internship, internship_item, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::Composer;
use crate::web::i18n::Message;

/// The decision as it is submitted.
#[derive(Clone, Debug, Default)]
pub struct DecisionInput {
    pub outcome: String,
    pub department: Option<String>,
    pub reason: String,
    /// Why decide before the programme's last week; needed only then.
    pub early_reason: String,
}

fn refusal(refused: DecisionRefused) -> AppError {
    match refused {
        DecisionRefused::AlreadyDecided => AppError::Conflict(Message::new("internship-decided")),
        DecisionRefused::ReasonMissing => {
            AppError::validation("reason", Message::new("field-required"))
        }
        DecisionRefused::DepartmentMissing => {
            AppError::validation("department", Message::new("internship-department-required"))
        }
        DecisionRefused::NoPassedExam => {
            AppError::Conflict(Message::new("internship-promote-needs-exam"))
        }
        DecisionRefused::NoPassedDefence => {
            AppError::Conflict(Message::new("internship-promote-needs-defence"))
        }
    }
}

/// What the rules need to know about the month so far.
pub async fn evidence(db: &DatabaseConnection, found: &internship::Model) -> AppResult<Evidence> {
    let settings = programme::settings(db).await?;
    let exam_passed = attempts_of(db, found.id).await?.iter().any(|a| a.passed);
    let grades = defence_grade::Entity::find()
        .filter(defence_grade::Column::InternshipId.eq(found.id))
        .all(db)
        .await?;
    Ok(Evidence {
        decided: found.status == DECIDED,
        exam_passed,
        defence_passed: rules::defence_passed(
            &programme::rubric_weights(),
            &defence_grades(&grades),
            settings.defence_pass_mark,
        ),
    })
}

/// The first day of the programme's last week for this internship, from its plan.
pub async fn last_week_starts(
    db: &DatabaseConnection,
    found: &internship::Model,
) -> AppResult<NaiveDate> {
    let items: Vec<(i32, NaiveDate)> = internship_item::Entity::find()
        .select_only()
        .column(internship_item::Column::Week)
        .column(internship_item::Column::DueOn)
        .filter(internship_item::Column::InternshipId.eq(found.id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(irreversible::last_week_starts(found.start_date, &items))
}

/// The day the last week starts, when a decision `today` (the agency's day) would be early.
pub async fn early_until(
    db: &DatabaseConnection,
    found: &internship::Model,
    today: NaiveDate,
) -> AppResult<Option<NaiveDate>> {
    let starts = last_week_starts(db, found).await?;
    Ok(irreversible::decision_is_early(today, starts).then_some(starts))
}

/// A decision that passed every check, ready to be written or shown for confirmation.
pub struct Checked {
    pub found: internship::Model,
    pub outcome: Outcome,
    pub department: Option<String>,
    /// The day the last week starts, when deciding now is early.
    pub early: Option<NaiveDate>,
}

/// Every check of `decide`, without writing: the page asks for confirmation with this.
/// `today` is the agency's day.
pub async fn check(
    db: &DatabaseConnection,
    user: &CurrentUser,
    internship_id: i32,
    input: &DecisionInput,
    today: NaiveDate,
) -> AppResult<Checked> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_mentor() {
        return Err(AppError::Forbidden);
    }
    let Some(outcome) = Outcome::parse(input.outcome.trim()) else {
        return Err(AppError::Validation(vec![FieldError::new(
            "outcome",
            Message::new("field-choice-invalid"),
        )]));
    };
    let department = input
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty() && outcome == Outcome::Transfer);
    if let Some(code) = department
        && Department::parse(code).is_none()
    {
        return Err(AppError::validation(
            "department",
            Message::new("field-choice-invalid"),
        ));
    }
    let evidence = evidence(db, &found).await?;
    rules::check_decision(outcome, evidence, department, &input.reason).map_err(refusal)?;
    let early = early_until(db, &found, today).await?;
    if let Some(starts) = early
        && input.early_reason.trim().is_empty()
    {
        return Err(AppError::Conflict(
            Message::new("internship-decision-early").with_date("date", starts),
        ));
    }
    Ok(Checked {
        department: department.map(str::to_owned),
        found,
        outcome,
        early,
    })
}

/// The decision: checked against the evidence, and before the last week only with a reason
/// for deciding early (409 without it); lands on the person's record and is emailed.
pub async fn decide(
    db: &DatabaseConnection,
    composer: &Composer,
    user: &CurrentUser,
    base_url: &str,
    internship_id: i32,
    input: DecisionInput,
) -> AppResult<internship::Model> {
    let Checked {
        found,
        outcome,
        department,
        early,
    } = check(db, user, internship_id, &input, composer.agency().today()).await?;
    let department = department.as_deref();
    let early_reason = input.early_reason.trim();

    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let intern = user::Entity::find_by_id(found.intern_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut person: user::ActiveModel = intern.clone().into();
    match outcome {
        Outcome::Promote => {
            person.grade = Set(Some(PROMOTED_GRADE.to_owned()));
            person.department = Set(Some(Department::ClientService.as_str().to_owned()));
        }
        Outcome::Transfer => person.department = Set(department.map(str::to_owned)),
        Outcome::StayIntern | Outcome::PartWays => {}
    }
    person.updated_at = Set(now);
    person.update(&txn).await?;

    let mut model: internship::ActiveModel = found.clone().into();
    model.status = Set(DECIDED.to_owned());
    model.outcome = Set(Some(outcome.as_str().to_owned()));
    model.outcome_department = Set(department.map(str::to_owned));
    model.outcome_reason = Set(Some(input.reason.trim().to_owned()));
    model.early_reason = Set(early.map(|_| early_reason.to_owned()));
    model.decided_at = Set(Some(now));
    model.decided_by = Set(Some(user.id));
    model.version = Set(found.version + 1);
    model.updated_at = Set(now);
    // Only the first of two simultaneous decisions lands.
    let updated = internship::Entity::update_many()
        .set(model)
        .filter(internship::Column::Id.eq(found.id))
        .filter(internship::Column::Version.eq(found.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::Conflict(Message::new("internship-decided")));
    }
    let decided = internship::Entity::find_by_id(found.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    AuditEvent::new(Some(user.id), "internship.decide", "internship")
        .id(found.id)
        .details(json!({
            "outcome": outcome.as_str(),
            "department": department,
            "intern_id": intern.id,
            "grade_before": intern.grade,
            "early_reason": early.map(|_| early_reason),
        }))
        .record(&txn)
        .await?;
    super::notify::decision(&txn, composer, user.id, base_url, &decided, &intern).await?;
    crate::webhooks::events::on_internship_decided(&txn, &decided).await?;
    txn.commit().await?;
    Ok(decided)
}
