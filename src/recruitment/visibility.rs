//! How much of a candidate the signed-in user sees: the hiring team all of it; an interviewer,
//! read-only, the applications whose interviews they are on; an interviewer on none of them
//! is told "not found", and other roles are refused. The card, its API and the CV ask here.

use sea_orm::DatabaseConnection;

use crate::auth::model::CurrentUser;
use crate::domain::access::{CandidateScope, candidate_scope};
use crate::error::{AppError, AppResult};

/// What of a person this user may read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CandidateView {
    /// The whole card, every application.
    Everything,
    /// Read-only: these applications (ids) and the person's CV and contacts.
    Assigned(Vec<i32>),
}

impl CandidateView {
    /// May this application of the person be shown?
    pub fn shows(&self, application_id: i32) -> bool {
        match self {
            CandidateView::Everything => true,
            CandidateView::Assigned(ids) => ids.contains(&application_id),
        }
    }

    /// An interviewer's view: no edit controls, no correspondence, no consents ledger.
    pub fn is_interviewer(&self) -> bool {
        matches!(self, CandidateView::Assigned(_))
    }
}

/// The view of person `candidate_id` for `user`; 404 or 403 when there is none. The hiring
/// team costs no query; an interviewer one.
pub async fn candidate_view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    candidate_id: i32,
) -> AppResult<CandidateView> {
    if candidate_scope(user.role, false) == CandidateScope::Everything {
        return Ok(CandidateView::Everything);
    }
    let assigned =
        crate::interviews::model::assigned_applications_of_candidate(db, user.id, candidate_id)
            .await?;
    match candidate_scope(user.role, !assigned.is_empty()) {
        CandidateScope::Everything => Ok(CandidateView::Everything),
        CandidateScope::AssignedApplications => Ok(CandidateView::Assigned(assigned)),
        CandidateScope::Hidden => Err(AppError::NotFound),
        CandidateScope::Refused => Err(AppError::Forbidden),
    }
}
