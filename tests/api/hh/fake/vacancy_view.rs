//! A vacancy as hh shows it: in full to its manager (`GET /vacancies/{id}`) and short in the
//! employer's lists and in negotiations.

use serde_json::{Value, json};

use super::dictionaries::{area, entry};
use super::state::{State, Vacancy};
use super::vacancy_rules::{BILLING_TYPES, property_types};

/// A `{id}` field as `{id, name}` from its dictionary (`null` when absent).
fn named(fields: &Value, field: &str, dictionary: &str) -> Value {
    fields[field]["id"]
        .as_str()
        .and_then(|id| entry(dictionary, id))
        .unwrap_or(Value::Null)
}

fn named_list(fields: &Value, field: &str, dictionary: &str) -> Value {
    let items = fields[field].as_array().into_iter().flatten();
    Value::Array(
        items
            .filter_map(|item| item["id"].as_str().and_then(|id| entry(dictionary, id)))
            .collect(),
    )
}

fn counters(state: &State, vacancy: &Vacancy) -> Value {
    let negotiations = || {
        state
            .negotiations
            .values()
            .filter(|n| n.vacancy_id == vacancy.id)
    };
    let responses = negotiations().count();
    let unread = negotiations().filter(|n| n.taken.is_empty()).count();
    let invitations = negotiations()
        .filter(|n| n.applicant_state == "invitation")
        .count();
    json!({
        // Everyone who responded has seen the vacancy at least.
        "views": responses,
        "responses": responses,
        "unread_responses": unread,
        "resumes_in_progress": responses - unread,
        "invitations": invitations,
        "invitations_and_responses": responses,
        "calls": 0,
        "new_missed_calls": 0,
    })
}

/// What the list and the full view share.
fn common(state: &State, vacancy: &Vacancy) -> serde_json::Map<String, Value> {
    let fields = &vacancy.fields;
    let id = vacancy.id;
    let properties = property_types(fields);
    let billing = BILLING_TYPES
        .iter()
        .find(|(_, property)| properties.iter().any(|p| p == property))
        .map_or("standard", |(id, _)| id);
    let billing_type = entry("vacancy_billing_type", billing).unwrap_or(Value::Null);
    let vacancy_properties: Vec<Value> = properties
        .iter()
        .map(|p| json!({"property_type": p, "start_time": vacancy.created_at, "end_time": vacancy.expires_at, "parameters": []}))
        .collect();
    let mut salary_range = fields["salary_range"].clone();
    if salary_range.is_object() {
        salary_range["mode"] = named(&salary_range, "mode", "salary_range_mode");
        salary_range["frequency"] = named(&salary_range, "frequency", "salary_range_frequency");
    }
    let common = json!({
        "id": id.to_string(),
        "name": fields["name"],
        "area": area(&state.base, fields["area"]["id"].as_str().unwrap_or("")).map(|(a, _)| a),
        "salary": fields["salary"],
        "salary_range": salary_range,
        "type": fields["type"]["id"]
            .as_str()
            .and_then(|id| entry("vacancy_type", id))
            .or_else(|| entry("vacancy_type", "open")),
        "billing_type": billing_type,
        "premium": billing_type["id"] == "premium",
        "archived": vacancy.archived,
        "has_test": false,
        "response_letter_required": fields["response_letter_required"].as_bool().unwrap_or(false),
        "closed_for_applicants": fields["closed_for_applicants"].as_bool().unwrap_or(false),
        "url": format!("{}/vacancies/{id}", state.base),
        "alternate_url": format!("https://hh.ru/vacancy/{id}"),
        "apply_alternate_url": format!("https://hh.ru/applicant/vacancy_response?vacancyId={id}"),
        "created_at": vacancy.created_at,
        "published_at": vacancy.created_at,
        "expires_at": vacancy.expires_at,
        "can_upgrade_billing_type": false,
        "vacancy_properties": {"properties": vacancy_properties},
        "show_contacts": false,
        "address": null,
        "department": null,
        "relations": [],
        "employer": {
            "id": state.employer_id,
            "name": "Digital Agency",
            "url": format!("{}/employers/{}", state.base, state.employer_id),
            "alternate_url": format!("https://hh.ru/employer/{}", state.employer_id),
            "logo_urls": null,
            "vacancies_url": format!("{}/vacancies?employer_id={}", state.base, state.employer_id),
            "accredited_it_employer": false,
            "trusted": true,
        },
        "manager": {
            "id": state.manager_id,
            "first_name": "Ольга",
            "last_name": "Петрова",
            "middle_name": null,
        },
        "counters": counters(state, vacancy),
    });
    match common {
        Value::Object(map) => map,
        _ => unreachable!("a json! object"),
    }
}

