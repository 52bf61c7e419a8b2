//! A position's status: draft → open ⇄ on hold → filled (only by started hires) or cancelled.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionStatus {
    Draft,
    Open,
    OnHold,
    Filled,
    Cancelled,
}

/// What a person may ask of a position; `filled` is not among them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusAction {
    Open,
    Hold,
    Cancel,
}

impl PositionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PositionStatus::Draft => "draft",
            PositionStatus::Open => "open",
            PositionStatus::OnHold => "on_hold",
            PositionStatus::Filled => "filled",
            PositionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Draft,
            Self::Open,
            Self::OnHold,
            Self::Filled,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// The status after `action`, or `None` when the flow does not allow it from here.
    pub fn after(self, action: StatusAction) -> Option<PositionStatus> {
        use PositionStatus::*;
        match (self, action) {
            (Draft | OnHold, StatusAction::Open) => Some(Open),
            (Open, StatusAction::Hold) => Some(OnHold),
            (Draft | Open | OnHold, StatusAction::Cancel) => Some(Cancelled),
            _ => None,
        }
    }

    /// The actions allowed from here, for messages that name them.
    pub fn actions(self) -> Vec<&'static str> {
        [
            (StatusAction::Open, "open"),
            (StatusAction::Hold, "hold"),
            (StatusAction::Cancel, "cancel"),
        ]
        .into_iter()
        .filter(|(action, _)| self.after(*action).is_some())
        .map(|(_, name)| name)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::PositionStatus::*;
    use super::*;

    #[test]
    fn a_draft_opens_and_an_open_position_pauses_and_resumes() {
        assert_eq!(Draft.after(StatusAction::Open), Some(Open));
        assert_eq!(Open.after(StatusAction::Hold), Some(OnHold));
        assert_eq!(OnHold.after(StatusAction::Open), Some(Open));
    }

    #[test]
    fn filled_and_cancelled_positions_are_final() {
        for action in [StatusAction::Open, StatusAction::Hold, StatusAction::Cancel] {
            assert_eq!(Filled.after(action), None);
            assert_eq!(Cancelled.after(action), None);
        }
        assert!(Filled.actions().is_empty());
    }

    #[test]
    fn a_draft_cannot_be_put_on_hold() {
        assert_eq!(Draft.after(StatusAction::Hold), None);
        assert_eq!(Draft.actions(), vec!["open", "cancel"]);
    }
}
