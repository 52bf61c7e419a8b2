//! Which questions predict: for people who went through both hiring and the internship, how
//! their interview scores (per competency and per question) go with their first exam attempt,
//! their defence and their department weeks; and for experienced hires, how the scores go with
//! passing probation. Every figure carries the number of people behind it, and no correlation
//! is given for fewer than [`MIN_PEOPLE`].

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::chart::BarChart;
use super::filter::Filter;
use super::output::Output;
use crate::domain::internship as rules;
use crate::domain::probation::{Milestone, passed_outcome};
use crate::entities::{
    application, competency, defence_grade, exam_attempt, internship, interview,
    probation_milestone, question, rotation, scorecard, scorecard_answer, scorecard_rating,
};
use crate::error::AppResult;
use crate::internships::programme;
use crate::internships::view::defence_grades;
use crate::web::i18n::{Lang, Message};
use crate::web::tabular::{Cell, Table};

/// Below this many people a correlation is noise, and none is shown.
pub const MIN_PEOPLE: usize = 5;

/// Pearson's correlation of paired values; none for fewer than [`MIN_PEOPLE`] pairs or when
/// either side does not vary.
pub fn correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len();
    if n < MIN_PEOPLE {
        return None;
    }
    let mean_x = pairs.iter().map(|p| p.0).sum::<f64>() / n as f64;
    let mean_y = pairs.iter().map(|p| p.1).sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mean_x) * (y - mean_y);
        sxx += (x - mean_x).powi(2);
        syy += (y - mean_y).powi(2);
    }
    if sxx <= f64::EPSILON || syy <= f64::EPSILON {
        return None;
    }
    Some(((sxy / (sxx * syy).sqrt()) * 100.0).round() / 100.0)
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Predictor {
    /// Competency code, or question id.
    pub key: String,
    pub label: String,
    /// People with both an interview score and the outcome, per outcome.
    pub people_exam: usize,
    pub exam: Option<f64>,
    pub people_defence: usize,
    pub defence: Option<f64>,
    pub people_rotations: usize,
    pub rotations: Option<f64>,
    /// Experienced hires with a score and a final probation decision; the correlation with
    /// passing (passed 1, not passed 0).
    pub people_probation: usize,
    pub probation: Option<f64>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Predictive {
    pub filter: Filter,
    /// Interns who were hired through the app and interviewed with scorecards.
    pub people: usize,
    /// Experienced hires with a final probation decision and scorecards.
    pub people_probation: usize,
    pub competencies: Vec<Predictor>,
    pub questions: Vec<Predictor>,
}

/// One person's outcomes in the programme.
#[derive(Default)]
struct Outcomes {
    exam: Option<f64>,
    defence: Option<f64>,
    rotations: Option<f64>,
    probation: Option<f64>,
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn predictor(
    key: String,
    label: String,
    scores: &HashMap<i32, f64>,
    outcomes: &HashMap<i32, Outcomes>,
) -> Predictor {
    let pairs = |pick: fn(&Outcomes) -> Option<f64>| -> Vec<(f64, f64)> {
        scores
            .iter()
            .filter_map(|(person, x)| outcomes.get(person).and_then(pick).map(|y| (*x, y)))
            .collect()
    };
    let exam = pairs(|o| o.exam);
    let defence = pairs(|o| o.defence);
    let rotations = pairs(|o| o.rotations);
    let probation = pairs(|o| o.probation);
    Predictor {
        key,
        label,
        people_exam: exam.len(),
        exam: correlation(&exam),
        people_defence: defence.len(),
        defence: correlation(&defence),
        people_rotations: rotations.len(),
        rotations: correlation(&rotations),
        people_probation: probation.len(),
        probation: correlation(&probation),
    }
}

pub async fn compute(db: &DatabaseConnection, filter: Filter, lang: Lang) -> AppResult<Predictive> {
    let hired: Vec<internship::Model> = internship::Entity::find()
        .filter(internship::Column::ApplicationId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|i| filter.has_day(i.start_date))
        .collect();
    // A person is an application: an intern's, or an experienced hire's with a decision.
    let decided = decided_probations(db, &filter).await?;
    let people_of: HashSet<i32> = hired
        .iter()
        .filter_map(|i| i.application_id)
        .chain(decided.keys().copied())
        .collect();
    let interviews: HashMap<i32, i32> = interview::Entity::find()
        .filter(interview::Column::ApplicationId.is_in(people_of.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.application_id))
        .collect();
    // scorecard → the person it scores.
    let cards: HashMap<i32, i32> = scorecard::Entity::find()
        .filter(scorecard::Column::InterviewId.is_in(interviews.keys().copied()))
        .filter(scorecard::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.id, *interviews.get(&c.interview_id)?)))
        .collect();
    // person → competency → scores; person → question → scores.
    let mut by_competency: BTreeMap<String, HashMap<i32, Vec<f64>>> = BTreeMap::new();
    for r in scorecard_rating::Entity::find()
        .filter(scorecard_rating::Column::ScorecardId.is_in(cards.keys().copied()))
        .all(db)
        .await?
    {
        if let Some(person) = cards.get(&r.scorecard_id) {
            by_competency
                .entry(r.competency)
                .or_default()
                .entry(*person)
                .or_default()
                .push(f64::from(r.score));
        }
    }
    let mut by_question: BTreeMap<i32, HashMap<i32, Vec<f64>>> = BTreeMap::new();
    for a in scorecard_answer::Entity::find()
        .filter(scorecard_answer::Column::ScorecardId.is_in(cards.keys().copied()))
        .all(db)
        .await?
    {
        if let (Some(person), Some(score)) = (cards.get(&a.scorecard_id), a.score) {
            by_question
                .entry(a.question_id)
                .or_default()
                .entry(*person)
                .or_default()
                .push(f64::from(score));
        }
    }
    let mut outcomes = outcomes_of(db, &hired).await?;
    for (application, passed) in &decided {
        outcomes.entry(*application).or_default().probation = Some(*passed);
    }
    let means = |scores: HashMap<i32, Vec<f64>>| -> HashMap<i32, f64> {
        scores
            .into_iter()
            .filter_map(|(p, s)| mean(&s).map(|m| (p, m)))
            .collect()
    };
    let names: HashMap<String, String> = competency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, lang.pick(c.name_ru, c.name_en)))
        .collect();
    let texts: HashMap<i32, String> = question::Entity::find()
        .filter(question::Column::Id.is_in(by_question.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, lang.pick(q.text_ru, q.text_en)))
        .collect();
    let people: HashSet<i32> = cards.values().copied().collect();
    let people_probation = people.iter().filter(|p| decided.contains_key(p)).count();
    let interns = people.len() - people_probation;
    let competencies = by_competency
        .into_iter()
        .map(|(code, scores)| {
            let label = names.get(&code).cloned().unwrap_or_else(|| code.clone());
            predictor(code, label, &means(scores), &outcomes)
        })
        .collect();
    let mut questions: Vec<Predictor> = by_question
        .into_iter()
        .map(|(id, scores)| {
            let label = texts.get(&id).cloned().unwrap_or_default();
            predictor(id.to_string(), label, &means(scores), &outcomes)
        })
        .collect();
    questions.sort_by(|a, b| b.people_exam.cmp(&a.people_exam).then(a.key.cmp(&b.key)));
    Ok(Predictive {
        filter,
        people: interns,
        people_probation,
        competencies,
        questions,
    })
}

