//! Inputs of the pipeline's pages: forms arrive as text so a typo is a message beside its
//! field, and uploads are read field by field from multipart bodies.

use serde::{Deserialize, Serialize};

pub use crate::web::upload::{read_upload, read_upload_keeping};

/// The new-candidate and edit forms.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct CandidateForm {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub current_title: String,
    #[serde(default)]
    pub current_company: String,
    #[serde(default)]
    pub expected_salary: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub links: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub notes: String,
    /// `ru` or `en`: the language of the person's emails and link pages.
    #[serde(default)]
    pub lang: String,
    /// On a new candidate: the position to put them on at once, and how they came.
    #[serde(default)]
    pub position_id: String,
    #[serde(default)]
    pub source: String,
    /// The recruiter confirms the person agreed to the processing of their data.
    #[serde(default)]
    pub consent: Option<String>,
    /// Merging into a person who exists: `primary` makes the typed contacts the primary ones,
    /// anything else adds them as further contacts.
    #[serde(default)]
    pub merge_contacts: String,
}

/// A stage change from the board, the candidate page or a bulk action.
#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    /// A stage, or `rejected` / `withdrawn`.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub talent_pool: Option<String>,
    /// Ticked: do not email the candidate about a rejection.
    #[serde(default)]
    pub silent: Option<String>,
    /// Ticked: move past the short-list although coverage is incomplete.
    #[serde(default)]
    pub override_coverage: Option<String>,
    /// Where to go back to afterwards.
    #[serde(default)]
    pub back: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub back: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct FollowUpForm {
    /// `contacted`, or `set` with `date`.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub back: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AddToPositionForm {
    #[serde(default)]
    pub position_id: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ChannelForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub check_every_days: String,
}

/// "a, b ,c" → ["a", "b", "c"].
pub fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}
