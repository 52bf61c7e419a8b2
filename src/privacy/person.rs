//! What a person does about their own data, on the page their emails link to: see each
//! consent they gave, withdraw any of them, join the talent pool or renew it, allow us to ask
//! their referees. Each step is one transaction with its ledger line and audit entry.

use chrono::{DateTime, Months, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::json;

use super::retention;
use crate::audit::AuditEvent;
use crate::domain::pipeline::{Stage, Via};
use crate::entities::{application, candidate, consent};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::{Composer, Notice};
use crate::recruitment::consent::{
    ConsentRecord, DOCUMENTS, PURPOSE_INTERN_RECORDS, PURPOSE_REFEREES, PURPOSE_TALENT_POOL,
    PURPOSE_VACANCY, document, record_consent, withdraw_purpose,
};
use crate::recruitment::pipeline::{self, MoveRequest};
use crate::web::i18n::{Lang, Message};

/// The reason code an application ends with when the person takes back their consent.
const CONSENT_WITHDRAWN: &str = "consent_withdrawn";

/// One purpose as the person sees it.
#[derive(Debug, Serialize)]
pub struct PurposeStatus {
    pub purpose: &'static str,
    pub title: &'static str,
    /// The latest consent to this purpose, if any.
    pub given_at: Option<DateTime<Utc>>,
    pub version: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub active: bool,
    /// The person may give (or renew) this consent here; the vacancy one comes with an
    /// application, intern records with an internship.
    pub can_give: bool,
}

pub async fn statuses<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> AppResult<Vec<PurposeStatus>> {
    let ledger = consent::Entity::find()
        .filter(consent::Column::CandidateId.eq(candidate_id))
        .order_by_desc(consent::Column::GivenAt)
        .order_by_desc(consent::Column::Id)
        .all(db)
        .await?;
    let mut statuses = Vec::new();
    for document in &DOCUMENTS {
        let latest = ledger.iter().find(|c| c.purpose == document.purpose);
        if document.purpose == PURPOSE_INTERN_RECORDS && latest.is_none() {
            continue;
        }
        let active = latest.is_some_and(|c| {
            c.withdrawn_at.is_none() && c.expires_at.is_none_or(|until| until > now)
        });
        statuses.push(PurposeStatus {
            purpose: document.purpose,
            title: document.title(lang),
            given_at: latest.map(|c| c.given_at),
            version: latest.map(|c| c.text_version.clone()),
            expires_at: latest.and_then(|c| c.expires_at),
            withdrawn_at: latest.and_then(|c| c.withdrawn_at),
            active,
            can_give: matches!(document.purpose, PURPOSE_TALENT_POOL | PURPOSE_REFEREES)
                && (!active || latest.is_some_and(|c| c.expires_at.is_some())),
        });
    }
    Ok(statuses)
}

/// The person takes back their consent to `purpose`. Withdrawing the vacancy consent ends
/// every application still in progress (a hire stays: it rests on the employment contract);
/// the retention round then erases them when the period after the end runs out.
pub async fn withdraw(
    db: &DatabaseConnection,
    composer: &Composer,
    person: &candidate::Model,
    purpose: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let document = document(purpose).ok_or_else(unknown_purpose)?;
    let txn = crate::db::write(db).await?;
    let withdrawn = withdraw_purpose(&txn, person.id, document.purpose, now).await?;
    match document.purpose {
        PURPOSE_TALENT_POOL => {
            set_flag(&txn, person.id, candidate::Column::TalentPool, false).await?
        }
        PURPOSE_REFEREES => {
            set_flag(&txn, person.id, candidate::Column::ReferenceConsent, false).await?
        }
        PURPOSE_VACANCY => {
            let in_progress = application::Entity::find()
                .filter(application::Column::CandidateId.eq(person.id))
                .all(&txn)
                .await?
                .into_iter()
                .filter(|a| {
                    Stage::parse(&a.stage).is_some_and(|s| {
                        !s.is_ended() && !matches!(s, Stage::Hired | Stage::Started)
                    })
                });
            for application in in_progress {
                let mut request =
                    MoveRequest::to(Stage::Withdrawn, Some(CONSENT_WITHDRAWN.to_owned()));
                request.via = Via::Withdraw;
                request.notice = Notice::Silent;
                pipeline::advance_in(&txn, composer, None, application.id, request).await?;
            }
        }
        _ => {}
    }
    if withdrawn > 0 {
        AuditEvent::new(None, "consent.withdraw", "candidate")
            .id(person.id)
            .details(json!({"purpose": document.purpose, "by": "person"}))
            .record(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The person agrees, on our page, to a purpose they may give there (the talent pool, which
/// also renews it, or their referees). The text they saw is the one recorded.
pub async fn give(
    db: &DatabaseConnection,
    person: &candidate::Model,
    purpose: &str,
    record: ConsentRecord,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if !matches!(purpose, PURPOSE_TALENT_POOL | PURPOSE_REFEREES) {
        return Err(unknown_purpose());
    }
    let rules = retention::settings(db).await?;
    let txn = crate::db::write(db).await?;
    record_optional(&txn, person.id, record, rules.talent_pool_months, now).await?;
    AuditEvent::new(None, "consent.give", "candidate")
        .id(person.id)
        .details(json!({"purpose": purpose, "by": "person"}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Writes a consent the person gave to an optional purpose (the talent pool or referees), on
/// their own page or the job page: the standing one it renews is withdrawn (one per purpose),
/// the talent pool gets its expiry, and the candidate's flag is set.
pub async fn record_optional<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    mut record: ConsentRecord,
    talent_pool_months: u32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let flag = match record.purpose {
        PURPOSE_TALENT_POOL => candidate::Column::TalentPool,
        PURPOSE_REFEREES => candidate::Column::ReferenceConsent,
        _ => return Err(unknown_purpose()),
    };
    withdraw_purpose(db, candidate_id, record.purpose, now).await?;
    if record.purpose == PURPOSE_TALENT_POOL {
        record.expires_at = now.checked_add_months(Months::new(talent_pool_months));
    }
    record_consent(db, candidate_id, record).await?;
    set_flag(db, candidate_id, flag, true).await
}

async fn set_flag<C: ConnectionTrait>(
    db: &C,
    id: i32,
    column: candidate::Column,
    value: bool,
) -> AppResult<()> {
    candidate::Entity::update_many()
        .col_expr(column, value.into())
        .col_expr(candidate::Column::UpdatedAt, Utc::now().into())
        .filter(candidate::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

fn unknown_purpose() -> AppError {
    AppError::validation("purpose", Message::new("privacy-purpose-unknown"))
}
