//! The parts of a position page beside its profile: the hiring team and the vacancy text as
//! edited before publishing. Each is edited on a page of its own; a refused edit comes back
//! there with what was typed.

use axum::extract::{Path, Query, RawForm};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::model;
use super::team::{self, Team};
use crate::domain::access::Action;
use crate::domain::salary::SalaryBand;
use crate::error::{AppError, AppResult};
use crate::recruitment::application_pages::report;
use crate::web::Page;
use crate::web::i18n::{Lang, Message};
use crate::web::markdown::to_html;

fn pairs(body: &[u8]) -> AppResult<Vec<(String, String)>> {
    serde_urlencoded::from_bytes(body)
        .map_err(|_| AppError::BadRequest(Message::new("error-validation")))
}

fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The team form: a recruiter, a hiring manager and ticked interviewers (a repeated field).
pub async fn update_team(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?;
    let pairs = pairs(&body)?;
    // Empty means "nobody"; anything else must be a user id.
    let person = |name: &str| -> AppResult<Option<i32>> {
        match value(&pairs, name).trim() {
            "" => Ok(None),
            text => text
                .parse()
                .map(Some)
                .map_err(|_| AppError::validation(name, Message::new("error-validation"))),
        }
    };
    let result = async {
        let team = Team {
            recruiter_id: person("recruiter_id")?,
            hiring_manager_id: person("hiring_manager_id")?,
            interviewer_ids: pairs
                .iter()
                .filter(|(k, _)| k == "interviewer_ids")
                .filter_map(|(_, v)| v.parse().ok())
                .collect(),
        };
        team::set_team(&page.state.db, user.id, id, team).await
    }
    .await;
    if let Err(error) = result {
        return page
            .show_again(&format!("/positions/{id}/team"), "team", error)
            .await;
    }
    report(&page, Ok(()), Message::new("position-team-saved")).await?;
    Ok(Redirect::to(&format!("/positions/{id}#team")).into_response())
}

#[derive(Serialize)]
struct PartPage {
    id: i32,
    title: String,
    extras: Option<PositionExtras>,
    sources: [&'static str; 6],
    code: &'static str,
    text: String,
    edited: bool,
    /// This language's profile is empty (the vacancy editor says so).
    profile_missing: bool,
}

impl PartPage {
    fn of(p: &crate::entities::position::Model) -> Self {
        PartPage {
            id: p.id,
            title: p.title.clone(),
            extras: None,
            sources: crate::recruitment::pipeline::SOURCES,
            code: "ru",
            text: String::new(),
            edited: false,
            profile_missing: false,
        }
    }
}

/// The hiring team's form on its own page.
pub async fn team_page(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManagePositions)?;
    let p = model::get(&page.state.db, id).await?;
    let context = PartPage {
        extras: Some(extras(&page, &p).await?),
        ..PartPage::of(&p)
    };
    Ok(page
        .render("positions/team_form.html", context)
        .await?
        .into_response())
}

/// The form for a new sourcing channel, on its own page.
pub async fn channel_page(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let p = model::get(&page.state.db, id).await?;
    Ok(page
        .render("positions/channel_form.html", PartPage::of(&p))
        .await?
        .into_response())
}

#[derive(serde::Deserialize)]
pub struct VacancyQuery {
    lang: Option<String>,
}

/// One language's vacancy text in an editor of its own.
pub async fn vacancy_page(
    page: Page,
    Path(id): Path<i32>,
    Query(query): Query<VacancyQuery>,
) -> AppResult<Response> {
    page.require(Action::ManagePositions)?;
    let db = &page.state.db;
    let p = model::get(db, id).await?;
    let lang = query
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(page.lang);
    let vacancy = super::vacancy::vacancy(db, &page.state.templates, &p, lang).await?;
    let context = PartPage {
        code: lang.as_str(),
        text: vacancy.text,
        edited: vacancy.edited,
        profile_missing: vacancy.profile_missing,
        ..PartPage::of(&p)
    };
    Ok(page
        .render("positions/vacancy_form.html", context)
        .await?
        .into_response())
}

