//! The rules of hh.ru resume searches, without I/O: what a search request may hold (a text
//! query with an area, or one of the employer's saved searches — one of them), how a query is
//! kept in its row, which positions searches run for, and how a run's refusal is kept and then
//! said to a recruiter.
//!
//! A text query is kept as hh's own query parameters (`text=…&area=…`) in `query`, so a run
//! sends exactly what was saved and another hh parameter would need no new column.

use std::ops::RangeInclusive;

use serde::Deserialize;
use utoipa::ToSchema;

use super::client::HhError;
use crate::domain::position_status::PositionStatus;
use crate::domain::text::TextKind;
use crate::entities::{hh_resume_search, position};
use crate::error::{AppError, FieldError};
use crate::web::i18n::Message;

/// Days between runs a recruiter may choose (the same bounds as the connection's setting).
pub const EVERY_DAYS: RangeInclusive<i32> = 1..=14;

/// A new search: `text` (with an optional `area`) or `saved_search_id`, not both.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct SearchRequest {
    /// What the recruiter calls it; the query itself, or the saved search's name on hh, when
    /// left out.
    #[serde(default)]
    pub name: Option<String>,
    /// The words to look for (hh's query language works too).
    #[serde(default)]
    pub text: Option<String>,
    /// hh's area id for `text` (1 Moscow, 2 Saint Petersburg); everywhere when left out.
    #[serde(default)]
    pub area: Option<String>,
    /// One of the employer's saved resume searches on hh (`GET /api/v1/hh/saved-searches`).
    #[serde(default)]
    pub saved_search_id: Option<String>,
    /// Days between runs (1–14); the connection's setting when left out.
    #[serde(default)]
    pub every_days: Option<i32>,
}

/// A change to a search; each field left out stays as it is.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct SearchPatch {
    #[serde(default)]
    pub name: Option<String>,
    /// Days between runs (1–14); the next run moves with it.
    #[serde(default)]
    pub every_days: Option<i32>,
}

/// A change read: the new name, if any (trimmed), or every refusal.
pub fn check_patch(patch: &SearchPatch) -> Result<Option<String>, AppError> {
    let mut errors = Vec::new();
    let name = patch.name.as_deref().map(str::trim);
    match name {
        Some("") => errors.push(FieldError::new(
            "name",
            Message::new("hh-search-name-required"),
        )),
        Some(name) => errors.extend(FieldError::text("name", TextKind::Line, name)),
        None => {}
    }
    if patch.every_days.is_some_and(|d| !EVERY_DAYS.contains(&d)) {
        errors.push(FieldError::new(
            "every_days",
            Message::new("hh-search-every-invalid"),
        ));
    }
    if errors.is_empty() {
        Ok(name.map(str::to_owned))
    } else {
        Err(AppError::Validation(errors))
    }
}

/// What a search looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Looks {
    Query { text: String, area: Option<String> },
    Saved(String),
}

