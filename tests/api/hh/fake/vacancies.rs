//! Vacancies: publish (`POST /vacancies`), view, edit, archive, and the employer's active and
//! archived lists. Publishing and editing check what hh checks (vacancy_rules.rs).

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Fake;
use super::replies::{Refusal, hh_error, not_found_error, page_of, paging};
use super::state::hh_time;
use super::vacancy_rules::{problems, refused};
use super::vacancy_view::{full, short};

/// The JSON object a vacancy request carries, or hh's 400 for anything else.
fn object(body: &Bytes) -> Result<Value, Refusal> {
    match serde_json::from_slice::<Value>(body) {
        Ok(value) if value.is_object() => Ok(value),
        _ => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            json!({"type": "bad_json_data"}),
        )),
    }
}

/// `POST /vacancies` → 201 `{"id"}` with `Location: /vacancies/{id}`.
pub async fn publish(Shared(fake): Shared<Fake>, body: Bytes) -> Response {
    let fields = match object(&body) {
        Ok(fields) => fields,
        Err(refusal) => return refusal.into_response(),
    };
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    let found = problems(&fields, &state.base);
    if !found.is_empty() {
        return refused(found);
    }
    match state.publications_left {
        Some(0) => {
            return hh_error(
                StatusCode::FORBIDDEN,
                json!({"type": "vacancies", "value": "not_enough_purchased_services"}),
            );
        }
        Some(left) => state.publications_left = Some(left - 1),
        None => {}
    }
    let id = state.add_vacancy(fields);
    (
        StatusCode::CREATED,
        [(header::LOCATION, format!("/vacancies/{id}"))],
        Json(json!({"id": id.to_string()})),
    )
        .into_response()
}

/// `PUT /vacancies/{id}`: the fields sent replace the stored ones (`null` removes one); the
/// result must still be a vacancy hh accepts. 204.
pub async fn edit(Shared(fake): Shared<Fake>, Path(id): Path<String>, body: Bytes) -> Response {
    let changes = match object(&body) {
        Ok(changes) => changes,
        Err(refusal) => return refusal.into_response(),
    };
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    let base = state.base.clone();
    let Some(vacancy) = id
        .parse()
        .ok()
        .and_then(|id: u64| state.vacancies.get_mut(&id))
    else {
        return not_found_error();
    };
    if vacancy.archived {
        return hh_error(
            StatusCode::FORBIDDEN,
            json!({"type": "vacancies", "value": "unavailable_for_archived"}),
        );
    }
    let mut fields = vacancy.fields.clone();
    for (key, value) in changes.as_object().into_iter().flatten() {
        match value {
            Value::Null => fields.as_object_mut().map(|f| f.remove(key)),
            _ => fields
                .as_object_mut()
                .map(|f| f.insert(key.clone(), value.clone())),
        };
    }
    let found = problems(&fields, &base);
    if !found.is_empty() {
        return refused(found);
    }
    vacancy.fields = fields;
    StatusCode::NO_CONTENT.into_response()
}

/// `PUT /employers/{employer_id}/vacancies/archived/{id}`: 204.
pub async fn archive(
    Shared(fake): Shared<Fake>,
    Path((employer_id, id)): Path<(String, String)>,
) -> Response {
    let mut state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if employer_id != state.employer_id {
        return not_found_error();
    }
    let Some(vacancy) = id
        .parse()
        .ok()
        .and_then(|id: u64| state.vacancies.get_mut(&id))
    else {
        return not_found_error();
    };
    if !vacancy.archived {
        vacancy.archived = true;
        vacancy.archived_at = Some(hh_time());
    }
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /vacancies/{id}`: the vacancy as its manager sees it.
pub async fn show(Shared(fake): Shared<Fake>, Path(id): Path<String>) -> Response {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    match state.vacancy(&id) {
        Some(vacancy) => Json(full(&state, vacancy)).into_response(),
        None => not_found_error(),
    }
}

/// `GET /employers/{employer_id}/vacancies/active`.
pub async fn active(
    state: Shared<Fake>,
    path: Path<String>,
    query: Query<HashMap<String, String>>,
) -> Response {
    list(state, path, query, false)
}

/// `GET /employers/{employer_id}/vacancies/archived`.
pub async fn archived(
    state: Shared<Fake>,
    path: Path<String>,
    query: Query<HashMap<String, String>>,
) -> Response {
    list(state, path, query, true)
}

fn list(
    Shared(fake): Shared<Fake>,
    Path(employer_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    archived: bool,
) -> Response {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    if employer_id != state.employer_id {
        return not_found_error();
    }
    let (page, per_page) = match paging(&query) {
        Ok(paging) => paging,
        Err(refusal) => return refusal.into_response(),
    };
    // Newest first, as hh lists them by default.
    let items = state
        .vacancies
        .values()
        .rev()
        .filter(|v| v.archived == archived)
        .map(|v| short(&state, v))
        .collect();
    Json(page_of(items, page, per_page)).into_response()
}
