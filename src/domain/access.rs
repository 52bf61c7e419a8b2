//! Who may do what. Every handler asks [`can`] (or [`can_view_application`] where ownership
//! matters) before it reads or writes; nothing else in the code decides access.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A user's role in the agency. One role per user, as in DOMAIN.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Recruiter,
    HiringManager,
    Ceo,
    Interviewer,
    Mentor,
    Intern,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Recruiter,
        Role::HiringManager,
        Role::Ceo,
        Role::Interviewer,
        Role::Mentor,
        Role::Intern,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Recruiter => "recruiter",
            Role::HiringManager => "hiring_manager",
            Role::Ceo => "ceo",
            Role::Interviewer => "interviewer",
            Role::Mentor => "mentor",
            Role::Intern => "intern",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "unknown role `{0}`; expected one of admin, recruiter, hiring_manager, ceo, interviewer, mentor, intern"
)]
pub struct UnknownRole(pub String);

/// Something a user may try to do. Actions are coarse on purpose: one per screen or operation
/// family, so the matrix below stays readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Users, roles, settings, retention, the outbox's delivery and test message.
    Administer,
    /// See what the outbox holds and call back (cancel) emails that have not gone yet.
    ManageOutbox,
    ViewAuditLog,
    ViewPositions,
    /// Create and edit positions, open, hold and cancel them.
    ManagePositions,
    EditSalaryBands,
    /// Upload market salary figures (CSV) for the grades page.
    ImportMarketData,
    /// See every candidate and application (interviewers see only their assignments).
    ViewAllCandidates,
    /// Add, edit, move, reject candidates; sourcing channels; import.
    ManageCandidates,
    /// Salary expectations and offers.
    ViewSalaries,
    ScheduleInterviews,
    ScoreInterviews,
    /// Read the team's scorecards and competency profiles.
    ViewScorecards,
    ManageQuestionBank,
    ViewReferences,
    ManageReferences,
    DraftOffers,
    ApproveOffers,
    ViewReports,
    /// Enrol interns and edit the programme.
    ManageInternships,
    /// Follow every intern (the cohort) and sit on defence panels.
    ViewInternships,
    /// Sign off items, grade exams and defences of one's own interns.
    MentorInterns,
    ViewOwnInternship,
    /// Name the agency's values that the CEO's cultural-fit interview asks about.
    EditValues,
    /// Record a started hire's probation: milestones, the decision at the end, monthly KPIs.
    RecordProbation,
}

/// The permission matrix: may `role` perform `action`?
pub fn can(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match role {
        Admin => !matches!(action, ScoreInterviews | MentorInterns | ViewOwnInternship),
        Recruiter => matches!(
            action,
            ManageOutbox
                | ViewPositions
                | ManagePositions
                | ViewAllCandidates
                | ManageCandidates
                | ViewSalaries
                | ScheduleInterviews
                | ScoreInterviews
                | ViewScorecards
                | ManageQuestionBank
                | ViewReferences
                | ManageReferences
                | DraftOffers
                | ViewReports
                | ManageInternships
                | ViewInternships
        ),
        HiringManager => matches!(
            action,
            ViewPositions
                | ManagePositions
                | EditSalaryBands
                | ImportMarketData
                | ViewAllCandidates
                | ViewSalaries
                | ScheduleInterviews
                | ScoreInterviews
                | ViewScorecards
                | ViewReferences
                | ApproveOffers
                | ViewReports
                | ViewInternships
                | RecordProbation
        ),
        Ceo => matches!(
            action,
            EditValues
                | ViewPositions
                | EditSalaryBands
                | ViewAllCandidates
                | ViewSalaries
                | ScoreInterviews
                | ViewScorecards
                | ViewReferences
                | ApproveOffers
                | ViewReports
                | ViewInternships
                | RecordProbation
        ),
        Interviewer => matches!(action, ScoreInterviews),
        Mentor => matches!(action, MentorInterns),
        Intern => matches!(action, ViewOwnInternship),
    }
}

