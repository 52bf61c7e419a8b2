//! The vacancy text: generated from the profile and the grade's band, or edited by a recruiter.
//! An edited text remembers the band it quoted; when the band moves, the job page rewrites the
//! quoted figures to the current band and the position page marks the text stale until the
//! recruiter refreshes it, so no page ever shows a range the agency no longer pays.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;

use super::model::get;
use super::vacancy_text::{self, Source};
use crate::audit::AuditEvent;
use crate::domain::line_diff::{self, Line};
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

/// The vacancy text derived from the profile and the grade's band, in `lang`
/// (`vacancy_text::generate`). Recruiters edit it before publishing.
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
    vacancy_text::generate(templates, &Source::of_position(position), grade, lang)
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
    /// The profile in this language is empty: a generated text holds only what the product
    /// says by itself (the grade, the head, pay, place and format).
    pub profile_missing: bool,
}

fn vacancy_in(
    templates: &Templates,
    position: &position::Model,
    grade: Option<&grade::Model>,
    lang: Lang,
) -> AppResult<Vacancy> {
    let profile_missing = Source::of_position(position).profile(lang).is_empty();
    Ok(match edited(position, grade, lang) {
        Some(e) => Vacancy {
            text: e.current,
            edited: true,
            stale: e.stale,
            profile_missing,
        },
        None => Vacancy {
            text: generated(templates, position, grade, lang)?,
            edited: false,
            stale: None,
            profile_missing,
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

/// What choosing "regenerate" would do to the text in `lang`: the edited text as shown today
/// against the one generated from the profile now, line by line.
pub struct Regeneration {
    /// There is an edited text to replace; without one the generated text is already live.
    pub edited: bool,
    pub changed: bool,
    pub lines: Vec<Line>,
}

pub async fn regeneration(
    db: &DatabaseConnection,
    templates: &Templates,
    id: i32,
    lang: Lang,
) -> AppResult<Regeneration> {
    let position = get(db, id).await?;
    let grade = grade_of(db, &position).await?;
    let fresh = generated(templates, &position, grade.as_ref(), lang)?;
    Ok(match edited(&position, grade.as_ref(), lang) {
        Some(e) => Regeneration {
            edited: true,
            changed: line_diff::differs(&e.current, &fresh),
            lines: line_diff::lines(&e.current, &fresh),
        },
        None => Regeneration {
            edited: false,
            changed: false,
            lines: line_diff::lines(&fresh, &fresh),
        },
    })
}

/// Drops the edited text in `lang`, so the vacancy is generated from the profile again (and
/// follows the profile from now on). Without an edited text there is nothing to do.
pub async fn regenerate(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    lang: Lang,
) -> AppResult<position::Model> {
    let current = get(db, id).await?;
    if edited(&current, None, lang).is_none() {
        return Ok(current);
    }
    store(
        db,
        actor_id,
        current,
        lang,
        None,
        None,
        "position.vacancy_regenerated",
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
