//! What hh checks in a vacancy it is asked to publish or edit, and its 400 `bad_json_data`
//! answer naming each refused field.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::dictionaries::{area, entry};
use super::replies::hh_errors;

/// A field hh refuses: the top-level key, hh's reason and a JSON pointer to the culprit.
pub struct Problem {
    field: String,
    reason: &'static str,
    pointer: String,
}

fn problem(field: &str, reason: &'static str, pointer: &str) -> Problem {
    Problem {
        field: field.to_owned(),
        reason,
        pointer: pointer.to_owned(),
    }
}

/// What hh checks in a vacancy (create, or an edit merged into the stored one).
pub fn problems(fields: &Value, base: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    for field in ["name", "description"] {
        match &fields[field] {
            Value::Null => found.push(problem(field, "required", &format!("/{field}"))),
            Value::String(text) if text.trim().is_empty() => {
                found.push(problem(field, "is_empty", &format!("/{field}")))
            }
            Value::String(_) => {}
            _ => found.push(problem(field, "invalid", &format!("/{field}"))),
        }
    }
    if fields["description"].as_str().is_some_and(has_email) {
        found.push(problem(
            "description",
            "email_in_description",
            "/description",
        ));
    }
    match fields["area"]["id"].as_str() {
        None => found.push(problem("area", "required", "/area/id")),
        Some(id) if !area(base, id).is_some_and(|(_, leaf)| leaf) => found.push(problem(
            "area",
            "chosen_area_is_not_a_leaf_or_not_exist",
            "/area/id",
        )),
        Some(_) => {}
    }
    let roles = fields["professional_roles"].as_array();
    if roles.is_none_or(|roles| roles.is_empty()) {
        found.push(problem(
            "professional_roles",
            "required",
            "/professional_roles",
        ));
    } else if roles.is_some_and(|roles| roles.iter().any(|r| !r["id"].is_string())) {
        found.push(problem(
            "professional_roles",
            "invalid",
            "/professional_roles",
        ));
    }
    // billing_type and type are the old way to say how to publish; vacancy_properties replaces
    // both, and then hh ignores them.
    if let Some(properties) = fields["vacancy_properties"].as_object() {
        let types: Vec<Option<&str>> = properties
            .get("properties")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|p| p["property_type"].as_str())
            .collect();
        if types.is_empty() {
            found.push(problem(
                "vacancy_properties",
                "properties_existence",
                "/vacancy_properties/properties",
            ));
        } else if types
            .iter()
            .any(|t| t.is_none_or(|t| !PROPERTY_TYPES.contains(&t)))
        {
            found.push(problem(
                "vacancy_properties",
                "invalid_publication_properties",
                "/vacancy_properties/properties",
            ));
        }
    } else {
        for (field, dictionary) in [
            ("billing_type", "vacancy_billing_type"),
            ("type", "vacancy_type"),
        ] {
            check_entry(&mut found, fields, field, dictionary, true);
        }
    }
    for (field, dictionary) in [
        ("experience", "experience"),
        ("employment", "employment"),
        ("employment_form", "employment_form"),
        ("schedule", "schedule"),
    ] {
        check_entry(&mut found, fields, field, dictionary, false);
    }
    for (field, dictionary) in [
        ("work_format", "work_format"),
        ("working_hours", "working_hours"),
        ("work_schedule_by_days", "work_schedule_by_days"),
    ] {
        let unknown = fields[field].as_array().is_some_and(|items| {
            items.iter().any(|item| {
                item["id"]
                    .as_str()
                    .is_none_or(|id| entry(dictionary, id).is_none())
            })
        });
        if unknown {
            found.push(problem(field, "invalid", &format!("/{field}")));
        }
    }
    check_salary(&mut found, fields, "salary");
    check_salary(&mut found, fields, "salary_range");
    found
}

/// hh's publication properties (`VacancyPublicPropertyTypes`), which replace `billing_type`.
const PROPERTY_TYPES: &[&str] = &[
    "HH_ANONYMOUS",
    "HH_STANDARD_PLUS",
    "HH_STANDARD_PLUS_IN_PLATFORM_COMMUNICATION",
    "HH_STANDARD",
    "HH_STANDARD_IN_PLATFORM_COMMUNICATION",
    "HH_FREE",
    "HH_PREMIUM",
    "HH_PREMIUM_IN_PLATFORM_COMMUNICATION",
    "HH_ADVERTISING",
    "HH_PAY_FOR_PERFORMANCE",
    "HH_VP_OPTIMUM",
    "HH_VP_OPTIMUM_IN_PLATFORM_COMMUNICATION",
    "ZP_CROSSPOSTING",
];

