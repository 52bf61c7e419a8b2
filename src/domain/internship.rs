//! Rules of the one-month intern programme: what an exam attempt needs (numbering, the maximum
//! and the cool-down), whether it passes, how the defence rubric weighs the panel's grades,
//! who is at risk, and what a decision at the end requires.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::calendar::ProductionCalendar;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

code_enum!(
    /// What a plan item asks of the intern.
    ItemKind {
        Material => "material",
        Meeting => "meeting",
        RotationTask => "rotation_task",
        ClientTask => "client_task",
        Exam => "exam",
        Defence => "defence",
    }
);

code_enum!(
    /// The agency's departments an intern meets or rotates through.
    Department {
        ClientService => "client_service",
        Implementation => "implementation",
        Ppc => "ppc",
        Seo => "seo",
    }
);

code_enum!(
    /// The exam an intern sits at the end of the month.
    ExamTrack {
        Seo => "seo",
        Ppc => "ppc",
    }
);

code_enum!(
    /// How the month ends.
    Outcome {
        StayIntern => "stay_intern",
        Promote => "promote",
        Transfer => "transfer",
        PartWays => "part_ways",
    }
);

/// The grade a promoted intern gets: an account manager at the first grade.
pub const PROMOTED_GRADE: &str = "junior";

/// The due date of an item `offset` working days after the start (0 = the first working day
/// on or after the start).
pub fn due_on(calendar: &ProductionCalendar, start: NaiveDate, offset: u32) -> NaiveDate {
    calendar.add_working_days(start, offset)
}

/// Exam settings an admin may change; none limits attempts by default.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExamPolicy {
    /// Share of the maximum score that passes, in percent.
    pub pass_percent: u32,
    pub max_attempts: Option<u32>,
    pub cooldown_days: Option<u32>,
}

impl Default for ExamPolicy {
    fn default() -> Self {
        Self {
            pass_percent: 70,
            max_attempts: None,
            cooldown_days: None,
        }
    }
}

