//! The consent ledger: every consent to personal-data processing is kept with its purpose,
//! the version and a hash of the text the person agreed to, when, and from where. The texts
//! live in templates/consent/ and are shown on their own, not buried in a form.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use sha2::{Digest, Sha256};

use crate::entities::consent;
use crate::error::AppResult;
use crate::web::i18n::Lang;

/// Why the data is processed; a consent covers one purpose.
pub const PURPOSE_VACANCY: &str = "vacancy";
/// Keeping the person for future vacancies; time-limited, renewed on request.
pub const PURPOSE_TALENT_POOL: &str = "talent_pool";
/// Asking the person's former employers about them.
pub const PURPOSE_REFEREES: &str = "referees";
/// Records of an intern's month: plan, notes, exams, defence, decision.
pub const PURPOSE_INTERN_RECORDS: &str = "intern_records";

/// One consent document: the purpose it covers and its wording in both languages. Each is
/// shown on a page of its own and agreed to separately, as 152-FZ wants since September 2025.
pub struct ConsentDocument {
    pub purpose: &'static str,
    /// Changes whenever the wording changes, so the ledger says which text was agreed to.
    pub version: &'static str,
    ru: &'static str,
    en: &'static str,
}

impl ConsentDocument {
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.ru, self.en).trim()
    }

    /// The first line of the text is its title.
    pub fn title(&self, lang: Lang) -> &'static str {
        self.text(lang).lines().next().unwrap_or_default()
    }
}

pub const DOCUMENTS: [ConsentDocument; 4] = [
    ConsentDocument {
        purpose: PURPOSE_VACANCY,
        version: "2026-11-vacancy-2",
        ru: include_str!("../../templates/consent/vacancy.ru.txt"),
        en: include_str!("../../templates/consent/vacancy.en.txt"),
    },
    ConsentDocument {
        purpose: PURPOSE_TALENT_POOL,
        version: "2026-11-talent-pool-1",
        ru: include_str!("../../templates/consent/talent_pool.ru.txt"),
        en: include_str!("../../templates/consent/talent_pool.en.txt"),
    },
    ConsentDocument {
        purpose: PURPOSE_REFEREES,
        version: "2026-11-referees-1",
        ru: include_str!("../../templates/consent/referees.ru.txt"),
        en: include_str!("../../templates/consent/referees.en.txt"),
    },
    ConsentDocument {
        purpose: PURPOSE_INTERN_RECORDS,
        version: "2026-11-intern-records-1",
        ru: include_str!("../../templates/consent/intern_records.ru.txt"),
        en: include_str!("../../templates/consent/intern_records.en.txt"),
    },
];

pub fn document(purpose: &str) -> Option<&'static ConsentDocument> {
    DOCUMENTS.iter().find(|d| d.purpose == purpose)
}

fn vacancy() -> &'static ConsentDocument {
    &DOCUMENTS[0]
}

/// The version of the vacancy consent, the one every application needs.
pub const CONSENT_TEXT_VERSION: &str = DOCUMENTS[0].version;

pub fn consent_text(lang: Lang) -> &'static str {
    vacancy().text(lang)
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
    /// When a time-limited consent (the talent pool) runs out.
    pub expires_at: Option<DateTime<Utc>>,
}

impl ConsentRecord {
    /// Consent given on the job page to the current vacancy text in `lang`.
    pub fn from_job_page(lang: Lang, ip: Option<String>, user_agent: Option<String>) -> Self {
        Self::given(vacancy(), lang, ip, user_agent)
    }

    /// Consent the person gave on one of our pages to `document` as shown in `lang`.
    pub fn given(
        document: &'static ConsentDocument,
        lang: Lang,
        ip: Option<String>,
        user_agent: Option<String>,
    ) -> Self {
        Self {
            purpose: document.purpose,
            text_version: document.version.to_owned(),
            text_hash: text_hash(document.text(lang)),
            given_at: Utc::now(),
            ip,
            user_agent,
            recorded_by: None,
            expires_at: None,
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
            expires_at: None,
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
    if let Some(document) = document(purpose) {
        record.purpose = document.purpose;
        record.text_version = document.version.to_owned();
        record.text_hash = text_hash(document.text(Lang::Ru));
    }
    record.expires_at = expires_at;
    record_consent(db, candidate_id, record).await
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
        expires_at: Set(record.expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_purpose_has_a_text_in_both_languages_and_hashes_differ_by_text() {
        for document in &DOCUMENTS {
            assert!(document.text(Lang::Ru).len() > 200, "{}", document.purpose);
            assert!(document.text(Lang::En).len() > 200, "{}", document.purpose);
            assert_ne!(document.title(Lang::Ru), document.title(Lang::En));
        }
        assert_eq!(
            document(PURPOSE_VACANCY).map(|d| d.version),
            Some(CONSENT_TEXT_VERSION)
        );
        assert!(document("marketing").is_none());
        assert_ne!(text_hash("a"), text_hash("b"));
        assert_eq!(text_hash("a").len(), 64);
    }
}
