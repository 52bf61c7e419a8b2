//! The question bank in the browser: browse by competency; recruiters and admins add, edit
//! (a new version) and retire questions.

use axum::extract::{Path, Query, RawForm};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::bank::{self, KINDS, QuestionView, SeedFollowUp, SeedQuestion};
use super::pages::{pairs, value};
use crate::domain::access::Action;
use crate::entities::{competency, question_follow_up};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Deserialize)]
pub struct BankQuery {
    competency: Option<String>,
}

#[derive(Serialize)]
struct BankPage {
    questions: Vec<QuestionView>,
    competencies: Vec<(String, String)>,
    competency: String,
    can_manage: bool,
    total: usize,
}

async fn names(page: &Page) -> AppResult<Vec<(String, String)>> {
    Ok(competency::Entity::find()
        .order_by_asc(competency::Column::Rank)
        .all(&page.state.db)
        .await?
        .into_iter()
        .map(|c| (c.code, page.lang.pick(c.name_ru, c.name_en)))
        .collect())
}

pub async fn list(page: Page, Query(query): Query<BankQuery>) -> AppResult<Response> {
    let user = page.user()?;
    if !(user.can(Action::ScoreInterviews) || user.can(Action::ManageQuestionBank)) {
        return Err(AppError::Forbidden);
    }
    let competency = query.competency.unwrap_or_default();
    let questions = bank::current(&page.state.db, Some(&competency)).await?;
    let questions = bank::views(&page.state.db, questions, page.lang).await?;
    let context = BankPage {
        total: questions.len(),
        questions,
        competencies: names(&page).await?,
        competency,
        can_manage: user.can(Action::ManageQuestionBank),
    };
    Ok(page
        .render("interviews/bank.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct EditPage {
    id: Option<i32>,
    version: Option<i32>,
    competency: String,
    question: SeedQuestion,
    competencies: Vec<(String, String)>,
    kinds: [&'static str; 3],
}

/// The form's name in `typed(...)`: a refused question comes back on its page as typed.
const QUESTION_FORM: &str = "question";

async fn render_edit(
    page: &Page,
    id: Option<i32>,
    version: Option<i32>,
    competency: String,
    mut question: SeedQuestion,
) -> AppResult<Response> {
    page.require(Action::ManageQuestionBank)?;
    // Room for one more probe on the form.
    question.follow_up.push(SeedFollowUp::default());
    let context = EditPage {
        id,
        version,
        competency,
        question,
        competencies: names(page).await?,
        kinds: KINDS,
    };
    Ok(page
        .render("interviews/question_form.html", context)
        .await?
        .into_response())
}

pub async fn new(page: Page, Query(query): Query<BankQuery>) -> AppResult<Response> {
    let question = SeedQuestion {
        interviews: vec!["competency".into()],
        minutes: 5,
        ..Default::default()
    };
    render_edit(
        &page,
        None,
        None,
        query.competency.unwrap_or_default(),
        question,
    )
    .await
}

pub async fn edit(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageQuestionBank)?;
    let found = bank::get(&page.state.db, id).await?;
    let follow_ups = question_follow_up::Entity::find()
        .filter(question_follow_up::Column::QuestionId.eq(id))
        .order_by_asc(question_follow_up::Column::Rank)
        .all(&page.state.db)
        .await?;
    let question = bank::as_seed(&found, &follow_ups);
    render_edit(
        &page,
        Some(id),
        Some(found.version),
        found.competency,
        question,
    )
    .await
}

/// The question form: both languages, the guide, grade examples and follow-ups `fu<N>_…`.
/// Minutes that are not a whole number are refused here, where the typed text is still known.
fn question_from(pairs: &[(String, String)]) -> AppResult<SeedQuestion> {
    let text = |name: &str| value(pairs, name);
    let optional = |name: &str| Some(value(pairs, name)).filter(|v| !v.is_empty());
    let minutes = text("minutes")
        .parse()
        .map_err(|_| AppError::validation("minutes", Message::new("field-question-minutes")))?;
    let mut follow_up = Vec::new();
    for n in 0..10 {
        let field = |part: &str| value(pairs, &format!("fu{n}_{part}"));
        if pairs.iter().any(|(k, _)| k.starts_with(&format!("fu{n}_"))) {
            follow_up.push(SeedFollowUp {
                code: field("code"),
                when_ru: field("when_ru"),
                when_en: field("when_en"),
                text_ru: field("text_ru"),
                text_en: field("text_en"),
            });
        }
    }
    Ok(SeedQuestion {
        code: String::new(),
        interviews: pairs
            .iter()
            .filter(|(k, _)| k == "interviews")
            .map(|(_, v)| v.clone())
            .collect(),
        minutes,
        text_ru: text("text_ru"),
        text_en: text("text_en"),
        strong_ru: text("strong_ru"),
        strong_en: text("strong_en"),
        red_flags_ru: text("red_flags_ru"),
        red_flags_en: text("red_flags_en"),
        junior_ru: optional("junior_ru"),
        junior_en: optional("junior_en"),
        middle_ru: optional("middle_ru"),
        middle_en: optional("middle_en"),
        senior_ru: optional("senior_ru"),
        senior_en: optional("senior_en"),
        follow_up,
    })
}

pub async fn create(page: Page, RawForm(body): RawForm) -> AppResult<Response> {
    let user = page.require(Action::ManageQuestionBank)?.clone();
    let pairs = pairs(&body)?;
    let competency = value(&pairs, "competency");
    let saved = match question_from(&pairs) {
        Ok(question) => bank::create(&page.state.db, user.id, &competency, question).await,
        Err(error) => Err(error),
    };
    if let Err(error) = saved {
        let path = format!("/questions/new?competency={}", urlencoding(&competency));
        return page.show_again(&path, QUESTION_FORM, error).await;
    }
    page.flash(FlashKind::Success, Message::new("question-saved"))
        .await?;
    Ok(Redirect::to(&format!(
        "/questions?competency={}",
        urlencoding(&competency)
    ))
    .into_response())
}

pub async fn revise(
    page: Page,
    Path(id): Path<i32>,
    RawForm(body): RawForm,
) -> AppResult<Response> {
    let user = page.require(Action::ManageQuestionBank)?.clone();
    let pairs = pairs(&body)?;
    let old = bank::get(&page.state.db, id).await?;
    let saved = match question_from(&pairs) {
        Ok(question) => bank::revise(&page.state.db, user.id, id, question).await,
        Err(error) => Err(error),
    };
    if let Err(error) = saved {
        // A retired or superseded version answers 409 on its own page, with what was typed.
        return page
            .show_again(&format!("/questions/{id}/edit"), QUESTION_FORM, error)
            .await;
    }
    page.flash(FlashKind::Success, Message::new("question-revised"))
        .await?;
    Ok(Redirect::to(&format!("/questions?competency={}", old.competency)).into_response())
}

/// A competency code as it may travel in a query string.
fn urlencoding(code: &str) -> String {
    serde_urlencoded::to_string([("c", code)])
        .map(|s| s.trim_start_matches("c=").to_owned())
        .unwrap_or_default()
}

pub async fn retire(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageQuestionBank)?.clone();
    let found = bank::get(&page.state.db, id).await?;
    bank::set_active(&page.state.db, user.id, id, false).await?;
    page.flash(FlashKind::Success, Message::new("question-retired"))
        .await?;
    Ok(Redirect::to(&format!("/questions?competency={}", found.competency)).into_response())
}
