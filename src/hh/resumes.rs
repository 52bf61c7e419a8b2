//! An hh.ru resume becomes a person on the long-list: [`read`] takes what hh gives (name,
//! contacts where hh shows them, title, experience, expected salary, area, the link) and
//! [`take_in`] finds the person we already know — by the resume id first, then by email or
//! phone — or adds them, keeps the resume's snapshot, and puts them on the position's
//! long-list unless they are there already. Responses (`sync`) and saved searches both come
//! in through here, so a person is never made twice.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::Value;

use crate::domain::contacts::{normalize_email, normalize_phone};
use crate::entities::{application, candidate, hh_resume};
use crate::error::{AppError, AppResult};
use crate::recruitment::candidates::{self, CandidateFields};
use crate::recruitment::pipeline;
use crate::web::i18n::Message;

/// The channel written on applications that came from hh.ru.
pub const CHANNEL: &str = "hh";

/// What the app keeps of a resume.
#[derive(Clone, Debug, PartialEq)]
pub struct ResumeCard {
    pub resume_id: String,
    /// Empty when hh hides the name (a resume without access to contacts).
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub title: Option<String>,
    pub experience_months: Option<i64>,
    pub salary: Option<i64>,
    pub currency: Option<String>,
    pub area: Option<String>,
    /// The resume on hh.ru's site.
    pub url: String,
    /// The resume as hh gave it.
    pub snapshot: Value,
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// hh's currency code (`RUR`) as the app writes it (`RUB`).
fn currency(code: &str) -> String {
    match code {
        "RUR" => "RUB".to_owned(),
        other => other.to_owned(),
    }
}

/// A phone contact: `formatted`, else country + city + number.
fn phone_of(value: &Value) -> Option<String> {
    if let Some(formatted) = text(&value["formatted"]) {
        return normalize_phone(&formatted);
    }
    if let Some(plain) = text(value) {
        return normalize_phone(&plain);
    }
    let parts: String = ["country", "city", "number"]
        .iter()
        .filter_map(|k| text(&value[*k]))
        .collect();
    (!parts.is_empty())
        .then(|| normalize_phone(&format!("+{parts}")))
        .flatten()
}

/// Reads a resume as hh's `/resumes/{id}` (or a negotiation's or search's short form) gives it.
pub fn read(resume: &Value) -> Option<ResumeCard> {
    let resume_id = text(&resume["id"])?;
    let full_name = ["first_name", "middle_name", "last_name"]
        .iter()
        .filter_map(|k| text(&resume[*k]))
        .collect::<Vec<_>>()
        .join(" ");
    let mut email = None;
    let mut phone = None;
    for contact in resume["contact"].as_array().into_iter().flatten() {
        match contact["type"]["id"].as_str() {
            Some("email") if email.is_none() => {
                email = text(&contact["value"]).and_then(|e| normalize_email(&e));
            }
            Some("cell" | "home" | "work") if phone.is_none() => {
                phone = phone_of(&contact["value"]);
            }
            _ => {}
        }
    }
    let url = text(&resume["alternate_url"])
        .unwrap_or_else(|| format!("https://hh.ru/resume/{resume_id}"));
    Some(ResumeCard {
        full_name,
        email,
        phone,
        title: text(&resume["title"]),
        experience_months: resume["total_experience"]["months"].as_i64(),
        salary: resume["salary"]["amount"].as_i64(),
        currency: resume["salary"]["currency"].as_str().map(currency),
        area: text(&resume["area"]["name"]),
        url,
        snapshot: resume.clone(),
        resume_id,
    })
}

/// What [`take_in`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TakenIn {
    pub candidate_id: i32,
    pub application_id: i32,
    pub new_candidate: bool,
    pub new_application: bool,
}

/// The person behind `card` on `position_id`'s long-list, with `source`. Call inside the
/// caller's transaction: the person, the snapshot and the application land together or not
/// at all.
pub async fn take_in<C: ConnectionTrait>(
    db: &C,
    actor: Option<i32>,
    card: &ResumeCard,
    position_id: i32,
    source: &str,
) -> AppResult<TakenIn> {
    let known = hh_resume::Entity::find()
        .filter(hh_resume::Column::ResumeId.eq(card.resume_id.clone()))
        .one(db)
        .await?;
    let by_resume = match &known {
        Some(row) => candidate::Entity::find_by_id(row.candidate_id)
            .one(db)
            .await?
            .filter(|c| c.erased_at.is_none()),
        None => None,
    };
    let by_contact = match by_resume {
        Some(person) => Some(person),
        None => {
            candidates::find_duplicate(db, card.email.as_deref(), card.phone.as_deref(), None)
                .await?
        }
    };
    let (person, new_candidate) = match by_contact {
        Some(person) => (person, false),
        None => (create(db, actor, card).await?, true),
    };
    keep_snapshot(db, known, card, person.id).await?;
    let existing = application::Entity::find()
        .filter(application::Column::CandidateId.eq(person.id))
        .filter(application::Column::PositionId.eq(position_id))
        .one(db)
        .await?;
    let (application_id, new_application) = match existing {
        Some(found) => (found.id, false),
        None => {
            let added = pipeline::add(db, actor, person.id, position_id, source).await?;
            let id = added.id;
            let mut active = added.into_active_model();
            active.channel = Set(Some(CHANNEL.to_owned()));
            active.update(db).await?;
            (id, true)
        }
    };
    Ok(TakenIn {
        candidate_id: person.id,
        application_id,
        new_candidate,
        new_application,
    })
}

