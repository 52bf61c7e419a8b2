//! Scorecards: each interviewer scores on their own — per question 1–5 (or not asked), notes
//! and the follow-ups asked; a rating per competency; a recommendation; strengths and
//! concerns. Drafts save as they go; submitting locks the card. Blind: an interviewer sees the
//! others' cards only after submitting their own; the hiring team sees every submitted card.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model;
use super::screen_checks::{self, CheckInput, CheckView};
use super::value_ratings::{self, ValueRatingInput};
use super::values_kit;
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::domain::scoring::SCORE_RANGE;
use crate::domain::text::TextKind;
use crate::entities::{
    competency, question, question_follow_up, scorecard, scorecard_answer, scorecard_rating, user,
};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

pub const RECOMMENDATIONS: [&str; 4] = ["strong_no", "no", "yes", "strong_yes"];

#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AnswerInput {
    pub question_id: i32,
    /// 1–5, or null when the question was not asked.
    pub score: Option<i32>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub follow_ups_asked: Vec<i32>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RatingInput {
    pub competency: String,
    pub score: i32,
}

/// A draft as the interviewer sends it; it replaces the previous draft whole.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ScorecardInput {
    #[serde(default)]
    pub answers: Vec<AnswerInput>,
    #[serde(default)]
    pub ratings: Vec<RatingInput>,
    /// On a `ceo_fit` interview: a 1–5 score with a note per agency value it asks about.
    #[serde(default)]
    pub values: Vec<ValueRatingInput>,
    /// strong_no, no, yes or strong_yes.
    pub recommendation: Option<String>,
    #[serde(default)]
    pub strengths: Option<String>,
    #[serde(default)]
    pub concerns: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// A screen interview's checks (`GET /positions/{id}/screen-script` lists their codes);
    /// other interviews have none.
    #[serde(default)]
    pub checks: Vec<CheckInput>,
}

/// A scorecard as read back.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ScorecardView {
    pub id: i32,
    pub interview_id: i32,
    pub interviewer_id: i32,
    pub interviewer_name: String,
    /// draft or submitted.
    pub status: String,
    pub recommendation: Option<String>,
    pub strengths: String,
    pub concerns: String,
    pub notes: String,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
    pub answers: Vec<AnswerInput>,
    pub ratings: Vec<RatingInput>,
    /// Scores of the agency's values (a `ceo_fit` interview only).
    pub values: Vec<ValueRatingInput>,
    /// A screen interview's checks, in the script's order.
    pub checks: Vec<CheckView>,
    /// The codes of the failed checks: a "no", or an expected salary above the band.
    pub failed_checks: Vec<String>,
}