/// An earlier attempt at the same exam.
#[derive(Clone, Copy, Debug)]
pub struct PastAttempt {
    pub taken_on: NaiveDate,
    pub passed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptRefused {
    /// The score is negative, the maximum not positive, or the score above it.
    BadScore,
    AlreadyPassed,
    NoAttemptsLeft {
        max: u32,
    },
    /// Too soon after the last attempt: the next one may be taken on `earliest`.
    CoolingDown {
        earliest: NaiveDate,
    },
    /// Earlier than the attempt before it.
    BeforePrevious {
        previous: NaiveDate,
    },
}

/// The number of a new attempt (1 for the first), or why it may not be recorded.
pub fn next_attempt(
    past: &[PastAttempt],
    taken_on: NaiveDate,
    score: i32,
    max_score: i32,
    policy: ExamPolicy,
) -> Result<u32, AttemptRefused> {
    if max_score <= 0 || score < 0 || score > max_score {
        return Err(AttemptRefused::BadScore);
    }
    if past.iter().any(|a| a.passed) {
        return Err(AttemptRefused::AlreadyPassed);
    }
    let count = past.len() as u32;
    if let Some(max) = policy.max_attempts
        && count >= max
    {
        return Err(AttemptRefused::NoAttemptsLeft { max });
    }
    if let Some(last) = past.iter().map(|a| a.taken_on).max() {
        if taken_on < last {
            return Err(AttemptRefused::BeforePrevious { previous: last });
        }
        if let Some(days) = policy.cooldown_days {
            let earliest = last + Duration::days(i64::from(days));
            if taken_on < earliest {
                return Err(AttemptRefused::CoolingDown { earliest });
            }
        }
    }
    Ok(count + 1)
}

/// Does `score` out of `max_score` reach the pass mark? Integer maths, so 70 of 100 at 70 %
/// passes exactly.
pub fn passes(score: i32, max_score: i32, pass_percent: u32) -> bool {
    max_score > 0 && i64::from(score) * 100 >= i64::from(max_score) * i64::from(pass_percent)
}

/// The score as a whole percentage of the maximum, rounded down.
pub fn percent(score: i32, max_score: i32) -> i64 {
    if max_score <= 0 {
        0
    } else {
        i64::from(score) * 100 / i64::from(max_score)
    }
}

/// Attempts left after `taken`, when the number is limited.
pub fn attempts_left(taken: u32, policy: ExamPolicy) -> Option<u32> {
    policy.max_attempts.map(|max| max.saturating_sub(taken))
}

/// One panel member's grade of one criterion, 1..5.
#[derive(Clone, Debug)]
pub struct DefenceGrade {
    pub grader: i32,
    pub criterion: String,
    pub score: i32,
}

/// The defence's result on the 1..5 scale: each criterion's mean over the panel, weighted by
/// the criterion's weight. Criteria nobody graded are left out of both sums; `None` when
/// nothing was graded.
pub fn weighted_result(rubric: &[(String, u32)], grades: &[DefenceGrade]) -> Option<f64> {
    let mut by_criterion: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for grade in grades {
        let entry = by_criterion.entry(grade.criterion.as_str()).or_default();
        entry.0 += i64::from(grade.score);
        entry.1 += 1;
    }
    let mut weighted = 0.0;
    let mut weights = 0.0;
    for (code, weight) in rubric {
        if let Some((sum, count)) = by_criterion.get(code.as_str()) {
            weighted = (*sum as f64 / *count as f64).mul_add(f64::from(*weight), weighted);
            weights += f64::from(*weight);
        }
    }
    (weights > 0.0).then(|| weighted / weights)
}

/// Did the defence pass: graded on every criterion and at least `pass_mark` on the 1..5 scale.
pub fn defence_passed(rubric: &[(String, u32)], grades: &[DefenceGrade], pass_mark: f64) -> bool {
    let complete = rubric
        .iter()
        .all(|(code, _)| grades.iter().any(|g| &g.criterion == code));
    complete && weighted_result(rubric, grades).is_some_and(|r| r + 1e-9 >= pass_mark)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionRefused {
    AlreadyDecided,
    ReasonMissing,
    /// A transfer names the department the person moves to.
    DepartmentMissing,
    NoPassedExam,
    NoPassedDefence,
}

/// What the evidence says, as far as a decision needs it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Evidence {
    pub decided: bool,
    pub exam_passed: bool,
    pub defence_passed: bool,
}

/// May the month end with `outcome`? Promotion needs a passed exam and a passed defence.
pub fn check_decision(
    outcome: Outcome,
    evidence: Evidence,
    department: Option<&str>,
    reason: &str,
) -> Result<(), DecisionRefused> {
    if evidence.decided {
        return Err(DecisionRefused::AlreadyDecided);
    }
    if reason.trim().is_empty() {
        return Err(DecisionRefused::ReasonMissing);
    }
    match outcome {
        Outcome::Transfer if department.is_none_or(|d| d.trim().is_empty()) => {
            Err(DecisionRefused::DepartmentMissing)
        }
        Outcome::Promote if !evidence.exam_passed => Err(DecisionRefused::NoPassedExam),
        Outcome::Promote if !evidence.defence_passed => Err(DecisionRefused::NoPassedDefence),
        _ => Ok(()),
    }
}

/// An intern needs the mentor's attention: two or more items overdue, or a failed attempt
/// not yet followed by a pass.
pub fn at_risk(overdue_items: usize, failed_attempts: usize, exam_passed: bool) -> bool {
    overdue_items >= 2 || (failed_attempts > 0 && !exam_passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn past(taken_on: NaiveDate, passed: bool) -> PastAttempt {
        PastAttempt { taken_on, passed }
    }

    #[test]
    fn plan_dates_skip_weekends_and_holidays() {
        let calendar = ProductionCalendar::russian();
        // Friday 20 February 2026; Monday 23 February is a holiday.
        let start = date(2026, 2, 20);
        assert_eq!(due_on(calendar, start, 0), start);
        assert_eq!(due_on(calendar, start, 1), date(2026, 2, 24));
        // Starting on a Saturday counts from Monday.
        assert_eq!(due_on(calendar, date(2026, 3, 14), 0), date(2026, 3, 16));
    }

    #[test]
    fn attempts_are_numbered_and_limited() {
        let policy = ExamPolicy {
            max_attempts: Some(2),
            ..ExamPolicy::default()
        };
        let day = date(2026, 3, 2);
        assert_eq!(next_attempt(&[], day, 50, 100, policy), Ok(1));
        assert_eq!(
            next_attempt(&[past(day, false)], day, 50, 100, policy),
            Ok(2)
        );
        assert_eq!(
            next_attempt(&[past(day, false), past(day, false)], day, 90, 100, policy),
            Err(AttemptRefused::NoAttemptsLeft { max: 2 })
        );
        assert_eq!(
            next_attempt(&[past(day, true)], day, 90, 100, ExamPolicy::default()),
            Err(AttemptRefused::AlreadyPassed)
        );
    }

    #[test]
    fn without_a_limit_the_record_of_five_attempts_is_allowed() {
        let day = date(2026, 3, 2);
        let earlier: Vec<_> = (0..5).map(|_| past(day, false)).collect();
        assert_eq!(
            next_attempt(&earlier, day, 80, 100, ExamPolicy::default()),
            Ok(6)
        );
    }

    #[test]
    fn a_cool_down_sets_the_earliest_retake() {
        let policy = ExamPolicy {
            cooldown_days: Some(3),
            ..ExamPolicy::default()
        };
        let first = date(2026, 3, 2);
        assert_eq!(
            next_attempt(&[past(first, false)], date(2026, 3, 4), 80, 100, policy),
            Err(AttemptRefused::CoolingDown {
                earliest: date(2026, 3, 5)
            })
        );
        assert_eq!(
            next_attempt(&[past(first, false)], date(2026, 3, 5), 80, 100, policy),
            Ok(2)
        );
        assert_eq!(
            next_attempt(&[past(first, false)], date(2026, 3, 1), 80, 100, policy),
            Err(AttemptRefused::BeforePrevious { previous: first })
        );
    }

    #[test]
    fn scores_are_checked() {
        let day = date(2026, 3, 2);
        let policy = ExamPolicy::default();
        for (score, max) in [(-1, 100), (101, 100), (0, 0)] {
            assert_eq!(
                next_attempt(&[], day, score, max, policy),
                Err(AttemptRefused::BadScore)
            );
        }
    }

    #[test]
    fn the_pass_mark_is_inclusive() {
        assert!(passes(70, 100, 70));
        assert!(!passes(69, 100, 70));
        assert!(passes(14, 20, 70));
        assert!(!passes(13, 20, 70));
        assert_eq!(percent(13, 20), 65);
    }

    fn grade(grader: i32, criterion: &str, score: i32) -> DefenceGrade {
        DefenceGrade {
            grader,
            criterion: criterion.to_owned(),
            score,
        }
    }

    #[test]
    fn the_rubric_weighs_the_panels_mean_per_criterion() {
        let rubric = vec![("goals".to_owned(), 3), ("budget".to_owned(), 1)];
        // goals: (5 + 3) / 2 = 4 with weight 3; budget: 2 with weight 1 → (12 + 2) / 4 = 3.5.
        let grades = vec![
            grade(1, "goals", 5),
            grade(2, "goals", 3),
            grade(1, "budget", 2),
        ];
        assert_eq!(weighted_result(&rubric, &grades), Some(3.5));
        assert!(defence_passed(&rubric, &grades, 3.5));
        assert!(!defence_passed(&rubric, &grades, 3.6));
        assert_eq!(weighted_result(&rubric, &[]), None);
        // A criterion nobody graded keeps the defence from passing.
        assert!(!defence_passed(&rubric, &grades[..2], 1.0));
    }

    #[test]
    fn promotion_needs_a_passed_exam_and_defence() {
        let both = Evidence {
            exam_passed: true,
            defence_passed: true,
            ..Evidence::default()
        };
        assert_eq!(
            check_decision(Outcome::Promote, both, None, "ready"),
            Ok(())
        );
        let no_exam = Evidence {
            exam_passed: false,
            ..both
        };
        assert_eq!(
            check_decision(Outcome::Promote, no_exam, None, "ready"),
            Err(DecisionRefused::NoPassedExam)
        );
        let no_defence = Evidence {
            defence_passed: false,
            ..both
        };
        assert_eq!(
            check_decision(Outcome::Promote, no_defence, None, "ready"),
            Err(DecisionRefused::NoPassedDefence)
        );
        assert_eq!(
            check_decision(Outcome::StayIntern, Evidence::default(), None, "more time"),
            Ok(())
        );
    }

    #[test]
    fn a_decision_has_a_reason_and_a_transfer_a_department() {
        let none = Evidence::default();
        assert_eq!(
            check_decision(Outcome::PartWays, none, None, "  "),
            Err(DecisionRefused::ReasonMissing)
        );
        assert_eq!(
            check_decision(Outcome::Transfer, none, Some(""), "fits PPC"),
            Err(DecisionRefused::DepartmentMissing)
        );
        assert_eq!(
            check_decision(Outcome::Transfer, none, Some("ppc"), "fits PPC"),
            Ok(())
        );
        let decided = Evidence {
            decided: true,
            ..none
        };
        assert_eq!(
            check_decision(Outcome::StayIntern, decided, None, "again"),
            Err(DecisionRefused::AlreadyDecided)
        );
    }

    #[test]
    fn risk_comes_from_overdue_items_or_an_unmended_failure() {
        assert!(!at_risk(1, 0, false));
        assert!(at_risk(2, 0, false));
        assert!(at_risk(0, 1, false));
        assert!(!at_risk(0, 1, true));
    }
}
