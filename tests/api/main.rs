//! HTTP in, database out: every test starts the real app on its own fresh database.

mod helpers;
mod smtp;

mod api;
mod auth;
mod cli;
mod email;
mod internship_pages;
mod internships;
mod interviews;
mod offers;
mod pages;
mod positions;
mod privacy;
mod query_counts;
mod recruitment;
mod recruitment_pages;
mod references;
mod reports;
