//! `GET /me` (the connected employer manager) and `GET /dictionaries` (hh's field dictionaries,
//! with the ids and names of the spec's own example), plus the few areas the fake knows.

use std::sync::LazyLock;

use axum::Json;
use axum::extract::State as Shared;
use serde_json::{Value, json};

use super::Fake;

/// `GET /me`: an employer manager's profile (the spec's `MeManagerProfile`).
pub async fn me(Shared(fake): Shared<Fake>) -> Json<Value> {
    let state = fake.lock().unwrap_or_else(|p| p.into_inner());
    Json(json!({
        "auth_type": "employer",
        "is_admin": false,
        "is_applicant": false,
        "is_application": false,
        "is_employer": true,
        "is_employer_integration": false,
        "id": "31337001",
        "first_name": "Ольга",
        "last_name": "Петрова",
        "middle_name": null,
        "email": "olga.petrova@agency.example",
        "phone": "79031234567",
        "is_anonymous": false,
        "employer": {
            "id": state.employer_id,
            "name": "Digital Agency",
            "manager_id": state.manager_id,
        },
        "manager": {
            "id": state.manager_id,
            "has_admin_rights": true,
            "has_multiple_manager_accounts": false,
            "is_main_contact_person": true,
            "manager_settings_url": format!("{}/employers/{}/managers/{}/settings", state.base, state.employer_id, state.manager_id),
        },
    }))
}

/// `GET /dictionaries`.
pub async fn dictionaries() -> Json<Value> {
    Json(DICTIONARIES.clone())
}

/// One dictionary entry by id: `{id, name}` (and whatever else hh gives, e.g. `uid`).
pub fn entry(dictionary: &str, id: &str) -> Option<Value> {
    DICTIONARIES[dictionary]
        .as_array()?
        .iter()
        .find(|item| item["id"] == id || item["code"] == id)
        .cloned()
}

/// The areas the fake knows: `(id, name, is a leaf)`. hh publishes only to leaves (cities).
const AREAS: &[(&str, &str, bool)] = &[
    ("113", "Россия", false),
    ("1", "Москва", true),
    ("2", "Санкт-Петербург", true),
    ("3", "Екатеринбург", true),
    ("4", "Новосибирск", true),
    ("66", "Нижний Новгород", true),
    ("88", "Казань", true),
];

/// `{id, name, url}` of a known area.
pub fn area(base: &str, id: &str) -> Option<(Value, bool)> {
    AREAS
        .iter()
        .find(|(area, _, _)| *area == id)
        .map(|(id, name, leaf)| {
            (
                json!({"id": id, "name": name, "url": format!("{base}/areas/{id}")}),
                *leaf,
            )
        })
}

static DICTIONARIES: LazyLock<Value> = LazyLock::new(|| {
    let mut dictionaries: Value = serde_json::from_str(KNOWN).expect("the dictionaries are JSON");
    // The spec requires these keys too; the connector has no use for their entries.
    for key in EMPTY {
        dictionaries[*key] = json!([]);
    }
    dictionaries
});

const EMPTY: &[&str] = &[
    "applicant_comment_access_type",
    "applicant_comments_order",
    "applicant_negotiation_status",
    "business_trip_readiness",
    "driver_license_types",
    "employer_active_vacancies_order",
    "employer_archived_vacancies_order",
    "employer_relation",
    "employer_type",
    "inclusiveness_types",
    "job_search_statuses_applicant",
    "job_search_statuses_employer",
    "language_level",
    "messaging_status",
    "negotiations_order",
    "negotiations_participant_type",
    "phone_call_status",
    "preferred_contact_type",
    "relocation_type",
    "resume_access_type",
    "resume_contacts_site_type",
    "resume_employment_form",
    "resume_hidden_fields",
    "resume_moderation_note",
    "resume_status",
    "resume_work_format",
    "setka_access_type",
    "travel_time",
    "vacancy_cluster",
    "vacancy_label",
    "vacancy_not_prolonged_reason",
    "vacancy_relation",
    "vacancy_search_employment_form",
    "vacancy_search_fields",
    "vacancy_search_order",
    "working_days",
    "working_time_intervals",
    "working_time_modes",
];

