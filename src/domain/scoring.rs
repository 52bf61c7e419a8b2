//! Scorecard arithmetic: the competency profile the team compares (mean, spread, raters,
//! disagreement), which competencies still lack independent ratings, and where a place in a
//! grade's band puts the salary. The grade a profile suggests is `domain::grade_fit`.

use std::collections::BTreeMap;

use serde::Serialize;

pub use super::grade_fit::{GradeFit, grade_fit};

/// A score is 1 (far below the bar) to 5 (far above it).
pub const SCORE_RANGE: std::ops::RangeInclusive<i32> = 1..=5;

/// Ratings that differ by this much or more are flagged for the team to discuss.
pub const DISAGREEMENT_GAP: i32 = 2;

/// Independent ratings a competency needs before it counts as assessed.
pub const RATERS_NEEDED: usize = 2;

/// One competency of a profile.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CompetencyScore {
    pub competency: String,
    pub mean: f64,
    pub min: i32,
    pub max: i32,
    pub raters: usize,
    pub disagreement: bool,
}

/// Folds each rater's score per competency into the profile, in competency order.
pub fn profile(ratings: &[(String, i32)]) -> Vec<CompetencyScore> {
    let mut by_competency: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
    for (competency, score) in ratings {
        by_competency.entry(competency).or_default().push(*score);
    }
    by_competency
        .into_iter()
        .map(|(competency, scores)| {
            let min = *scores.iter().min().unwrap_or(&0);
            let max = *scores.iter().max().unwrap_or(&0);
            let mean = scores.iter().sum::<i32>() as f64 / scores.len() as f64;
            CompetencyScore {
                competency: competency.to_owned(),
                mean: (mean * 100.0).round() / 100.0,
                min,
                max,
                raters: scores.len(),
                disagreement: max - min >= DISAGREEMENT_GAP,
            }
        })
        .collect()
}

/// The competencies of `required` with fewer than two independent ratings.
pub fn coverage_gaps(required: &[String], profile: &[CompetencyScore]) -> Vec<String> {
    required
        .iter()
        .filter(|code| {
            profile
                .iter()
                .find(|c| &c.competency == *code)
                .is_none_or(|c| c.raters < RATERS_NEEDED)
        })
        .cloned()
        .collect()
}

/// A salary at `position` (0.0–1.0) of a band, rounded to a thousand.
pub fn salary_in_band(min: i64, max: i64, position: f64) -> i64 {
    let raw = min as f64 + (max - min) as f64 * position.clamp(0.0, 1.0);
    ((raw / 1000.0).round() * 1000.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratings(list: &[(&str, i32)]) -> Vec<(String, i32)> {
        list.iter().map(|(c, s)| (c.to_string(), *s)).collect()
    }

    #[test]
    fn a_profile_has_mean_min_max_and_raters_per_competency() {
        let p = profile(&ratings(&[
            ("communication", 4),
            ("communication", 5),
            ("tools", 3),
        ]));
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].competency, "communication");
        assert_eq!((p[0].mean, p[0].min, p[0].max, p[0].raters), (4.5, 4, 5, 2));
        assert!(!p[0].disagreement);
        assert_eq!((p[1].mean, p[1].raters), (3.0, 1));
    }

    #[test]
    fn raters_two_points_apart_disagree() {
        let p = profile(&ratings(&[("tools", 2), ("tools", 4), ("tools", 3)]));
        assert!(p[0].disagreement);
        assert_eq!(p[0].mean, 3.0);
        let thirds = profile(&ratings(&[("tools", 4), ("tools", 4), ("tools", 5)]));
        assert_eq!(thirds[0].mean, 4.33);
    }

    #[test]
    fn a_competency_needs_two_independent_ratings_to_be_covered() {
        let p = profile(&ratings(&[
            ("communication", 4),
            ("communication", 5),
            ("tools", 3),
        ]));
        let required = vec![
            "communication".to_owned(),
            "tools".to_owned(),
            "product".to_owned(),
        ];
        assert_eq!(coverage_gaps(&required, &p), vec!["tools", "product"]);
    }

    #[test]
    fn a_place_in_a_band_gives_a_salary_rounded_to_a_thousand() {
        assert_eq!(salary_in_band(120_000, 180_000, 0.5), 150_000);
        assert_eq!(salary_in_band(90_000, 140_000, 0.67), 124_000);
        assert_eq!(salary_in_band(90_000, 140_000, 2.0), 140_000);
    }
}
