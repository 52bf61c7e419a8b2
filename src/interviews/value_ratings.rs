//! The CEO's score per value on a `ceo_fit` scorecard (1–5 with a note), kept beside the
//! competency ratings rather than among them: a value is the agency's own word, not a
//! competency of the bank, and its note is the evidence the brief quotes. Also the brief's
//! evidence per value: who scored it, how, and which values have no evidence yet.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use super::values_kit;
use crate::domain::scoring::SCORE_RANGE;
use crate::domain::text::TextKind;
use crate::entities::scorecard_value_rating;
use crate::error::{AppResult, FieldError};
use crate::web::i18n::Message;

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, utoipa::ToSchema)]
pub struct ValueRatingInput {
    /// The value's code, one the interview was scheduled to ask about.
    pub value: String,
    /// 1–5.
    pub score: i32,
    #[serde(default)]
    pub note: Option<String>,
}

/// Problems with the value scores of a draft, named `values[i].…`.
pub fn check(asked: &[String], ratings: &[ValueRatingInput]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, r) in ratings.iter().enumerate() {
        if !asked.contains(&r.value) {
            errors.push(FieldError::new(
                format!("values[{i}].value"),
                Message::new("field-value-not-asked"),
            ));
            continue;
        }
        if !SCORE_RANGE.contains(&r.score) {
            errors.push(FieldError::new(
                format!("values[{i}].score"),
                Message::new("field-score-range"),
            ));
        }
        errors.extend(FieldError::text(
            &format!("values[{i}].note"),
            TextKind::Text,
            r.note.as_deref().unwrap_or("").trim(),
        ));
    }
    errors
}

/// Replaces a card's value scores (inside the draft's transaction).
pub async fn save<C: ConnectionTrait>(
    db: &C,
    scorecard_id: i32,
    ratings: &[ValueRatingInput],
) -> AppResult<()> {
    scorecard_value_rating::Entity::delete_many()
        .filter(scorecard_value_rating::Column::ScorecardId.eq(scorecard_id))
        .exec(db)
        .await?;
    let mut seen: Vec<&str> = Vec::new();
    for r in ratings {
        if seen.contains(&r.value.as_str()) {
            continue;
        }
        seen.push(&r.value);
        scorecard_value_rating::ActiveModel {
            scorecard_id: Set(scorecard_id),
            value_code: Set(r.value.clone()),
            score: Set(r.score),
            note: Set(r.note.clone().unwrap_or_default().trim().to_owned()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The value scores of these cards, by card: one query.
pub async fn read<C: ConnectionTrait>(
    db: &C,
    scorecard_ids: Vec<i32>,
) -> AppResult<HashMap<i32, Vec<ValueRatingInput>>> {
    let mut by_card: HashMap<i32, Vec<ValueRatingInput>> = HashMap::new();
    for r in scorecard_value_rating::Entity::find()
        .filter(scorecard_value_rating::Column::ScorecardId.is_in(scorecard_ids))
        .all(db)
        .await?
    {
        by_card
            .entry(r.scorecard_id)
            .or_default()
            .push(ValueRatingInput {
                value: r.value_code,
                score: r.score,
                note: Some(r.note).filter(|n| !n.is_empty()),
            });
    }
    Ok(by_card)
}

/// One interviewer's score of a value.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ValueScore {
    pub interviewer_id: i32,
    pub interviewer_name: String,
    pub score: i32,
    pub note: Option<String>,
}

/// What the brief shows of one value.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ValueEvidence {
    pub code: String,
    pub name: String,
    /// Every submitted score of this value, empty when there is no evidence yet.
    pub scores: Vec<ValueScore>,
    /// The mean of the scores, when there are any.
    pub average: Option<f64>,
}

/// The evidence per value from the submitted cards: the agency's values in order, then any
/// value scored on an interview that the list no longer has (under the name it was asked by).
pub async fn evidence(
    db: &sea_orm::DatabaseConnection,
    interview_ids: Vec<i32>,
    cards: &[super::scorecards::ScorecardView],
) -> AppResult<Vec<ValueEvidence>> {
    let mut named: Vec<(String, String)> = crate::values::model::list(db)
        .await?
        .into_iter()
        .map(|v| (v.code, v.name))
        .collect();
    for v in values_kit::asked(db, interview_ids).await? {
        let scored = cards
            .iter()
            .any(|c| c.values.iter().any(|r| r.value == v.value_code));
        if scored && !named.iter().any(|(code, _)| *code == v.value_code) {
            named.push((v.value_code, v.name));
        }
    }
    Ok(named
        .into_iter()
        .map(|(code, name)| {
            let scores: Vec<ValueScore> = cards
                .iter()
                .flat_map(|c| {
                    c.values
                        .iter()
                        .filter(|r| r.value == code)
                        .map(|r| ValueScore {
                            interviewer_id: c.interviewer_id,
                            interviewer_name: c.interviewer_name.clone(),
                            score: r.score,
                            note: r.note.clone(),
                        })
                })
                .collect();
            let average = (!scores.is_empty()).then(|| {
                f64::from(scores.iter().map(|s| s.score).sum::<i32>()) / scores.len() as f64
            });
            ValueEvidence {
                code,
                name,
                scores,
                average,
            }
        })
        .collect())
}
