//! The agency's face to candidates: the settings an admin keeps (`/admin/agency`,
//! `/api/v1/settings/agency`), the logo they upload, and what every public page and email
//! reads of them.

pub mod model;

pub use model::{Agency, AgencyCache};