const KNOWN: &str = r#"{
    "currency": [
        {"abbr": "AZN", "code": "AZN", "default": false, "in_use": false, "name": "Манаты", "rate": 0.027728},
        {"abbr": "бел. руб.", "code": "BYR", "default": false, "in_use": false, "name": "Белорусские рубли", "rate": 0.042685},
        {"abbr": "EUR", "code": "EUR", "default": false, "in_use": true, "name": "Евро", "rate": 0.015982},
        {"abbr": "GEL", "code": "GEL", "default": false, "in_use": false, "name": "Грузинский лари", "rate": 0.0344},
        {"abbr": "KGS", "code": "KGS", "default": false, "in_use": false, "name": "Киргизский сом", "rate": 1.356611},
        {"abbr": "KZT", "code": "KZT", "default": false, "in_use": false, "name": "Тенге", "rate": 7.809145},
        {"abbr": "руб.", "code": "RUR", "default": true, "in_use": true, "name": "Рубли", "rate": 1},
        {"abbr": "грн.", "code": "UAH", "default": false, "in_use": false, "name": "Гривны", "rate": 0.596833},
        {"abbr": "USD", "code": "USD", "default": false, "in_use": true, "name": "Доллары", "rate": 0.016311},
        {"abbr": "сум", "code": "UZS", "default": false, "in_use": false, "name": "Узбекский сум", "rate": 177.916948}
    ],
    "education_level": [
        {"id": "secondary", "name": "Среднее"},
        {"id": "special_secondary", "name": "Среднее специальное"},
        {"id": "unfinished_higher", "name": "Неоконченное высшее"},
        {"id": "higher", "name": "Высшее"},
        {"id": "bachelor", "name": "Бакалавр"},
        {"id": "master", "name": "Магистр"},
        {"id": "candidate", "name": "Кандидат наук"},
        {"id": "doctor", "name": "Доктор наук"}
    ],
    "employment": [
        {"id": "full", "name": "Полная занятость"},
        {"id": "part", "name": "Частичная занятость"},
        {"id": "project", "name": "Проектная работа"},
        {"id": "volunteer", "name": "Волонтерство"},
        {"id": "probation", "name": "Стажировка"}
    ],
    "employment_form": [
        {"duration": "PERMANENT", "id": "FULL", "name": "Полная занятость"},
        {"duration": "PERMANENT", "id": "PART", "name": "Частичная занятость"},
        {"duration": "TEMPORARY", "id": "PROJECT", "name": "Проект"},
        {"duration": "PERMANENT", "id": "FLY_IN_FLY_OUT", "name": "Вахта"},
        {"duration": "TEMPORARY", "id": "SIDE_JOB", "name": "Подработка"}
    ],
    "experience": [
        {"id": "noExperience", "name": "Нет опыта"},
        {"id": "between1And3", "name": "От 1 года до 3 лет"},
        {"id": "between3And6", "name": "От 3 до 6 лет"},
        {"id": "moreThan6", "name": "Более 6 лет"}
    ],
    "gender": [{"id": "male", "name": "Мужской"}, {"id": "female", "name": "Женский"}],
    "negotiations_state": [
        {"id": "response", "name": "Отклик"},
        {"id": "invitation", "name": "Приглашение"},
        {"id": "discard", "name": "Отказ"},
        {"id": "hidden", "name": "Скрытый"}
    ],
    "salary_range_frequency": [
        {"id": "DAILY", "name": "Ежедневно"},
        {"id": "WEEKLY", "name": "Раз в неделю"},
        {"id": "TWICE_PER_MONTH", "name": "Два раза в месяц"},
        {"id": "MONTHLY", "name": "Раз в месяц"},
        {"id": "PER_PROJECT", "name": "За проект"}
    ],
    "salary_range_mode": [
        {"id": "MONTH", "name": "За месяц"},
        {"id": "HOUR", "name": "За час"},
        {"id": "SHIFT", "name": "За смену"},
        {"id": "SERVICE", "name": "За услугу"},
        {"id": "FLY_IN_FLY_OUT", "name": "За вахту"}
    ],
    "schedule": [
        {"id": "fullDay", "name": "Полный день", "uid": "full_day"},
        {"id": "shift", "name": "Сменный график", "uid": "shift"},
        {"id": "flexible", "name": "Гибкий график", "uid": "flexible"},
        {"id": "remote", "name": "Удаленная работа", "uid": "remote"},
        {"id": "flyInFlyOut", "name": "Вахтовый метод", "uid": "fly_in_fly_out"}
    ],
    "vacancy_billing_type": [
        {"id": "free", "name": "Бесплатная"},
        {"id": "standard", "name": "Стандарт"},
        {"id": "standard_plus", "name": "Стандарт плюс"},
        {"id": "premium", "name": "Премиум"}
    ],
    "vacancy_type": [
        {"id": "open", "name": "Открытая"},
        {"id": "closed", "name": "Закрытая"},
        {"id": "anonymous", "name": "Анонимная"},
        {"id": "direct", "name": "Рекламная"}
    ],
    "work_format": [
        {"id": "ON_SITE", "name": "На месте работодателя"},
        {"id": "REMOTE", "name": "Из дома"},
        {"id": "HYBRID", "name": "Гибрид"},
        {"id": "FIELD_WORK", "name": "Разъездная"}
    ],
    "work_schedule_by_days": [
        {"id": "SEVEN_ON_ZERO_OFF", "name": "7/0"},
        {"id": "FIVE_ON_TWO_OFF", "name": "5/2"}
    ],
    "working_hours": [{"id": "HOURS_2", "name": "2 часа"}, {"id": "HOURS_4", "name": "4 часа"}]
}"#;
