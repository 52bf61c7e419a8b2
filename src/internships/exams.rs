//! Exam attempts: numbered per exam, checked against the pass mark, the maximum number of
//! attempts and the cool-down from the settings, graded by the mentor or an examiner with notes.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, SqlErr};
use serde_json::json;

use super::model::{ensure_active, open};
use super::programme;
use super::view::attempts_of;
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::internship::{self as rules, AttemptRefused, ExamTrack, PastAttempt};
use crate::domain::irreversible;
use crate::entities::{exam_attempt, internship};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::Composer;
use crate::web::i18n::Message;

/// A sitting of the exam as the examiner records it.
#[derive(Clone, Debug, Default)]
pub struct AttemptInput {
    pub exam: String,
    pub taken_on: Option<NaiveDate>,
    pub score: Option<i32>,
    pub max_score: Option<i32>,
    pub notes: String,
}

/// The recorded attempt and how many remain when attempts are limited.
pub struct Recorded {
    pub attempt: exam_attempt::Model,
    pub attempts_left: Option<u32>,
}

fn refusal(refused: AttemptRefused) -> AppError {
    match refused {
        AttemptRefused::BadScore => {
            AppError::validation("score", Message::new("internship-score-invalid"))
        }
        AttemptRefused::AlreadyPassed => {
            AppError::Conflict(Message::new("internship-exam-already-passed"))
        }
        AttemptRefused::NoAttemptsLeft { max } => AppError::Conflict(
            Message::new("internship-no-attempts-left").with_number("max", i64::from(max)),
        ),
        AttemptRefused::CoolingDown { earliest } => {
            AppError::Conflict(Message::new("internship-cooling-down").with_date("date", earliest))
        }
        AttemptRefused::BeforePrevious { previous } => AppError::validation(
            "taken_on",
            Message::new("internship-attempt-before-previous").with_date("date", previous),
        ),
    }
}

pub async fn record_attempt(
    db: &DatabaseConnection,
    composer: &Composer,
    user: &CurrentUser,
    base_url: &str,
    internship_id: i32,
    input: AttemptInput,
) -> AppResult<Recorded> {
    let (found, seat) = open(db, user, internship_id).await?;
    if !seat.may_mentor() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let mut errors = Vec::new();
    let exam = ExamTrack::parse(input.exam.trim());
    if exam.is_none() {
        errors.push(FieldError::new(
            "exam",
            Message::new("field-choice-invalid"),
        ));
    }
    for (field, value) in [
        ("taken_on", input.taken_on.is_some()),
        ("score", input.score.is_some()),
        ("max_score", input.max_score.is_some()),
    ] {
        if !value {
            errors.push(FieldError::new(field, Message::new("field-required")));
        }
    }
    let (Some(exam), Some(taken_on), Some(score), Some(max_score)) =
        (exam, input.taken_on, input.score, input.max_score)
    else {
        return Err(AppError::Validation(errors));
    };
    // The intern sits the exam of their track; a change of track is a new enrolment.
    if exam.as_str() != found.exam_track {
        return Err(AppError::validation(
            "exam",
            Message::new("internship-exam-not-track")
                .with("track", found.exam_track.to_uppercase()),
        ));
    }
    if taken_on < found.start_date {
        return Err(AppError::validation(
            "taken_on",
            Message::new("internship-exam-before-start"),
        ));
    }
    // An attempt is a result: recorded once the exam has been sat, never ahead of it.
    if !irreversible::attempt_may_be_recorded(taken_on, composer.agency().today()) {
        return Err(AppError::validation(
            "taken_on",
            Message::new("internship-exam-in-future").with_date("date", taken_on),
        ));
    }
    let settings = programme::settings(db).await?;
    let policy = settings.exam_policy();
    let past: Vec<PastAttempt> = attempts_of(db, internship_id)
        .await?
        .iter()
        .filter(|a| a.exam == exam.as_str())
        .map(|a| PastAttempt {
            taken_on: a.taken_on,
            passed: a.passed,
        })
        .collect();
    let number = rules::next_attempt(&past, taken_on, score, max_score, policy).map_err(refusal)?;
    let passed = rules::passes(score, max_score, policy.pass_percent);

    let txn = crate::db::write(db).await?;
    let attempt = exam_attempt::ActiveModel {
        internship_id: Set(internship_id),
        exam: Set(exam.as_str().to_owned()),
        attempt: Set(number as i32),
        taken_on: Set(taken_on),
        score: Set(score),
        max_score: Set(max_score),
        pass_percent: Set(policy.pass_percent as i32),
        passed: Set(passed),
        notes: Set(input.notes.trim().to_owned()),
        graded_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Someone recorded the same attempt a moment ago.
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflict(Message::new("internship-attempt-taken"))
        }
        _ => e.into(),
    })?;
    // The scheduled date has been used; the next attempt gets its own.
    if found.exam_on.is_some_and(|d| d <= taken_on) {
        let mut model: internship::ActiveModel = found.clone().into();
        model.exam_on = Set(None);
        model.updated_at = Set(Utc::now());
        model.update(&txn).await?;
    }
    AuditEvent::new(Some(user.id), "internship.exam_attempt", "internship")
        .id(internship_id)
        .details(json!({"exam": exam.as_str(), "attempt": number, "passed": passed}))
        .record(&txn)
        .await?;
    let attempts_left = rules::attempts_left(number, policy);
    super::notify::exam_result(
        &txn,
        composer,
        user.id,
        base_url,
        &found,
        &attempt,
        attempts_left,
    )
    .await?;
    txn.commit().await?;
    Ok(Recorded {
        attempt,
        attempts_left,
    })
}
