//! The recruiter's and admin's own forms: tokens, users, bulk actions, follow-ups, the vacancy text.

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
    "/profile/tokens",
    "/admin/users/{}",
    "/applications/bulk",
    "/applications/{}/follow-up",
    "/positions/{}/vacancy",
];
