//! Hireloop: hiring and growing account managers for digital agencies.
//!
//! Architecture in short: `app` composes the router from one folder per feature (`auth`,
//! `admin`, `reports`, …), each with the same shape — `mod.rs` routes, `model.rs` operations,
//! `pages.rs` HTML, `api.rs` JSON, `forms.rs` inputs. A page and its API endpoint call the same
//! operation. Pure rules live in `domain` and are unit-tested without I/O; `web` holds the HTTP
//! plumbing (request context, CSRF, sessions in the database, errors rendered as HTML or
//! problem+json). State that several instances share — sessions, login throttles, jobs — lives in
//! the database, never in process memory.

#![forbid(unsafe_code)]

pub mod admin;
pub mod agency;
pub mod app;
pub mod audit;
pub mod auth;
pub mod careers;
pub mod config;
pub mod db;
pub mod domain;
pub mod email_templates;
pub mod entities;
pub mod error;
pub mod files;
pub mod fonts;
pub mod generate;
pub mod hh;
pub mod imports;
pub mod internships;
pub mod interviews;
pub mod jobs;
pub mod mailbox;
pub mod notifications;
pub mod offers;
pub mod outbox;
pub mod positions;
pub mod privacy;
pub mod probation;
pub mod recruitment;
pub mod references;
pub mod reports;
pub mod search;
pub mod secrets;
pub mod seed;
pub mod telemetry;
pub mod timeline;
pub mod values;
pub mod web;
pub mod webhooks;
