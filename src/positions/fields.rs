//! What a position is made of as a form or a request sends it, and the rules each field keeps:
//! the profile in Russian and in English (Markdown), where and how the work is done. Creating and
//! editing (`model`) and the profile form's preview check the same rules here.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::Deserialize;

use crate::domain::date_bounds::DateKind;
use crate::domain::role_variant::RoleVariant;
use crate::domain::text::TextKind;
use crate::domain::vacancy_words::has_cyrillic;
use crate::domain::work_format::WorkFormat;
use crate::entities::grade;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// The profile the vacancy text, phone screen and interview kit are derived from. Every field
/// is Markdown (lists as `- item`), shown to candidates through `web::markdown`.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct Profile {
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub duties: String,
    #[serde(default)]
    pub requirements: String,
    #[serde(default)]
    pub conditions: String,
    #[serde(default)]
    pub kpis: String,
}

/// A new position, or the full set of fields an edit ends up with.
#[derive(Clone, Debug)]
pub struct PositionFields {
    pub title: String,
    pub grade: String,
    pub reports_to: String,
    pub headcount: i32,
    pub profile: Profile,
    pub target_date: Option<NaiveDate>,
    /// Where the work is; `None` when not said.
    pub city: Option<String>,
    /// `office`, `hybrid` or `remote` (`domain::work_format`).
    pub work_format: Option<String>,
    /// The profile in English, from which alone the English vacancy is written.
    pub title_en: Option<String>,
    pub reports_to_en: Option<String>,
    pub profile_en: Profile,
    /// `account`, `account_project` or `sales_account` (`domain::role_variant`).
    pub role_variant: String,
}

/// A typed value, trimmed; blank is "not said".
pub fn said(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The English profile's fields with their form names, for checking and storing.
fn english_fields(fields: &PositionFields) -> [(&'static str, Option<&str>, TextKind); 8] {
    let p = &fields.profile_en;
    [
        ("title_en", fields.title_en.as_deref(), TextKind::Line),
        (
            "reports_to_en",
            fields.reports_to_en.as_deref(),
            TextKind::Line,
        ),
        ("company_en", Some(p.company.as_str()), TextKind::Text),
        ("role_en", Some(p.role.as_str()), TextKind::Text),
        ("duties_en", Some(p.duties.as_str()), TextKind::Text),
        (
            "requirements_en",
            Some(p.requirements.as_str()),
            TextKind::Text,
        ),
        ("conditions_en", Some(p.conditions.as_str()), TextKind::Text),
        ("kpis_en", Some(p.kpis.as_str()), TextKind::Text),
    ]
}

/// Checks a position's fields without saving them: what the profile form's preview shows.
pub async fn check(db: &DatabaseConnection, fields: &PositionFields) -> AppResult<()> {
    validate(db, fields).await
}

pub(super) async fn validate(db: &DatabaseConnection, fields: &PositionFields) -> AppResult<()> {
    let mut errors = Vec::new();
    let title = fields.title.trim();
    if title.is_empty() {
        errors.push(FieldError::new("title", Message::new("field-required")));
    } else {
        errors.extend(FieldError::text("title", TextKind::Line, title));
    }
    if grade::Entity::find_by_id(fields.grade.clone())
        .one(db)
        .await?
        .is_none()
    {
        errors.push(FieldError::new(
            "grade",
            Message::new("field-grade-invalid"),
        ));
    }
    // Org placement: every position reports to a named head (DOMAIN.md, step 0).
    if fields.reports_to.trim().is_empty() {
        errors.push(FieldError::new(
            "reports_to",
            Message::new("field-reports-to-required"),
        ));
    } else {
        errors.extend(FieldError::text(
            "reports_to",
            TextKind::Line,
            fields.reports_to.trim(),
        ));
    }
    let profile = &fields.profile;
    for (field, value) in [
        ("company", &profile.company),
        ("role", &profile.role),
        ("duties", &profile.duties),
        ("requirements", &profile.requirements),
        ("conditions", &profile.conditions),
        ("kpis", &profile.kpis),
    ] {
        errors.extend(FieldError::text(field, TextKind::Text, value.trim()));
    }
    if let Some(day) = fields.target_date {
        errors.extend(FieldError::date("target_date", DateKind::Planned, day));
    }
    if let Some(city) = said(fields.city.as_deref()) {
        errors.extend(FieldError::text("city", TextKind::Line, &city));
    }
    if said(fields.work_format.as_deref()).is_some_and(|f| WorkFormat::parse(&f).is_none()) {
        errors.push(FieldError::new(
            "work_format",
            Message::new("field-work-format-invalid"),
        ));
    }
    if RoleVariant::from_code(&fields.role_variant).is_none() {
        errors.push(FieldError::new(
            "role_variant",
            Message::new("field-role-variant-invalid"),
        ));
    }
    // The English vacancy is written from these alone and must read as English throughout.
    for (field, value, kind) in english_fields(fields) {
        let Some(value) = said(value) else { continue };
        match FieldError::text(field, kind, &value) {
            Some(error) => errors.push(error),
            None if has_cyrillic(&value) => errors.push(FieldError::new(
                field,
                Message::new("field-english-has-cyrillic"),
            )),
            None => {}
        }
    }
    if !(1..=100).contains(&fields.headcount) {
        errors.push(FieldError::new(
            "headcount",
            Message::new("field-headcount-range"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The city and the work format as stored: trimmed, `None` when not said, the format's code.
pub(super) fn stored_place(fields: &PositionFields) -> (Option<String>, Option<String>) {
    (
        said(fields.city.as_deref()),
        said(fields.work_format.as_deref())
            .and_then(|f| WorkFormat::parse(&f))
            .map(|f| f.as_str().to_owned()),
    )
}

/// The role variant's code as stored (checked by `validate` before).
pub(super) fn stored_variant(fields: &PositionFields) -> String {
    RoleVariant::of_stored(&fields.role_variant)
        .code()
        .to_owned()
}

/// The English profile as stored, in the order of `english_fields`; blank is `None`.
pub(super) fn stored_english(fields: &PositionFields) -> [Option<String>; 8] {
    english_fields(fields).map(|(_, value, _)| said(value))
}
