//! Negotiations (responses and invitations) on the employer's side: a vacancy's collections
//! (`GET /negotiations?vacancy_id=`), one collection's items, one negotiation, and actions
//! (`PUT /negotiations/{action}/{nid}`), which a connector must take from each item's
//! `actions[].url` as hh's employer_negotiations.md asks.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Shared};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Fake;
use super::records::TakenAction;
use super::replies::{Refusal, hh_error, not_found_error, page_of, paging};
use super::resumes::{paid_access_refused, short as short_resume};
use super::state::{Negotiation, State, hh_time};
use super::vacancy_view::short as short_vacancy;

/// hh's default hiring funnel, as in the spec's examples: `(id, collection name, state name,
/// message template id)`. An employer state is also the collection its negotiations are in, and
/// every step but `response` is an action.
const FUNNEL: &[(&str, &str, &str, &str)] = &[
    ("response", "Неразобранные", "Отклик", ""),
    ("consider", "Подумать", "Подумать", "consider"),
    (
        "phone_interview",
        "Телефонное интервью",
        "Тел. интервью",
        "invite_after_response",
    ),
    ("assessment", "Оценка", "Оценка", "assessment_owner_tool"),
    ("interview", "Интервью", "Интервью", "interview"),
    (
        "offer",
        "Предложение о работе",
        "Предложение о работе",
        "offer",
    ),
    ("hired", "Выход на работу", "Выход на работу", "hired"),
    (
        "discard_by_employer",
        "Отказ",
        "Отказано",
        "discard_after_response",
    ),
];

fn step(id: &str) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    FUNNEL.iter().find(|(step, ..)| *step == id)
}

/// The actions open from a state: any other step, none once hired or discarded.
fn open_actions(employer_state: &str) -> Vec<&'static str> {
    if matches!(employer_state, "hired" | "discard_by_employer") {
        return Vec::new();
    }
    FUNNEL
        .iter()
        .map(|(id, ..)| *id)
        .filter(|id| *id != "response" && *id != employer_state)
        .collect()
}

fn vacancy_id(state: &State, query: &HashMap<String, String>) -> Result<u64, Refusal> {
    let raw = query
        .get("vacancy_id")
        .ok_or_else(|| Refusal::bad_argument("vacancy_id"))?;
    raw.parse::<u64>()
        .ok()
        .filter(|id| state.vacancies.contains_key(id))
        .ok_or_else(|| {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                json!({"type": "negotiations", "value": "vacancy_not_found"}),
            )
        })
}

/// `GET /negotiations?vacancy_id=`: the vacancy's collections with their counters and urls.
pub async fn collections(
    Shared(fake): Shared<Fake>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if !state.paid_access {
        return paid_access_refused();
    }
    let vacancy = match vacancy_id(&state, &query) {
        Ok(id) => id,
        Err(refusal) => return refusal.into_response(),
    };
    let collections: Vec<Value> = FUNNEL
        .iter()
        .map(|(id, name, ..)| {
            let members = state
                .negotiations
                .values()
                .filter(|n| n.vacancy_id == vacancy && n.employer_state == *id);
            let total = members.clone().count();
            let with_updates = members.filter(|n| n.taken.is_empty()).count();
            let url = format!("{}/negotiations/{id}?vacancy_id={vacancy}", state.base);
            json!({
                "id": id,
                "name": name,
                "description": name,
                "hidden": false,
                "url": url,
                "counters": {"total": total, "with_updates": with_updates},
                "order_types": [{
                    "id": "created_at",
                    "name": "По дате отклика",
                    "url": format!("{url}&order_by=created_at"),
                }],
                "sub_collections": [],
            })
        })
        .collect();
    let employer_states: Vec<Value> = FUNNEL
        .iter()
        .map(|(id, _, state_name, _)| json!({"id": id, "name": state_name}))
        .collect();
    Json(json!({
        "collections": collections,
        "employer_states": employer_states,
        "generated_collections": [],
    }))
    .into_response()
}

/// `GET /negotiations/{id}` (one negotiation) or `GET /negotiations/{collection}?vacancy_id=`
/// (a collection's items, newest first, paged): hh tells them apart the same way.
pub async fn show(
    Shared(fake): Shared<Fake>,
    Path(id_or_collection): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if !state.paid_access {
        return paid_access_refused();
    }
    if id_or_collection.chars().all(|c| c.is_ascii_digit()) {
        return match state.negotiation(&id_or_collection) {
            Some(negotiation) => Json(item(&state, negotiation)).into_response(),
            None => topic_not_found(),
        };
    }
    if step(&id_or_collection).is_none() {
        return not_found_error();
    }
    let vacancy = match vacancy_id(&state, &query) {
        Ok(id) => id,
        Err(refusal) => return refusal.into_response(),
    };
    let (page, per_page) = match paging(&query) {
        Ok(paging) => paging,
        Err(refusal) => return refusal.into_response(),
    };
    let items = state
        .negotiations
        .values()
        .rev()
        .filter(|n| n.vacancy_id == vacancy && n.employer_state == id_or_collection)
        .map(|n| item(&state, n))
        .collect();
    let mut body = page_of(items, page, per_page);
    body["ordered_by"] = json!({"id": "created_at", "name": "По дате отклика"});
    Json(body).into_response()
}

