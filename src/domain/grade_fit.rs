//! The grade a competency profile suggests, and why. Each grade expects a level (1–5) on each
//! competency (seed-data/grades.toml); the suggestion is the highest grade whose expectations
//! the candidate meets on every competency the interviews assessed. The result names the
//! competencies that hold the candidate at that grade (below the next grade's expectation,
//! with their score and what is needed) and those that already lift them towards it.
//!
//! Tolerance: a competency meets a level when its weighted shortfall is at most half a point.
//! A competency's score is the mean of people's whole-point ratings, so two raters giving 3 and
//! 4 (mean 3.5) is an ordinary split of judgment, not evidence the candidate misses a level-4
//! bar; a whole point below, on average, is. The role variant's weight multiplies the
//! shortfall, so the competencies a variant leans on get less slack (weight 2 leaves a
//! quarter of a point) and the suggestion is weighted towards them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::scoring::CompetencyScore;

/// How far (weighted) below a grade's expectation a competency may be and still meet it.
pub const TOLERANCE: f64 = 0.5;

/// The best score, the bar above the top grade when telling how far up its band a candidate is.
const TOP_SCORE: f64 = 5.0;

/// One grade's expectations: competency code → level 1–5.
#[derive(Clone, Copy, Debug)]
pub struct Expectations<'a> {
    pub grade: &'a str,
    pub levels: &'a BTreeMap<String, i32>,
}

/// A competency measured against a grade's expectation.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CompetencyAgainst {
    pub competency: String,
    /// The profile's mean for it.
    pub score: f64,
    /// The level the grade expects.
    pub needed: i32,
    /// The role variant's weight for it (1.0 unless the variant leans on it).
    pub weight: f64,
}

/// The suggested grade and its explanation.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GradeFit {
    /// The highest grade whose expectations the profile meets (the lowest grade when it meets
    /// none).
    pub grade: String,
    /// How far from this grade's expectations towards the next grade's the candidate is,
    /// 0.0–1.0: where in the grade's salary band the scores put them.
    pub position_in_band: f64,
    /// The weighted mean of the assessed competencies.
    pub overall: f64,
    /// Whether the profile meets `grade`'s own expectations (false only for a profile below the
    /// lowest grade).
    pub meets_grade: bool,
    /// The grade above, when there is one.
    pub next_grade: Option<String>,
    /// Competencies below the next grade's expectation: what holds the candidate at `grade`,
    /// heaviest shortfall first. Below `grade`'s own expectation when `meets_grade` is false.
    pub holding: Vec<CompetencyAgainst>,
    /// Competencies already at the next grade's expectation (the top grade's, at the top).
    pub lifting: Vec<CompetencyAgainst>,
    /// The tolerance used, in points of the 1–5 scale.
    pub tolerance: f64,
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The assessed competencies that have an expectation in `grade`, with their weight.
fn against(
    profile: &[CompetencyScore],
    grade: Expectations,
    weight: &dyn Fn(&str) -> f64,
) -> Vec<CompetencyAgainst> {
    profile
        .iter()
        .filter_map(|c| {
            grade
                .levels
                .get(&c.competency)
                .map(|needed| CompetencyAgainst {
                    competency: c.competency.clone(),
                    score: c.mean,
                    needed: *needed,
                    weight: weight(&c.competency),
                })
        })
        .collect()
}

fn shortfall(c: &CompetencyAgainst) -> f64 {
    (f64::from(c.needed) - c.score) * c.weight
}

fn meets(c: &CompetencyAgainst) -> bool {
    shortfall(c) <= TOLERANCE + 1e-9
}

