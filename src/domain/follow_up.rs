//! Keeping candidates warm: the follow-up cadence (same or next day, 3 days, a week, two weeks,
//! a month, three months, as DOMAIN.md puts it) and when a card on the board counts as stale.

use chrono::{Days, NaiveDate};

use super::pipeline::Stage;

/// Days from one contact to the next, step by step; the last step repeats.
pub const CADENCE_DAYS: [u64; 6] = [1, 3, 7, 14, 30, 90];

/// The next contact date after a contact made on `today` at cadence `step` (0-based).
pub fn next_contact(today: NaiveDate, step: i32) -> NaiveDate {
    let index = usize::try_from(step.max(0))
        .unwrap_or(0)
        .min(CADENCE_DAYS.len() - 1);
    today + Days::new(CADENCE_DAYS[index])
}

/// Days before the first working day on which the recruiter checks in with the hire.
pub const PRE_START_CHECK_INS: [i64; 3] = [14, 7, 1];

/// The next pre-start check-in after `today`: 14, 7 and 1 days before `start`.
pub fn pre_start_check_in(today: NaiveDate, start: NaiveDate) -> Option<NaiveDate> {
    PRE_START_CHECK_INS
        .iter()
        .map(|days| start - Days::new(*days as u64))
        .find(|day| *day > today)
}

/// How many days an application may sit in a stage before its card is flagged. Strong people
/// leave the market fast, so the early stages are short; a hire waiting for the first working
/// day is never stale, and ended applications are not on the board.
pub fn stale_after_days(stage: Stage) -> Option<i64> {
    match stage {
        Stage::LongList => Some(3),
        Stage::ShortList | Stage::References => Some(5),
        Stage::CeoInterview => Some(7),
        Stage::Offer => Some(3),
        Stage::Hired | Stage::Started | Stage::Rejected | Stage::Withdrawn => None,
    }
}

pub fn is_stale(stage: Stage, days_in_stage: i64) -> bool {
    stale_after_days(stage).is_some_and(|limit| days_in_stage > limit)
}

/// A started hire's probation milestone joins the follow-ups once its due day has passed with
/// no result: the hiring manager and the recruiter owe the hire that conversation.
pub fn milestone_overdue(due_on: NaiveDate, done: bool, today: NaiveDate) -> bool {
    !done && due_on < today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_cadence_goes_one_three_seven_fourteen_thirty_ninety_days() {
        let today = day("2026-03-02");
        let gaps: Vec<i64> = (0..6)
            .map(|step| (next_contact(today, step) - today).num_days())
            .collect();
        assert_eq!(gaps, [1, 3, 7, 14, 30, 90]);
    }

    #[test]
    fn after_the_last_step_the_cadence_stays_at_ninety_days() {
        let today = day("2026-03-02");
        assert_eq!(next_contact(today, 17), day("2026-05-31"));
        assert_eq!(next_contact(today, -1), day("2026-03-03"));
    }

    #[test]
    fn a_hire_is_checked_on_two_weeks_one_week_and_one_day_before_the_start() {
        let start = day("2026-12-21");
        assert_eq!(
            pre_start_check_in(day("2026-11-30"), start),
            Some(day("2026-12-07"))
        );
        assert_eq!(
            pre_start_check_in(day("2026-12-07"), start),
            Some(day("2026-12-14"))
        );
        assert_eq!(
            pre_start_check_in(day("2026-12-14"), start),
            Some(day("2026-12-20"))
        );
        assert_eq!(pre_start_check_in(day("2026-12-20"), start), None);
    }

    #[test]
    fn a_probation_milestone_is_followed_up_the_day_after_it_was_due_unless_done() {
        let due = day("2026-03-16");
        assert!(!milestone_overdue(due, false, day("2026-03-16")));
        assert!(milestone_overdue(due, false, day("2026-03-17")));
        assert!(!milestone_overdue(due, true, day("2026-04-30")));
    }

    #[test]
    fn a_long_list_card_goes_stale_after_three_days_and_a_hire_never_does() {
        assert!(!is_stale(Stage::LongList, 3));
        assert!(is_stale(Stage::LongList, 4));
        assert!(!is_stale(Stage::Hired, 400));
        assert!(!is_stale(Stage::Rejected, 400));
    }
}
