//! Interns in bulk: the mentor's own (with what waits for their sign-off and who is at risk),
//! and the cohort the head of client service follows — progress, attempts, pass rates,
//! decisions. A fixed number of queries whatever the number of interns.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use super::model::ACTIVE;
use super::programme;
use super::view::{ItemView, PersonRef, Progress, defence_grades, names, progress};
use crate::auth::model::CurrentUser;
use crate::domain::access::{Action, Role};
use crate::domain::internship as rules;
use crate::entities::{defence_grade, exam_attempt, internship, internship_item};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Lang;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InternshipRow {
    pub id: i32,
    pub intern: PersonRef,
    pub mentor: PersonRef,
    pub group: String,
    pub start_date: NaiveDate,
    pub exam_track: String,
    pub exam_on: Option<NaiveDate>,
    pub status: String,
    pub outcome: Option<String>,
    pub progress: Progress,
    pub attempts: usize,
    pub exam_passed: bool,
    pub defence_result: Option<f64>,
    pub at_risk: bool,
}

/// An item an intern ticked that waits for the mentor.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WaitingItem {
    pub internship_id: i32,
    pub intern: String,
    pub item: ItemView,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct ExamStats {
    pub exam: String,
    /// Interns who sat this exam at least once.
    pub interns: usize,
    pub passed: usize,
    pub pass_rate: Option<f64>,
    pub attempts: usize,
    pub passed_first_time: usize,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Cohort {
    pub rows: Vec<InternshipRow>,
    pub waiting: Vec<WaitingItem>,
    pub exams: Vec<ExamStats>,
    /// Decisions by outcome.
    pub outcomes: BTreeMap<String, usize>,
}

/// The internships this user may list: an intern their own, a mentor theirs, the people who
/// run or watch the programme all of them. `active_only` leaves out decided months.
pub async fn cohort(
    db: &DatabaseConnection,
    user: &CurrentUser,
    lang: Lang,
    today: NaiveDate,
    active_only: bool,
) -> AppResult<Cohort> {
    let mut query = internship::Entity::find();
    query = match user.role {
        Role::Intern => query.filter(internship::Column::InternId.eq(user.id)),
        Role::Mentor => query.filter(internship::Column::MentorId.eq(user.id)),
        _ if user.can(Action::ViewInternships) => query,
        _ => return Err(AppError::Forbidden),
    };
    if active_only {
        query = query.filter(internship::Column::Status.eq(ACTIVE));
    }
    let found = query
        .order_by_desc(internship::Column::StartDate)
        .order_by_asc(internship::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = found.iter().map(|i| i.id).collect();
    let items = internship_item::Entity::find()
        .filter(internship_item::Column::InternshipId.is_in(ids.clone()))
        .order_by_asc(internship_item::Column::DueOn)
        .all(db)
        .await?;
    let attempts = exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.is_in(ids.clone()))
        .order_by_asc(exam_attempt::Column::Attempt)
        .all(db)
        .await?;
    let grades = defence_grade::Entity::find()
        .filter(defence_grade::Column::InternshipId.is_in(ids))
        .all(db)
        .await?;
    let people = names(db, found.iter().flat_map(|i| [i.intern_id, i.mentor_id])).await?;
    let person = |id: i32| {
        people.get(&id).map(PersonRef::from).unwrap_or(PersonRef {
            id,
            name: String::new(),
            email: String::new(),
        })
    };
    let mut items_by: HashMap<i32, Vec<internship_item::Model>> = HashMap::new();
    for item in items {
        items_by.entry(item.internship_id).or_default().push(item);
    }
    let rubric = programme::rubric_weights();

    let mut rows = Vec::new();
    let mut waiting = Vec::new();
    let mut outcomes = BTreeMap::new();
    for i in &found {
        let plan = items_by.remove(&i.id).unwrap_or_default();
        let own_attempts: Vec<&exam_attempt::Model> = attempts
            .iter()
            .filter(|a| a.internship_id == i.id)
            .collect();
        let own_grades: Vec<defence_grade::Model> = grades
            .iter()
            .filter(|g| g.internship_id == i.id)
            .cloned()
            .collect();
        let exam_passed = own_attempts.iter().any(|a| a.passed);
        let failed = own_attempts.iter().filter(|a| !a.passed).count();
        let progress = progress(&plan, today);
        let intern = person(i.intern_id);
        if i.status == ACTIVE {
            for item in plan
                .iter()
                .filter(|p| p.done_at.is_some() && p.signed_off_at.is_none())
            {
                waiting.push(WaitingItem {
                    internship_id: i.id,
                    intern: intern.name.clone(),
                    item: ItemView::of(item, lang, today),
                });
            }
        }
        if let Some(outcome) = &i.outcome {
            *outcomes.entry(outcome.clone()).or_insert(0) += 1;
        }
        rows.push(InternshipRow {
            id: i.id,
            mentor: person(i.mentor_id),
            intern,
            group: i.group_name.clone(),
            start_date: i.start_date,
            exam_track: i.exam_track.clone(),
            exam_on: i.exam_on,
            status: i.status.clone(),
            outcome: i.outcome.clone(),
            at_risk: i.status == ACTIVE && rules::at_risk(progress.overdue, failed, exam_passed),
            progress,
            attempts: own_attempts.len(),
            exam_passed,
            defence_result: rules::weighted_result(&rubric, &defence_grades(&own_grades))
                .map(|r| (r * 100.0).round() / 100.0),
        });
    }
    Ok(Cohort {
        exams: exam_stats(&attempts),
        rows,
        waiting,
        outcomes,
    })
}

/// Pass rates per exam over the interns who sat it.
pub fn exam_stats(attempts: &[exam_attempt::Model]) -> Vec<ExamStats> {
    rules::ExamTrack::ALL
        .iter()
        .map(|exam| {
            let mine: Vec<&exam_attempt::Model> = attempts
                .iter()
                .filter(|a| a.exam == exam.as_str())
                .collect();
            let mut interns: Vec<i32> = mine.iter().map(|a| a.internship_id).collect();
            interns.sort_unstable();
            interns.dedup();
            let passed = mine.iter().filter(|a| a.passed).count();
            ExamStats {
                exam: exam.as_str().to_owned(),
                interns: interns.len(),
                passed,
                pass_rate: (!interns.is_empty())
                    .then(|| (passed as f64 * 1000.0 / interns.len() as f64).round() / 10.0),
                attempts: mine.len(),
                passed_first_time: mine.iter().filter(|a| a.passed && a.attempt == 1).count(),
            }
        })
        .collect()
}
