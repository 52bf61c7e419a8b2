//! The probation plan of an experienced hire: when its milestones fall due (on working days of
//! the production calendar), which results each may record, how far a probation may be
//! extended, and the ranges of the monthly KPIs an account manager is judged by.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::calendar::ProductionCalendar;

/// The first week is judged on its fifth working day.
pub const FIRST_WEEK_WORKING_DAYS: u32 = 5;

/// An account manager leads projects alone after about two months (DOMAIN.md, "Grades").
pub const INDEPENDENT_AFTER_MONTHS: u32 = 2;

/// The Labour Code's longest probation (art. 70, for heads); offers allow the same 0–6 months.
pub const MAX_PROBATION_MONTHS: u32 = 6;

/// A point of the plan, in the order the hire meets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// The onboarding checklist's first-week items done.
    FirstWeek,
    /// Leads their projects alone.
    TwoMonthCheck,
    /// The decision at the end: passed, extended or not passed.
    ProbationResult,
}

impl Milestone {
    pub const ALL: [Milestone; 3] = [
        Milestone::FirstWeek,
        Milestone::TwoMonthCheck,
        Milestone::ProbationResult,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::FirstWeek => "first_week",
            Milestone::TwoMonthCheck => "two_month_check",
            Milestone::ProbationResult => "probation_result",
        }
    }

    pub fn parse(code: &str) -> Option<Milestone> {
        Self::ALL.into_iter().find(|m| m.as_str() == code)
    }

    /// The results this milestone may record.
    pub fn results(self) -> &'static [&'static str] {
        match self {
            Milestone::FirstWeek => &["done"],
            Milestone::TwoMonthCheck => &["independent", "not_independent"],
            Milestone::ProbationResult => &[PASSED, EXTENDED, NOT_PASSED],
        }
    }
}

/// Interns follow the one-month programme instead (domain::internship); only experienced hires
/// get a probation plan.
pub fn has_plan(grade: &str) -> bool {
    grade != "intern"
}

pub const PASSED: &str = "passed";
pub const EXTENDED: &str = "extended";
pub const NOT_PASSED: &str = "not_passed";

/// `day`, or the next working day when it is a weekend or a holiday.
pub fn on_working_day(calendar: &ProductionCalendar, day: NaiveDate) -> NaiveDate {
    calendar.add_working_days(day, 0)
}

/// `months` after `start` (the 31st becomes the month's last day), moved to a working day.
pub fn months_after(calendar: &ProductionCalendar, start: NaiveDate, months: u32) -> NaiveDate {
    let day = start
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    on_working_day(calendar, day)
}

/// The milestones of a hire who started on `start` with a probation of `probation_months`;
/// without a probation there is no result to decide.
pub fn plan(
    calendar: &ProductionCalendar,
    start: NaiveDate,
    probation_months: u32,
) -> Vec<(Milestone, NaiveDate)> {
    let mut milestones = vec![
        (
            Milestone::FirstWeek,
            calendar.add_working_days(start, FIRST_WEEK_WORKING_DAYS - 1),
        ),
        (
            Milestone::TwoMonthCheck,
            months_after(calendar, start, INDEPENDENT_AFTER_MONTHS),
        ),
    ];
    if probation_months > 0 {
        milestones.push((
            Milestone::ProbationResult,
            months_after(calendar, start, probation_months.min(MAX_PROBATION_MONTHS)),
        ));
    }
    milestones
}

/// Why an extension is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionRefused {
    /// The new end is not after the current one.
    NotLater,
    /// The new end is past the longest probation the law allows.
    TooLong { latest: NaiveDate },
}

/// An extension moves the end later, and no later than [`MAX_PROBATION_MONTHS`] after the start.
pub fn check_extension(
    start: NaiveDate,
    current_end: NaiveDate,
    new_end: NaiveDate,
) -> Result<(), ExtensionRefused> {
    let latest = start
        .checked_add_months(Months::new(MAX_PROBATION_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    if new_end <= current_end {
        Err(ExtensionRefused::NotLater)
    } else if new_end > latest {
        Err(ExtensionRefused::TooLong { latest })
    } else {
        Ok(())
    }
}

/// The months KPIs may be recorded for: each month the probation touches, and at least the
/// two months before the independence check.
pub fn kpi_months(start: NaiveDate, end: Option<NaiveDate>) -> u32 {
    let mut months = 0;
    if let Some(end) = end {
        while months < MAX_PROBATION_MONTHS
            && start
                .checked_add_months(Months::new(months))
                .is_some_and(|d| d < end)
        {
            months += 1;
        }
    }
    months.max(INDEPENDENT_AFTER_MONTHS)
}

/// A monthly figure of an account manager's work, with the values it may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kpi {
    /// Share of their clients lost in the month, per cent.
    ChurnPercent,
    /// Net promoter score of their clients, −100…100.
    Nps,
    /// How long their clients have stayed with the agency on average, in months.
    ClientLifetimeMonths,
    /// Share of the receivables due in the month that were collected, per cent.
    ReceivablesPercent,
}

impl Kpi {
    pub const ALL: [Kpi; 4] = [
        Kpi::ChurnPercent,
        Kpi::Nps,
        Kpi::ClientLifetimeMonths,
        Kpi::ReceivablesPercent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kpi::ChurnPercent => "churn_percent",
            Kpi::Nps => "nps",
            Kpi::ClientLifetimeMonths => "client_lifetime_months",
            Kpi::ReceivablesPercent => "receivables_percent",
        }
    }

    /// The lowest and highest value that makes sense (a client of fifty years is a typo).
    pub fn range(self) -> (i32, i32) {
        match self {
            Kpi::ChurnPercent | Kpi::ReceivablesPercent => (0, 100),
            Kpi::Nps => (-100, 100),
            Kpi::ClientLifetimeMonths => (0, 600),
        }
    }

    pub fn accepts(self, value: i32) -> bool {
        let (low, high) = self.range();
        (low..=high).contains(&value)
    }
}

