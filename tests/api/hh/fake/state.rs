//! What the fake hh remembers: the application and its tokens, vacancies, negotiations,
//! resumes, saved searches, the request log and scripted faults.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, Utc};
use serde_json::Value;

use super::records::{RecordedRequest, ResumeSeed, TakenAction};

pub struct Fault {
    pub method: String,
    pub path_prefix: String,
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<u64>,
    pub remaining: usize,
}

pub struct Code {
    pub redirect_uri: String,
    /// The PKCE `code_challenge` (S256) given at /oauth/authorize.
    pub challenge: Option<String>,
    pub used: bool,
}

#[derive(PartialEq)]
pub enum GrantStatus {
    Current,
    /// Refreshed, or replaced by a newer authorization.
    Superseded,
    Revoked,
}

pub struct Grant {
    pub access: String,
    pub refresh: String,
    pub expires_at: Instant,
    pub status: GrantStatus,
}

pub struct Vacancy {
    pub id: u64,
    /// The fields as published, edits merged in.
    pub fields: Value,
    pub archived: bool,
    pub created_at: String,
    /// A publication lasts 30 days on hh.
    pub expires_at: String,
    pub archived_at: Option<String>,
}

pub struct Negotiation {
    pub id: u64,
    pub vacancy_id: u64,
    pub resume_id: String,
    /// The employer's state, which is also the collection the negotiation is listed in.
    pub employer_state: String,
    /// What the applicant sees: `response`, then `invitation` or `discard`.
    pub applicant_state: String,
    pub created_at: String,
    pub updated_at: String,
    pub taken: Vec<TakenAction>,
}

pub struct Resume {
    pub id: String,
    pub seed: ResumeSeed,
    pub created_at: String,
    /// Position in the order resumes appeared in search: saved searches count what is new.
    pub search_seq: Option<u64>,
}

pub struct SavedSearch {
    pub id: u64,
    pub name: String,
    pub text: String,
    pub created_at: String,
    /// The last `search_seq` the manager has seen through this search.
    pub seen_upto: u64,
}

pub struct State {
    pub base: String,
    pub employer_id: String,
    pub manager_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub token_lifetime: u64,
    pub deny_next_authorization: bool,
    pub codes: BTreeMap<String, Code>,
    pub grants: Vec<Grant>,
    pub publications_left: Option<u32>,
    pub paid_access: bool,
    pub vacancies: BTreeMap<u64, Vacancy>,
    pub negotiations: BTreeMap<u64, Negotiation>,
    pub resumes: BTreeMap<String, Resume>,
    pub saved_searches: Vec<SavedSearch>,
    pub search_seq: u64,
    pub requests: Vec<RecordedRequest>,
    pub faults: Vec<Fault>,
    next_id: u64,
}

/// hh writes times in Moscow time with a colon-less offset: `2025-12-19T10:00:00+0300`.
pub fn hh_time() -> String {
    hh_time_in(0)
}

/// [`hh_time`] `days` from now.
pub fn hh_time_in(days: i64) -> String {
    let moscow = FixedOffset::east_opt(3 * 3600).expect("a valid offset");
    (Utc::now() + chrono::Duration::days(days))
        .with_timezone(&moscow)
        .format("%Y-%m-%dT%H:%M:%S%z")
        .to_string()
}

fn secret() -> String {
    // hh's tokens are 64 upper-case letters and digits; the exact shape does not matter.
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
    .to_uppercase()
}

impl State {
    pub fn new(base: &str) -> State {
        State {
            base: base.to_owned(),
            employer_id: "4242".into(),
            manager_id: "7001".into(),
            client_id: "hireloop-client".into(),
            client_secret: "hireloop-secret".into(),
            token_lifetime: 14 * 24 * 3600,
            deny_next_authorization: false,
            codes: BTreeMap::new(),
            grants: Vec::new(),
            publications_left: None,
            paid_access: true,
            vacancies: BTreeMap::new(),
            negotiations: BTreeMap::new(),
            resumes: BTreeMap::new(),
            saved_searches: Vec::new(),
            search_seq: 0,
            requests: Vec::new(),
            faults: Vec::new(),
            next_id: 0,
        }
    }

    fn next(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    // ---- faults

    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.faults.iter().position(|f| {
            f.remaining > 0
                && f.method.eq_ignore_ascii_case(method)
                && path.starts_with(&f.path_prefix)
        })?;
        let fault = &mut self.faults[index];
        fault.remaining -= 1;
        Some(Fault {
            method: fault.method.clone(),
            path_prefix: fault.path_prefix.clone(),
            status: fault.status,
            body: fault.body.clone(),
            retry_after: fault.retry_after,
            remaining: fault.remaining,
        })
    }

