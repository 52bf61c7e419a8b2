//! Scorecard arithmetic: the competency profile the team compares (mean, spread, raters,
//! disagreement), which competencies still lack independent ratings, and the grade a profile
//! suggests with where that puts the candidate in the grade's band.

use std::collections::BTreeMap;

use serde::Serialize;

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

/// The grade a profile's overall mean suggests, and how far up that grade's band (0.0 at its
/// bottom, 1.0 at its top) the candidate sits.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GradeFit {
    pub grade: &'static str,
    pub position_in_band: f64,
    pub overall: f64,
}

/// Bands of the overall mean: below 3.0 a junior, below 4.0 a middle, from 4.0 a senior; within
/// a band the mean's place sets the place in the salary band.
pub fn grade_fit(profile: &[CompetencyScore]) -> Option<GradeFit> {
    if profile.is_empty() {
        return None;
    }
    let overall = profile.iter().map(|c| c.mean).sum::<f64>() / profile.len() as f64;
    let (grade, low, high) = if overall < 3.0 {
        ("junior", 1.0, 3.0)
    } else if overall < 4.0 {
        ("middle", 3.0, 4.0)
    } else {
        ("senior", 4.0, 5.0)
    };
    let position = ((overall - low) / (high - low)).clamp(0.0, 1.0);
    Some(GradeFit {
        grade,
        position_in_band: (position * 100.0).round() / 100.0,
        overall: (overall * 100.0).round() / 100.0,
    })
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
    fn the_overall_mean_suggests_a_grade_and_a_place_in_its_band() {
        let p = profile(&ratings(&[("a", 4), ("b", 3)]));
        let fit = grade_fit(&p).unwrap();
        assert_eq!(
            (fit.grade, fit.position_in_band, fit.overall),
            ("middle", 0.5, 3.5)
        );
        assert_eq!(
            salary_in_band(120_000, 180_000, fit.position_in_band),
            150_000
        );
        assert_eq!(
            grade_fit(&profile(&ratings(&[("a", 5)]))).unwrap().grade,
            "senior"
        );
        assert_eq!(
            grade_fit(&profile(&ratings(&[("a", 1)])))
                .unwrap()
                .position_in_band,
            0.0
        );
        assert_eq!(grade_fit(&[]), None);
    }
}
