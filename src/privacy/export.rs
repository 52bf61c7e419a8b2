//! Export on request: everything held about a person in one ZIP — `person.json` (the record,
//! applications with their timelines, consents, interviews and ratings, references, offers,
//! destruction records) and their CV file. Each export is audited.

use std::io::Write;

use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

use crate::audit::AuditEvent;
use crate::entities::{
    application, application_event, consent, interview, offer, position, referee, scorecard,
    scorecard_rating, stored_file,
};
use crate::error::{AppError, AppResult};
use crate::files::FileStore;
use crate::recruitment::candidates;

fn zip_error(err: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("building the export: {err}"))
}

/// The person's data as one JSON document.
pub async fn document(db: &DatabaseConnection, id: i32) -> AppResult<Value> {
    let person = candidates::get(db, id).await?;
    let applications = application::Entity::find()
        .filter(application::Column::CandidateId.eq(id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let app_ids: Vec<i32> = applications.iter().map(|a| a.id).collect();
    let positions: std::collections::HashMap<i32, String> = position::Entity::find()
        .filter(position::Column::Id.is_in(applications.iter().map(|a| a.position_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(app_ids.clone()))
        .order_by_asc(application_event::Column::At)
        .all(db)
        .await?;
    // Notes about the person as a whole, written through the timeline.
    let notes = crate::entities::candidate_note::Entity::find()
        .filter(crate::entities::candidate_note::Column::CandidateId.eq(id))
        .order_by_asc(crate::entities::candidate_note::Column::CreatedAt)
        .all(db)
        .await?;
    let interviews = interview::Entity::find()
        .filter(interview::Column::ApplicationId.is_in(app_ids.clone()))
        .all(db)
        .await?;
    let cards = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.is_in(interviews.iter().map(|i| i.id)))
        .filter(scorecard::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
    let ratings = scorecard_rating::Entity::find()
        .filter(scorecard_rating::Column::ScorecardId.is_in(cards.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let referees = referee::Entity::find()
        .filter(referee::Column::ApplicationId.is_in(app_ids.clone()))
        .all(db)
        .await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::ApplicationId.is_in(app_ids))
        .order_by_asc(offer::Column::Revision)
        .all(db)
        .await?;
    let consents = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(id))
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?;
    let destroyed = crate::privacy::destruction::for_candidate(db, id).await?;

    let applications: Vec<Value> = applications
        .iter()
        .map(|a| {
            let own_interviews: Vec<Value> = interviews
                .iter()
                .filter(|i| i.application_id == a.id)
                .map(|i| {
                    // The interviewers' names stay with the agency; the person gets the scores.
                    let scores: Vec<Value> = cards
                        .iter()
                        .filter(|c| c.interview_id == i.id)
                        .map(|c| {
                            json!({
                                "recommendation": c.recommendation,
                                "ratings": ratings
                                    .iter()
                                    .filter(|r| r.scorecard_id == c.id)
                                    .map(|r| json!({"competency": r.competency, "score": r.score}))
                                    .collect::<Vec<_>>(),
                            })
                        })
                        .collect();
                    json!({"kind": i.kind, "scheduled_at": i.scheduled_at, "status": i.status,
                           "scorecards": scores})
                })
                .collect();
            json!({
                "id": a.id,
                "position": positions.get(&a.position_id),
                "stage": a.stage,
                "source": a.source,
                "ended_reason": a.ended_reason,
                "start_date": a.start_date,
                "created_at": a.created_at,
                "timeline": events
                    .iter()
                    .filter(|e| e.application_id == a.id)
                    .map(|e| json!({"at": e.at, "kind": e.kind, "from": e.from_stage,
                                    "to": e.to_stage, "note": e.note}))
                    .collect::<Vec<_>>(),
                "interviews": own_interviews,
                // What referees said about the person; the referees' own contacts stay out.
                "references": referees
                    .iter()
                    .filter(|r| r.application_id == a.id)
                    .map(|r| json!({"name": r.name, "company": r.company, "relation": r.relation,
                                    "status": r.status, "verdict": r.verdict,
                                    "answers": serde_json::from_str::<Value>(&r.answers).unwrap_or(Value::Null)}))
                    .collect::<Vec<_>>(),
                "offers": offers
                    .iter()
                    .filter(|o| o.application_id == a.id)
                    .map(|o| json!({"revision": o.revision, "status": o.status, "salary": o.salary,
                                    "currency": o.currency, "start_date": o.start_date,
                                    "probation_months": o.probation_months,
                                    "bonus_terms": o.bonus_terms, "terms": o.terms}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({
        "exported_at": Utc::now(),
        "person": {
            "id": person.id,
            "full_name": person.full_name,
            "email": person.email,
            "phone": person.phone,
            "current_title": person.current_title,
            "current_company": person.current_company,
            "expected_salary": person.expected_salary,
            "currency": person.currency,
            "links": person.links,
            "tags": person.tags,
            "notes": person.notes,
            "source": person.source,
            "lang": person.lang,
            "talent_pool": person.talent_pool,
            "reference_consent": person.reference_consent,
            "created_at": person.created_at,
            "erased_at": person.erased_at,
        },
        "consents": consents
            .iter()
            .map(|c| json!({"purpose": c.purpose, "text_version": c.text_version,
                            "text_hash": c.text_hash, "given_at": c.given_at, "ip": c.ip,
                            "user_agent": c.user_agent, "withdrawn_at": c.withdrawn_at,
                            "expires_at": c.expires_at}))
            .collect::<Vec<_>>(),
        "applications": applications,
        "timeline_notes": notes
            .iter()
            .map(|n| json!({"at": n.created_at, "application_id": n.application_id, "text": n.text}))
            .collect::<Vec<_>>(),
        "destruction_records": destroyed,
    }))
}

/// The ZIP: `person.json`, and `cv/<name>` when a CV is held. Audited as `candidate.export`.
pub async fn zip(
    db: &DatabaseConnection,
    files: &FileStore,
    actor_id: i32,
    id: i32,
) -> AppResult<Vec<u8>> {
    let document = document(db, id).await?;
    let person = candidates::get(db, id).await?;
    let cv = match person.cv_file_id {
        Some(file_id) => match stored_file::Entity::find_by_id(file_id).one(db).await? {
            Some(file) => Some((file.filename, files.get(&file.storage_key).await?)),
            None => None,
        },
        None => None,
    };
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("person.json", options)
        .map_err(zip_error)?;
    let pretty = serde_json::to_vec_pretty(&document).map_err(zip_error)?;
    writer.write_all(&pretty).map_err(zip_error)?;
    if let Some((name, bytes)) = cv {
        let safe: String = name
            .chars()
            .filter(|c| !matches!(c, '/' | '\\' | '\0'))
            .collect();
        writer
            .start_file(format!("cv/{safe}"), options)
            .map_err(zip_error)?;
        writer.write_all(&bytes).map_err(zip_error)?;
    }
    let bytes = writer.finish().map_err(zip_error)?.into_inner();
    AuditEvent::new(Some(actor_id), "candidate.export", "candidate")
        .id(id)
        .details(json!({"files": if person.cv_file_id.is_some() { 2 } else { 1 }}))
        .record(db)
        .await?;
    Ok(bytes)
}
