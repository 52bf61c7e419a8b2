//! The competency profile of an application from its submitted scorecards: what the team
//! compares, where the raters disagree, which competencies still lack two independent ratings,
//! and the grade and salary the scores suggest — read against each grade's expectations and
//! weighted by the position's role variant, with the competencies that hold the candidate at
//! that grade and those that lift them.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

use super::{kits, scorecards};
use crate::domain::role_variant::RoleVariant;
use crate::domain::scoring::{self, CompetencyScore, GradeFit};
use crate::entities::{application, grade, interview, position, question};
use crate::error::{AppError, AppResult};
use crate::positions::criteria;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Coverage {
    /// The competencies the position must assess.
    pub required: Vec<String>,
    /// Those with fewer than two independent ratings.
    pub gaps: Vec<String>,
    /// Whether moving past the short-list is held back by the gaps (only when the hiring
    /// manager set the competencies).
    pub enforced: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SuggestedSalary {
    pub grade: String,
    pub salary: i64,
    pub currency: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CompetencyProfile {
    pub application_id: i32,
    pub competencies: Vec<CompetencyScore>,
    pub coverage: Coverage,
    pub grade_fit: Option<GradeFit>,
    pub suggested_salary: Option<SuggestedSalary>,
    /// How many submitted scorecards recommend what.
    pub recommendations: HashMap<String, usize>,
    pub scorecards: usize,
}

/// Each interviewer's say per competency: their explicit rating, or else the mean of their
/// scored answers to that competency's questions. One person's cards on several interviews
/// count once (their mean), so "two independent ratings" means two people.
fn ratings_of(
    cards: &[scorecards::ScorecardView],
    competency_of: &HashMap<i32, String>,
) -> Vec<(String, i32)> {
    let mut by_person: BTreeMap<(i32, String), Vec<f64>> = BTreeMap::new();
    for card in cards {
        let mut explicit: Vec<&str> = Vec::new();
        for r in &card.ratings {
            by_person
                .entry((card.interviewer_id, r.competency.clone()))
                .or_default()
                .push(f64::from(r.score));
            explicit.push(&r.competency);
        }
        let mut derived: HashMap<&str, Vec<i32>> = HashMap::new();
        for a in &card.answers {
            if let (Some(score), Some(code)) = (a.score, competency_of.get(&a.question_id))
                && !explicit.contains(&code.as_str())
            {
                derived.entry(code).or_default().push(score);
            }
        }
        for (code, scores) in derived {
            let mean = scores.iter().sum::<i32>() as f64 / scores.len() as f64;
            by_person
                .entry((card.interviewer_id, code.to_owned()))
                .or_default()
                .push(mean);
        }
    }
    by_person
        .into_iter()
        .map(|((_, code), scores)| {
            let mean = scores.iter().sum::<f64>() / scores.len() as f64;
            (code, mean.round() as i32)
        })
        .collect()
}

pub async fn of_application(
    db: &DatabaseConnection,
    application_id: i32,
) -> AppResult<CompetencyProfile> {
    let app = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let interviews: Vec<i32> = interview::Entity::find()
        .filter(interview::Column::ApplicationId.eq(application_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let cards = scorecards::submitted_for(db, interviews).await?;
    let question_ids: Vec<i32> = cards
        .iter()
        .flat_map(|c| c.answers.iter().map(|a| a.question_id))
        .collect();
    let competency_of: HashMap<i32, String> = question::Entity::find()
        .filter(question::Column::Id.is_in(question_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.competency))
        .collect();
    let competencies = scoring::profile(&ratings_of(&cards, &competency_of));
    let (required, enforced) = kits::competencies(db, app.position_id).await?;
    let gaps = scoring::coverage_gaps(&required, &competencies);
    let variant = position::Entity::find_by_id(app.position_id)
        .one(db)
        .await?
        .map(|p| RoleVariant::of_stored(&p.role_variant))
        .unwrap_or_default();
    let grade_fit = scoring::grade_fit(&competencies, &criteria::ladder(), &|c| variant.weight(c));
    let suggested_salary = match &grade_fit {
        Some(fit) => grade::Entity::find_by_id(fit.grade.clone())
            .one(db)
            .await?
            .map(|g| SuggestedSalary {
                salary: scoring::salary_in_band(g.salary_min, g.salary_max, fit.position_in_band),
                grade: g.code,
                currency: g.currency,
            }),
        None => None,
    };
    let mut recommendations = HashMap::new();
    for card in &cards {
        if let Some(r) = &card.recommendation {
            *recommendations.entry(r.clone()).or_default() += 1;
        }
    }
    Ok(CompetencyProfile {
        application_id,
        competencies,
        coverage: Coverage {
            required,
            gaps,
            enforced,
        },
        grade_fit,
        suggested_salary,
        recommendations,
        scorecards: cards.len(),
    })
}
