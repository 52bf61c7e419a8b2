//! Market salary data: what a dataset counts, and when it is too old to lean on.

use chrono::{Months, NaiveDate};

/// What a dataset's figures count. Résumés say what job-seekers ask, vacancies what employers
/// offer; a survey asks people what they are paid. The three differ, so every figure says
/// which it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarketKind {
    Resumes,
    Vacancies,
    Survey,
}

impl MarketKind {
    pub const ALL: [MarketKind; 3] = [Self::Resumes, Self::Vacancies, Self::Survey];

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resumes => "resumes",
            Self::Vacancies => "vacancies",
            Self::Survey => "survey",
        }
    }
}

/// Months after which market figures no longer describe the market: salaries move within a
/// year, and a band set against old figures drifts from what people ask.
pub const FRESH_MONTHS: u32 = 6;

/// Figures observed more than six months before `today` should be refreshed.
pub fn is_stale(as_of: NaiveDate, today: NaiveDate) -> bool {
    today
        .checked_sub_months(Months::new(FRESH_MONTHS))
        .is_some_and(|limit| as_of < limit)
}

/// Does the span `lower..upper` (either end open) meet the band `min..=max`?
pub fn overlaps(lower: Option<i64>, upper: Option<i64>, min: i64, max: i64) -> bool {
    lower.is_none_or(|l| l <= max) && upper.is_none_or(|u| u >= min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn figures_older_than_six_months_are_stale() {
        let today = day("2026-12-07");
        assert!(is_stale(day("2022-07-01"), today));
        assert!(is_stale(day("2026-06-06"), today));
        assert!(
            !is_stale(day("2026-06-07"), today),
            "exactly six months is still fresh"
        );
        assert!(!is_stale(day("2026-11-01"), today));
    }

    #[test]
    fn a_kind_is_read_from_its_code_only() {
        assert_eq!(MarketKind::parse("resumes"), Some(MarketKind::Resumes));
        assert_eq!(MarketKind::parse(" survey "), Some(MarketKind::Survey));
        assert_eq!(MarketKind::parse("histogram"), None);
        for kind in MarketKind::ALL {
            assert_eq!(MarketKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn a_span_overlaps_a_band_when_they_share_any_salary() {
        assert!(overlaps(Some(70000), Some(140000), 90000, 140000));
        assert!(overlaps(None, Some(70000), 60000, 90000), "open below");
        assert!(overlaps(Some(280000), None, 200000, 300000), "open above");
        assert!(!overlaps(Some(140000), Some(210000), 60000, 90000));
        assert!(
            overlaps(Some(90000), Some(90000), 90000, 140000),
            "touching ends"
        );
    }
}
