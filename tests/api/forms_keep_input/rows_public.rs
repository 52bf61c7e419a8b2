//! Pages people outside the team use (job page, link pages, welcome) and uploads.

#![allow(unused_imports)]

use super::{Fixture, Row, owned};
use crate::helpers::TestApp;

/// Records these rows need beyond the shared fixture, kept in `fixture.extra`.
pub(super) async fn setup(_app: &TestApp, _fixture: &mut Fixture) {}

pub(super) fn rows() -> Vec<Row> {
    vec![]
}

/// Forms here whose typed input does not yet come back.
pub(super) const NOT_YET: &[&str] = &[
    "self:auth/welcome.html",
    "/candidates/import/{}",
    "/candidates/import",
    "/candidates/{}/cv",
    "/jobs/{}",
    "/my-data/{}/give",
    "/o/{}",
    "/offers/decide/{}",
    "/r/{}",
];
