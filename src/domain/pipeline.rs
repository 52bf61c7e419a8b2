//! The stages an application passes through, in order (see DOMAIN.md, "The hiring flow").

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    LongList,
    ShortList,
    References,
    CeoInterview,
    Offer,
    Hired,
    Started,
    Rejected,
    Withdrawn,
}

impl Stage {
    /// The forward path, from first contact to the first working day.
    pub const FLOW: [Stage; 7] = [
        Stage::LongList,
        Stage::ShortList,
        Stage::References,
        Stage::CeoInterview,
        Stage::Offer,
        Stage::Hired,
        Stage::Started,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::LongList => "long_list",
            Stage::ShortList => "short_list",
            Stage::References => "references",
            Stage::CeoInterview => "ceo_interview",
            Stage::Offer => "offer",
            Stage::Hired => "hired",
            Stage::Started => "started",
            Stage::Rejected => "rejected",
            Stage::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::FLOW
            .into_iter()
            .chain([Stage::Rejected, Stage::Withdrawn])
            .find(|s| s.as_str() == text)
    }

    /// Position in the forward flow; `None` for the ended stages.
    pub fn step(self) -> Option<usize> {
        Stage::FLOW.iter().position(|s| *s == self)
    }
}

/// How a move is asked for: the generic "move" action, or the flow's own actions that carry
/// their evidence (an accepted offer, a first working day, a rejection or withdrawal reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Move,
    AcceptedOffer,
    StartedWork,
    Reject,
    Withdraw,
}

/// Why a move was refused, with the moves that are allowed from where the application stands.
#[derive(Debug, PartialEq, Eq)]
pub enum MoveRefused {
    NotAllowed {
        from: Stage,
        to: Stage,
        allowed: Vec<Stage>,
    },
    ReasonRequired,
}

impl Stage {
    pub fn is_ended(self) -> bool {
        matches!(self, Stage::Rejected | Stage::Withdrawn | Stage::Started)
    }

    /// Where the generic move may take an application from here: one step forward (except into
    /// `hired`, which only an accepted offer does, and `started`, which only the first working
    /// day does), or back to any earlier stage with a reason. A hire who does not start goes
    /// back to `offer`; a rejected or withdrawn person may be reconsidered on the long-list.
    pub fn moves(self) -> Vec<Stage> {
        match self {
            Stage::Started => Vec::new(),
            Stage::Rejected | Stage::Withdrawn => vec![Stage::LongList],
            Stage::Hired => vec![Stage::Offer],
            active => {
                let step = active.step().unwrap_or(0);
                let mut allowed: Vec<Stage> = Stage::FLOW[..step].to_vec();
                if let Some(next) = Stage::FLOW.get(step + 1).filter(|s| **s != Stage::Hired) {
                    allowed.push(*next);
                }
                allowed
            }
        }
    }
}

/// The one place that says whether an application may go from `from` to `to`, and by which
/// action. Every move, from a page, the board or the API, is checked here.
pub fn check_move(from: Stage, to: Stage, via: Via, has_reason: bool) -> Result<(), MoveRefused> {
    let allowed = match via {
        Via::Move => from.moves().contains(&to),
        Via::AcceptedOffer => from == Stage::Offer && to == Stage::Hired,
        Via::StartedWork => from == Stage::Hired && to == Stage::Started,
        Via::Reject => !from.is_ended() && to == Stage::Rejected,
        Via::Withdraw => !from.is_ended() && to == Stage::Withdrawn,
    };
    if !allowed {
        return Err(MoveRefused::NotAllowed {
            from,
            to,
            allowed: from.moves(),
        });
    }
    let backwards = matches!((from.step(), to.step()), (Some(a), Some(b)) if b < a);
    let needs_reason = backwards
        || matches!(via, Via::Reject | Via::Withdraw)
        || matches!(from, Stage::Rejected | Stage::Withdrawn);
    if needs_reason && !has_reason {
        return Err(MoveRefused::ReasonRequired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Stage::*;
    use super::*;

    #[test]
    fn stages_round_trip_and_keep_their_order() {
        for (i, stage) in Stage::FLOW.into_iter().enumerate() {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
            assert_eq!(stage.step(), Some(i));
        }
        assert_eq!(Rejected.step(), None);
        assert_eq!(Stage::parse("offer_sent"), None);
    }

    #[test]
    fn applications_move_forward_one_step_at_a_time() {
        assert_eq!(check_move(LongList, ShortList, Via::Move, false), Ok(()));
        assert_eq!(
            check_move(References, CeoInterview, Via::Move, false),
            Ok(())
        );
        assert_eq!(check_move(CeoInterview, Offer, Via::Move, false), Ok(()));
    }

    #[test]
    fn recruiter_cannot_skip_from_long_list_to_offer() {
        let refused = check_move(LongList, Offer, Via::Move, true).unwrap_err();
        assert_eq!(
            refused,
            MoveRefused::NotAllowed {
                from: LongList,
                to: Offer,
                allowed: vec![ShortList]
            }
        );
    }

    #[test]
    fn only_an_accepted_offer_makes_a_hire_and_only_the_first_day_a_start() {
        assert!(check_move(Offer, Hired, Via::Move, false).is_err());
        assert_eq!(check_move(Offer, Hired, Via::AcceptedOffer, false), Ok(()));
        assert!(check_move(Hired, Started, Via::Move, false).is_err());
        assert_eq!(check_move(Hired, Started, Via::StartedWork, false), Ok(()));
        assert!(check_move(Offer, Started, Via::StartedWork, false).is_err());
    }

    #[test]
    fn moving_back_needs_a_reason() {
        assert_eq!(
            check_move(References, LongList, Via::Move, false),
            Err(MoveRefused::ReasonRequired)
        );
        assert_eq!(check_move(References, LongList, Via::Move, true), Ok(()));
        assert_eq!(
            check_move(Hired, Offer, Via::Move, true),
            Ok(()),
            "a hire who does not start"
        );
    }

    #[test]
    fn rejecting_and_withdrawing_need_a_reason_and_an_active_application() {
        assert_eq!(
            check_move(ShortList, Rejected, Via::Reject, false),
            Err(MoveRefused::ReasonRequired)
        );
        assert_eq!(check_move(ShortList, Rejected, Via::Reject, true), Ok(()));
        assert_eq!(check_move(Hired, Withdrawn, Via::Withdraw, true), Ok(()));
        assert!(check_move(Started, Rejected, Via::Reject, true).is_err());
        assert!(check_move(Rejected, Withdrawn, Via::Withdraw, true).is_err());
    }

    #[test]
    fn a_rejected_person_can_be_reconsidered_on_the_long_list_with_a_reason() {
        assert_eq!(Rejected.moves(), vec![LongList]);
        assert_eq!(
            check_move(Rejected, LongList, Via::Move, false),
            Err(MoveRefused::ReasonRequired)
        );
        assert_eq!(check_move(Withdrawn, LongList, Via::Move, true), Ok(()));
    }

    #[test]
    fn a_started_hire_is_final() {
        assert!(Started.moves().is_empty());
    }
}
