//! The programme's larger forms: enrolment and the template with the exam settings (the
//! decision has `decision_pages`). Each is shown again with its errors when something is wrong.

use std::collections::BTreeMap;

use axum::extract::{Query, RawForm};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::model::{self, ACTIVE, Enrolment};
use super::pages::{date, today};
use super::programme::{self, ItemFields, ProgrammeSettings};
use crate::domain::access::{Action, Role};
use crate::domain::internship::{Department, ExamTrack, ItemKind};
use crate::domain::pipeline::Stage;
use crate::entities::{application, candidate, internship, programme_item, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::interviews::pages::{pairs, value};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Serialize, Default)]
struct EnrolPage {
    interns: Vec<(i32, String)>,
    hires: Vec<(i32, String)>,
    mentors: Vec<(i32, String)>,
    tracks: Vec<&'static str>,
    /// What the form shows before anything is typed.
    form: BTreeMap<String, String>,
}

/// The enrolment form's name in `typed(...)`.
const ENROL_FORM: &str = "internship-enrol";

/// Interns without a running internship, hires not yet enrolled, and the mentors.
async fn enrol_choices(db: &DatabaseConnection) -> AppResult<EnrolPage> {
    let running: Vec<i32> = internship::Entity::find()
        .filter(internship::Column::Status.eq(ACTIVE))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.intern_id)
        .collect();
    let enrolled: Vec<i32> = internship::Entity::find()
        .filter(internship::Column::ApplicationId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|i| i.application_id)
        .collect();
    let people = |role: Role| {
        user::Entity::find()
            .filter(user::Column::Active.eq(true))
            .filter(user::Column::Role.eq(role.as_str()))
            .order_by_asc(user::Column::Name)
            .all(db)
    };
    let interns = people(Role::Intern)
        .await?
        .into_iter()
        .filter(|u| !running.contains(&u.id))
        .map(|u| (u.id, u.name))
        .collect();
    let mentors = people(Role::Mentor)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let hired = application::Entity::find()
        .filter(application::Column::Stage.is_in([Stage::Hired.as_str(), Stage::Started.as_str()]))
        .all(db)
        .await?;
    let mut hires = Vec::new();
    for a in hired.into_iter().filter(|a| !enrolled.contains(&a.id)) {
        if let Some(person) = candidate::Entity::find_by_id(a.candidate_id)
            .one(db)
            .await?
        {
            hires.push((a.id, person.full_name));
        }
    }
    Ok(EnrolPage {
        interns,
        hires,
        mentors,
        tracks: ExamTrack::ALL.iter().map(|t| t.as_str()).collect(),
        ..EnrolPage::default()
    })
}

/// The form's fields, each present (empty when not given) so the template may compare them.
fn enrol_fields(given: impl IntoIterator<Item = (String, String)>) -> BTreeMap<String, String> {
    let mut form: BTreeMap<String, String> = [
        "intern_user_id",
        "application_id",
        "mentor_id",
        "start_date",
        "exam_track",
        "group",
    ]
    .into_iter()
    .map(|k| (k.to_owned(), String::new()))
    .collect();
    form.extend(given);
    form
}

#[derive(Deserialize)]
pub struct EnrolQuery {
    application_id: Option<i32>,
}

pub async fn enrol_form(page: Page, Query(query): Query<EnrolQuery>) -> AppResult<Response> {
    page.require(Action::ManageInternships)?;
    let mut context = enrol_choices(&page.state.db).await?;
    let mut given = vec![("start_date".to_owned(), today().to_string())];
    if let Some(id) = query.application_id {
        given.push(("application_id".to_owned(), id.to_string()));
    }
    context.form = enrol_fields(given);
    Ok(page
        .render("internships/new.html", context)
        .await?
        .into_response())
}

pub async fn enrol(page: Page, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManageInternships)?.clone();
    let form = pairs(&body)?;
    let id_of = |name: &str| value(&form, name).parse::<i32>().ok();
    let result = async {
        let input = Enrolment {
            intern_user_id: id_of("intern_user_id"),
            application_id: id_of("application_id"),
            mentor_id: id_of("mentor_id"),
            start_date: date(&form, "start_date")?,
            exam_track: value(&form, "exam_track"),
            group: value(&form, "group"),
        };
        let base = page.state.config.mail.public_url.clone();
        model::enrol(&page.state.db, &page.state.composer, user.id, &base, input).await
    }
    .await;
    match result {
        Ok(created) => {
            page.flash(FlashKind::Success, Message::new("internship-enrolled"))
                .await?;
            Ok(Redirect::to(&format!("/internships/{}", created.id)).into_response())
        }
        // The person is enrolled already: their month is where to go, not a second one.
        Err(AppError::Duplicate { existing_id, .. }) => {
            page.flash(FlashKind::Error, Message::new("internship-duplicate"))
                .await?;
            Ok(Redirect::to(&format!("/internships/{existing_id}")).into_response())
        }
        Err(error) => page.show_again("/internships/new", ENROL_FORM, error).await,
    }
}

