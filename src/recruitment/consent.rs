//! The consent ledger: every consent to personal-data processing is kept with its purpose,
//! the version and a hash of the text the person agreed to, when, and from where. The texts
//! live in templates/consent/ and are shown on their own, not buried in a form.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use sha2::{Digest, Sha256};

use crate::entities::consent;
use crate::error::AppResult;
use crate::web::i18n::Lang;

/// The version of templates/consent/*.txt; change it whenever the text changes.
pub const CONSENT_TEXT_VERSION: &str = "2026-11-vacancy-1";

const TEXT_RU: &str = include_str!("../../templates/consent/vacancy.ru.txt");
const TEXT_EN: &str = include_str!("../../templates/consent/vacancy.en.txt");

/// Why the data is processed; a consent covers one purpose.
pub const PURPOSE_VACANCY: &str = "vacancy";
/// Keeping the person for future vacancies; time-limited, renewed on request.
pub const PURPOSE_TALENT_POOL: &str = "talent_pool";
/// Asking the person's former employers about them.
pub const PURPOSE_REFEREES: &str = "referees";

pub fn consent_text(lang: Lang) -> &'static str {
    lang.pick(TEXT_RU, TEXT_EN).trim()
}

/// SHA-256 of the text, so the ledger proves which wording was agreed to.
pub fn text_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One consent, ready to be written.
#[derive(Clone, Debug)]
pub struct ConsentRecord {
    pub purpose: &'static str,
    pub text_version: String,
    pub text_hash: String,
    pub given_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The recruiter who confirmed the basis, when the person did not give it on our page.
    pub recorded_by: Option<i32>,
}

impl ConsentRecord {
    /// Consent given on the job page to the current text in `lang`.
    pub fn from_job_page(lang: Lang, ip: Option<String>, user_agent: Option<String>) -> Self {
        Self {
            purpose: PURPOSE_VACANCY,
            text_version: CONSENT_TEXT_VERSION.to_owned(),
            text_hash: text_hash(consent_text(lang)),
            given_at: Utc::now(),
            ip,
            user_agent,
            recorded_by: None,
        }
    }

    /// Consent obtained elsewhere and recorded by a recruiter or an integration.
    pub fn recorded(
        recorded_by: i32,
        text_version: Option<String>,
        given_at: Option<DateTime<Utc>>,
    ) -> Self {
        let version = text_version
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| CONSENT_TEXT_VERSION.to_owned());
        // Our own wording hashes to its text; another version is known only by its name.
        let hash = if version == CONSENT_TEXT_VERSION {
            text_hash(consent_text(Lang::Ru))
        } else {
            text_hash(&version)
        };
        Self {
            purpose: PURPOSE_VACANCY,
            text_version: version,
            text_hash: hash,
            given_at: given_at.unwrap_or_else(Utc::now),
            ip: None,
            user_agent: None,
            recorded_by: Some(recorded_by),
        }
    }
}

/// A purpose the person agreed to outside our pages, confirmed by the recruiter who records it
/// (the talent pool, contacting referees). `expires_at` limits it in time.
pub async fn record_purpose<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    purpose: &'static str,
    recorded_by: i32,
    expires_at: Option<DateTime<Utc>>,
) -> AppResult<consent::Model> {
    let now = Utc::now();
    let mut record = ConsentRecord::recorded(recorded_by, None, Some(now));
    record.purpose = purpose;
    let saved = record_consent(db, candidate_id, record).await?;
    let mut model: consent::ActiveModel = saved.into();
    model.expires_at = sea_orm::ActiveValue::Set(expires_at);
    Ok(model.update(db).await?)
}

/// Withdraws the person's standing consents to `purpose` (they asked, or it ran out).
pub async fn withdraw_purpose<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    purpose: &str,
    at: DateTime<Utc>,
) -> AppResult<u64> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    Ok(consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(Some(at)))
        .filter(consent::Column::CandidateId.eq(candidate_id))
        .filter(consent::Column::Purpose.eq(purpose))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn record_consent<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
    record: ConsentRecord,
) -> AppResult<consent::Model> {
    Ok(consent::ActiveModel {
        candidate_id: Set(candidate_id),
        purpose: Set(record.purpose.to_owned()),
        text_version: Set(record.text_version),
        text_hash: Set(record.text_hash),
        given_at: Set(record.given_at),
        ip: Set(record.ip),
        user_agent: Set(record.user_agent.map(|ua| ua.chars().take(500).collect())),
        recorded_by: Set(record.recorded_by),
        withdrawn_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_a_consent_text_and_hashes_differ_by_text() {
        assert!(consent_text(Lang::Ru).len() > 200);
        assert!(consent_text(Lang::En).len() > 200);
        assert_ne!(text_hash("a"), text_hash("b"));
        assert_eq!(text_hash("a").len(), 64);
    }
}
