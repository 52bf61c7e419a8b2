//! The days a date field may hold, by what the date means. A consent "given" in 2999, a target
//! date in year 0 or an interview in 9999 is a typo or a probe, never a plan: it would sort
//! first in every list, break time-to-fill and make reminders fire never or at once.

use chrono::{Days, Months, NaiveDate};

/// What a date stands for, which decides its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    /// Something that has happened: a consent given, market data observed. Up to tomorrow,
    /// since the reader's day may already be tomorrow in UTC.
    Past,
    /// Something planned: a target date, an interview, a first working day, an exam, a
    /// follow-up. Up to five years ahead.
    Planned,
    /// The edge of a report's period.
    Period,
}

/// No agency has hiring records from before this day.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid day")
}

impl DateKind {
    /// The first and last day allowed, given today.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let latest = match self {
            DateKind::Past => today.checked_add_days(Days::new(1)),
            DateKind::Planned | DateKind::Period => today.checked_add_months(Months::new(60)),
        };
        (earliest(), latest.unwrap_or(NaiveDate::MAX))
    }
}

/// `Err((first, last))` when `day` is outside the range of its kind.
pub fn check(
    kind: DateKind,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<(), (NaiveDate, NaiveDate)> {
    let (first, last) = kind.range(today);
    if (first..=last).contains(&day) {
        Ok(())
    } else {
        Err((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_consent_cannot_be_given_in_the_future() {
        let today = day(2026, 12, 7);
        assert!(check(DateKind::Past, day(2999, 1, 1), today).is_err());
        assert!(check(DateKind::Past, day(2026, 12, 8), today).is_ok());
        assert!(check(DateKind::Past, day(2026, 12, 9), today).is_err());
        assert!(check(DateKind::Past, day(2019, 5, 1), today).is_ok());
    }

    #[test]
    fn a_plan_lies_within_five_years_and_not_before_the_records_begin() {
        let today = day(2026, 12, 7);
        assert!(check(DateKind::Planned, day(2030, 4, 1), today).is_ok());
        assert!(check(DateKind::Planned, day(2031, 12, 7), today).is_ok());
        assert!(check(DateKind::Planned, day(2031, 12, 8), today).is_err());
        assert!(check(DateKind::Planned, day(9999, 1, 1), today).is_err());
        assert!(check(DateKind::Planned, day(0, 1, 1), today).is_err());
        assert!(check(DateKind::Planned, day(1999, 12, 31), today).is_err());
    }

    #[test]
    fn the_range_is_reported_for_the_message() {
        let today = day(2026, 12, 7);
        assert_eq!(
            check(DateKind::Past, day(2999, 1, 1), today),
            Err((day(2000, 1, 1), day(2026, 12, 8)))
        );
    }
}