/// May this user open an application? Everyone who sees all candidates may; an interviewer
/// only when an interview of that application is assigned to them.
pub fn can_view_application(role: Role, assigned_to_user: bool) -> bool {
    can(role, Action::ViewAllCandidates) || (role == Role::Interviewer && assigned_to_user)
}

/// How much of a candidate a user may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateScope {
    /// The whole card and every application (the hiring team).
    Everything,
    /// Read-only, and only the applications whose interviews they are on (an interviewer).
    AssignedApplications,
    /// Answered as "not found": an interviewer who is on none of the person's interviews
    /// learns nothing, not even that the person exists.
    Hidden,
    /// Answered as "forbidden": roles with no business with candidates at all.
    Refused,
}

/// What `role` may see of a person, given whether the user is an interviewer of any of that
/// person's applications (the same rule as [`can_view_application`], per person).
pub fn candidate_scope(role: Role, assigned_to_user: bool) -> CandidateScope {
    if can(role, Action::ViewAllCandidates) {
        CandidateScope::Everything
    } else if can_view_application(role, assigned_to_user) {
        CandidateScope::AssignedApplications
    } else if role == Role::Interviewer {
        CandidateScope::Hidden
    } else {
        CandidateScope::Refused
    }
}

#[cfg(test)]
mod tests {
    use super::Action::*;
    use super::Role::*;
    use super::*;

    const ACTIONS: [Action; 25] = [
        Administer,
        ManageOutbox,
        ViewAuditLog,
        ViewPositions,
        ManagePositions,
        EditSalaryBands,
        ImportMarketData,
        ViewAllCandidates,
        ManageCandidates,
        ViewSalaries,
        ScheduleInterviews,
        ScoreInterviews,
        ViewScorecards,
        ManageQuestionBank,
        ViewReferences,
        ManageReferences,
        DraftOffers,
        ApproveOffers,
        ViewReports,
        ManageInternships,
        ViewInternships,
        MentorInterns,
        ViewOwnInternship,
        EditValues,
        RecordProbation,
    ];

    /// The expected matrix, one row per role in the order of `ACTIONS`, written out in full so
    /// that a change to `can` shows up as a changed row in review.
    fn expected(role: Role) -> [u8; 25] {
        match role {
            Admin => [
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1,
            ],
            Recruiter => [
                0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0,
            ],
            HiringManager => [
                0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1,
            ],
            Ceo => [
                0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1,
            ],
            Interviewer => [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            ],
            Mentor => [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
            ],
            Intern => [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
            ],
        }
    }

    #[test]
    fn permission_matrix_matches_the_written_table() {
        for role in Role::ALL {
            for (action, allowed) in ACTIONS.iter().zip(expected(role)) {
                assert_eq!(can(role, *action), allowed == 1, "{role} / {action:?}");
            }
        }
    }

    #[test]
    fn interviewer_sees_only_applications_assigned_to_them() {
        assert!(can_view_application(Interviewer, true));
        assert!(!can_view_application(Interviewer, false));
        assert!(can_view_application(Recruiter, false));
        assert!(!can_view_application(Mentor, true));
        assert!(!can_view_application(Intern, true));
    }

    #[test]
    fn interviewer_reads_a_candidate_only_through_an_interview_they_are_on() {
        use CandidateScope::*;
        assert_eq!(candidate_scope(Interviewer, true), AssignedApplications);
        assert_eq!(candidate_scope(Interviewer, false), Hidden);
        assert_eq!(candidate_scope(Recruiter, false), Everything);
        assert_eq!(candidate_scope(Ceo, false), Everything);
        assert_eq!(candidate_scope(Mentor, true), Refused);
        assert_eq!(candidate_scope(Intern, false), Refused);
    }

    #[test]
    fn interviewer_sees_neither_salaries_nor_references() {
        assert!(!can(Interviewer, ViewSalaries));
        assert!(!can(Interviewer, ViewReferences));
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("superuser".parse::<Role>().is_err());
    }
}
