//! The app in a real browser: headless Chromium through chromedriver, against the real app on
//! a fresh database. Skips without chromedriver unless HIRELOOP_E2E_REQUIRED=1 (CI).
//! Screenshots land in target/screenshots/.

// The API suite's spawn_app() and friends; not every helper is used here.
#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

mod audit;
mod browser;
mod session;

mod confirm_start;
mod hiring;
mod hiring_offer;
mod internship;
mod pages;
mod phone;
