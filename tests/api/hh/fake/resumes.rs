//! Resumes: one resume in full (`GET /resumes/{id}`, with contacts in hh's shape), resume
//! search (`GET /resumes?text=`) and the manager's saved searches with what is new since the
//! last look (`GET /saved_searches/resumes`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State as Shared};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Months, Utc};
use serde_json::{Value, json};

use super::Fake;
use super::dictionaries::area;
use super::replies::{hh_error, not_found_error, page_of, paging};
use super::state::{Resume, State};

/// hh's 403 for a paid method without paid access (errors.md, "Ошибки доступа к платному
/// методу").
pub fn paid_access_refused() -> Response {
    hh_error(
        StatusCode::FORBIDDEN,
        json!({"type": "api_access_payment", "value": "action_must_be_payed"}),
    )
}

/// `GET /resumes/{id}`: the full resume, contacts included.
pub async fn show(Shared(fake): Shared<Fake>, Path(id): Path<String>) -> Response {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if !state.paid_access {
        return paid_access_refused();
    }
    match state.resumes.get(&id) {
        Some(resume) => Json(full(&state, resume)).into_response(),
        None => not_found_error(),
    }
}

/// `GET /resumes?text=&page=&per_page=[&saved_search_id=[&last_used_timestamp=]]`: resumes
/// whose title or name holds every word of `text`, newest first. Through a saved search the
/// search's text applies, `last_used_timestamp` keeps only what appeared after it, and the
/// results count as seen.
pub async fn search(
    Shared(fake): Shared<Fake>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if !state.paid_access {
        return paid_access_refused();
    }
    let (page, per_page) = match paging(&query) {
        Ok(paging) => paging,
        Err(refusal) => return refusal.into_response(),
    };
    let mut text = query.get("text").cloned().unwrap_or_default();
    let mut after = 0;
    if let Some(search_id) = query.get("saved_search_id") {
        let latest = state.search_seq;
        let Some(search) = state
            .saved_searches
            .iter_mut()
            .find(|s| s.id.to_string() == *search_id)
        else {
            return hh_error(
                StatusCode::BAD_REQUEST,
                json!({"type": "bad_argument", "value": "saved_search_id"}),
            );
        };
        if !query.contains_key("text") {
            text = search.text.clone();
        }
        search.seen_upto = latest;
    }
    if let Some(mark) = query.get("last_used_timestamp") {
        let Ok(mark) = mark.parse() else {
            return hh_error(
                StatusCode::BAD_REQUEST,
                json!({"type": "bad_argument", "value": "last_used_timestamp"}),
            );
        };
        after = mark;
    }
    let mut found: Vec<&Resume> = matching(&state, &text, after);
    found.sort_by_key(|r| std::cmp::Reverse(r.search_seq));
    let items = found.into_iter().map(|r| short(&state, r, None)).collect();
    Json(page_of(items, page, per_page)).into_response()
}

fn matching<'a>(state: &'a State, text: &str, after: u64) -> Vec<&'a Resume> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    state
        .resumes
        .values()
        .filter(|r| r.search_seq.is_some_and(|seq| seq > after))
        .filter(|r| {
            let haystack = format!(
                "{} {} {}",
                r.seed.title, r.seed.first_name, r.seed.last_name
            )
            .to_lowercase();
            words.iter().all(|word| haystack.contains(word.as_str()))
        })
        .collect()
}

/// `GET /saved_searches/resumes`: each search with its result count and what is new since the
/// manager last opened its results.
pub async fn saved_searches(
    Shared(fake): Shared<Fake>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    let (page, per_page) = match paging(&query) {
        Ok(paging) => paging,
        Err(refusal) => return refusal.into_response(),
    };
    let items = state
        .saved_searches
        .iter()
        .map(|search| {
            let text: String =
                url::form_urlencoded::byte_serialize(search.text.as_bytes()).collect();
            let url = format!(
                "{}/resumes?order_by=publication_time&saved_search_id={}&text={text}",
                state.base, search.id
            );
            json!({
                "id": search.id.to_string(),
                "name": search.name,
                "created_at": search.created_at,
                "subscription": false,
                "items": {"url": url, "count": matching(&state, &search.text, 0).len()},
                "new_items": {
                    "url": format!("{url}&last_used_timestamp={}", search.seen_upto),
                    "count": matching(&state, &search.text, search.seen_upto).len(),
                },
            })
        })
        .collect();
    Json(page_of(items, page, per_page)).into_response()
}

/// A resume's urls; seen through a negotiation (`topic`: negotiation and vacancy ids) they
/// carry it, as hh's do.
fn urls(state: &State, resume: &Resume, topic: Option<(u64, u64)>) -> (String, String) {
    let id = &resume.id;
    match topic {
        Some((nid, vacancy)) => (
            format!("{}/resumes/{id}?topic_id={nid}", state.base),
            format!("https://hh.ru/resume/{id}?t={nid}&vacancyId={vacancy}"),
        ),
        None => (
            format!("{}/resumes/{id}", state.base),
            format!("https://hh.ru/resume/{id}"),
        ),
    }
}

