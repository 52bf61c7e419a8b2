//! Steps that cannot be taken back, and when they may be taken: a hire's start is recorded on
//! the day itself, an exam on the day it was sat, and an intern's month is decided in its last
//! week unless someone says why earlier. "Today" is the agency's day, given by the caller.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// The agency's day at `now`, in its zone (the caller's `Agency::today` reads it so).
pub fn day_in(now: DateTime<Utc>, zone: Tz) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

/// A start is a fact, recorded on or after the first working day; the planned day lives on
/// the accepted offer until then.
pub fn start_may_be_recorded(started_on: NaiveDate, today: NaiveDate) -> bool {
    started_on <= today
}

/// An exam attempt is recorded once it has been sat.
pub fn attempt_may_be_recorded(taken_on: NaiveDate, today: NaiveDate) -> bool {
    taken_on <= today
}

/// The first day of a programme's last week: the earliest due day among the items of the
/// highest week, or three weeks after the start when the plan has no items.
pub fn last_week_starts(start: NaiveDate, items: &[(i32, NaiveDate)]) -> NaiveDate {
    let Some(last) = items.iter().map(|(week, _)| *week).max() else {
        return start + Duration::days(21);
    };
    items
        .iter()
        .filter(|(week, _)| *week == last)
        .map(|(_, due)| *due)
        .min()
        .unwrap_or(start + Duration::days(21))
}

/// A decision taken before the last week is early and needs its reason written down.
pub fn decision_is_early(today: NaiveDate, last_week_starts: NaiveDate) -> bool {
    today < last_week_starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_start_a_month_ahead_may_not_be_recorded() {
        assert!(!start_may_be_recorded(day("2026-12-07"), day("2026-11-07")));
        assert!(!start_may_be_recorded(day("2026-11-08"), day("2026-11-07")));
    }

    #[test]
    fn a_start_today_or_earlier_may_be_recorded() {
        assert!(start_may_be_recorded(day("2026-11-07"), day("2026-11-07")));
        assert!(start_may_be_recorded(day("2026-11-02"), day("2026-11-07")));
    }

    #[test]
    fn the_agency_day_turns_at_moscow_midnight_not_at_utc_midnight() {
        // 22:30 UTC on 6 December is 01:30 on 7 December in Moscow.
        let late = DateTime::parse_from_rfc3339("2026-12-06T22:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(day_in(late, chrono_tz::Europe::Moscow), day("2026-12-07"));
        assert_eq!(day_in(late, chrono_tz::UTC), day("2026-12-06"));
    }

    #[test]
    fn an_exam_sat_tomorrow_may_not_be_recorded_today() {
        assert!(!attempt_may_be_recorded(
            day("2026-12-08"),
            day("2026-12-07")
        ));
        assert!(attempt_may_be_recorded(
            day("2026-12-07"),
            day("2026-12-07")
        ));
    }

    #[test]
    fn the_last_week_starts_on_the_first_item_of_the_highest_week() {
        let items = [
            (1, day("2026-11-02")),
            (4, day("2026-11-25")),
            (4, day("2026-11-23")),
            (3, day("2026-11-18")),
        ];
        assert_eq!(
            last_week_starts(day("2026-11-02"), &items),
            day("2026-11-23")
        );
    }

    #[test]
    fn a_plan_without_items_ends_three_weeks_after_its_start() {
        assert_eq!(last_week_starts(day("2026-11-02"), &[]), day("2026-11-23"));
    }

    #[test]
    fn a_decision_before_the_last_week_is_early() {
        assert!(decision_is_early(day("2026-11-20"), day("2026-11-23")));
        assert!(!decision_is_early(day("2026-11-23"), day("2026-11-23")));
        assert!(!decision_is_early(day("2026-12-01"), day("2026-11-23")));
    }
}
