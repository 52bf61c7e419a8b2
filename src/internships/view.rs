//! One internship as its readers see it: the plan by week with what is due and overdue,
//! progress, exam attempts, rotations, the defence and the decision. The page and the API
//! show the same view.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use super::model::{ACTIVE, Seat, localized};
use super::programme::{self, ProgrammeSettings};
use crate::domain::internship::{self as rules, DefenceGrade};
use crate::entities::{defence_grade, exam_attempt, internship, internship_item, rotation, user};
use crate::error::AppResult;
use crate::web::i18n::Lang;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PersonRef {
    pub id: i32,
    pub name: String,
    pub email: String,
}

impl From<&user::Model> for PersonRef {
    fn from(u: &user::Model) -> Self {
        Self {
            id: u.id,
            name: u.name.clone(),
            email: u.email.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: i32,
    pub week: i32,
    pub kind: String,
    pub code: String,
    pub title: String,
    pub about: String,
    pub department: String,
    pub due_on: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
    pub signed_off_at: Option<DateTime<Utc>>,
    pub overdue: bool,
    /// Links and files to read for this item (filled where the plan is shown).
    pub materials: Vec<super::materials::MaterialView>,
}

impl ItemView {
    pub fn of(item: &internship_item::Model, lang: Lang, today: NaiveDate) -> Self {
        Self {
            id: item.id,
            week: item.week,
            kind: item.kind.clone(),
            code: item.code.clone(),
            title: localized(lang, &item.title_ru, &item.title_en),
            about: localized(lang, &item.about_ru, &item.about_en),
            department: item.department.clone(),
            due_on: item.due_on,
            done_at: item.done_at,
            signed_off_at: item.signed_off_at,
            overdue: item.done_at.is_none() && item.due_on < today,
            materials: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WeekView {
    pub number: i32,
    pub items: Vec<ItemView>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    pub overdue: usize,
    /// Ticked by the intern, not yet signed off by the mentor.
    pub waiting_sign_off: usize,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AttemptView {
    pub id: i32,
    pub exam: String,
    pub attempt: i32,
    pub taken_on: NaiveDate,
    pub score: i32,
    pub max_score: i32,
    pub percent: i64,
    pub pass_percent: i32,
    pub passed: bool,
    pub notes: String,
    pub graded_by: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RubricLine {
    pub criterion: String,
    pub weight: u32,
    pub title: String,
    pub about: String,
    /// The panel's mean for this criterion, when graded.
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PanelGrades {
    pub grader: PersonRef,
    pub scores: BTreeMap<String, i32>,
    pub notes: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DefenceView {
    /// Weighted result on the 1..5 scale.
    pub result: Option<f64>,
    pub passed: bool,
    pub pass_mark: f64,
    pub panel: Vec<PanelGrades>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RotationView {
    pub id: i32,
    pub week: i32,
    pub department: String,
    pub owner: Option<PersonRef>,
    /// Competency code → 1..5, once the owner has scored the week.
    pub scores: BTreeMap<String, i32>,
    pub notes: String,
    pub scored_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DecisionView {
    pub outcome: String,
    pub department: Option<String>,
    pub reason: String,
    /// Why it was decided before the programme's last week; none when it was not early.
    pub early_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InternshipView {
    pub id: i32,
    pub intern: PersonRef,
    pub mentor: PersonRef,
    pub application_id: Option<i32>,
    pub group: String,
    pub start_date: NaiveDate,
    pub exam_track: String,
    pub exam_on: Option<NaiveDate>,
    pub status: String,
    pub progress: Progress,
    pub weeks: Vec<WeekView>,
    pub overdue: Vec<ItemView>,
    pub exam_attempts: Vec<AttemptView>,
    pub exam_passed: bool,
    /// The next attempt's number, or none when passed or out of attempts.
    pub next_attempt: Option<u32>,
    pub attempts_left: Option<u32>,
    pub defence_rubric: Vec<RubricLine>,
    pub defence: DefenceView,
    pub project_plan: String,
    pub project_plan_at: Option<DateTime<Utc>>,
    pub rotations: Vec<RotationView>,
    /// Only for the mentor and the people who run the programme.
    pub mentor_notes: Option<String>,
    pub decision: Option<DecisionView>,
    pub at_risk: bool,
}

/// Names of users by id, for the people a view mentions.
pub async fn names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, user::Model>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

pub fn attempt_view(a: &exam_attempt::Model, people: &HashMap<i32, user::Model>) -> AttemptView {
    AttemptView {
        id: a.id,
        exam: a.exam.clone(),
        attempt: a.attempt,
        taken_on: a.taken_on,
        score: a.score,
        max_score: a.max_score,
        percent: rules::percent(a.score, a.max_score),
        pass_percent: a.pass_percent,
        passed: a.passed,
        notes: a.notes.clone(),
        graded_by: a
            .graded_by
            .and_then(|id| people.get(&id))
            .map(|u| u.name.clone()),
    }
}

pub fn defence_grades(grades: &[defence_grade::Model]) -> Vec<DefenceGrade> {
    grades
        .iter()
        .map(|g| DefenceGrade {
            grader: g.grader_id,
            criterion: g.criterion.clone(),
            score: g.score,
        })
        .collect()
}

pub async fn attempts_of<C: ConnectionTrait>(
    db: &C,
    internship_id: i32,
) -> AppResult<Vec<exam_attempt::Model>> {
    Ok(exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.eq(internship_id))
        .order_by_asc(exam_attempt::Column::Exam)
        .order_by_asc(exam_attempt::Column::Attempt)
        .all(db)
        .await?)
}

pub async fn items_of<C: ConnectionTrait>(
    db: &C,
    internship_id: i32,
) -> AppResult<Vec<internship_item::Model>> {
    Ok(internship_item::Entity::find()
        .filter(internship_item::Column::InternshipId.eq(internship_id))
        .order_by_asc(internship_item::Column::DueOn)
        .order_by_asc(internship_item::Column::Rank)
        .all(db)
        .await?)
}

pub fn progress(items: &[internship_item::Model], today: NaiveDate) -> Progress {
    let done = items.iter().filter(|i| i.done_at.is_some()).count();
    let total = items.len();
    Progress {
        done,
        total,
        percent: (done * 100).checked_div(total).unwrap_or(0) as u32,
        overdue: items
            .iter()
            .filter(|i| i.done_at.is_none() && i.due_on < today)
            .count(),
        waiting_sign_off: items
            .iter()
            .filter(|i| i.done_at.is_some() && i.signed_off_at.is_none())
            .count(),
    }
}

/// Builds the whole view; `seat` hides the mentor's notes from the intern and the panel.
pub async fn build<C: ConnectionTrait>(
    db: &C,
    found: &internship::Model,
    seat: Seat,
    lang: Lang,
    today: NaiveDate,
) -> AppResult<InternshipView> {
    let settings = programme::settings(db).await?;
    let items = items_of(db, found.id).await?;
    let attempts = attempts_of(db, found.id).await?;
    let grades = defence_grade::Entity::find()
        .filter(defence_grade::Column::InternshipId.eq(found.id))
        .order_by_asc(defence_grade::Column::Id)
        .all(db)
        .await?;
    let rotations = rotation::Entity::find()
        .filter(rotation::Column::InternshipId.eq(found.id))
        .order_by_asc(rotation::Column::Week)
        .all(db)
        .await?;
    let mut ids = vec![found.intern_id, found.mentor_id];
    ids.extend(attempts.iter().filter_map(|a| a.graded_by));
    ids.extend(grades.iter().map(|g| g.grader_id));
    ids.extend(rotations.iter().filter_map(|r| r.owner_id));
    ids.extend(found.decided_by);
    let people = names(db, ids).await?;
    let person = |id: i32| people.get(&id).map(PersonRef::from);

    let item_ids: Vec<i32> = items.iter().map(|i| i.id).collect();
    let mut materials = super::materials::by_item(db, true, &item_ids, lang).await?;
    let mut weeks: Vec<WeekView> = Vec::new();
    for item in &items {
        let mut view = ItemView::of(item, lang, today);
        view.materials = materials.remove(&item.id).unwrap_or_default();
        match weeks.iter_mut().find(|w| w.number == item.week) {
            Some(week) => week.items.push(view),
            None => weeks.push(WeekView {
                number: item.week,
                items: vec![view],
            }),
        }
    }
    weeks.sort_by_key(|w| w.number);
    let overdue: Vec<ItemView> = weeks
        .iter()
        .flat_map(|w| w.items.iter().filter(|i| i.overdue).cloned())
        .collect();

    let track_attempts: Vec<&exam_attempt::Model> = attempts
        .iter()
        .filter(|a| a.exam == found.exam_track)
        .collect();
    let exam_passed = track_attempts.iter().any(|a| a.passed);
    let policy = settings.exam_policy();
    let taken = track_attempts.len() as u32;
    let attempts_left = rules::attempts_left(taken, policy);
    let next_attempt = (!exam_passed && attempts_left != Some(0)).then_some(taken + 1);
    let failed = attempts.iter().filter(|a| !a.passed).count();

    let defence = defence_view(&grades, &people, &settings);
    let rubric = programme::rubric()
        .iter()
        .map(|c| RubricLine {
            criterion: c.code.clone(),
            weight: c.weight,
            title: localized(lang, &c.title_ru, &c.title_en),
            about: localized(lang, &c.about_ru, &c.about_en),
            mean: mean_of(&grades, &c.code),
        })
        .collect();

    let decision = found.outcome.as_ref().map(|outcome| DecisionView {
        outcome: outcome.clone(),
        department: found.outcome_department.clone(),
        reason: found.outcome_reason.clone().unwrap_or_default(),
        early_reason: found.early_reason.clone(),
        decided_at: found.decided_at,
        decided_by: found
            .decided_by
            .and_then(|id| people.get(&id))
            .map(|u| u.name.clone()),
    });

    let fallback = PersonRef {
        id: 0,
        name: String::new(),
        email: String::new(),
    };
    Ok(InternshipView {
        id: found.id,
        intern: person(found.intern_id).unwrap_or_else(|| fallback.clone()),
        mentor: person(found.mentor_id).unwrap_or(fallback),
        application_id: found.application_id,
        group: found.group_name.clone(),
        start_date: found.start_date,
        exam_track: found.exam_track.clone(),
        exam_on: found.exam_on,
        status: found.status.clone(),
        progress: progress(&items, today),
        at_risk: found.status == ACTIVE && rules::at_risk(overdue.len(), failed, exam_passed),
        weeks,
        overdue,
        exam_attempts: attempts.iter().map(|a| attempt_view(a, &people)).collect(),
        exam_passed,
        next_attempt,
        attempts_left,
        defence_rubric: rubric,
        defence,
        project_plan: found.project_plan.clone(),
        project_plan_at: found.project_plan_at,
        rotations: rotations
            .iter()
            .map(|r| RotationView {
                id: r.id,
                week: r.week,
                department: r.department.clone(),
                owner: r.owner_id.and_then(person),
                scores: r
                    .scores
                    .as_deref()
                    .and_then(|s| serde_json::from_str(s).ok())
                    .unwrap_or_default(),
                notes: r.notes.clone(),
                scored_at: r.scored_at,
            })
            .collect(),
        mentor_notes: seat.may_mentor().then(|| found.mentor_notes.clone()),
        decision,
    })
}

fn mean_of(grades: &[defence_grade::Model], criterion: &str) -> Option<f64> {
    let scores: Vec<i32> = grades
        .iter()
        .filter(|g| g.criterion == criterion)
        .map(|g| g.score)
        .collect();
    (!scores.is_empty()).then(|| f64::from(scores.iter().sum::<i32>()) / scores.len() as f64)
}

pub fn defence_view(
    grades: &[defence_grade::Model],
    people: &HashMap<i32, user::Model>,
    settings: &ProgrammeSettings,
) -> DefenceView {
    let rubric = programme::rubric_weights();
    let rule_grades = defence_grades(grades);
    let mut panel: Vec<PanelGrades> = Vec::new();
    for grade in grades {
        let entry = match panel.iter_mut().find(|p| p.grader.id == grade.grader_id) {
            Some(entry) => entry,
            None => {
                let grader =
                    people
                        .get(&grade.grader_id)
                        .map(PersonRef::from)
                        .unwrap_or(PersonRef {
                            id: grade.grader_id,
                            name: String::new(),
                            email: String::new(),
                        });
                panel.push(PanelGrades {
                    grader,
                    scores: BTreeMap::new(),
                    notes: String::new(),
                });
                panel.last_mut().expect("just pushed")
            }
        };
        entry.scores.insert(grade.criterion.clone(), grade.score);
        if !grade.notes.is_empty() {
            entry.notes = grade.notes.clone();
        }
    }
    DefenceView {
        result: rules::weighted_result(&rubric, &rule_grades).map(|r| (r * 100.0).round() / 100.0),
        passed: rules::defence_passed(&rubric, &rule_grades, settings.defence_pass_mark),
        pass_mark: settings.defence_pass_mark,
        panel,
    }
}