/// The grade `profile` suggests on `ladder` (grades from the lowest up), with `weight` giving
/// each competency's weight for the position's role variant. `None` for an empty profile or
/// ladder.
pub fn grade_fit(
    profile: &[CompetencyScore],
    ladder: &[Expectations],
    weight: &dyn Fn(&str) -> f64,
) -> Option<GradeFit> {
    if profile.is_empty() || ladder.is_empty() {
        return None;
    }
    let weights: f64 = profile.iter().map(|c| weight(&c.competency)).sum();
    let overall = profile
        .iter()
        .map(|c| c.mean * weight(&c.competency))
        .sum::<f64>()
        / weights;
    let met = ladder
        .iter()
        .rposition(|g| against(profile, *g, weight).iter().all(meets));
    let at = met.unwrap_or(0);
    let next = ladder.get(at + 1).copied();
    let own = against(profile, ladder[at], weight);
    let (mut holding, mut lifting): (Vec<_>, Vec<_>) = match (met, next) {
        (None, _) => own.iter().cloned().partition(|c| !meets(c)),
        (Some(_), Some(next)) => against(profile, next, weight)
            .into_iter()
            .partition(|c| !meets(c)),
        (Some(_), None) => (
            Vec::new(),
            own.iter()
                .filter(|c| c.score >= f64::from(c.needed))
                .cloned()
                .collect(),
        ),
    };
    holding.sort_by(|a, b| shortfall(b).total_cmp(&shortfall(a)));
    lifting.sort_by(|a, b| {
        (b.score - f64::from(b.needed)).total_cmp(&(a.score - f64::from(a.needed)))
    });
    // From this grade's expectations to the next grade's (or to full marks at the top),
    // weighted like the suggestion; beyond the next grade's bar counts as the bar.
    let bar_of = |competency: &str, here: i32| -> f64 {
        next.and_then(|n| n.levels.get(competency))
            .map_or(TOP_SCORE, |level| f64::from(*level))
            .max(f64::from(here))
    };
    let (gained, room) = own.iter().fold((0.0, 0.0), |(gained, room), c| {
        let bar = bar_of(&c.competency, c.needed);
        let from = f64::from(c.needed);
        (
            gained + (c.score.min(bar) - from).max(0.0) * c.weight,
            room + (bar - from) * c.weight,
        )
    });
    let position = if met.is_none() || room <= 0.0 {
        0.0
    } else {
        (gained / room).clamp(0.0, 1.0)
    };
    Some(GradeFit {
        grade: ladder[at].grade.to_owned(),
        position_in_band: round2(position),
        overall: round2(overall),
        meets_grade: met.is_some(),
        next_grade: next.map(|n| n.grade.to_owned()),
        holding: holding.into_iter().map(rounded).collect(),
        lifting: lifting.into_iter().map(rounded).collect(),
        tolerance: TOLERANCE,
    })
}

