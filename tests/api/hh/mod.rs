//! Test-side stand-ins for hh.ru, for the hh connector's tests: a stateful fake
//! ([`fake::FakeHh`]) that plays hh's flows (OAuth, publish, responses, resumes, saved
//! searches, faults) and Prism ([`prism::Prism`]) serving hh's published OpenAPI subset, which
//! checks every request against the spec. `harness_tests` proves both behave.

// The connector's tests use these; until they land, parts of the API are only used here.
#![allow(dead_code)]

pub mod fake;
pub mod prism;

mod harness_tests;
pub mod support;

mod connect;
mod publish;
mod searches;

mod responses;
mod statuses;