/// The short resume hh puts in negotiations and search results: no contacts.
pub fn short(state: &State, resume: &Resume, topic: Option<(u64, u64)>) -> Value {
    let seed = &resume.seed;
    let (url, alternate_url) = urls(state, resume, topic);
    let download = json!({
        "pdf": {"url": format!("{}/resumes/{}/download/resume.pdf?type=pdf", state.base, resume.id)},
        "rtf": {"url": format!("{}/resumes/{}/download/resume.rtf?type=rtf", state.base, resume.id)},
    });
    json!({
        "id": resume.id,
        "real_id": resume.id,
        "title": seed.title,
        "url": url,
        "alternate_url": alternate_url,
        "first_name": seed.first_name,
        "last_name": seed.last_name,
        "middle_name": seed.middle_name,
        "age": null,
        "area": area(&state.base, &seed.area_id).map(|(a, _)| a),
        "salary": seed.salary.as_ref().map(|(amount, currency)| json!({"amount": amount, "currency": currency})),
        "total_experience": {"months": seed.experience_months},
        "experience": experience(seed.experience_months, &seed.title),
        "created_at": resume.created_at,
        "updated_at": resume.created_at,
        "can_view_full_info": true,
        "certificate": [],
        "hidden_fields": [],
        "photo": null,
        "gender": null,
        "education": {"level": {"id": "higher", "name": "Высшее"}, "primary": []},
        "download": download,
        "actions": {"download": download},
        "owner": {
            "id": format!("owner-{}", resume.id),
            "comments": {
                "url": format!("{}/applicant_comments/owner-{}", state.base, resume.id),
                "counters": {"total": 0},
            },
        },
        "negotiations_history": {
            "url": format!("{}/resumes/{}/negotiations_history", state.base, resume.id),
        },
        "favorited": false,
        "marked": false,
        "viewed": false,
        "tags": [],
    })
}

/// The full resume, with contacts where the applicant shows them.
pub fn full(state: &State, resume: &Resume) -> Value {
    let seed = &resume.seed;
    let mut contact = Vec::new();
    if let Some(email) = &seed.email {
        contact.push(json!({
            "kind": "email",
            "type": {"id": "email", "name": "Эл. почта"},
            "contact_value": email,
            "value": email,
            "preferred": true,
            "comment": null,
        }));
    }
    if let Some(phone) = &seed.phone {
        let value = phone_value(phone);
        contact.push(json!({
            "kind": "phone",
            "type": {"id": "cell", "name": "Мобильный телефон"},
            "contact_value": value["formatted"],
            // The older shape, which hh still sends next to contact_value.
            "value": value,
            "preferred": seed.email.is_none(),
            "comment": null,
            "need_verification": false,
            "verified": true,
        }));
    }
    let mut body = short(state, resume, None);
    let extra = json!({
        "contact": contact,
        "skill_set": [],
        "skills": null,
        "language": [{"id": "rus", "name": "Русский", "level": {"id": "l1", "name": "Родной"}}],
        "citizenship": [{"id": "113", "name": "Россия", "url": format!("{}/areas/113", state.base)}],
        "work_ticket": [],
        "relocation": {"type": {"id": "no_relocation", "name": "не готов к переезду"}, "area": [], "district": []},
        "business_trip_readiness": {"id": "ready", "name": "готов к командировкам"},
        "travel_time": {"id": "any", "name": "не имеет значения"},
        "schedule": {"id": "fullDay", "name": "Полный день"},
        "schedules": [],
        "employments": [],
        "driver_license_types": [],
        "paid_services": [],
        "portfolio": [],
        "recommendation": [],
        "site": [],
        "resume_locale": {"id": "RU", "name": "Русский"},
        "complaint_status": {"applicant_topics_are_hidden": false},
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    body
}

/// One job covering the applicant's whole experience, ending now.
fn experience(months: u32, title: &str) -> Value {
    if months == 0 {
        return json!([]);
    }
    let start = Utc::now()
        .date_naive()
        .checked_sub_months(Months::new(months))
        .unwrap_or_default();
    json!([{
        "start": start.format("%Y-%m-01").to_string(),
        "end": null,
        "company": "Рекламное агентство «Полёт»",
        "company_id": null,
        "company_url": null,
        "employer": null,
        "area": null,
        "industries": [],
        "industry": null,
        "position": title,
        "description": "Ведение ключевых клиентов агентства.",
    }])
}

/// A phone in hh's contact shape: country, city code, number and the formatted form.
fn phone_value(digits: &str) -> Value {
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let (country, rest) = digits.split_at(digits.len().saturating_sub(10));
    let (city, number) = rest.split_at(rest.len().min(3));
    let formatted = if number.len() == 7 {
        format!(
            "+{country} ({city}) {}-{}-{}",
            &number[..3],
            &number[3..5],
            &number[5..]
        )
    } else {
        format!("+{digits}")
    };
    json!({"country": country, "city": city, "number": number, "formatted": formatted})
}