/// The old billing types and the publication property each corresponds to.
pub const BILLING_TYPES: &[(&str, &str)] = &[
    ("free", "HH_FREE"),
    ("standard", "HH_STANDARD"),
    ("standard_plus", "HH_STANDARD_PLUS"),
    ("premium", "HH_PREMIUM"),
];

/// The publication properties of a vacancy, whichever way it was published.
pub fn property_types(fields: &Value) -> Vec<String> {
    let sent: Vec<String> = fields["vacancy_properties"]["properties"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["property_type"].as_str().map(str::to_owned))
        .collect();
    if !sent.is_empty() {
        return sent;
    }
    let billing = fields["billing_type"]["id"].as_str().unwrap_or("standard");
    BILLING_TYPES
        .iter()
        .filter(|(id, _)| *id == billing)
        .map(|(_, property)| (*property).to_owned())
        .collect()
}

/// `{ "id": ... }` from a dictionary: required or not, the id must be one of hh's.
fn check_entry(
    found: &mut Vec<Problem>,
    fields: &Value,
    field: &str,
    dictionary: &str,
    required: bool,
) {
    let pointer = format!("/{field}/id");
    match (&fields[field], fields[field]["id"].as_str()) {
        (Value::Null, _) if !required => {}
        (_, None) => found.push(problem(field, "required", &pointer)),
        (_, Some(id)) if entry(dictionary, id).is_none() => {
            found.push(problem(field, "invalid", &pointer))
        }
        _ => {}
    }
}

fn check_salary(found: &mut Vec<Problem>, fields: &Value, field: &str) {
    let salary = &fields[field];
    if salary.is_null() {
        return;
    }
    let name = field;
    let from = &salary["from"];
    let to = &salary["to"];
    for (bound, value) in [("from", from), ("to", to)] {
        if !value.is_null() && value.as_u64().is_none() {
            found.push(problem(name, "invalid", &format!("/{field}/{bound}")));
        }
    }
    if from.is_null() && to.is_null() {
        found.push(problem(name, "required", &format!("/{field}/from")));
    }
    if let (Some(from), Some(to)) = (from.as_u64(), to.as_u64())
        && from > to
    {
        found.push(problem(name, "invalid", &format!("/{field}/from")));
    }
    match salary["currency"].as_str() {
        Some(code) if entry("currency", code).is_some() => {}
        Some(_) => found.push(problem(
            name,
            "currency_code_is_invalid",
            &format!("/{field}/currency"),
        )),
        None if field == "salary_range" => {
            found.push(problem(name, "required", &format!("/{field}/currency")))
        }
        None => {}
    }
    if field == "salary_range" {
        if !salary["gross"].is_boolean() {
            found.push(problem(name, "required", "/salary_range/gross"));
        }
        match salary["mode"]["id"].as_str() {
            Some(id) if entry("salary_range_mode", id).is_some() => {}
            Some(_) => found.push(problem(name, "invalid", "/salary_range/mode/id")),
            None => found.push(problem(name, "required", "/salary_range/mode/id")),
        }
    }
}

fn has_email(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "<>\"'(),;:".contains(c))
        .any(|word| {
            word.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty() && domain.contains('.') && !domain.ends_with('.')
            })
        })
}

/// hh's 400 for a refused vacancy: `errors` (type `bad_json_data`, value the field, reason) and
/// the older `bad_arguments` list naming the same fields.
pub fn refused(problems: Vec<Problem>) -> Response {
    let errors = problems
        .iter()
        .map(|p| {
            json!({
                "type": "bad_json_data",
                "value": p.field,
                "reason": p.reason,
                "pointer": p.pointer,
                "description": format!("{}: {}", p.field, p.reason),
            })
        })
        .collect();
    let bad_arguments: Vec<Value> = problems
        .iter()
        .map(|p| json!({"name": p.field, "description": p.reason}))
        .collect();
    hh_errors(
        StatusCode::BAD_REQUEST,
        errors,
        json!({"bad_arguments": bad_arguments, "description": "Bad Request"}),
    )
}