/// The list item (`VacanciesActiveListItem`, `VacanciesVacancyArchived`), also what a
/// negotiation says about its vacancy.
pub fn short(state: &State, vacancy: &Vacancy) -> Value {
    let mut item = common(state, vacancy);
    item.insert("has_updates".into(), json!(false));
    item.insert("archived_at".into(), json!(vacancy.archived_at));
    Value::Object(item)
}

/// The full view (`VacanciesVacancyForManager`).
pub fn full(state: &State, vacancy: &Vacancy) -> Value {
    let fields = &vacancy.fields;
    let mut item = common(state, vacancy);
    let roles: Vec<Value> = fields["professional_roles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|role| json!({"id": role["id"], "name": professional_role(role["id"].as_str())}))
        .collect();
    let extra = json!({
        "description": fields["description"],
        "branded_description": null,
        "key_skills": fields["key_skills"].as_array().cloned().unwrap_or_default(),
        "professional_roles": roles,
        "experience": named(fields, "experience", "experience"),
        "employment": entry(
            "employment",
            fields["employment"]["id"]
                .as_str()
                .unwrap_or_else(|| employment_for(fields["employment_form"]["id"].as_str())),
        ),
        "employment_form": named(fields, "employment_form", "employment_form"),
        "schedule": entry(
            "schedule",
            fields["schedule"]["id"]
                .as_str()
                .unwrap_or_else(|| schedule_for(&fields["work_format"])),
        ),
        "work_format": named_list(fields, "work_format", "work_format"),
        "working_hours": named_list(fields, "working_hours", "working_hours"),
        "work_schedule_by_days": named_list(fields, "work_schedule_by_days", "work_schedule_by_days"),
        "accept_handicapped": false,
        "accept_incomplete_resumes": false,
        "accept_kids": false,
        "accept_temporary": false,
        "allow_messages": fields["allow_messages"].as_bool().unwrap_or(true),
        "approved": true,
        "hidden": false,
        "driver_license_types": [],
        "initial_created_at": vacancy.created_at,
        "archived_at": vacancy.archived_at,
        "branded_template": null,
        // Without an address hh still gives its manager an (empty) one to edit.
        "address": {
            "city": null, "street": null, "building": null, "description": null, "lat": null,
            "lng": null, "metro": null, "metro_stations": [], "show_metro_only": false,
            "can_edit": true,
        },
        "response_notifications": true,
        "negotiations_url": format!("{}/negotiations?vacancy_id={}", state.base, vacancy.id),
        "suitable_resumes_url": null,
        "code": fields["code"],
    });
    item.extend(extra.as_object().cloned().unwrap_or_default());
    Value::Object(item)
}

/// The old `employment` hh fills in from the newer `employment_form`.
fn employment_for(form: Option<&str>) -> &'static str {
    match form {
        Some("PART" | "SIDE_JOB") => "part",
        Some("PROJECT") => "project",
        _ => "full",
    }
}

/// The old `schedule` hh fills in from the newer `work_format`.
fn schedule_for(work_format: &Value) -> &'static str {
    let remote = work_format
        .as_array()
        .is_some_and(|formats| formats.iter().any(|f| f["id"] == "REMOTE"));
    if remote { "remote" } else { "fullDay" }
}

/// hh's names for the professional roles an agency hires for; others get a neutral name.
fn professional_role(id: Option<&str>) -> &'static str {
    match id {
        Some("70") => "Менеджер по продажам, менеджер по работе с клиентами",
        Some("68") => "Менеджер по маркетингу, интернет-маркетолог",
        _ => "Другое",
    }
}
