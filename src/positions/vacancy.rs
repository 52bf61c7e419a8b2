//! The vacancy text: generated from the profile and the grade's band, or edited by a recruiter.
//! An edited text remembers the band it quoted; when the band moves, the job page rewrites the
//! quoted figures to the current band and the position page marks the text stale until the
//! recruiter refreshes it, so no page ever shows a range the agency no longer pays.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;

use super::model::get;
use crate::audit::AuditEvent;
use crate::domain::quoted_band;
use crate::domain::salary::SalaryBand;
use crate::domain::text::TextKind;
use crate::entities::{grade, position};
use crate::error::{AppResult, FieldError};
use crate::web::i18n::Lang;
use crate::web::templates::Templates;

async fn grade_of(
    db: &DatabaseConnection,
    position: &position::Model,
) -> AppResult<Option<grade::Model>> {
    Ok(grade::Entity::find_by_id(position.grade.clone())
        .one(db)
        .await?)
}

fn band_of(grade: &grade::Model) -> SalaryBand {
    SalaryBand {
        min: grade.salary_min,
        max: grade.salary_max,
        currency: grade.currency.clone(),
    }
}

/// The vacancy text derived from the profile and the grade's band, in `lang`, from
/// templates/vacancy/{ru,en}.txt. Recruiters edit it before publishing.
pub async fn vacancy_text(
    db: &DatabaseConnection,
    templates: &Templates,
    position: &position::Model,
    lang: Lang,
) -> AppResult<String> {
    generated(
        templates,
        position,
        grade_of(db, position).await?.as_ref(),
        lang,
    )
}

fn generated(
    templates: &Templates,
    position: &position::Model,
    grade: Option<&grade::Model>,
    lang: Lang,
) -> AppResult<String> {
    let context = minijinja::context! {
        title => &position.title,
        grade_name => grade.map(|g| lang.pick(&g.name_ru, &g.name_en)),
        reports_to => &position.reports_to,
        company => &position.company,
        role => &position.role,
        duties => &position.duties,
        requirements => &position.requirements,
        conditions => &position.conditions,
        kpis => &position.kpis,
        salary_min => grade.map(|g| g.salary_min),
        salary_max => grade.map(|g| g.salary_max),
        currency => grade.map(|g| g.currency.clone()),
    };
    let text = templates.render(&format!("vacancy/{}.txt", lang.as_str()), context)?;
    Ok(text.trim().to_owned())
}

/// An edited text in one language and how it stands against the current band.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EditedText {
    /// As the recruiter saved it.
    pub text: String,
    /// The band it was written against, when the grade's band differs from it today.
    pub stale: Option<SalaryBand>,
    /// The text with the quoted figures rewritten to today's band.
    pub current: String,
}

/// The recruiter's edited text in `lang`, if any, against the grade's band of today.
fn edited(
    position: &position::Model,
    grade: Option<&grade::Model>,
    lang: Lang,
) -> Option<EditedText> {
    let text = lang
        .pick(&position.vacancy_ru, &position.vacancy_en)
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())?
        .to_owned();
    let stamp = lang.pick(&position.vacancy_ru_band, &position.vacancy_en_band);
    let stale = grade.map(band_of).and_then(|band| {
        let stamp = stamp.as_deref();
        quoted_band::is_stale(stamp, &band)
            .then(|| stamp.and_then(quoted_band::parse_stamp))
            .flatten()
            .map(|quoted| (quoted, band))
    });
    Some(match stale {
        Some((quoted, band)) => EditedText {
            current: quoted_band::requote(&text, &quoted, &band),
            text,
            stale: Some(quoted),
        },
        None => EditedText {
            current: text.clone(),
            text,
            stale: None,
        },
    })
}

/// The recruiter's edited text in `lang`, if any, with its staleness worked out.
pub async fn edited_text(
    db: &DatabaseConnection,
    position: &position::Model,
    lang: Lang,
) -> AppResult<Option<EditedText>> {
    Ok(edited(
        position,
        grade_of(db, position).await?.as_ref(),
        lang,
    ))
}