fn rounded(mut c: CompetencyAgainst) -> CompetencyAgainst {
    c.score = round2(c.score);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::profile;

    fn levels(list: &[(&str, i32)]) -> BTreeMap<String, i32> {
        list.iter().map(|(c, l)| (c.to_string(), *l)).collect()
    }

    fn scores(list: &[(&str, i32)]) -> Vec<CompetencyScore> {
        profile(
            &list
                .iter()
                .map(|(c, s)| (c.to_string(), *s))
                .collect::<Vec<_>>(),
        )
    }

    fn even(_: &str) -> f64 {
        1.0
    }

    struct Ladder(Vec<(&'static str, BTreeMap<String, i32>)>);

    impl Ladder {
        fn standard() -> Ladder {
            Ladder(vec![
                ("junior", levels(&[("talk", 2), ("sell", 2), ("plan", 2)])),
                ("middle", levels(&[("talk", 3), ("sell", 3), ("plan", 3)])),
                ("senior", levels(&[("talk", 4), ("sell", 4), ("plan", 4)])),
            ])
        }

        fn steps(&self) -> Vec<Expectations<'_>> {
            self.0
                .iter()
                .map(|(grade, levels)| Expectations { grade, levels })
                .collect()
        }
    }

    #[test]
    fn the_highest_grade_met_everywhere_is_suggested_and_the_low_competency_is_named() {
        let ladder = Ladder::standard();
        let p = scores(&[("talk", 5), ("sell", 5), ("plan", 3)]);
        let fit = grade_fit(&p, &ladder.steps(), &even).unwrap();
        assert_eq!(fit.grade, "middle", "a high mean does not hide plan at 3");
        assert!(fit.meets_grade);
        assert_eq!(fit.next_grade.as_deref(), Some("senior"));
        assert_eq!(fit.holding.len(), 1);
        assert_eq!(
            (
                fit.holding[0].competency.as_str(),
                fit.holding[0].score,
                fit.holding[0].needed
            ),
            ("plan", 3.0, 4)
        );
        let lifting: Vec<&str> = fit.lifting.iter().map(|c| c.competency.as_str()).collect();
        assert_eq!(lifting, ["sell", "talk"]);
    }

    #[test]
    fn half_a_point_below_still_meets_a_level_and_a_whole_point_does_not() {
        let ladder = Ladder::standard();
        let split = profile(&[
            ("talk".into(), 3),
            ("talk".into(), 4),
            ("sell".into(), 4),
            ("plan".into(), 4),
        ]);
        assert_eq!(
            grade_fit(&split, &ladder.steps(), &even).unwrap().grade,
            "senior"
        );
        let short = scores(&[("talk", 3), ("sell", 4), ("plan", 4)]);
        assert_eq!(
            grade_fit(&short, &ladder.steps(), &even).unwrap().grade,
            "middle"
        );
    }

    #[test]
    fn a_heavier_weight_leaves_less_slack() {
        let ladder = Ladder::standard();
        let split = profile(&[
            ("plan".into(), 3),
            ("plan".into(), 4),
            ("sell".into(), 4),
            ("talk".into(), 4),
        ]);
        let plan_heavy = |c: &str| if c == "plan" { 2.0 } else { 1.0 };
        let fit = grade_fit(&split, &ladder.steps(), &plan_heavy).unwrap();
        assert_eq!(fit.grade, "middle");
        assert_eq!(fit.holding[0].competency, "plan");
        assert_eq!(fit.holding[0].weight, 2.0);
    }

    #[test]
    fn below_the_lowest_grade_the_lowest_is_suggested_and_says_so() {
        let ladder = Ladder::standard();
        let fit = grade_fit(&scores(&[("talk", 1), ("sell", 2)]), &ladder.steps(), &even).unwrap();
        assert_eq!(fit.grade, "junior");
        assert!(!fit.meets_grade);
        assert_eq!(fit.holding[0].competency, "talk");
        assert_eq!(fit.position_in_band, 0.0);
    }

    #[test]
    fn the_place_in_the_band_runs_from_this_grades_bar_to_the_next() {
        let ladder = Ladder::standard();
        let at_bar = scores(&[("talk", 3), ("sell", 3), ("plan", 3)]);
        assert_eq!(
            grade_fit(&at_bar, &ladder.steps(), &even)
                .unwrap()
                .position_in_band,
            0.0
        );
        let halfway = profile(&[
            ("talk".into(), 3),
            ("talk".into(), 4),
            ("sell".into(), 3),
            ("sell".into(), 4),
            ("plan".into(), 3),
        ]);
        let fit = grade_fit(&halfway, &ladder.steps(), &even).unwrap();
        assert_eq!(fit.grade, "middle", "plan at 3 holds");
        assert_eq!(fit.position_in_band, 0.33);
        let top = scores(&[("talk", 5), ("sell", 5), ("plan", 5)]);
        let fit = grade_fit(&top, &ladder.steps(), &even).unwrap();
        assert_eq!((fit.grade.as_str(), fit.position_in_band), ("senior", 1.0));
        assert!(fit.holding.is_empty() && fit.next_grade.is_none());
        assert_eq!(fit.lifting.len(), 3);
    }

    #[test]
    fn competencies_no_grade_expects_count_in_the_mean_only() {
        let ladder = Ladder::standard();
        let fit = grade_fit(
            &scores(&[("talk", 3), ("extra", 1)]),
            &ladder.steps(),
            &even,
        )
        .unwrap();
        assert_eq!((fit.grade.as_str(), fit.overall), ("middle", 2.0));
        assert_eq!(grade_fit(&[], &ladder.steps(), &even), None);
    }
}