fn topic_not_found() -> Response {
    hh_error(
        StatusCode::NOT_FOUND,
        json!({"type": "negotiations", "value": "topic_not_found"}),
    )
}

/// `PUT /negotiations/{action}/{nid}` with a JSON body (`message`, ...): 204, and the
/// negotiation moves to the action's state. Only the actions the negotiation lists are allowed.
pub async fn take_action(
    Shared(fake): Shared<Fake>,
    Path((action, nid)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if !state.paid_access {
        return paid_access_refused();
    }
    let Ok(body @ Value::Object(_)) = serde_json::from_slice::<Value>(&body) else {
        return hh_error(
            StatusCode::BAD_REQUEST,
            json!({"type": "bad_argument", "value": "body"}),
        );
    };
    let Some(id) = state.negotiation(&nid).map(|n| n.id) else {
        return topic_not_found();
    };
    let negotiation = &state.negotiations[&id];
    let refusal = |value: &str| {
        hh_error(
            StatusCode::FORBIDDEN,
            json!({"type": "negotiations", "value": value}),
        )
    };
    if state
        .vacancies
        .get(&negotiation.vacancy_id)
        .is_none_or(|v| v.archived)
    {
        return refusal("invalid_vacancy");
    }
    if !open_actions(&negotiation.employer_state).contains(&action.as_str()) {
        return refusal("wrong_state");
    }
    let message = match &body["message"] {
        Value::Null => None,
        Value::String(text) if text.trim().is_empty() => return refusal("empty_message"),
        Value::String(text) => Some(text.clone()),
        _ => {
            return hh_error(
                StatusCode::BAD_REQUEST,
                json!({"type": "bad_argument", "value": "message"}),
            );
        }
    };
    let negotiation = state.negotiations.get_mut(&id).expect("found above");
    // What the applicant sees: a refusal, an invitation, or (for "consider") nothing new.
    negotiation.applicant_state = match action.as_str() {
        "discard_by_employer" => "discard".into(),
        "consider" => negotiation.applicant_state.clone(),
        _ => "invitation".into(),
    };
    negotiation.employer_state = action.clone();
    negotiation.updated_at = hh_time();
    negotiation.taken.push(TakenAction {
        action,
        message,
        body,
    });
    StatusCode::NO_CONTENT.into_response()
}

fn template(state: &State, id: &str, nid: u64) -> Value {
    json!({
        "id": id,
        "name": format!("Шаблон {id}"),
        "quick": false,
        "url": format!("{}/message_templates/{id}?topic_id={nid}", state.base),
    })
}

/// One negotiation as hh lists it, with its resume and the actions open to the employer.
fn item(state: &State, negotiation: &Negotiation) -> Value {
    let nid = negotiation.id;
    let actions: Vec<Value> = open_actions(&negotiation.employer_state)
        .into_iter()
        .filter_map(step)
        .map(|(id, name, state_name, template_id)| {
            json!({
                "id": id,
                "name": name,
                "method": "PUT",
                "url": format!("{}/negotiations/{id}/{nid}", state.base),
                "enabled": true,
                "hidden": false,
                "arguments": [{"id": "message", "required": false, "required_arguments": []}],
                "resulting_employer_state": {"id": id, "name": state_name},
                "templates": [template(state, template_id, nid)],
                "sub_actions": [],
            })
        })
        .collect();
    let templates: Vec<Value> = FUNNEL
        .iter()
        .filter(|(_, _, _, t)| !t.is_empty())
        .map(|(_, _, _, t)| template(state, t, nid))
        .collect();
    let employer_state = step(&negotiation.employer_state)
        .map(|(id, _, name, _)| json!({"id": id, "name": name}))
        .unwrap_or(Value::Null);
    let applicant_state = match negotiation.applicant_state.as_str() {
        "invitation" => json!({"id": "invitation", "name": "Приглашение"}),
        "discard" => json!({"id": "discard", "name": "Отказ"}),
        _ => json!({"id": "response", "name": "Отклик"}),
    };
    let resume = state
        .resumes
        .get(&negotiation.resume_id)
        .map(|r| short_resume(state, r, Some((nid, negotiation.vacancy_id))));
    json!({
        "id": nid.to_string(),
        "state": applicant_state,
        "employer_state": employer_state,
        "created_at": negotiation.created_at,
        "updated_at": negotiation.updated_at,
        "has_updates": negotiation.taken.is_empty(),
        "viewed_by_opponent": !negotiation.taken.is_empty(),
        "messaging_status": "ok",
        "source": "NEGOTIATION",
        "url": format!("{}/negotiations/{nid}", state.base),
        "messages_url": format!("{}/negotiations/{nid}/messages", state.base),
        "counters": {"messages": negotiation.taken.len(), "unread_messages": 0},
        "vacancy": state.vacancies.get(&negotiation.vacancy_id).map(|v| short_vacancy(state, v)),
        "resume": resume,
        "actions": actions,
        "templates": templates,
        "tags": [],
    })
}
