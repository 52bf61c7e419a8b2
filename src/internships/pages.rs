//! The programme in the browser: the intern's own plan, the mentor's interns, the cohort, one
//! internship with its forms, and the account manager code. Enrolment, the decision and the
//! template live in `form_pages`.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, RawForm};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::cohort::{self, Cohort};
use super::exams::{self, AttemptInput};
use super::model::{self, Seat};
use super::programme::{self, CodeRule, ProgrammeSettings};
use super::view::{self, InternshipView};
use super::{assessments, plan};
use crate::domain::access::{Action, Role};
use crate::entities::{competency, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::interviews::pages::{pairs, value};
use crate::recruitment::application_pages::report;
use crate::web::Page;
use crate::web::i18n::Message;

pub use super::form_pages::{enrol, enrol_form, programme, save_programme_item, save_settings};

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

#[derive(Deserialize)]
pub struct IndexQuery {
    all: Option<String>,
}

#[derive(Serialize)]
struct IndexPage {
    cohort: Cohort,
    /// A mentor's interns whose month is decided: they stay on the mentor's page, here.
    finished: Vec<cohort::InternshipRow>,
    show_all: bool,
    can_enrol: bool,
    is_mentor: bool,
}

/// The intern goes straight to their plan; a mentor sees their interns and what waits for
/// them; the head of client service the whole cohort.
pub async fn index(page: Page, Query(query): Query<IndexQuery>) -> AppResult<Response> {
    let user = page.user()?.clone();
    let show_all = query.all.is_some();
    let is_mentor = user.role == Role::Mentor;
    // A mentor's own list is short: all of it is read, and the decided months are shown apart
    // as "finished" rather than dropped (a promoted intern is not "no interns").
    let mut cohort = cohort::cohort(
        &page.state.db,
        &user,
        page.lang,
        today(),
        !show_all && !is_mentor,
    )
    .await?;
    let finished = if is_mentor && !show_all {
        let (active, finished) = std::mem::take(&mut cohort.rows)
            .into_iter()
            .partition(|r| r.status == model::ACTIVE);
        cohort.rows = active;
        let decided: Vec<i32> = finished
            .iter()
            .map(|r: &cohort::InternshipRow| r.id)
            .collect();
        cohort
            .waiting
            .retain(|w| !decided.contains(&w.internship_id));
        finished
    } else {
        Vec::new()
    };
    if user.role == Role::Intern
        && let Some(own) = cohort.rows.first()
    {
        return Ok(Redirect::to(&format!("/internships/{}", own.id)).into_response());
    }
    let context = IndexPage {
        cohort,
        finished,
        show_all,
        can_enrol: user.can(Action::ManageInternships),
        is_mentor,
    };
    Ok(page
        .render("internships/index.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct ShowPage {
    i: InternshipView,
    seat: &'static str,
    may_tick: bool,
    may_mentor: bool,
    may_grade_defence: bool,
    may_write_plan: bool,
    my_defence: BTreeMap<String, i32>,
    my_rotations: Vec<i32>,
    competencies: Vec<competency::Model>,
    staff: Vec<(i32, String)>,
    settings: ProgrammeSettings,
    today: NaiveDate,
}

fn seat_name(seat: Seat) -> &'static str {
    match seat {
        Seat::Intern => "intern",
        Seat::Mentor => "mentor",
        Seat::Manager => "manager",
        Seat::Panel => "panel",
        Seat::RotationOwner => "rotation_owner",
    }
}

/// The internship page with its small forms; a refused one comes back as typed (`act`).
pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.user()?.clone();
    let db = &page.state.db;
    let (found, seat) = model::open(db, &user, id).await?;
    let i = view::build(db, &found, seat, page.lang, today()).await?;
    let my_defence = i
        .defence
        .panel
        .iter()
        .find(|p| p.grader.id == user.id)
        .map(|p| p.scores.clone())
        .unwrap_or_default();
    let my_rotations = i
        .rotations
        .iter()
        .filter(|r| r.owner.as_ref().is_some_and(|o| o.id == user.id))
        .map(|r| r.id)
        .collect();
    let staff = if seat.may_mentor() {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        user::Entity::find()
            .filter(user::Column::Active.eq(true))
            .filter(user::Column::Role.ne(Role::Intern.as_str()))
            .order_by_asc(user::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    } else {
        Vec::new()
    };
    let context = ShowPage {
        may_tick: seat.may_tick(),
        may_mentor: seat.may_mentor(),
        may_grade_defence: seat.may_grade_defence(),
        may_write_plan: seat.may_write_plan(),
        seat: seat_name(seat),
        my_defence,
        my_rotations,
        competencies: crate::positions::reference::competencies(db).await?,
        staff,
        settings: programme::settings(db).await?,
        today: today(),
        i,
    };
    Ok(page
        .render("internships/show.html", context)
        .await?
        .into_response())
}

fn number(pairs: &[(String, String)], name: &str) -> AppResult<Option<i32>> {
    let text = value(pairs, name);
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| AppError::validation(name, Message::new("field-whole-number")))
}

pub fn date(pairs: &[(String, String)], name: &str) -> AppResult<Option<NaiveDate>> {
    let text = value(pairs, name);
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::validation(name, Message::new("field-date-invalid")))
}

