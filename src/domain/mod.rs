//! Pure rules of the domain: no I/O, no HTTP, unit-tested beside the code.

pub mod access;
pub mod calendar;
pub mod contacts;
pub mod date_bounds;
pub mod follow_up;
pub mod internship;
pub mod irreversible;
pub mod line_diff;
pub mod market;
pub mod market_csv;
pub mod mentions;
pub mod money;
pub mod money_words;
pub mod offer_policy;
pub mod pipeline;
pub mod position_status;
pub mod quoted_band;
pub mod salary;
pub mod scoring;
pub mod search;
pub mod text;
pub mod vacancy_words;
pub mod work_format;
