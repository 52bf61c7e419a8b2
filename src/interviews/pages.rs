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
use super::value_ratings::ValueRatingInput;
use super::values_kit::{self, ValueBlock};
use crate::domain::access::Action;
use crate::entities::competency;
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::{candidates, views};
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

/// What the schedule form shows before anything is typed.
#[derive(Serialize)]
struct ScheduleForm {
    kind: String,
    date: String,
    time: String,
    duration_minutes: String,
    /// Ids as the form sends them, so that a refused form's ticks compare alike.
    interviewer_ids: Vec<String>,
}

#[derive(Serialize)]
struct SchedulePage {
    application: views::ApplicationCard,
    position_title: String,
    interviewers: Vec<crate::positions::team::Member>,
    kinds: [&'static str; 3],
    form: ScheduleForm,
}

/// The form's name in `typed(...)`: a refusal comes back on the schedule page as typed.
const SCHEDULE_FORM: &str = "interview-schedule";

pub async fn schedule_form(page: Page, Path(application_id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ScheduleInterviews)?;
    let db = &page.state.db;
    let app = views::application(db, application_id).await?;
    let team = crate::positions::team::interviewer_ids(db, app.position_id).await?;
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let application = views::card_of(db, app).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let context = SchedulePage {
        interviewers: crate::positions::team::members(db).await?.interviewers,
        application,
        position_title,
        kinds: bank::KINDS,
        form: ScheduleForm {
            kind: "competency".into(),
            date: tomorrow.to_string(),
            time: "11:00".into(),
            duration_minutes: "60".into(),
            interviewer_ids: team.iter().map(i32::to_string).collect(),
        },
    };
    Ok(page
        .render("interviews/schedule.html", context)
        .await?
        .into_response())
}

/// Reads the schedule form. The date and time are the user's wall clock in their time zone
/// (Moscow unless they chose another); an hour skipped by a clock change is invalid, and so
/// is a duration that is not a whole number of minutes.
fn interview_from(
    page: &Page,
    application_id: i32,
    pairs: &[(String, String)],
) -> AppResult<NewInterview> {
    let mut errors = Vec::new();
    let zone = crate::web::dates::zone_or(page.zone(), page.state.agency.get().zone());
    let moment = format!("{} {}", value(pairs, "date"), value(pairs, "time"));
    let at = NaiveDateTime::parse_from_str(&moment, "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|t| zone.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&chrono::Utc));
    if at.is_none() {
        errors.push(FieldError::new("date", Message::new("field-date-invalid")));
    }
    let duration = value(pairs, "duration_minutes").parse::<i32>();
    if duration.is_err() {
        errors.push(FieldError::new(
            "duration_minutes",
            Message::new("field-interview-duration"),
        ));
    }
    let interviewer_ids: Result<Vec<i32>, _> = pairs
        .iter()
        .filter(|(k, _)| k == "interviewer_ids")
        .map(|(_, v)| v.trim().parse())
        .collect();
    if interviewer_ids.is_err() {
        errors.push(FieldError::new(
            "interviewer_ids",
            Message::new("field-team-interviewer"),
        ));
    }
    match (at, duration, interviewer_ids) {
        (Some(scheduled_at), Ok(duration_minutes), Ok(interviewer_ids)) => Ok(NewInterview {
            application_id,
            kind: value(pairs, "kind"),
            scheduled_at,
            duration_minutes,
            place: value(pairs, "place"),
            interviewer_ids,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

pub async fn schedule(
    page: Page,
    Path(application_id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ScheduleInterviews)?.clone();
    let pairs = pairs(&body)?;
    let result = match interview_from(&page, application_id, &pairs) {
        Ok(new) => model::schedule(&page.state.db, &page.state.composer, &user, new).await,
        Err(error) => Err(error),
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
            let path = format!("/applications/{application_id}/interviews/new");
            page.show_again(&path, SCHEDULE_FORM, AppError::Validation(errors))
                .await
        }
        Err(other) => {
            let path = format!("/applications/{application_id}/interviews/new");
            page.show_again(&path, SCHEDULE_FORM, other).await
        }
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
    /// What 1, 3 and 5 look like on each competency, beside its rating so raters score alike.
    anchors: BTreeMap<String, Vec<crate::positions::criteria::Anchor>>,
    /// The signed-in interviewer's own card, when they are on this interview.
    mine: Option<ScorecardView>,
    answers: BTreeMap<i32, AnswerInput>,
    ratings: BTreeMap<String, i32>,
    /// A `ceo_fit` interview's blocks, one per agency value.
    values: Vec<ValueBlock>,
    /// The interviewer's own value scores by code: (score, note).
    value_scores: BTreeMap<String, (i32, String)>,
    /// The team's submitted cards, when the blind rule allows.
    team: Option<Vec<ScorecardView>>,
    recommendations: [&'static str; 4],
    can_see_candidate: bool,
    print: bool,
    /// A screen's checks as its script asks them: code and question.
    screen_checks: Vec<(String, String)>,
    /// The interviewer's answers to them, by code.
    check_answers: BTreeMap<String, super::screen_checks::CheckView>,
}

async fn render_interview(page: &Page, id: i32, print: bool) -> AppResult<Response> {
    let user = page.user()?.clone();
    let db = &page.state.db;
    let found = model::visible(db, &user, id).await?;
    let interview = model::summaries(db, vec![found.clone()]).await?.remove(0);
    let application = views::application(db, found.application_id).await?;
    let person = candidates::get(db, application.candidate_id).await?;
    let position_title = crate::positions::model::get(db, application.position_id)
        .await?
        .title;
    let mut questions: Vec<QuestionView> =
        bank::views(db, model::kit(db, id).await?, page.lang).await?;
    let script = super::screen_checks::script_of(db, id, page.lang).await?;
    // A screen follows its script: the questions in the order the script asks them, those
    // the script no longer has after them.
    if let Some(script) = &script {
        let order = &script.script.question_ids;
        questions.sort_by_key(|q| {
            order
                .iter()
                .position(|id| *id == q.id)
                .unwrap_or(usize::MAX)
        });
    }
    let screen_checks = script
        .map(|s| {
            s.script
                .checks
                .into_iter()
                .map(|c| (c.code, c.question))
                .collect()
        })
        .unwrap_or_default();
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
    // Its interviewers read the candidate's card and CV before the interview.
    let can_see_candidate = matches!(
        crate::domain::access::candidate_scope(user.role, on_interview),
        crate::domain::access::CandidateScope::Everything
            | crate::domain::access::CandidateScope::AssignedApplications
    );
    let mine = if on_interview && !print {
        Some(scorecards::mine(db, &user, id).await?)
    } else {
        None
    };
    let team = if !print && scorecards::may_read_team(db, &user, id).await? {
        Some(scorecards::submitted(db, &user, id).await?)
    } else {
        None
    };
    let anchors = crate::positions::criteria::competencies()
        .into_iter()
        .filter_map(|code| {
            crate::positions::criteria::anchors(code)
                .map(|a| (code.to_owned(), a.in_lang(page.lang)))
        })
        .collect();
    let values = values_kit::blocks(db, id, page.lang).await?;
    let context = InterviewPage {
        anchors,
        value_scores: mine
            .as_ref()
            .map(|c| {
                c.values
                    .iter()
                    .map(|v| {
                        (
                            v.value.clone(),
                            (v.score, v.note.clone().unwrap_or_default()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        values,
        screen_checks,
        check_answers: mine
            .as_ref()
            .map(|c| {
                c.checks
                    .iter()
                    .map(|k| (k.code.clone(), k.clone()))
                    .collect()
            })
            .unwrap_or_default(),
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
        can_see_candidate,
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
        print,
    };
    let template = if print {
        "interviews/print.html"
    } else {
        "interviews/show.html"
    };
    Ok(page.render(template, context).await?.into_response())
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    render_interview(&page, id, false).await
}

pub async fn print(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    render_interview(&page, id, true).await
}

/// Reads the scorecard form: `score_<question>`, `notes_<question>`, repeated `fu_<question>`,
/// `rating_<competency>`, `value_score_<value>` with `value_note_<value>`, the recommendation
/// and the three texts. A score that is not a number
/// is kept as 0 so the rule refuses it with its message.
fn scorecard_from(pairs: &[(String, String)]) -> ScorecardInput {
    let mut answers: BTreeMap<i32, AnswerInput> = BTreeMap::new();
    let mut ratings = Vec::new();
    let mut values: BTreeMap<String, (String, String)> = BTreeMap::new();
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
        } else if let Some(code) = name.strip_prefix("value_score_") {
            values.entry(code.to_owned()).or_default().0 = text.to_owned();
        } else if let Some(code) = name.strip_prefix("value_note_") {
            values.entry(code.to_owned()).or_default().1 = text.to_owned();
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
        // A note without a score is kept as score 0, so the rule asks for the score beside it.
        values: values
            .into_iter()
            .filter(|(_, (score, note))| !score.is_empty() || !note.is_empty())
            .map(|(code, (score, note))| ValueRatingInput {
                value: code,
                score: score.parse().unwrap_or(0),
                note: Some(note).filter(|n| !n.is_empty()),
            })
            .collect(),
        recommendation: Some(value(pairs, "recommendation")).filter(|r| !r.is_empty()),
        strengths: Some(value(pairs, "strengths")),
        concerns: Some(value(pairs, "concerns")),
        notes: Some(value(pairs, "notes")),
        checks: super::screen_checks::from_form(pairs),
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
        // The script's own saves get the error as it is; the form comes back as typed.
        Err(error) if action == "autosave" => Err(error),
        Err(AppError::Validation(errors)) => {
            let errors = errors.into_iter().map(|e| on_the_form(e, &input)).collect();
            page.show_again(
                &format!("/interviews/{id}"),
                SCORECARD_FORM,
                AppError::Validation(errors),
            )
            .await
        }
        // The card was submitted meanwhile: its page shows it locked, as it was sent, and
        // what was typed now would read as if it had been saved.
        Err(AppError::Conflict(message)) => {
            page.flash(FlashKind::Error, message).await?;
            Ok(Redirect::to(&format!("/interviews/{id}")).into_response())
        }
        Err(other) => {
            page.show_again(&format!("/interviews/{id}"), SCORECARD_FORM, other)
                .await
        }
    }
}

/// The form's name in `typed(...)` on the interview page.
const SCORECARD_FORM: &str = "scorecard";

/// A message about `answers[i].score` belongs beside `score_<question>` on the form, one
/// about `ratings[i].score` beside `rating_<competency>`.
fn on_the_form(mut error: FieldError, input: &ScorecardInput) -> FieldError {
    let indexed = |prefix: &str| -> Option<(usize, String)> {
        let rest = error.field.strip_prefix(prefix)?;
        let (index, part) = rest.split_once("].")?;
        Some((index.parse().ok()?, part.to_owned()))
    };
    if let Some((i, part)) = indexed("answers[")
        && let Some(answer) = input.answers.get(i)
    {
        let name = match part.as_str() {
            "score" => "score",
            "notes" => "notes",
            "follow_ups_asked" => "fu",
            _ => return error,
        };
        error.field = format!("{name}_{}", answer.question_id);
    } else if let Some((i, _)) = indexed("ratings[")
        && let Some(rating) = input.ratings.get(i)
    {
        error.field = format!("rating_{}", rating.competency);
    } else if let Some((i, part)) = indexed("values[")
        && let Some(rating) = input.values.get(i)
    {
        let name = if part == "note" {
            "value_note"
        } else {
            "value_score"
        };
        error.field = format!("{name}_{}", rating.value);
    } else if let Some(field) = super::screen_checks::form_field(&error.field, &input.checks) {
        error.field = field;
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> ScorecardInput {
        ScorecardInput {
            answers: vec![AnswerInput {
                question_id: 41,
                score: Some(9),
                ..Default::default()
            }],
            ratings: vec![RatingInput {
                competency: "communication".into(),
                score: 0,
            }],
            ..Default::default()
        }
    }

    fn field_of(name: &str) -> String {
        let error = FieldError::new(name, Message::new("field-score-range"));
        on_the_form(error, &card()).field
    }

    #[test]
    fn a_message_about_an_answer_or_a_rating_sits_beside_its_field_on_the_form() {
        assert_eq!(field_of("answers[0].score"), "score_41");
        assert_eq!(field_of("answers[0].notes"), "notes_41");
        assert_eq!(field_of("answers[0].follow_ups_asked"), "fu_41");
        assert_eq!(field_of("ratings[0].score"), "rating_communication");
    }

    #[test]
    fn a_value_score_and_its_note_are_read_together_and_a_note_alone_asks_for_the_score() {
        let typed = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            scorecard_from(&pairs).values
        };
        let values = typed(&[
            ("value_score_ownership", "4"),
            ("value_note_ownership", " Owned the launch "),
            ("value_score_curiosity", ""),
            ("value_note_curiosity", "Asked nothing"),
            ("value_score_teamwork", ""),
            ("value_note_teamwork", ""),
        ]);
        assert_eq!(values.len(), 2);
        assert_eq!(values[1].value, "ownership");
        assert_eq!(
            (values[1].score, values[1].note.as_deref()),
            (4, Some("Owned the launch"))
        );
        assert_eq!(values[0].score, 0, "refused beside its score");
        let input = ScorecardInput {
            values,
            ..Default::default()
        };
        let error = FieldError::new("values[0].score", Message::new("field-score-range"));
        assert_eq!(on_the_form(error, &input).field, "value_score_curiosity");
    }

    #[test]
    fn a_message_the_form_has_no_field_for_keeps_its_name() {
        assert_eq!(field_of("answers[0].question_id"), "answers[0].question_id");
        assert_eq!(field_of("answers[7].score"), "answers[7].score");
        assert_eq!(field_of("recommendation"), "recommendation");
    }
}