/// Scores sent as `<prefix><code>=<1..5>`; empty ones are left out.
fn scores(pairs: &[(String, String)], prefix: &str) -> AppResult<BTreeMap<String, Option<i32>>> {
    let mut found = BTreeMap::new();
    for (key, text) in pairs {
        if let Some(code) = key.strip_prefix(prefix)
            && !text.trim().is_empty()
        {
            let score = text
                .trim()
                .parse()
                .map_err(|_| AppError::validation(key, Message::new("field-score-range")))?;
            found.insert(code.to_owned(), Some(score));
        }
    }
    Ok(found)
}

/// Every small form on the internship page posts here with `do` naming the action; the
/// outcome comes back as a flash on the same page.
pub async fn act(page: Page, Path(id): Path<i32>, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.user()?.clone();
    let form = pairs(&body)?;
    let db = &page.state.db;
    let base = page.state.config.mail.public_url.clone();
    let item = || number(&form, "item").map(|n| n.unwrap_or_default());
    let (result, success): (AppResult<()>, &'static str) = match value(&form, "do").as_str() {
        "done" => (
            async { plan::mark_done(db, &user, id, item()?).await.map(|_| ()) }.await,
            "internship-item-done",
        ),
        "reopen" => (
            async { plan::reopen(db, &user, id, item()?).await.map(|_| ()) }.await,
            "internship-item-reopened",
        ),
        "schedule" => (
            async {
                let day = date(&form, "exam_on")?;
                plan::schedule_exam(db, &page.state.composer, &user, &base, id, day)
                    .await
                    .map(|_| ())
            }
            .await,
            "internship-exam-scheduled",
        ),
        "attempt" => (
            async {
                let input = AttemptInput {
                    exam: value(&form, "exam"),
                    taken_on: date(&form, "taken_on")?,
                    score: number(&form, "score")?,
                    max_score: number(&form, "max_score")?,
                    notes: value(&form, "notes"),
                };
                exams::record_attempt(db, &page.state.composer, &user, &base, id, input)
                    .await
                    .map(|_| ())
            }
            .await,
            "internship-attempt-recorded",
        ),
        "plan" => (
            model::save_project_plan(db, &user, id, &value(&form, "project_plan")).await,
            "internship-plan-saved",
        ),
        "notes" => (
            model::save_mentor_notes(db, &user, id, &value(&form, "mentor_notes")).await,
            "internship-notes-saved",
        ),
        "defence" => (
            async {
                let grades = scores(&form, "c_")?;
                assessments::grade_defence(db, &user, id, &grades, &value(&form, "notes")).await
            }
            .await,
            "internship-defence-saved",
        ),
        "owner" => (
            async {
                let rotation = number(&form, "rotation")?.unwrap_or_default();
                let owner = number(&form, "owner_id")?;
                assessments::set_rotation_owner(db, &user, id, rotation, owner)
                    .await
                    .map(|_| ())
            }
            .await,
            "internship-owner-saved",
        ),
        "scorecard" => (
            async {
                let rotation = number(&form, "rotation")?.unwrap_or_default();
                let given = scores(&form, "s_")?;
                assessments::score_rotation(db, &user, id, rotation, &given, &value(&form, "notes"))
                    .await
                    .map(|_| ())
            }
            .await,
            "internship-rotation-scored",
        ),
        _ => return Err(AppError::BadRequest(Message::new("error-validation"))),
    };
    let anchor = value(&form, "anchor");
    let anchor = if anchor
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !anchor.is_empty()
    {
        format!("#{anchor}")
    } else {
        String::new()
    };
    // A form with typed input comes back as typed, its errors beside the fields; the
    // buttons (done, reopen) say their outcome at the top.
    if let Some(name) = act_form(&value(&form, "do"), &value(&form, "rotation"))
        && let Err(error) = result
    {
        let error = match error {
            AppError::Validation(errors) => {
                AppError::Validation(errors.into_iter().map(beside_its_field).collect())
            }
            other => other,
        };
        return page
            .show_again(&format!("/internships/{id}{anchor}"), &name, error)
            .await;
    }
    report(&page, result, Message::new(success)).await?;
    Ok(Redirect::to(&format!("/internships/{id}{anchor}")).into_response())
}

