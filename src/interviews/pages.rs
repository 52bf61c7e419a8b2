//! Interview pages: scheduling, the interview with its kit and the interviewer's scorecard
//! (usable on a phone), the print view of the kit, and the team's cards once the blind rule
//! allows.

use std::collections::BTreeMap;

use axum::extract::{Path, RawForm};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone};
use serde::Serialize;

use super::bank::{self, QuestionView};
use super::kits::{self, KitItem};
use super::model::{self, InterviewSummary, NewInterview};
use super::scorecards::{
    self, AnswerInput, RECOMMENDATIONS, RatingInput, ScorecardInput, ScorecardView,
};
use crate::domain::access::Action;
use crate::entities::competency;
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::{candidates, pipeline, views};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

/// Form fields as pairs: repeated names (interviewers, follow-ups) stay.
pub fn pairs(body: &[u8]) -> AppResult<Vec<(String, String)>> {
    serde_urlencoded::from_bytes(body)
        .map_err(|_| AppError::BadRequest(Message::new("error-validation")))
}

pub fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct ScheduleForm {
    kind: String,
    date: String,
    time: String,
    duration_minutes: String,
    place: String,
    interviewer_ids: Vec<i32>,
}

#[derive(Serialize)]
struct SchedulePage {
    application: views::ApplicationCard,
    position_title: String,
    interviewers: Vec<crate::positions::team::Member>,
    kinds: [&'static str; 3],
    form: ScheduleForm,
    errors: BTreeMap<String, String>,
}

async fn render_schedule(
    page: &Page,
    status: StatusCode,
    application_id: i32,
    form: ScheduleForm,
    errors: &[FieldError],
) -> AppResult<Response> {
    page.require(Action::ScheduleInterviews)?;
    let db = &page.state.db;
    let application = views::card_of(db, pipeline::get(db, application_id).await?).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let context = SchedulePage {
        interviewers: crate::positions::team::members(db).await?.interviewers,
        application,
        position_title,
        kinds: bank::KINDS,
        form,
        errors: page.field_errors(errors),
    };
    Ok((
        status,
        page.render("interviews/schedule.html", context).await?,
    )
        .into_response())
}

pub async fn schedule_form(page: Page, Path(application_id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ScheduleInterviews)?;
    let db = &page.state.db;
    let app = pipeline::get(db, application_id).await?;
    let team = crate::positions::team::interviewer_ids(db, app.position_id).await?;
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let form = ScheduleForm {
        kind: "competency".into(),
        date: tomorrow.to_string(),
        time: "11:00".into(),
        duration_minutes: "60".into(),
        place: String::new(),
        interviewer_ids: team,
    };
    render_schedule(&page, StatusCode::OK, application_id, form, &[]).await
}

pub async fn schedule(
    page: Page,
    Path(application_id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ScheduleInterviews)?.clone();
    let pairs = pairs(&body)?;
    let form = ScheduleForm {
        kind: value(&pairs, "kind"),
        date: value(&pairs, "date"),
        time: value(&pairs, "time"),
        duration_minutes: value(&pairs, "duration_minutes"),
        place: value(&pairs, "place"),
        interviewer_ids: pairs
            .iter()
            .filter(|(k, _)| k == "interviewer_ids")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
    };
    let mut errors = Vec::new();
    // The form's date and time are the user's wall clock, in their time zone (Moscow unless
    // they chose another on their profile); an hour skipped by a clock change is invalid.
    let zone = crate::web::dates::zone(page.zone()).unwrap_or(chrono_tz::Europe::Moscow);
    let at =
        NaiveDateTime::parse_from_str(&format!("{} {}", form.date, form.time), "%Y-%m-%d %H:%M")
            .ok()
            .and_then(|t| zone.from_local_datetime(&t).earliest())
            .map(|t| t.with_timezone(&chrono::Utc));
    if at.is_none() {
        errors.push(FieldError::new("date", Message::new("field-date-invalid")));
    }
    let duration = form.duration_minutes.parse::<i32>().unwrap_or(0);
    let result = match at {
        Some(scheduled_at) if errors.is_empty() => {
            let new = NewInterview {
                application_id,
                kind: form.kind.clone(),
                scheduled_at,
                duration_minutes: duration,
                place: form.place.clone(),
                interviewer_ids: form.interviewer_ids.clone(),
            };
            model::schedule(&page.state.db, &page.state.composer, &user, new).await
        }
        _ => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(created) => {
            page.flash(FlashKind::Success, Message::new("interview-scheduled"))
                .await?;
            Ok(Redirect::to(&format!("/interviews/{}", created.id)).into_response())
        }
        Err(AppError::Validation(mut errors)) => {
            // The form asks for the moment as a date and a time.
            for error in &mut errors {
                if error.field == "scheduled_at" {
                    error.field = "date".to_owned();
                }
            }
            render_schedule(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                application_id,
                form,
                &errors,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

#[derive(Serialize)]
struct InterviewPage {
    interview: InterviewSummary,
    candidate_name: String,
    candidate_id: i32,
    position_title: String,
    kit: Vec<KitItem>,
    total_minutes: i32,
    competencies: Vec<(String, String)>,
    /// The signed-in interviewer's own card, when they are on this interview.
    mine: Option<ScorecardView>,
    answers: BTreeMap<i32, AnswerInput>,
    ratings: BTreeMap<String, i32>,
    /// The team's submitted cards, when the blind rule allows.
    team: Option<Vec<ScorecardView>>,
    recommendations: [&'static str; 4],
    errors: BTreeMap<String, String>,
    can_see_candidate: bool,
    print: bool,
}

async fn render_interview(
    page: &Page,
    status: StatusCode,
    id: i32,
    draft: Option<ScorecardInput>,
    errors: &[FieldError],
    print: bool,
) -> AppResult<Response> {
    let user = page.user()?.clone();
    let db = &page.state.db;
    let found = model::visible(db, &user, id).await?;
    let interview = model::summaries(db, vec![found.clone()]).await?.remove(0);
    let application = pipeline::get(db, found.application_id).await?;
    let person = candidates::get(db, application.candidate_id).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let questions: Vec<QuestionView> =
        bank::views(db, model::kit(db, id).await?, page.lang).await?;
    let (kit, total_minutes) = kits::timed(questions);
    let competencies: Vec<(String, String)> = {
        use sea_orm::{EntityTrait, QueryOrder};
        competency::Entity::find()
            .order_by_asc(competency::Column::Rank)
            .all(db)
            .await?
            .into_iter()
            .filter(|c| kit.iter().any(|k| k.question.competency == c.code))
            .map(|c| (c.code, page.lang.pick(c.name_ru, c.name_en)))
            .collect()
    };
    let on_interview =
        interview.interviewer_ids.contains(&user.id) && user.can(Action::ScoreInterviews);
    let mut mine = if on_interview && !print {
        Some(scorecards::mine(db, &user, id).await?)
    } else {
        None
    };
    // A draft that failed validation is shown as typed.
    if let (Some(card), Some(draft)) = (mine.as_mut(), draft) {
        card.answers = draft.answers;
        card.ratings = draft.ratings;
        card.recommendation = draft.recommendation;
        card.strengths = draft.strengths.unwrap_or_default();
        card.concerns = draft.concerns.unwrap_or_default();
        card.notes = draft.notes.unwrap_or_default();
    }
    let team = if !print && scorecards::may_read_team(db, &user, id).await? {
        Some(scorecards::submitted(db, &user, id).await?)
    } else {
        None
    };
    let context = InterviewPage {
        answers: mine
            .as_ref()
            .map(|c| {
                c.answers
                    .iter()
                    .map(|a| (a.question_id, a.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        ratings: mine
            .as_ref()
            .map(|c| {
                c.ratings
                    .iter()
                    .map(|r| (r.competency.clone(), r.score))
                    .collect()
            })
            .unwrap_or_default(),
        can_see_candidate: user.can(Action::ViewAllCandidates),
        candidate_name: person.full_name,
        candidate_id: person.id,
        interview,
        position_title,
        kit,
        total_minutes,
        competencies,
        mine,
        team,
        recommendations: RECOMMENDATIONS,
        errors: page.field_errors(errors),
        print,
    };
    let template = if print {
        "interviews/print.html"
    } else {
        "interviews/show.html"
    };
    Ok((status, page.render(template, context).await?).into_response())
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    render_interview(&page, StatusCode::OK, id, None, &[], false).await
}

pub async fn print(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    render_interview(&page, StatusCode::OK, id, None, &[], true).await
}

/// Reads the scorecard form: `score_<question>`, `notes_<question>`, repeated `fu_<question>`,
/// `rating_<competency>`, the recommendation and the three texts. A score that is not a number
/// is kept as 0 so the rule refuses it with its message.
fn scorecard_from(pairs: &[(String, String)]) -> ScorecardInput {
    let mut answers: BTreeMap<i32, AnswerInput> = BTreeMap::new();
    let mut ratings = Vec::new();
    for (name, text) in pairs {
        let text = text.trim();
        if let Some(id) = name
            .strip_prefix("score_")
            .and_then(|q| q.parse::<i32>().ok())
        {
            let entry = answers.entry(id).or_insert_with(|| AnswerInput {
                question_id: id,
                ..Default::default()
            });
            entry.score = (!text.is_empty()).then(|| text.parse().unwrap_or(0));
        } else if let Some(id) = name
            .strip_prefix("notes_")
            .and_then(|q| q.parse::<i32>().ok())
        {
            let entry = answers.entry(id).or_insert_with(|| AnswerInput {
                question_id: id,
                ..Default::default()
            });
            entry.notes = Some(text.to_owned()).filter(|t| !t.is_empty());
        } else if let Some(id) = name.strip_prefix("fu_").and_then(|q| q.parse::<i32>().ok()) {
            let entry = answers.entry(id).or_insert_with(|| AnswerInput {
                question_id: id,
                ..Default::default()
            });
            if let Ok(follow_up) = text.parse() {
                entry.follow_ups_asked.push(follow_up);
            }
        } else if let Some(code) = name.strip_prefix("rating_")
            && !text.is_empty()
        {
            ratings.push(RatingInput {
                competency: code.to_owned(),
                score: text.parse().unwrap_or(0),
            });
        }
    }
    ScorecardInput {
        answers: answers
            .into_values()
            .filter(|a| a.score.is_some() || a.notes.is_some() || !a.follow_ups_asked.is_empty())
            .collect(),
        ratings,
        recommendation: Some(value(pairs, "recommendation")).filter(|r| !r.is_empty()),
        strengths: Some(value(pairs, "strengths")),
        concerns: Some(value(pairs, "concerns")),
        notes: Some(value(pairs, "notes")),
    }
}

/// Saves the draft, and submits it when asked. A script posts the same form as the
/// interviewer types, with `action=autosave`, and gets 204 back.
pub async fn save_scorecard(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.user()?.clone();
    // Access before input: someone not on this interview learns nothing from the form.
    scorecards::mine(&page.state.db, &user, id).await?;
    let pairs = pairs(&body)?;
    let action = value(&pairs, "action");
    let input = scorecard_from(&pairs);
    let saved = scorecards::save_draft(&page.state.db, &user, id, input.clone()).await;
    let result = match (saved, action.as_str()) {
        (Ok(_), "submit") => scorecards::submit(&page.state.db, &user, id)
            .await
            .map(|_| ()),
        (Ok(_), _) => Ok(()),
        (Err(err), _) => Err(err),
    };
    match result {
        Ok(()) if action == "autosave" => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(()) => {
            let key = if action == "submit" {
                "scorecard-submitted-done"
            } else {
                "scorecard-saved"
            };
            page.flash(FlashKind::Success, Message::new(key)).await?;
            Ok(Redirect::to(&format!("/interviews/{id}")).into_response())
        }
        Err(AppError::Validation(errors)) if action != "autosave" => {
            render_interview(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                id,
                Some(input),
                &errors,
                false,
            )
            .await
        }
        Err(AppError::Conflict(message)) if action != "autosave" => {
            page.flash(FlashKind::Error, message).await?;
            Ok(Redirect::to(&format!("/interviews/{id}")).into_response())
        }
        Err(other) => Err(other),
    }
}