/// The vacancy text in one language as pages and the API show it.
pub struct Vacancy {
    /// The edited text with today's figures, or the generated one.
    pub text: String,
    pub edited: bool,
    /// The band an edited text quoted, when the grade's band has moved since.
    pub stale: Option<SalaryBand>,
}

fn vacancy_in(
    templates: &Templates,
    position: &position::Model,
    grade: Option<&grade::Model>,
    lang: Lang,
) -> AppResult<Vacancy> {
    Ok(match edited(position, grade, lang) {
        Some(e) => Vacancy {
            text: e.current,
            edited: true,
            stale: e.stale,
        },
        None => Vacancy {
            text: generated(templates, position, grade, lang)?,
            edited: false,
            stale: None,
        },
    })
}

/// Both languages' vacancy texts of a position, reading its grade once.
pub async fn vacancies(
    db: &DatabaseConnection,
    templates: &Templates,
    position: &position::Model,
) -> AppResult<[Vacancy; 2]> {
    let grade = grade_of(db, position).await?;
    Ok([
        vacancy_in(templates, position, grade.as_ref(), Lang::Ru)?,
        vacancy_in(templates, position, grade.as_ref(), Lang::En)?,
    ])
}

/// The vacancy text in `lang`, as the job page, the editor and the API show it.
pub async fn vacancy(
    db: &DatabaseConnection,
    templates: &Templates,
    position: &position::Model,
    lang: Lang,
) -> AppResult<Vacancy> {
    let grade = grade_of(db, position).await?;
    vacancy_in(templates, position, grade.as_ref(), lang)
}

/// The text the job page shows: the recruiter's edited version in `lang` with its figures
/// following the current band, or the generated one.
pub async fn published_vacancy_text(
    db: &DatabaseConnection,
    templates: &Templates,
    position: &position::Model,
    lang: Lang,
) -> AppResult<String> {
    Ok(vacancy(db, templates, position, lang).await?.text)
}

/// Saves the edited vacancy text in `lang`, stamped with today's band; an empty text goes back
/// to the generated one.
pub async fn save_vacancy_text(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    lang: Lang,
    text: &str,
) -> AppResult<position::Model> {
    let current = get(db, id).await?;
    if let Some(error) = FieldError::text("text", TextKind::Text, text.trim()) {
        return Err(error.into());
    }
    let text = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    let stamp = match &text {
        Some(_) => grade_of(db, &current)
            .await?
            .map(|g| quoted_band::stamp(&band_of(&g))),
        None => None,
    };
    store(
        db,
        actor_id,
        current,
        lang,
        text,
        stamp,
        "position.vacancy_text",
    )
    .await
}

/// Rewrites a stale edited text's figures to the current band and stamps it as current: the
/// position page's one-click refresh. A text that is not stale is left as it is.
pub async fn refresh_vacancy_salary(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    lang: Lang,
) -> AppResult<position::Model> {
    let current = get(db, id).await?;
    let Some(edited) = edited_text(db, &current, lang)
        .await?
        .filter(|e| e.stale.is_some())
    else {
        return Ok(current);
    };
    let stamp = grade_of(db, &current)
        .await?
        .map(|g| quoted_band::stamp(&band_of(&g)));
    store(
        db,
        actor_id,
        current,
        lang,
        Some(edited.current),
        stamp,
        "position.vacancy_refreshed",
    )
    .await
}

async fn store(
    db: &DatabaseConnection,
    actor_id: i32,
    current: position::Model,
    lang: Lang,
    text: Option<String>,
    stamp: Option<String>,
    audit_action: &'static str,
) -> AppResult<position::Model> {
    let id = current.id;
    let mut changed: position::ActiveModel = current.clone().into();
    match lang {
        Lang::Ru => {
            changed.vacancy_ru = Set(text);
            changed.vacancy_ru_band = Set(stamp);
        }
        Lang::En => {
            changed.vacancy_en = Set(text);
            changed.vacancy_en_band = Set(stamp);
        }
    }
    changed.version = Set(current.version + 1);
    changed.updated_at = Set(Utc::now());
    let updated = changed.update(db).await?;
    AuditEvent::new(Some(actor_id), audit_action, "position")
        .id(id)
        .details(json!({"lang": lang.as_str()}))
        .record(db)
        .await?;
    Ok(updated)
}