async fn create<C: ConnectionTrait>(
    db: &C,
    actor: Option<i32>,
    card: &ResumeCard,
) -> AppResult<candidate::Model> {
    let full_name = if card.full_name.is_empty() {
        // hh hides the name of some resumes; the person still needs a line in the list.
        format!("hh.ru {}", card.resume_id)
    } else {
        card.full_name.clone()
    };
    let fields = CandidateFields {
        full_name,
        email: card.email.clone(),
        phone: card.phone.clone(),
        current_title: card.title.clone(),
        expected_salary: card.salary.filter(|s| *s > 0),
        currency: card.salary.and(card.currency.clone()),
        links: Some(card.url.clone()),
        ..Default::default()
    };
    match candidates::create(db, actor, fields, Some("job_board"), None).await {
        Ok(person) => Ok(person),
        // What hh sent does not pass our checks (a malformed email, say): keep the person
        // without the contact rather than lose the response.
        Err(AppError::Validation(_)) => {
            let fields = CandidateFields {
                full_name: if card.full_name.is_empty() {
                    format!("hh.ru {}", card.resume_id)
                } else {
                    card.full_name.clone()
                },
                links: Some(card.url.clone()),
                ..Default::default()
            };
            candidates::create(db, actor, fields, Some("job_board"), None).await
        }
        Err(other) => Err(other),
    }
}

async fn keep_snapshot<C: ConnectionTrait>(
    db: &C,
    known: Option<hh_resume::Model>,
    card: &ResumeCard,
    candidate_id: i32,
) -> AppResult<()> {
    let now = Utc::now();
    let snapshot = serde_json::to_string(&card.snapshot)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("resume snapshot: {e}")))?;
    match known {
        Some(row) => {
            let mut active = row.into_active_model();
            active.candidate_id = Set(candidate_id);
            active.title = Set(card.title.clone());
            active.url = Set(card.url.clone());
            active.snapshot = Set(snapshot);
            active.fetched_at = Set(now);
            active.updated_at = Set(now);
            active.update(db).await?;
        }
        None => {
            hh_resume::ActiveModel {
                resume_id: Set(card.resume_id.clone()),
                candidate_id: Set(candidate_id),
                title: Set(card.title.clone()),
                url: Set(card.url.clone()),
                snapshot: Set(snapshot),
                fetched_at: Set(now),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The snapshot kept for a person, newest first (for the card).
pub async fn of_candidate<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
) -> AppResult<Vec<hh_resume::Model>> {
    use sea_orm::QueryOrder;
    Ok(hh_resume::Entity::find()
        .filter(hh_resume::Column::CandidateId.eq(candidate_id))
        .order_by_desc(hh_resume::Column::FetchedAt)
        .all(db)
        .await?)
}

/// For messages about a resume that cannot be read.
pub fn unreadable() -> AppError {
    AppError::Upstream(Message::new("hh-resume-unreadable"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_full_resume_gives_name_contacts_and_terms() {
        let resume = json!({
            "id": "abc123", "first_name": "Анна", "last_name": "Смирнова", "middle_name": null,
            "title": "Аккаунт-менеджер", "area": {"id": "1", "name": "Москва"},
            "salary": {"amount": 120000, "currency": "RUR"},
            "total_experience": {"months": 38},
            "alternate_url": "https://hh.ru/resume/abc123",
            "contact": [
                {"type": {"id": "email"}, "value": "Anna@Example.ru"},
                {"type": {"id": "cell"}, "value": {"country": "7", "city": "916", "number": "1234567", "formatted": "+7 (916) 123-45-67"}}
            ]
        });
        let card = read(&resume).unwrap();
        assert_eq!(card.full_name, "Анна Смирнова");
        assert_eq!(card.email.as_deref(), Some("anna@example.ru"));
        assert_eq!(card.phone, normalize_phone("+79161234567"));
        assert_eq!(card.salary, Some(120000));
        assert_eq!(card.currency.as_deref(), Some("RUB"));
        assert_eq!(card.experience_months, Some(38));
        assert_eq!(card.area.as_deref(), Some("Москва"));
    }

    #[test]
    fn a_hidden_resume_still_reads_by_its_id() {
        let card = read(&json!({"id": "x9", "title": "Менеджер"})).unwrap();
        assert_eq!(card.full_name, "");
        assert_eq!(card.email, None);
        assert_eq!(card.url, "https://hh.ru/resume/x9");
        assert!(read(&json!({"title": "no id"})).is_none());
    }

    #[test]
    fn a_phone_without_formatting_is_put_together() {
        let value = json!({"country": "7", "city": "495", "number": "7654321"});
        assert_eq!(phone_of(&value), normalize_phone("+74957654321"));
    }
}