async fn ensure_interviewer(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
) -> AppResult<()> {
    model::visible(db, user, interview_id).await?;
    if !user.can(Action::ScoreInterviews)
        || !model::interviewer_ids(db, interview_id)
            .await?
            .contains(&user.id)
    {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

async fn own(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
) -> AppResult<scorecard::Model> {
    ensure_interviewer(db, user, interview_id).await?;
    if let Some(found) = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.eq(interview_id))
        .filter(scorecard::Column::InterviewerId.eq(user.id))
        .one(db)
        .await?
    {
        return Ok(found);
    }
    let created = new_draft(db, interview_id, user.id).await;
    match created {
        Ok(created) => Ok(created),
        // Two tabs opening the same draft at once: the other one made it.
        Err(_) => scorecard::Entity::find()
            .filter(scorecard::Column::InterviewId.eq(interview_id))
            .filter(scorecard::Column::InterviewerId.eq(user.id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound),
    }
}

/// An empty draft of one interviewer's card.
pub async fn new_draft<C: sea_orm::ConnectionTrait>(
    db: &C,
    interview_id: i32,
    interviewer_id: i32,
) -> Result<scorecard::Model, sea_orm::DbErr> {
    let now = Utc::now();
    scorecard::ActiveModel {
        interview_id: Set(interview_id),
        interviewer_id: Set(interviewer_id),
        status: Set("draft".into()),
        recommendation: Set(None),
        strengths: Set(String::new()),
        concerns: Set(String::new()),
        notes: Set(String::new()),
        submitted_at: Set(None),
        reminder_sent_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The interviewer's own scorecard of this interview, made empty on first use.
pub async fn mine(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
) -> AppResult<ScorecardView> {
    let card = own(db, user, interview_id).await?;
    Ok(read(db, vec![card]).await?.remove(0))
}

/// Cards with their answers, ratings, value scores, screen checks and interviewer names: six queries for
/// any number.
async fn read(
    db: &DatabaseConnection,
    cards: Vec<scorecard::Model>,
) -> AppResult<Vec<ScorecardView>> {
    let ids: Vec<i32> = cards.iter().map(|c| c.id).collect();
    let answers = scorecard_answer::Entity::find()
        .filter(scorecard_answer::Column::ScorecardId.is_in(ids.clone()))
        .all(db)
        .await?;
    let ratings = scorecard_rating::Entity::find()
        .filter(scorecard_rating::Column::ScorecardId.is_in(ids.clone()))
        .all(db)
        .await?;
    let mut values = value_ratings::read(db, ids.clone()).await?;
    let mut checks = screen_checks::of_cards(db, ids).await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(cards.iter().map(|c| c.interviewer_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(cards
        .into_iter()
        .map(|c| {
            let checks = checks.remove(&c.id).unwrap_or_default();
            (c, checks)
        })
        .map(|(c, checks)| ScorecardView {
            failed_checks: checks
                .iter()
                .filter(|k| k.failed)
                .map(|k| k.code.clone())
                .collect(),
            checks,
            answers: answers
                .iter()
                .filter(|a| a.scorecard_id == c.id)
                .map(|a| AnswerInput {
                    question_id: a.question_id,
                    score: a.score,
                    notes: Some(a.notes.clone()).filter(|n| !n.is_empty()),
                    follow_ups_asked: serde_json::from_str(&a.follow_ups_asked).unwrap_or_default(),
                })
                .collect(),
            ratings: ratings
                .iter()
                .filter(|r| r.scorecard_id == c.id)
                .map(|r| RatingInput {
                    competency: r.competency.clone(),
                    score: r.score,
                })
                .collect(),
            values: values.remove(&c.id).unwrap_or_default(),
            interviewer_name: names.get(&c.interviewer_id).cloned().unwrap_or_default(),
            id: c.id,
            interview_id: c.interview_id,
            interviewer_id: c.interviewer_id,
            status: c.status,
            recommendation: c.recommendation,
            strengths: c.strengths,
            concerns: c.concerns,
            notes: c.notes,
            submitted_at: c.submitted_at,
        })
        .collect())
}

/// Checks a draft against the interview's kit: every question asked must be in it, every
/// follow-up must belong to its question, scores and ratings must be 1–5; a screen's checks
/// against its script (in `lang`, the language their subjects are kept in), which it returns.
async fn check(
    db: &DatabaseConnection,
    interview_id: i32,
    input: &ScorecardInput,
    lang: crate::web::i18n::Lang,
) -> AppResult<Option<crate::positions::screen_script::ScreenScript>> {
    let kit: Vec<question::Model> = model::kit(db, interview_id).await?;
    let kit_ids: Vec<i32> = kit.iter().map(|q| q.id).collect();
    let follow_ups = question_follow_up::Entity::find()
        .filter(question_follow_up::Column::QuestionId.is_in(kit_ids.clone()))
        .all(db)
        .await?;
    let competencies: Vec<String> = competency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let mut errors = Vec::new();
    for (i, a) in input.answers.iter().enumerate() {
        if !kit_ids.contains(&a.question_id) {
            errors.push(FieldError::new(
                format!("answers[{i}].question_id"),
                Message::new("field-question-not-in-kit"),
            ));
            continue;
        }
        if a.score.is_some_and(|s| !SCORE_RANGE.contains(&s)) {
            errors.push(FieldError::new(
                format!("answers[{i}].score"),
                Message::new("field-score-range"),
            ));
        }
        if a.follow_ups_asked.iter().any(|f| {
            !follow_ups
                .iter()
                .any(|known| known.id == *f && known.question_id == a.question_id)
        }) {
            errors.push(FieldError::new(
                format!("answers[{i}].follow_ups_asked"),
                Message::new("field-follow-up-unknown"),
            ));
        }
        errors.extend(FieldError::text(
            &format!("answers[{i}].notes"),
            TextKind::Text,
            a.notes.as_deref().unwrap_or("").trim(),
        ));
    }
    for (i, r) in input.ratings.iter().enumerate() {
        if !competencies.contains(&r.competency) {
            errors.push(FieldError::new(
                format!("ratings[{i}].competency"),
                Message::new("field-competency-invalid"),
            ));
        }
        if !SCORE_RANGE.contains(&r.score) {
            errors.push(FieldError::new(
                format!("ratings[{i}].score"),
                Message::new("field-score-range"),
            ));
        }
    }
    let asked: Vec<String> = values_kit::asked(db, vec![interview_id])
        .await?
        .into_iter()
        .map(|v| v.value_code)
        .collect();
    errors.extend(value_ratings::check(&asked, &input.values));
    if input
        .recommendation
        .as_deref()
        .is_some_and(|r| !RECOMMENDATIONS.contains(&r))
    {
        errors.push(FieldError::new(
            "recommendation",
            Message::new("field-recommendation"),
        ));
    }
    let script = screen_checks::script_of(db, interview_id, lang).await?;
    errors.extend(screen_checks::refusals(script.as_ref(), &input.checks));
    if errors.is_empty() {
        Ok(script)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Saves the draft whole; a submitted card is read-only (409).
pub async fn save_draft(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
    input: ScorecardInput,
) -> AppResult<ScorecardView> {
    let card = own(db, user, interview_id).await?;
    if card.status == "submitted" {
        return Err(AppError::Conflict(Message::new("scorecard-submitted")));
    }
    let script = check(db, interview_id, &input, user.lang).await?;
    let txn = crate::db::write(db).await?;
    screen_checks::replace(&txn, card.id, script.as_ref(), &input.checks).await?;
    scorecard_answer::Entity::delete_many()
        .filter(scorecard_answer::Column::ScorecardId.eq(card.id))
        .exec(&txn)
        .await?;
    scorecard_rating::Entity::delete_many()
        .filter(scorecard_rating::Column::ScorecardId.eq(card.id))
        .exec(&txn)
        .await?;
    let mut seen = Vec::new();
    for a in &input.answers {
        if seen.contains(&a.question_id) {
            continue;
        }
        seen.push(a.question_id);
        scorecard_answer::ActiveModel {
            scorecard_id: Set(card.id),
            question_id: Set(a.question_id),
            score: Set(a.score),
            notes: Set(a.notes.clone().unwrap_or_default().trim().to_owned()),
            follow_ups_asked: Set(json!(a.follow_ups_asked).to_string()),
        }
        .insert(&txn)
        .await?;
    }
    let mut rated = Vec::new();
    for r in &input.ratings {
        if rated.contains(&r.competency) {
            continue;
        }
        rated.push(r.competency.clone());
        scorecard_rating::ActiveModel {
            scorecard_id: Set(card.id),
            competency: Set(r.competency.clone()),
            score: Set(r.score),
        }
        .insert(&txn)
        .await?;
    }
    value_ratings::save(&txn, card.id, &input.values).await?;
    let mut changed: scorecard::ActiveModel = card.into();
    changed.recommendation = Set(input.recommendation.clone());
    changed.strengths = Set(input
        .strengths
        .clone()
        .unwrap_or_default()
        .trim()
        .to_owned());
    changed.concerns = Set(input.concerns.clone().unwrap_or_default().trim().to_owned());
    changed.notes = Set(input.notes.clone().unwrap_or_default().trim().to_owned());
    changed.updated_at = Set(Utc::now());
    let saved = changed.update(&txn).await?;
    txn.commit().await?;
    Ok(read(db, vec![saved]).await?.remove(0))
}

/// Locks the card. It needs a recommendation and at least one score or rating.
pub async fn submit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
) -> AppResult<ScorecardView> {
    let card = own(db, user, interview_id).await?;
    if card.status == "submitted" {
        return Err(AppError::Conflict(Message::new("scorecard-submitted")));
    }
    let view = read(db, vec![card.clone()]).await?.remove(0);
    let mut errors = Vec::new();
    if view.recommendation.is_none() {
        errors.push(FieldError::new(
            "recommendation",
            Message::new("field-recommendation"),
        ));
    }
    if view.ratings.is_empty()
        && view.values.is_empty()
        && view.answers.iter().all(|a| a.score.is_none())
    {
        errors.push(FieldError::new("answers", Message::new("scorecard-empty")));
    }
    if let Some(script) = screen_checks::script_of(db, interview_id, user.lang).await? {
        errors.extend(screen_checks::unanswered(&script, &view.checks));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut changed: scorecard::ActiveModel = card.into();
    changed.status = Set("submitted".into());
    changed.submitted_at = Set(Some(Utc::now()));
    changed.updated_at = Set(Utc::now());
    let saved = changed.update(db).await?;
    AuditEvent::new(Some(user.id), "scorecard.submit", "scorecard")
        .id(saved.id)
        .details(json!({"interview_id": interview_id}))
        .record(db)
        .await?;
    Ok(read(db, vec![saved]).await?.remove(0))
}

/// Has `user` submitted their own card of this interview?
async fn has_submitted(
    db: &DatabaseConnection,
    user_id: i32,
    interview_id: i32,
) -> AppResult<bool> {
    Ok(scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.eq(interview_id))
        .filter(scorecard::Column::InterviewerId.eq(user_id))
        .filter(scorecard::Column::Status.eq("submitted"))
        .one(db)
        .await?
        .is_some())
}

/// May `user` read the team's submitted cards of this interview? Anyone on the interview once
/// their own card is in; the rest of the hiring team always.
pub async fn may_read_team(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
) -> AppResult<bool> {
    model::visible(db, user, interview_id).await?;
    let submitted = has_submitted(db, user.id, interview_id).await?;
    // Whoever scores this interview scores blind, hiring team or not: their own card first.
    if model::interviewer_ids(db, interview_id)
        .await?
        .contains(&user.id)
    {
        return Ok(submitted);
    }
    Ok(user.can(Action::ViewScorecards) || submitted)
}

/// The submitted cards of an interview, for those the blind rule lets see them (403 before).
pub async fn submitted(
    db: &DatabaseConnection,
    user: &CurrentUser,
    interview_id: i32,
) -> AppResult<Vec<ScorecardView>> {
    if !may_read_team(db, user, interview_id).await? {
        return Err(AppError::Forbidden);
    }
    let cards = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.eq(interview_id))
        .filter(scorecard::Column::Status.eq("submitted"))
        .order_by_asc(scorecard::Column::SubmittedAt)
        .all(db)
        .await?;
    read(db, cards).await
}

/// Every submitted card of these interviews, for profiles: no access check (callers do it).
pub async fn submitted_for(
    db: &DatabaseConnection,
    interview_ids: Vec<i32>,
) -> AppResult<Vec<ScorecardView>> {
    let cards = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.is_in(interview_ids))
        .filter(scorecard::Column::Status.eq("submitted"))
        .all(db)
        .await?;
    read(db, cards).await
}
