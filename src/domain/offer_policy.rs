//! Offer rules: the approval order (hiring manager, then CEO), what each status allows, and
//! when a revision needs approval again — only when it crosses the band or another policy
//! limit, not for every edit.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    Draft,
    AwaitingManager,
    AwaitingCeo,
    Approved,
    Sent,
    Accepted,
    Declined,
    Rejected,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 8] = [
        OfferStatus::Draft,
        OfferStatus::AwaitingManager,
        OfferStatus::AwaitingCeo,
        OfferStatus::Approved,
        OfferStatus::Sent,
        OfferStatus::Accepted,
        OfferStatus::Declined,
        OfferStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Draft => "draft",
            OfferStatus::AwaitingManager => "awaiting_manager",
            OfferStatus::AwaitingCeo => "awaiting_ceo",
            OfferStatus::Approved => "approved",
            OfferStatus::Sent => "sent",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
            OfferStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<OfferStatus> {
        OfferStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Still in play: a new revision may not be drafted beside it.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            OfferStatus::Accepted | OfferStatus::Declined | OfferStatus::Rejected
        )
    }

    /// Terms may change only in a draft.
    pub fn editable(self) -> bool {
        self == OfferStatus::Draft
    }
}

/// Who approves at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approver {
    Manager,
    Ceo,
}

/// The approver whose turn it is, or `None` when no approval is pending.
pub fn turn(status: OfferStatus) -> Option<Approver> {
    match status {
        OfferStatus::AwaitingManager => Some(Approver::Manager),
        OfferStatus::AwaitingCeo => Some(Approver::Ceo),
        _ => None,
    }
}

/// The status after an approval by `who`; an approver out of turn gets `None`.
pub fn after_approval(status: OfferStatus, who: Approver) -> Option<OfferStatus> {
    match (status, who) {
        (OfferStatus::AwaitingManager, Approver::Manager) => Some(OfferStatus::AwaitingCeo),
        (OfferStatus::AwaitingCeo, Approver::Ceo) => Some(OfferStatus::Approved),
        _ => None,
    }
}

/// A raise over the last approved revision beyond this share needs approval again.
pub const RAISE_LIMIT_PERCENT: i64 = 10;

/// Does this revision need approval? The first one always does; a later one when its salary is
/// outside the band, or more than 10 % above the last approved revision, or when no revision
/// was approved yet.
pub fn needs_approval(
    revision: i32,
    salary: i64,
    band: (i64, i64),
    last_approved: Option<i64>,
) -> bool {
    let outside_band = salary < band.0 || salary > band.1;
    match (revision, last_approved) {
        (1, _) | (_, None) => true,
        (_, Some(approved)) => {
            outside_band || salary * 100 > approved * (100 + RAISE_LIMIT_PERCENT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OfferStatus::*;
    use super::*;

    #[test]
    fn the_hiring_manager_approves_before_the_ceo() {
        assert_eq!(
            after_approval(AwaitingManager, Approver::Manager),
            Some(AwaitingCeo)
        );
        assert_eq!(after_approval(AwaitingCeo, Approver::Ceo), Some(Approved));
        assert_eq!(
            after_approval(AwaitingManager, Approver::Ceo),
            None,
            "the CEO waits for the manager"
        );
        assert_eq!(after_approval(Approved, Approver::Ceo), None);
        assert_eq!(turn(AwaitingCeo), Some(Approver::Ceo));
        assert_eq!(turn(Draft), None);
    }

    #[test]
    fn a_revision_needs_approval_again_only_past_the_band_or_the_raise_limit() {
        let band = (120_000, 180_000);
        assert!(needs_approval(1, 150_000, band, None), "the first always");
        assert!(
            !needs_approval(2, 160_000, band, Some(150_000)),
            "a small raise inside the band"
        );
        assert!(
            needs_approval(2, 170_000, band, Some(150_000)),
            "more than 10 % up"
        );
        assert!(
            needs_approval(2, 190_000, band, Some(185_000)),
            "outside the band"
        );
        assert!(
            !needs_approval(2, 140_000, band, Some(150_000)),
            "a lower salary"
        );
        assert!(
            needs_approval(3, 150_000, band, None),
            "nothing approved yet"
        );
    }

    #[test]
    fn statuses_round_trip_and_only_drafts_are_edited() {
        for s in OfferStatus::ALL {
            assert_eq!(OfferStatus::parse(s.as_str()), Some(s));
        }
        assert!(Draft.editable() && !Sent.editable());
        assert!(Sent.is_open() && !Declined.is_open());
    }
}
