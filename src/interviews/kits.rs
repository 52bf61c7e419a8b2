//! Interview kits: the competencies a position weighs and the questions for each kind of
//! interview, in a suggested order with a time for each. A default comes from the bank; the
//! hiring manager adjusts it per position.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use super::bank::{self, KINDS};
use crate::audit::AuditEvent;
use crate::domain::role_variant::RoleVariant;
use crate::entities::{competency, position, position_competency, position_kit_question, question};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// How many questions per competency a default kit takes for each kind, and how many in
/// all: a phone screen is short, a competency interview about an hour.
fn default_size(kind: &str) -> (usize, usize) {
    match kind {
        "screen" => (1, 6),
        "competency" => (1, 12),
        _ => (3, 8),
    }
}

/// The competencies a position must assess: as the hiring manager set them, or all of them.
/// The second value says whether they were set (only then does coverage gate the pipeline).
pub async fn competencies(
    db: &DatabaseConnection,
    position_id: i32,
) -> AppResult<(Vec<String>, bool)> {
    let chosen: Vec<String> = position_competency::Entity::find()
        .filter(position_competency::Column::PositionId.eq(position_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.competency)
        .collect();
    let all = competency::Entity::find()
        .order_by_asc(competency::Column::Rank)
        .all(db)
        .await?;
    if chosen.is_empty() {
        return Ok((all.into_iter().map(|c| c.code).collect(), false));
    }
    Ok((
        all.into_iter()
            .map(|c| c.code)
            .filter(|code| chosen.contains(code))
            .collect(),
        true,
    ))
}

/// The kit of `kind` for a position: current question versions in order.
pub async fn kit(
    db: &DatabaseConnection,
    position_id: i32,
    kind: &str,
) -> AppResult<Vec<question::Model>> {
    // The CEO's cultural fit asks about the agency's values (values_kit), never the bank.
    if kind == super::values_kit::KIND {
        return Ok(Vec::new());
    }
    let current = bank::current(db, None).await?;
    let chosen = position_kit_question::Entity::find()
        .filter(position_kit_question::Column::PositionId.eq(position_id))
        .filter(position_kit_question::Column::Kind.eq(kind))
        .order_by_asc(position_kit_question::Column::Rank)
        .all(db)
        .await?;
    if !chosen.is_empty() {
        let by_code: HashMap<&str, &question::Model> =
            current.iter().map(|q| (q.code.as_str(), q)).collect();
        return Ok(chosen
            .iter()
            .filter_map(|c| by_code.get(c.question_code.as_str()).map(|q| (*q).clone()))
            .collect());
    }
    let (mut weighs, _) = competencies(db, position_id).await?;
    // The role variant's heavy competencies come first and get an extra question each, on
    // top of the usual total, so the rest of the kit is not squeezed out.
    let variant = variant_of(db, position_id).await?;
    variant.order(&mut weighs);
    let (per_competency, total) = default_size(kind);
    let total = total
        + weighs
            .iter()
            .map(|c| variant.extra_questions(c))
            .sum::<usize>();
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut kit = Vec::new();
    // In competency order, taking each competency's first questions by code.
    for code in &weighs {
        let allowed = per_competency + variant.extra_questions(code);
        for q in current
            .iter()
            .filter(|q| &q.competency == code && q.interviews.split(',').any(|k| k == kind))
        {
            let count = taken.entry(code.clone()).or_default();
            if *count < allowed && kit.len() < total {
                *count += 1;
                kit.push(q.clone());
            }
        }
    }
    Ok(kit)
}

/// The role variant a position hires for; a position that is gone weighs nothing extra.
async fn variant_of(db: &DatabaseConnection, position_id: i32) -> AppResult<RoleVariant> {
    Ok(position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .map(|p| RoleVariant::of_stored(&p.role_variant))
        .unwrap_or_default())
}

/// The hiring manager's choice for a position: the competencies it weighs and, per kind, the
/// questions in order. Unknown codes are refused; an empty question list means the default.
pub async fn adjust(
    db: &DatabaseConnection,
    actor_id: i32,
    position_id: i32,
    competencies_chosen: Vec<String>,
    kind: &str,
    question_codes: Vec<String>,
) -> AppResult<()> {
    let known_competencies: Vec<String> = competency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let known_questions: Vec<String> = bank::current(db, None)
        .await?
        .into_iter()
        .map(|q| q.code)
        .collect();
    let mut errors = Vec::new();
    if competencies_chosen
        .iter()
        .any(|c| !known_competencies.contains(c))
    {
        errors.push(FieldError::new(
            "competencies",
            Message::new("field-competency-invalid"),
        ));
    }
    if !KINDS.contains(&kind) {
        errors.push(FieldError::new(
            "kind",
            Message::new("field-interview-kind"),
        ));
    }
    if question_codes.iter().any(|c| !known_questions.contains(c)) {
        errors.push(FieldError::new(
            "questions",
            Message::new("field-question-unknown"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::write(db).await?;
    position_competency::Entity::delete_many()
        .filter(position_competency::Column::PositionId.eq(position_id))
        .exec(&txn)
        .await?;
    for code in &competencies_chosen {
        position_competency::ActiveModel {
            position_id: Set(position_id),
            competency: Set(code.clone()),
        }
        .insert(&txn)
        .await?;
    }
    position_kit_question::Entity::delete_many()
        .filter(position_kit_question::Column::PositionId.eq(position_id))
        .filter(position_kit_question::Column::Kind.eq(kind))
        .exec(&txn)
        .await?;
    let mut seen = Vec::new();
    for code in question_codes {
        if seen.contains(&code) {
            continue;
        }
        position_kit_question::ActiveModel {
            position_id: Set(position_id),
            kind: Set(kind.to_owned()),
            question_code: Set(code.clone()),
            rank: Set(seen.len() as i32 + 1),
        }
        .insert(&txn)
        .await?;
        seen.push(code);
    }
    AuditEvent::new(Some(actor_id), "position.kit", "position")
        .id(position_id)
        .details(json!({"kind": kind, "competencies": competencies_chosen, "questions": seen}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A kit as a page or the API shows it: questions with the minute each starts at.
#[derive(Serialize, utoipa::ToSchema)]
pub struct KitItem {
    #[serde(flatten)]
    pub question: bank::QuestionView,
    /// Minutes from the start of the interview at which to reach this question.
    pub starts_at_minute: i32,
}

pub fn timed(questions: Vec<bank::QuestionView>) -> (Vec<KitItem>, i32) {
    let mut minute = 0;
    let items = questions
        .into_iter()
        .map(|q| {
            let item = KitItem {
                starts_at_minute: minute,
                question: q,
            };
            minute += item.question.minutes;
            item
        })
        .collect();
    (items, minute)
}