/// `text` and `area` as hh's query parameters.
pub fn encode_query(text: &str, area: Option<&str>) -> String {
    let mut pairs = vec![("text", text)];
    if let Some(area) = area {
        pairs.push(("area", area));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// What a stored search looks for; `None` for a row that holds neither.
pub fn looks_of(row: &hh_resume_search::Model) -> Option<Looks> {
    if let Some(id) = &row.saved_search_id {
        return Some(Looks::Saved(id.clone()));
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(row.query.as_deref()?).ok()?;
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Some(Looks::Query {
        text: value("text")?,
        area: value("area"),
    })
}

/// hh's ids are short and plain; anything else never reaches a URL.
pub fn is_hh_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn trimmed(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A request read: its name if given, what it looks for and how often, or every refusal.
pub fn check(request: &SearchRequest) -> Result<(Option<String>, Looks, Option<i32>), AppError> {
    let mut errors = Vec::new();
    let name = trimmed(&request.name);
    if let Some(name) = &name {
        errors.extend(FieldError::text("name", TextKind::Line, name));
    }
    let text = trimmed(&request.text);
    let area = trimmed(&request.area);
    let saved = trimmed(&request.saved_search_id);
    if let Some(text) = &text {
        errors.extend(FieldError::text("text", TextKind::Line, text));
    }
    if area
        .as_deref()
        .is_some_and(|a| a.len() > 10 || !a.chars().all(|c| c.is_ascii_digit()))
    {
        errors.push(FieldError::new(
            "area",
            Message::new("hh-search-area-invalid"),
        ));
    }
    if saved.as_deref().is_some_and(|s| !is_hh_id(s)) {
        errors.push(FieldError::new(
            "saved_search_id",
            Message::new("hh-search-saved-unknown"),
        ));
    }
    let looks = match (text, saved) {
        (Some(_), Some(_)) => {
            errors.push(FieldError::new(
                "saved_search_id",
                Message::new("hh-search-one-kind"),
            ));
            None
        }
        (Some(text), None) => Some(Looks::Query { text, area }),
        (None, Some(saved)) => Some(Looks::Saved(saved)),
        (None, None) => {
            errors.push(FieldError::new(
                "text",
                Message::new("hh-search-text-required"),
            ));
            None
        }
    };
    if request.every_days.is_some_and(|d| !EVERY_DAYS.contains(&d)) {
        errors.push(FieldError::new(
            "every_days",
            Message::new("hh-search-every-invalid"),
        ));
    }
    match looks {
        Some(looks) if errors.is_empty() => Ok((name, looks, request.every_days)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Searches run for positions still being filled; a held or closed one waits.
pub const ACTIVE_STATUSES: [&str; 2] = ["draft", "open"];

/// A filled or cancelled position has no use for searches.
pub fn closed(p: &position::Model) -> bool {
    matches!(
        PositionStatus::parse(&p.status),
        Some(PositionStatus::Filled | PositionStatus::Cancelled)
    )
}

pub fn position_closed(p: &position::Model) -> AppError {
    AppError::Conflict(Message::new("hh-search-position-closed").with("title", p.title.clone()))
}

/// How a run's refusal is kept in `last_error`: a code the page says in the reader's language
/// ([`problem`]), with hh's own words after it.
pub fn problem_code(refusal: &HhError) -> String {
    match refusal {
        HhError::RateLimited { .. } => "rate_limited".to_owned(),
        HhError::Unavailable { detail, .. } => format!("unavailable: {detail}"),
        HhError::Forbidden { kind, value } => format!("forbidden: {kind}/{value}"),
        HhError::NotFound => "not_found".to_owned(),
        HhError::TokenExpired | HhError::TokenRejected(_) => "reconnect".to_owned(),
        HhError::Invalid(fields) => format!(
            "refused: {}",
            fields
                .iter()
                .map(|f| f.field.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        HhError::Unexpected { status, detail } => format!("refused: {status} {detail}"),
    }
}

/// A kept problem in words a recruiter can act on.
pub fn problem(code: &str) -> Message {
    let (kind, detail) = code.split_once(": ").unwrap_or((code, ""));
    match kind {
        "rate_limited" => Message::new("hh-search-rate-limited"),
        "unavailable" => Message::new("hh-search-unavailable").with("detail", detail),
        "forbidden" => {
            let (kind, value) = detail.split_once('/').unwrap_or((detail, ""));
            super::errors::forbidden(kind, value)
        }
        "not_found" => Message::new("hh-search-saved-gone"),
        "reconnect" => Message::new("hh-reconnect-needed"),
        _ => Message::new("hh-search-refused").with("detail", detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn request(text: &str, area: &str, saved: &str) -> SearchRequest {
        let some = |v: &str| Some(v.to_owned());
        SearchRequest {
            name: None,
            text: some(text),
            area: some(area),
            saved_search_id: some(saved),
            every_days: None,
        }
    }

    fn fields(error: AppError) -> Vec<String> {
        match error {
            AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_query_and_its_area_survive_the_round_trip_through_the_row() {
        let query = encode_query("менеджер & аккаунт", Some("1"));
        let row = hh_resume_search::Model {
            id: 1,
            position_id: 1,
            name: "x".into(),
            query: Some(query),
            saved_search_id: None,
            every_days: 3,
            last_run_at: None,
            next_run_at: Utc::now(),
            last_viewed_at: None,
            last_error: None,
            created_by: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        assert_eq!(
            looks_of(&row),
            Some(Looks::Query {
                text: "менеджер & аккаунт".into(),
                area: Some("1".into())
            })
        );
        let saved = hh_resume_search::Model {
            saved_search_id: Some("609535".into()),
            query: None,
            ..row
        };
        assert_eq!(looks_of(&saved), Some(Looks::Saved("609535".into())));
    }

    #[test]
    fn a_search_is_a_query_or_a_saved_search_never_both_nor_neither() {
        let (name, looks, every) = check(&request(" аккаунт-менеджер ", "", "")).unwrap();
        assert_eq!(name, None);
        assert_eq!(every, None);
        assert_eq!(
            looks,
            Looks::Query {
                text: "аккаунт-менеджер".into(),
                area: None
            }
        );
        assert_eq!(
            check(&request("", "", "609535")).unwrap().1,
            Looks::Saved("609535".into())
        );
        assert_eq!(
            fields(check(&request("менеджер", "", "609535")).unwrap_err()),
            ["saved_search_id"]
        );
        assert_eq!(fields(check(&request("", "", "")).unwrap_err()), ["text"]);
    }

    #[test]
    fn an_area_is_hhs_number_and_a_cadence_is_one_to_fourteen_days() {
        assert_eq!(
            fields(check(&request("менеджер", "Москва", "")).unwrap_err()),
            ["area"]
        );
        let mut weekly = request("менеджер", "1", "");
        weekly.every_days = Some(15);
        assert_eq!(fields(check(&weekly).unwrap_err()), ["every_days"]);
        weekly.every_days = Some(14);
        assert!(check(&weekly).is_ok());
        assert_eq!(
            fields(check(&request("", "", "../../me")).unwrap_err()),
            ["saved_search_id"]
        );
    }

    #[test]
    fn a_kept_problem_reads_as_what_to_do_about_it() {
        let no_access = HhError::Forbidden {
            kind: "api_access_payment".into(),
            value: "action_must_be_payed".into(),
        };
        assert_eq!(
            problem(&problem_code(&no_access)).key,
            "hh-no-paid-api-access"
        );
        let slow = HhError::RateLimited { retry_after: None };
        assert_eq!(problem(&problem_code(&slow)).key, "hh-search-rate-limited");
        assert_eq!(
            problem(&problem_code(&HhError::NotFound)).key,
            "hh-search-saved-gone"
        );
        let odd = HhError::Unexpected {
            status: 400,
            detail: "bad_argument/text".into(),
        };
        let said = problem(&problem_code(&odd));
        assert_eq!(said.key, "hh-search-refused");
        assert!(format!("{:?}", said.args).contains("bad_argument/text"));
    }
}