#[derive(Serialize)]
struct ProgrammePage {
    items: Vec<programme_item::Model>,
    kinds: Vec<&'static str>,
    departments: Vec<&'static str>,
    tracks: Vec<&'static str>,
    settings: ProgrammeSettings,
    rubric: &'static [programme::Criterion],
    /// Each template item's materials, by the item's id as text.
    materials: std::collections::HashMap<String, Vec<super::materials::MaterialView>>,
}

/// The template an admin edits with its materials, and the exam settings.
pub async fn programme(page: Page) -> AppResult<Response> {
    page.require(Action::ManageInternships)?;
    let db = &page.state.db;
    let items = programme::items(db, true).await?;
    let ids: Vec<i32> = items.iter().map(|i| i.id).collect();
    let materials = super::materials::by_item(db, false, &ids, page.lang)
        .await?
        .into_iter()
        .map(|(id, list)| (id.to_string(), list))
        .collect();
    let context = ProgrammePage {
        materials,
        items,
        kinds: ItemKind::ALL.iter().map(|k| k.as_str()).collect(),
        departments: Department::ALL.iter().map(|d| d.as_str()).collect(),
        tracks: ExamTrack::ALL.iter().map(|t| t.as_str()).collect(),
        settings: programme::settings(db).await?,
        rubric: programme::rubric(),
    };
    Ok(page
        .render("internships/programme.html", context)
        .await?
        .into_response())
}

/// The name in `typed(...)` of the form that edits item `id`, or adds one.
fn item_form(id: Option<i32>) -> String {
    match id {
        Some(id) => format!("programme-item-{id}"),
        None => "programme-item-new".to_owned(),
    }
}

/// A whole number typed in `name`, or the message `key` beside it (the field's range, so
/// that a word typed there is told what the field expects).
fn whole_or(
    form: &[(String, String)],
    name: &str,
    key: &'static str,
    errors: &mut Vec<FieldError>,
) -> i32 {
    value(form, name).parse().unwrap_or_else(|_| {
        errors.push(FieldError::new(name, Message::new(key)));
        0
    })
}

pub async fn save_programme_item(page: Page, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManageInternships)?.clone();
    let form = pairs(&body)?;
    let id = value(&form, "id").parse::<i32>().ok();
    let mut errors = Vec::new();
    let fields = ItemFields {
        week: whole_or(&form, "week", "programme-week-range", &mut errors),
        kind: value(&form, "kind"),
        department: value(&form, "department"),
        due_offset: whole_or(&form, "due_offset", "programme-due-range", &mut errors),
        track: Some(value(&form, "track")),
        title_ru: value(&form, "title_ru"),
        title_en: value(&form, "title_en"),
        about_ru: value(&form, "about_ru"),
        about_en: value(&form, "about_en"),
        retired: !value(&form, "retired").is_empty(),
    };
    let result = if errors.is_empty() {
        programme::save_item(&page.state.db, user.id, id, fields)
            .await
            .map(|_| ())
    } else {
        Err(AppError::Validation(errors))
    };
    if let Err(error) = result {
        let anchor = id.map_or("add".to_owned(), |id| format!("item-{id}"));
        return page
            .show_again(
                &format!("/internships/programme#{anchor}"),
                &item_form(id),
                error,
            )
            .await;
    }
    page.flash(FlashKind::Success, Message::new("programme-saved"))
        .await?;
    Ok(Redirect::to("/internships/programme").into_response())
}

/// The settings form's name in `typed(...)`.
const SETTINGS_FORM: &str = "programme-settings";

pub async fn save_settings(page: Page, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManageInternships)?.clone();
    let form = pairs(&body)?;
    let mut errors = Vec::new();
    // Empty means "no limit" where the field allows it.
    let mut optional = |name: &str, key: &'static str| -> Option<u32> {
        let text = value(&form, name);
        if text.is_empty() {
            return None;
        }
        text.parse().map(Some).unwrap_or_else(|_| {
            errors.push(FieldError::new(name, Message::new(key)));
            None
        })
    };
    let pass_percent = optional("pass_percent", "programme-percent-range").unwrap_or_default();
    let max_attempts = optional("max_attempts", "field-whole-number");
    let cooldown_days = optional("cooldown_days", "field-whole-number");
    let defence_pass_mark = value(&form, "defence_pass_mark")
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| {
            errors.push(FieldError::new(
                "defence_pass_mark",
                Message::new("programme-mark-range"),
            ));
            0.0
        });
    let result = if errors.is_empty() {
        let settings = ProgrammeSettings {
            pass_percent,
            max_attempts,
            cooldown_days,
            defence_pass_mark,
        };
        programme::save_settings(&page.state.db, user.id, settings)
            .await
            .map(|_| ())
    } else {
        Err(AppError::Validation(errors))
    };
    if let Err(error) = result {
        return page
            .show_again("/internships/programme#settings", SETTINGS_FORM, error)
            .await;
    }
    page.flash(FlashKind::Success, Message::new("programme-settings-saved"))
        .await?;
    Ok(Redirect::to("/internships/programme").into_response())
}
