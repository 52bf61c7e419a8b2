//! The profile form's pieces beside its handlers (`pages`): reading the form into fields and a
//! saved position back into the form, the choices it offers, the Markdown fields rendered for
//! reading, and the Preview — the vacancy texts as candidates would read them, generated from
//! what is typed, before anything is saved.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::EntityTrait;
use serde::Serialize;

use super::fields::{PositionFields, Profile, said};
use super::forms::{PositionForm, parse_amount};
use super::vacancy_text::{self, Source};
use crate::domain::role_variant::RoleVariant;
use crate::domain::vacancy_words::HEADS;
use crate::domain::work_format::WorkFormat;
use crate::entities::{grade, position};
use crate::error::{AppResult, FieldError};
use crate::web::Page;
use crate::web::i18n::{Lang, Message};
use crate::web::markdown::to_html;

/// The profile's Markdown fields by form name, Russian then English.
pub const MARKDOWN_FIELDS: [&str; 12] = [
    "company",
    "role",
    "duties",
    "requirements",
    "conditions",
    "kpis",
    "company_en",
    "role_en",
    "duties_en",
    "requirements_en",
    "conditions_en",
    "kpis_en",
];

/// The form's suggestions and choices, in the page's language.
#[derive(Serialize)]
pub struct Choices {
    /// Heads a position usually reports to (DOMAIN.md, step 0), for the Russian field…
    pub heads: Vec<&'static str>,
    /// …and for the English one.
    pub heads_en: Vec<&'static str>,
    /// `(code, label)` of each work format.
    pub work_formats: Vec<(&'static str, &'static str)>,
    /// `(code, locale key)` of each role variant.
    pub role_variants: Vec<(&'static str, String)>,
}

pub fn choices(lang: Lang) -> Choices {
    Choices {
        heads: HEADS.iter().map(|h| h.russian).collect(),
        heads_en: HEADS.iter().map(|h| h.english).collect(),
        work_formats: WorkFormat::ALL
            .iter()
            .map(|f| (f.as_str(), f.label(lang == Lang::En)))
            .collect(),
        role_variants: RoleVariant::ALL
            .iter()
            .map(|v| (v.code(), v.locale_key()))
            .collect(),
    }
}

pub fn form_from(p: &position::Model) -> PositionForm {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    PositionForm {
        title: p.title.clone(),
        grade: p.grade.clone(),
        reports_to: p.reports_to.clone(),
        headcount: p.headcount.to_string(),
        company: p.company.clone(),
        role: p.role.clone(),
        duties: p.duties.clone(),
        requirements: p.requirements.clone(),
        conditions: p.conditions.clone(),
        kpis: p.kpis.clone(),
        target_date: p.target_date.map(|d| d.to_string()).unwrap_or_default(),
        version: p.version.to_string(),
        city: text(&p.city),
        work_format: text(&p.work_format),
        title_en: text(&p.title_en),
        reports_to_en: text(&p.reports_to_en),
        company_en: text(&p.company_en),
        role_en: text(&p.role_en),
        duties_en: text(&p.duties_en),
        requirements_en: text(&p.requirements_en),
        conditions_en: text(&p.conditions_en),
        kpis_en: text(&p.kpis_en),
        role_variant: p.role_variant.clone(),
        action: String::new(),
    }
}

/// Reads the form into fields, collecting the messages for numbers and dates it cannot read.
pub fn fields_from(form: &PositionForm) -> Result<PositionFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let headcount = match form.headcount.trim() {
        "" => 1,
        text => parse_amount(text)
            .and_then(|n| i32::try_from(n).ok())
            .unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "headcount",
                    Message::new("field-headcount-range"),
                ));
                1
            }),
    };
    let target_date = match form.target_date.trim() {
        "" => None,
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .unwrap_or_else(|_| {
                errors.push(FieldError::new(
                    "target_date",
                    Message::new("field-date-invalid"),
                ));
                None
            }),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PositionFields {
        title: form.title.clone(),
        grade: form.grade.clone(),
        reports_to: form.reports_to.clone(),
        headcount,
        profile: Profile {
            company: form.company.clone(),
            role: form.role.clone(),
            duties: form.duties.clone(),
            requirements: form.requirements.clone(),
            conditions: form.conditions.clone(),
            kpis: form.kpis.clone(),
        },
        target_date,
        city: said(Some(&form.city)),
        work_format: said(Some(&form.work_format)),
        title_en: said(Some(&form.title_en)),
        reports_to_en: said(Some(&form.reports_to_en)),
        profile_en: Profile {
            company: form.company_en.clone(),
            role: form.role_en.clone(),
            duties: form.duties_en.clone(),
            requirements: form.requirements_en.clone(),
            conditions: form.conditions_en.clone(),
            kpis: form.kpis_en.clone(),
        },
        // A form from before the field existed means the plain account manager.
        role_variant: match form.role_variant.trim() {
            "" => RoleVariant::default().code().to_owned(),
            code => code.to_owned(),
        },
    })
}

/// Each Markdown field of the form as safe HTML, by form name; empty fields are left out.
pub fn rendered(form: &PositionForm) -> BTreeMap<&'static str, String> {
    let value = |name: &str| -> &str {
        match name {
            "company" => &form.company,
            "role" => &form.role,
            "duties" => &form.duties,
            "requirements" => &form.requirements,
            "conditions" => &form.conditions,
            "kpis" => &form.kpis,
            "company_en" => &form.company_en,
            "role_en" => &form.role_en,
            "duties_en" => &form.duties_en,
            "requirements_en" => &form.requirements_en,
            "conditions_en" => &form.conditions_en,
            "kpis_en" => &form.kpis_en,
            _ => "",
        }
    };
    MARKDOWN_FIELDS
        .into_iter()
        .filter(|name| !value(name).trim().is_empty())
        .map(|name| (name, to_html(&vacancy_text::block(value(name)))))
        .collect()
}

/// The vacancy texts the typed profile would give, rendered as candidates would see them.
#[derive(Serialize)]
pub struct Preview {
    pub ru: String,
    pub en: String,
    /// The English profile is empty: the English text says only what the product can say.
    pub en_missing: bool,
}

pub async fn preview(page: &Page, fields: &PositionFields) -> AppResult<Preview> {
    let grade = grade::Entity::find_by_id(fields.grade.clone())
        .one(&page.state.db)
        .await?;
    let source = Source::of_fields(fields);
    let text = |lang| {
        vacancy_text::generate(&page.state.templates, &source, grade.as_ref(), lang)
            .map(|t| to_html(&t))
    };
    Ok(Preview {
        ru: text(Lang::Ru)?,
        en: text(Lang::En)?,
        en_missing: source.en.is_empty(),
    })
}
