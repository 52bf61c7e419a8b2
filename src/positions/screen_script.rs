//! A position's phone-screen script: loads what `domain::screen_script` writes from (the
//! profile, the grade's band, the agency's name, the screen kit) and shows it as a printable
//! page. The API (`screen_script_api`) and the screen scorecard's checks call the same
//! [`script`].

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::domain::access::Action;
use crate::domain::role_variant::RoleVariant;
use crate::domain::salary::SalaryBand;
use crate::domain::screen_script::{self, Script, ScriptQuestion, ScriptSource};
use crate::entities::grade;
use crate::error::AppResult;
use crate::interviews::{bank, kits};
use crate::web::Page;
use crate::web::i18n::Lang;

/// The script of a position in `lang` and the band it quotes.
pub struct ScreenScript {
    pub position_id: i32,
    pub position_title: String,
    pub lang: Lang,
    pub script: Script,
    pub band: Option<SalaryBand>,
}

/// The agency's name as its pages and emails sign (see `agency::Agency::display_name`).
pub fn agency_name(state: &AppState) -> String {
    state.agency.get().display_name(&state.composer.signature())
}

/// Writes the script of `position_id` in `lang`. `agency` may be empty (the checks do not
/// depend on it).
pub async fn script(
    db: &DatabaseConnection,
    agency: &str,
    position_id: i32,
    lang: Lang,
) -> AppResult<ScreenScript> {
    let position = super::model::get(db, position_id).await?;
    let grade = grade::Entity::find_by_id(position.grade.clone())
        .one(db)
        .await?;
    let band = grade.as_ref().map(|g| SalaryBand {
        min: g.salary_min,
        max: g.salary_max,
        currency: g.currency.clone(),
    });
    let kit = kits::kit(db, position_id, "screen").await?;
    let questions: Vec<ScriptQuestion> = bank::views(db, kit, lang)
        .await?
        .into_iter()
        .map(|q| ScriptQuestion {
            id: q.id,
            competency: q.competency,
            text: q.text,
        })
        .collect();
    let english = lang == Lang::En;
    let text = |ru: &str, en: &Option<String>| -> String {
        if english {
            en.clone().unwrap_or_default()
        } else {
            ru.to_owned()
        }
    };
    let (requirements, other_requirements) = if english {
        (
            position.requirements_en.clone().unwrap_or_default(),
            position.requirements.clone(),
        )
    } else {
        (
            position.requirements.clone(),
            position.requirements_en.clone().unwrap_or_default(),
        )
    };
    let title = text(&position.title, &position.title_en);
    let grade_name = grade
        .as_ref()
        .map(|g| lang.pick(g.name_ru.clone(), g.name_en.clone()))
        .unwrap_or_default();
    let company = text(&position.company, &position.company_en);
    let role = text(&position.role, &position.role_en);
    let source = ScriptSource {
        english,
        variant: RoleVariant::from_code(&position.role_variant).unwrap_or_default(),
        agency,
        title: &title,
        grade_name: &grade_name,
        company: &company,
        role: &role,
        requirements: &requirements,
        other_requirements: &other_requirements,
        band: band.as_ref(),
        city: position.city.as_deref().unwrap_or(""),
        work_format: position.work_format.as_deref().unwrap_or(""),
        questions: &questions,
    };
    let script = screen_script::write(&source);
    Ok(ScreenScript {
        position_id,
        position_title: position.title,
        lang,
        script,
        band,
    })
}

/// `?lang=ru|en`; the reader's own language otherwise (and for a code the page does not know).
#[derive(Deserialize)]
pub struct ScriptQuery {
    lang: Option<String>,
}

#[derive(Serialize)]
struct SectionView {
    code: &'static str,
    title: &'static str,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct ScriptPage {
    position_id: i32,
    position_title: String,
    lang: &'static str,
    sections: Vec<SectionView>,
}

/// The printable script: one page on paper, no navigation when printed.
pub async fn page(
    page: Page,
    Path(id): Path<i32>,
    Query(query): Query<ScriptQuery>,
) -> AppResult<Response> {
    page.require(Action::ViewPositions)?;
    let lang = query
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(page.lang);
    let agency = agency_name(&page.state);
    let found = script(&page.state.db, &agency, id, lang).await?;
    let context = ScriptPage {
        position_id: found.position_id,
        position_title: found.position_title,
        lang: lang.as_str(),
        sections: found
            .script
            .sections
            .into_iter()
            .map(|s| SectionView {
                code: s.code,
                title: s.title,
                lines: s.lines,
            })
            .collect(),
    };
    Ok(page
        .render("positions/screen_script.html", context)
        .await?
        .into_response())
}