/// Experienced hires who started within the filter and whose probation was decided: passed 1,
/// not passed 0, by application.
async fn decided_probations(
    db: &DatabaseConnection,
    filter: &Filter,
) -> AppResult<HashMap<i32, f64>> {
    let decisions: HashMap<i32, f64> = probation_milestone::Entity::find()
        .filter(probation_milestone::Column::Code.eq(Milestone::ProbationResult.as_str()))
        .filter(probation_milestone::Column::DoneAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Some((m.application_id, passed_outcome(m.result.as_deref())?)))
        .collect();
    Ok(application::Entity::find()
        .filter(application::Column::Id.is_in(decisions.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter(|a| a.started_on.is_some_and(|d| filter.has_day(d)))
        .filter_map(|a| Some((a.id, *decisions.get(&a.id)?)))
        .collect())
}

/// First attempt at the exam (percent), the defence's weighted result, the mean of the
/// department weeks' scores; by the intern's application.
async fn outcomes_of(
    db: &DatabaseConnection,
    hired: &[internship::Model],
) -> AppResult<HashMap<i32, Outcomes>> {
    let ids: Vec<i32> = hired.iter().map(|i| i.id).collect();
    let attempts = exam_attempt::Entity::find()
        .filter(exam_attempt::Column::InternshipId.is_in(ids.clone()))
        .filter(exam_attempt::Column::Attempt.eq(1))
        .all(db)
        .await?;
    let grades = defence_grade::Entity::find()
        .filter(defence_grade::Column::InternshipId.is_in(ids.clone()))
        .all(db)
        .await?;
    let weeks = rotation::Entity::find()
        .filter(rotation::Column::InternshipId.is_in(ids))
        .all(db)
        .await?;
    let rubric = programme::rubric_weights();
    let mut found = HashMap::new();
    for i in hired {
        let own_grades: Vec<defence_grade::Model> = grades
            .iter()
            .filter(|g| g.internship_id == i.id)
            .cloned()
            .collect();
        let week_scores: Vec<f64> = weeks
            .iter()
            .filter(|w| w.internship_id == i.id)
            .filter_map(|w| w.scores.as_deref())
            .filter_map(|s| serde_json::from_str::<BTreeMap<String, i32>>(s).ok())
            .flat_map(|m| m.into_values().map(f64::from))
            .collect();
        let Some(application) = i.application_id else {
            continue;
        };
        found.insert(
            application,
            Outcomes {
                exam: attempts
                    .iter()
                    .find(|a| a.internship_id == i.id)
                    .map(|a| rules::percent(a.score, a.max_score) as f64),
                defence: rules::weighted_result(&rubric, &defence_grades(&own_grades)),
                rotations: mean(&week_scores),
                probation: None,
            },
        );
    }
    Ok(found)
}

fn table(lang: Lang, first: String, rows: &[Predictor]) -> Table {
    let mut table = Table::new(vec![
        first,
        lang.text("report-people-exam"),
        lang.text("report-r-exam"),
        lang.text("report-people-defence"),
        lang.text("report-r-defence"),
        lang.text("report-people-rotations"),
        lang.text("report-r-rotations"),
        lang.text("report-people-probation"),
        lang.text("report-r-probation"),
    ]);
    for p in rows {
        table.push(vec![
            p.label.clone().into(),
            p.people_exam.into(),
            p.exam.map_or(Cell::Empty, Cell::Float),
            p.people_defence.into(),
            p.defence.map_or(Cell::Empty, Cell::Float),
            p.people_rotations.into(),
            p.rotations.map_or(Cell::Empty, Cell::Float),
            p.people_probation.into(),
            p.probation.map_or(Cell::Empty, Cell::Float),
        ]);
    }
    table
}

impl Predictive {
    pub fn output(&self, lang: Lang) -> Output {
        let mut out = Output::with_chart(BarChart {
            title: lang.text("report-predictive-chart"),
            series: vec![
                lang.text("report-r-exam"),
                lang.text("report-r-defence"),
                lang.text("report-r-rotations"),
                lang.text("report-r-probation"),
            ],
            groups: self
                .competencies
                .iter()
                .map(|p| {
                    (
                        p.label.clone(),
                        vec![p.exam, p.defence, p.rotations, p.probation],
                    )
                })
                .collect(),
            unit: "",
        });
        out.section(
            lang.text("report-predictive-competencies"),
            table(lang, lang.text("report-competency"), &self.competencies),
        );
        out.section(
            lang.text("report-predictive-questions"),
            table(lang, lang.text("report-question"), &self.questions),
        );
        out.notes.push(
            lang.render(
                &Message::new("report-predictive-note")
                    .with_number("people", self.people as i64)
                    .with_number("min", MIN_PEOPLE as i64),
            ),
        );
        out.notes.push(
            lang.render(
                &Message::new("report-predictive-probation-note")
                    .with_number("people", self.people_probation as i64)
                    .with_number("min", MIN_PEOPLE as i64),
            ),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlation_of_a_perfect_line_and_of_too_few_people() {
        let line: Vec<(f64, f64)> = (1..=5)
            .map(|x| (f64::from(x), f64::from(2 * x + 1)))
            .collect();
        assert_eq!(correlation(&line), Some(1.0));
        let falling: Vec<(f64, f64)> = (1..=5).map(|x| (f64::from(x), f64::from(-x))).collect();
        assert_eq!(correlation(&falling), Some(-1.0));
        assert_eq!(correlation(&line[..4]), None, "four people are too few");
        let flat: Vec<(f64, f64)> = (1..=6).map(|x| (f64::from(x), 3.0)).collect();
        assert_eq!(correlation(&flat), None);
    }

    #[test]
    fn correlation_matches_a_hand_computed_value() {
        // x = 1..5, y = 2,1,4,3,5: sxy = 8, sxx = 10, syy = 10 → r = 0.8.
        let pairs = [(1.0, 2.0), (2.0, 1.0), (3.0, 4.0), (4.0, 3.0), (5.0, 5.0)];
        assert_eq!(correlation(&pairs), Some(0.8));
    }
}
