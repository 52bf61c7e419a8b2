//! The CEO's one-page brief before the cultural-fit interview, built from the evidence: the
//! competency profile and its gaps, the references, the expected salary against the band, and
//! the red flags; and the CEO's go / no-go, recorded on the application's timeline.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::profile::{self, CompetencyProfile};
use super::scorecards;
use super::value_ratings;
use crate::domain::text::TextKind;
use crate::entities::{application, application_event, grade, interview, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::candidates;
use crate::references::model::{self as references, ReferenceView};
use crate::timeline::model::{self as timeline, Entry};
use crate::web::i18n::Message;

pub const DECISIONS: [&str; 2] = ["go", "no_go"];

/// Where the expected salary sits against the position's band.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SalaryCheck {
    pub expected: Option<i64>,
    pub currency: Option<String>,
    pub band_min: i64,
    pub band_max: i64,
    /// below, within, above, or unknown.
    pub against_band: &'static str,
}

/// A red flag, as a message key with its detail.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RedFlag {
    /// concern, negative_reference, mixed_reference, disagreement, coverage_gap, above_band,
    /// no_go_recommendation, value_concern (a value scored 1 or 2).
    pub kind: &'static str,
    pub detail: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CeoBrief {
    pub application_id: i32,
    pub candidate: String,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub position: String,
    pub stage: String,
    pub profile: CompetencyProfile,
    pub references: Vec<ReferenceView>,
    pub salary: SalaryCheck,
    pub strengths: Vec<String>,
    pub red_flags: Vec<RedFlag>,
    /// The evidence per agency value from the cultural-fit scorecards; a value with no scores
    /// has no evidence yet.
    pub values: Vec<value_ratings::ValueEvidence>,
    /// The codes of the values nobody has scored yet.
    pub values_without_evidence: Vec<String>,
    /// The CEO's latest go / no-go, with its note.
    pub decision: Option<String>,
    pub decision_note: Option<String>,
}

pub async fn build(db: &DatabaseConnection, application_id: i32) -> AppResult<CeoBrief> {
    let app = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = candidates::get(db, app.candidate_id).await?;
    let pos = position::Entity::find_by_id(app.position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let band = grade::Entity::find_by_id(pos.grade.clone()).one(db).await?;
    let profile = profile::of_application(db, application_id).await?;
    let references: Vec<ReferenceView> = references::for_application(db, application_id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let interviews: Vec<i32> = interview::Entity::find()
        .filter(interview::Column::ApplicationId.eq(application_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let cards = scorecards::submitted_for(db, interviews.clone()).await?;
    let values = value_ratings::evidence(db, interviews, &cards).await?;

    let (band_min, band_max) = band
        .as_ref()
        .map_or((0, 0), |g| (g.salary_min, g.salary_max));
    let against_band = match person.expected_salary {
        None => "unknown",
        Some(s) if s < band_min => "below",
        Some(s) if s > band_max => "above",
        Some(_) => "within",
    };
    let mut red_flags = Vec::new();
    if against_band == "above" {
        red_flags.push(RedFlag {
            kind: "above_band",
            detail: format!("{} > {band_max}", person.expected_salary.unwrap_or(0)),
        });
    }
    for card in &cards {
        if !card.concerns.trim().is_empty() {
            red_flags.push(RedFlag {
                kind: "concern",
                detail: format!("{}: {}", card.interviewer_name, card.concerns.trim()),
            });
        }
        if matches!(card.recommendation.as_deref(), Some("no" | "strong_no")) {
            red_flags.push(RedFlag {
                kind: "no_go_recommendation",
                detail: card.interviewer_name.clone(),
            });
        }
    }
    for r in &references {
        match r.verdict.as_deref() {
            Some("negative") => red_flags.push(RedFlag {
                kind: "negative_reference",
                detail: format!("{}, {}", r.name, r.company),
            }),
            Some("mixed") => red_flags.push(RedFlag {
                kind: "mixed_reference",
                detail: format!("{}, {}", r.name, r.company),
            }),
            _ => {}
        }
    }
    for c in profile.competencies.iter().filter(|c| c.disagreement) {
        red_flags.push(RedFlag {
            kind: "disagreement",
            detail: c.competency.clone(),
        });
    }
    for gap in &profile.coverage.gaps {
        red_flags.push(RedFlag {
            kind: "coverage_gap",
            detail: gap.clone(),
        });
    }
    for v in &values {
        for s in v.scores.iter().filter(|s| s.score <= 2) {
            red_flags.push(RedFlag {
                kind: "value_concern",
                detail: format!("{}: {} — {}", v.name, s.score, s.interviewer_name),
            });
        }
    }
    let decision_event = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(application_id))
        .filter(application_event::Column::Kind.is_in(["ceo_go", "ceo_no_go"]))
        .order_by_desc(application_event::Column::Id)
        .one(db)
        .await?;
    Ok(CeoBrief {
        application_id,
        candidate: person.full_name,
        current_title: person.current_title,
        current_company: person.current_company,
        position: pos.title,
        stage: app.stage,
        strengths: cards
            .iter()
            .filter(|c| !c.strengths.trim().is_empty())
            .map(|c| format!("{}: {}", c.interviewer_name, c.strengths.trim()))
            .collect(),
        salary: SalaryCheck {
            expected: person.expected_salary,
            currency: person.currency,
            band_min,
            band_max,
            against_band,
        },
        profile,
        references,
        values_without_evidence: values
            .iter()
            .filter(|v| v.scores.is_empty())
            .map(|v| v.code.clone())
            .collect(),
        values,
        red_flags,
        decision: decision_event
            .as_ref()
            .map(|e| e.kind.trim_start_matches("ceo_").to_owned()),
        decision_note: decision_event.and_then(|e| e.note),
    })
}

/// The CEO's go / no-go after the cultural-fit interview, on the timeline.
pub async fn decide(
    db: &DatabaseConnection,
    actor_id: i32,
    application_id: i32,
    decision: &str,
    note: &str,
) -> AppResult<()> {
    let note = note.trim();
    let mut errors: Vec<FieldError> = FieldError::text("note", TextKind::Text, note)
        .into_iter()
        .collect();
    if !DECISIONS.contains(&decision) {
        errors.push(FieldError::new(
            "decision",
            Message::new("field-ceo-decision"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    crate::recruitment::views::application(db, application_id).await?;
    timeline::record(
        db,
        Entry {
            application_id,
            actor_id: Some(actor_id),
            kind: if decision == "go" {
                "ceo_go"
            } else {
                "ceo_no_go"
            },
            from: None,
            to: None,
            note: (!note.is_empty()).then(|| note.to_owned()),
        },
    )
    .await?;
    crate::audit::AuditEvent::new(Some(actor_id), "application.ceo_decision", "application")
        .id(application_id)
        .details(serde_json::json!({ "decision": decision }))
        .record(db)
        .await?;
    Ok(())
}