/// Saves the edited vacancy text in one language; "regenerate" goes back to the generated one
/// after showing what would change.
pub async fn save_vacancy(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?;
    let pairs = pairs(&body)?;
    let lang = Lang::parse(&value(&pairs, "lang")).unwrap_or(page.lang);
    let db = &page.state.db;
    let action = value(&pairs, "action");
    // "reset" is the older name of the same step: it too asks first.
    if matches!(action.as_str(), "regenerate" | "reset") {
        return super::regenerate_pages::regenerate(&page, user.id, id, lang, &pairs).await;
    }
    let (result, done) = match action.as_str() {
        "refresh" => (
            super::vacancy::refresh_vacancy_salary(db, user.id, id, lang).await,
            "position-vacancy-refreshed",
        ),
        _ => (
            model::save_vacancy_text(db, user.id, id, lang, &value(&pairs, "text")).await,
            "position-vacancy-saved",
        ),
    };
    if let Err(error) = result {
        let code = lang.as_str();
        let path = format!("/positions/{id}/vacancy?lang={code}");
        return page
            .show_again(&path, &format!("vacancy-{code}"), error)
            .await;
    }
    report(&page, Ok(()), Message::new(done)).await?;
    Ok(Redirect::to(&format!("/positions/{id}#vacancy")).into_response())
}

/// A sourcing channel as the position page lists it.
#[derive(serde::Serialize)]
pub struct ChannelView {
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub check_every_days: i32,
    pub last_checked_at: Option<chrono::DateTime<chrono::Utc>>,
    pub due: bool,
}

/// What the page of an existing position shows beyond its profile.
#[derive(serde::Serialize)]
pub struct PositionExtras {
    pub recruiters: Vec<team::Member>,
    pub managers: Vec<team::Member>,
    pub interviewers: Vec<team::Member>,
    pub recruiter_id: Option<i32>,
    pub hiring_manager_id: Option<i32>,
    pub interviewer_ids: Vec<i32>,
    pub channels: Vec<ChannelView>,
    pub sources: [&'static str; 6],
    pub vacancy_ru: String,
    pub vacancy_en: String,
    /// The same texts (Markdown) rendered as candidates read them, sanitised.
    pub vacancy_ru_html: String,
    pub vacancy_en_html: String,
    /// A language's profile is empty: its generated text says only what the product can.
    pub missing_ru: bool,
    pub missing_en: bool,
    pub edited_ru: bool,
    pub edited_en: bool,
    /// An edited text quotes a band the grade no longer has: the band it quoted, to say so.
    pub stale_ru: Option<SalaryBand>,
    pub stale_en: Option<SalaryBand>,
    pub can_source: bool,
    /// The market histogram with this position's grade band highlighted.
    pub chart: Option<String>,
    /// What features above positions add to the page (hh.ru's vacancy and searches).
    pub panels: Vec<super::extensions::Panel>,
}

pub async fn extras(
    page: &Page,
    p: &crate::entities::position::Model,
) -> AppResult<PositionExtras> {
    let db = &page.state.db;
    let members = team::members(db).await?;
    let now = chrono::Utc::now();
    let channels = crate::recruitment::channels::for_position(db, p.id)
        .await?
        .into_iter()
        .map(|c| ChannelView {
            due: crate::recruitment::channels::is_due(&c, now),
            id: c.id,
            kind: c.kind,
            name: c.name,
            url: c.url,
            check_every_days: c.check_every_days,
            last_checked_at: c.last_checked_at,
        })
        .collect();
    let [ru, en] = super::vacancy::vacancies(db, &page.state.templates, p).await?;
    Ok(PositionExtras {
        recruiters: members.recruiters,
        managers: members.managers,
        interviewers: members.interviewers,
        recruiter_id: p.recruiter_id,
        hiring_manager_id: p.hiring_manager_id,
        interviewer_ids: team::interviewer_ids(db, p.id).await?,
        channels,
        sources: crate::recruitment::pipeline::SOURCES,
        vacancy_ru_html: to_html(&ru.text),
        vacancy_en_html: to_html(&en.text),
        missing_ru: ru.profile_missing,
        missing_en: en.profile_missing,
        vacancy_ru: ru.text,
        vacancy_en: en.text,
        edited_ru: ru.edited,
        edited_en: en.edited,
        stale_ru: ru.stale,
        stale_en: en.stale,
        chart: super::market_chart::grades_chart(db, page.lang, Some(&p.grade)).await?,
        can_source: page
            .user
            .as_ref()
            .is_some_and(|u| u.can(Action::ManageCandidates)),
        panels: page.state.position_extensions.panels(page, p).await?,
    })
}