    // ---- OAuth

    pub fn issue_code(&mut self, redirect_uri: &str, challenge: Option<String>) -> String {
        let code = secret();
        self.codes.insert(
            code.clone(),
            Code {
                redirect_uri: redirect_uri.to_owned(),
                challenge,
                used: false,
            },
        );
        code
    }

    /// A new current token pair; whatever was current before stops working.
    pub fn issue_grant(&mut self) -> &Grant {
        for grant in &mut self.grants {
            if grant.status == GrantStatus::Current {
                grant.status = GrantStatus::Superseded;
            }
        }
        self.grants.push(Grant {
            access: secret(),
            refresh: secret(),
            expires_at: Instant::now() + Duration::from_secs(self.token_lifetime),
            status: GrantStatus::Current,
        });
        self.grants.last().expect("just pushed")
    }

    pub fn current_grant(&self) -> Option<&Grant> {
        self.grants
            .iter()
            .find(|g| g.status == GrantStatus::Current)
    }

    pub fn expire_access_token(&mut self) {
        let now = Instant::now();
        for grant in &mut self.grants {
            if grant.status == GrantStatus::Current {
                grant.expires_at = now;
            }
        }
    }

    pub fn revoke_tokens(&mut self) {
        for grant in &mut self.grants {
            grant.status = GrantStatus::Revoked;
        }
    }

    /// `Err(value)` with hh's `oauth` error value when the bearer token is not usable.
    pub fn check_access(&self, token: Option<&str>) -> Result<(), &'static str> {
        let grant = token
            .and_then(|t| self.grants.iter().find(|g| g.access == t))
            .ok_or("bad_authorization")?;
        match grant.status {
            GrantStatus::Revoked => Err("token_revoked"),
            GrantStatus::Superseded => Err("bad_authorization"),
            GrantStatus::Current if Instant::now() >= grant.expires_at => Err("token_expired"),
            GrantStatus::Current => Ok(()),
        }
    }

    // ---- lookups

    pub fn vacancy(&self, id: &str) -> Option<&Vacancy> {
        id.parse::<u64>()
            .ok()
            .and_then(|id| self.vacancies.get(&id))
    }

    pub fn negotiation(&self, id: &str) -> Option<&Negotiation> {
        id.parse::<u64>()
            .ok()
            .and_then(|id| self.negotiations.get(&id))
    }

    // ---- vacancies

    pub fn add_vacancy(&mut self, fields: Value) -> u64 {
        let id = 90_000_000 + self.next();
        self.vacancies.insert(
            id,
            Vacancy {
                id,
                fields,
                archived: false,
                created_at: hh_time(),
                expires_at: hh_time_in(30),
                archived_at: None,
            },
        );
        id
    }

    // ---- resumes and negotiations

    fn add_resume(&mut self, seed: ResumeSeed, searchable: bool) -> String {
        // hh's resume ids are 38 hex digits.
        let id = format!("{:06x}{}", self.next(), uuid::Uuid::new_v4().simple());
        let search_seq = searchable.then(|| {
            self.search_seq += 1;
            self.search_seq
        });
        self.resumes.insert(
            id.clone(),
            Resume {
                id: id.clone(),
                seed,
                created_at: hh_time(),
                search_seq,
            },
        );
        id
    }

    pub fn add_response(&mut self, vacancy_id: &str, seed: ResumeSeed) -> (String, String) {
        let vacancy_id = vacancy_id
            .parse::<u64>()
            .ok()
            .filter(|id| self.vacancies.contains_key(id))
            .unwrap_or_else(|| panic!("add_response: the fake has no vacancy {vacancy_id}"));
        let resume_id = self.add_resume(seed, false);
        let id = 1_300_000_000 + self.next();
        let now = hh_time();
        self.negotiations.insert(
            id,
            Negotiation {
                id,
                vacancy_id,
                resume_id: resume_id.clone(),
                employer_state: "response".into(),
                applicant_state: "response".into(),
                created_at: now.clone(),
                updated_at: now,
                taken: Vec::new(),
            },
        );
        (id.to_string(), resume_id)
    }

    pub fn add_searchable_resume(&mut self, seed: ResumeSeed) -> String {
        self.add_resume(seed, true)
    }

    pub fn add_saved_search(&mut self, name: &str, text: &str) -> String {
        let id = 600_000 + self.next();
        self.saved_searches.push(SavedSearch {
            id,
            name: name.to_owned(),
            text: text.to_owned(),
            created_at: hh_time(),
            seen_upto: self.search_seq,
        });
        id.to_string()
    }
}