/// A recorded result as an outcome the predictive report can pair with interview scores:
/// passed 1, not passed 0; an extension is not an outcome yet.
pub fn passed_outcome(result: Option<&str>) -> Option<f64> {
    match result {
        Some(PASSED) => Some(1.0),
        Some(NOT_PASSED) => Some(0.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn due(start: &str, months: u32) -> Vec<(Milestone, NaiveDate)> {
        plan(ProductionCalendar::russian(), day(start), months)
    }

    #[test]
    fn a_two_month_check_falling_on_a_saturday_moves_to_monday() {
        // 14 March 2026 is a Saturday.
        let plan = due("2026-01-14", 3);
        assert_eq!(plan[1], (Milestone::TwoMonthCheck, day("2026-03-16")));
    }

    #[test]
    fn a_two_month_check_falling_on_a_holiday_moves_to_the_next_working_day() {
        // 4 November is National Unity Day.
        let plan = due("2026-09-04", 3);
        assert_eq!(plan[1], (Milestone::TwoMonthCheck, day("2026-11-05")));
        assert_eq!(plan[2], (Milestone::ProbationResult, day("2026-12-04")));
    }

    #[test]
    fn a_probation_ending_in_the_new_year_break_is_decided_after_it() {
        // 5–8 January 2027 are holidays and the 9th–10th a weekend.
        let plan = due("2026-10-05", 3);
        assert_eq!(plan[2], (Milestone::ProbationResult, day("2027-01-11")));
    }

    #[test]
    fn the_first_week_ends_on_the_fifth_working_day_skipping_holidays() {
        // 11 May 2026 is a day off.
        assert_eq!(
            due("2026-05-06", 3)[0],
            (Milestone::FirstWeek, day("2026-05-13"))
        );
    }

    #[test]
    fn a_hire_without_probation_has_no_result_to_decide() {
        let plan = due("2026-05-06", 0);
        assert_eq!(
            plan.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
            [Milestone::FirstWeek, Milestone::TwoMonthCheck]
        );
    }

    #[test]
    fn the_last_day_of_a_month_lands_on_the_last_day_of_a_shorter_one() {
        // 31 December + 2 months = 28 February 2027, a Sunday → 1 March.
        assert_eq!(
            months_after(ProductionCalendar::russian(), day("2026-12-31"), 2),
            day("2027-03-01")
        );
    }

    #[test]
    fn an_extension_must_move_the_end_later_and_stay_within_six_months() {
        let start = day("2026-09-04");
        let end = day("2026-12-04");
        assert_eq!(
            check_extension(start, end, end),
            Err(ExtensionRefused::NotLater)
        );
        assert_eq!(check_extension(start, end, day("2027-01-15")), Ok(()));
        assert_eq!(check_extension(start, end, day("2027-03-04")), Ok(()));
        assert_eq!(
            check_extension(start, end, day("2027-03-05")),
            Err(ExtensionRefused::TooLong {
                latest: day("2027-03-04")
            })
        );
    }

    #[test]
    fn kpis_are_kept_for_every_month_the_probation_touches_and_at_least_two() {
        let start = day("2026-09-04");
        assert_eq!(kpi_months(start, Some(day("2026-12-04"))), 3);
        assert_eq!(kpi_months(start, Some(day("2026-12-07"))), 4);
        assert_eq!(kpi_months(start, Some(day("2026-10-04"))), 2);
        assert_eq!(kpi_months(start, None), 2);
    }

    #[test]
    fn kpis_outside_their_range_are_refused() {
        assert!(Kpi::Nps.accepts(-100) && Kpi::Nps.accepts(35));
        assert!(!Kpi::Nps.accepts(101));
        assert!(!Kpi::ChurnPercent.accepts(-1));
        assert!(!Kpi::ClientLifetimeMonths.accepts(601));
    }

    #[test]
    fn only_a_final_decision_counts_as_an_outcome() {
        assert_eq!(passed_outcome(Some("passed")), Some(1.0));
        assert_eq!(passed_outcome(Some("not_passed")), Some(0.0));
        assert_eq!(passed_outcome(Some("extended")), None);
        assert_eq!(passed_outcome(None), None);
    }

    #[test]
    fn an_intern_follows_the_programme_and_gets_no_probation_plan() {
        assert!(!has_plan("intern"));
        assert!(has_plan("junior") && has_plan("middle"));
    }

    #[test]
    fn each_milestone_parses_back_from_its_code() {
        for m in Milestone::ALL {
            assert_eq!(Milestone::parse(m.as_str()), Some(m));
        }
        assert_eq!(Milestone::parse("third_week"), None);
    }
}
