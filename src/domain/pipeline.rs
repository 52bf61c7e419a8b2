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

#[cfg(test)]
mod tests {
    use super::Stage;

    #[test]
    fn stages_round_trip_and_keep_their_order() {
        for (i, stage) in Stage::FLOW.into_iter().enumerate() {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
            assert_eq!(stage.step(), Some(i));
        }
        assert_eq!(Stage::Rejected.step(), None);
        assert_eq!(Stage::parse("offer_sent"), None);
    }
}