/// The name in `typed(...)` of the internship page's form for `action`; none for a button.
fn act_form(action: &str, rotation: &str) -> Option<String> {
    match action {
        "schedule" | "attempt" | "plan" | "notes" | "defence" => {
            Some(format!("internship-{action}"))
        }
        "owner" | "scorecard" => Some(format!("internship-{action}-{}", rotation.trim())),
        _ => None,
    }
}

/// The rules name a grade `grades.<criterion>` and a rotation score `scores.<competency>`;
/// on the page they are the selects `c_<criterion>` and `s_<competency>`.
fn beside_its_field(mut error: FieldError) -> FieldError {
    if let Some(code) = error.field.strip_prefix("grades.") {
        error.field = format!("c_{code}");
    } else if let Some(code) = error.field.strip_prefix("scores.") {
        error.field = format!("s_{code}");
    }
    error
}

#[derive(Serialize)]
struct CodePage {
    rules: &'static [CodeRule],
}

/// The account manager code, readable by everyone signed in.
pub async fn code(page: Page) -> AppResult<Response> {
    page.user()?;
    Ok(page
        .render(
            "internships/code.html",
            CodePage {
                rules: programme::code_rules(),
            },
        )
        .await?
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(name: &str) -> String {
        beside_its_field(FieldError::new(name, Message::new("field-required"))).field
    }

    #[test]
    fn a_grade_and_a_rotation_score_are_named_as_the_page_names_their_selects() {
        assert_eq!(field_of("grades.budget"), "c_budget");
        assert_eq!(field_of("scores.communication"), "s_communication");
        assert_eq!(field_of("taken_on"), "taken_on");
    }

    #[test]
    fn each_form_on_the_internship_page_has_its_own_name_and_buttons_have_none() {
        assert_eq!(act_form("attempt", ""), Some("internship-attempt".into()));
        assert_eq!(
            act_form("scorecard", "7"),
            Some("internship-scorecard-7".into())
        );
        assert_eq!(act_form("owner", " 7 "), Some("internship-owner-7".into()));
        assert_eq!(act_form("done", "7"), None);
        assert_eq!(act_form("reopen", ""), None);
    }
}
