//! HTTP in, database out: every test starts the real app on its own fresh database.

mod helpers;
mod imap;
mod smtp;

mod access_table;
mod access_table_rows;
mod api;
mod auth;
mod bounds;
mod cli;
mod confirmations;
mod email;
mod forms_keep_input;
mod generate;
mod imports;
mod internship_pages;
mod internships;
mod interviews;
mod mailbox;
mod mailbox_settings;
mod offers;
mod outbox_hold;
mod outbox_safety;
mod pages;
mod positions;
mod privacy;
mod privacy_settings;
mod query_counts;
mod recruitment;
mod recruitment_pages;
mod references;
mod reports;
mod security;
mod ui;
mod vacancy_band;
