//! Hireloop's schema, one migration per concern, for SQLite and PostgreSQL alike.
//! A migration that has landed is never edited: change the schema with a new one.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_accounts;
mod m20261123_000002_reference;
mod m20261123_000003_hiring;
mod m20261123_000004_pipeline;
mod m20261123_000005_outbox;
mod m20261123_000006_interviews;
mod m20261123_000007_references;
mod m20261123_000008_offers;
mod m20261123_000009_backup;
mod m20261123_000010_onboarding;
mod m20261129_000011_internships;
mod m20261129_000014_privacy;
mod m20261129_000015_imports;
mod m20261129_000016_search;
mod m20261129_000018_privacy_links;
mod m20261130_000019_report_versions;
mod m20261207_000020_outbox_hold;
mod m20261207_000021_candidate_contacts;
mod m20261207_000023_early_decision;
mod m20261207_000024_vacancy_band;
mod m20261207_000027_import_row_stage;
mod m20261207_000029_mailbox;
mod m20261207_000031_search_folds_yo;
mod m20261207_000032_notifications;
mod m20261207_000033_candidate_notes;
mod m20261207_000035_email_templates;
mod m20261207_000036_position_public_fields;
mod m20261207_000037_outbox_attachment;
mod m20261207_000038_hh;
mod m20261207_000039_hiring_depth;
mod m20261207_000040_screen_checks;
mod m20261207_000041_agency_values;
mod m20261207_000042_market_depth;
mod m20261207_000043_probation;
mod m20261207_000044_item_materials;
mod m20261207_000045_idempotency_keys;
mod m20261207_000046_webhooks;
mod util;

pub use m20261207_000039_hiring_depth::ALIGN_QUESTION_KINDS;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_accounts::Migration),
            Box::new(m20261123_000002_reference::Migration),
            Box::new(m20261123_000003_hiring::Migration),
            Box::new(m20261123_000004_pipeline::Migration),
            Box::new(m20261123_000005_outbox::Migration),
            Box::new(m20261123_000006_interviews::Migration),
            Box::new(m20261123_000007_references::Migration),
            Box::new(m20261123_000008_offers::Migration),
            Box::new(m20261123_000009_backup::Migration),
            Box::new(m20261123_000010_onboarding::Migration),
            Box::new(m20261129_000011_internships::Migration),
            Box::new(m20261129_000014_privacy::Migration),
            Box::new(m20261129_000015_imports::Migration),
            Box::new(m20261129_000016_search::Migration),
            Box::new(m20261129_000018_privacy_links::Migration),
            Box::new(m20261130_000019_report_versions::Migration),
            Box::new(m20261207_000020_outbox_hold::Migration),
            Box::new(m20261207_000021_candidate_contacts::Migration),
            Box::new(m20261207_000023_early_decision::Migration),
            Box::new(m20261207_000024_vacancy_band::Migration),
            Box::new(m20261207_000027_import_row_stage::Migration),
            Box::new(m20261207_000029_mailbox::Migration),
            Box::new(m20261207_000031_search_folds_yo::Migration),
            Box::new(m20261207_000032_notifications::Migration),
            Box::new(m20261207_000033_candidate_notes::Migration),
            Box::new(m20261207_000035_email_templates::Migration),
            Box::new(m20261207_000036_position_public_fields::Migration),
            Box::new(m20261207_000037_outbox_attachment::Migration),
            Box::new(m20261207_000038_hh::Migration),
            Box::new(m20261207_000039_hiring_depth::Migration),
            Box::new(m20261207_000040_screen_checks::Migration),
            Box::new(m20261207_000041_agency_values::Migration),
            Box::new(m20261207_000042_market_depth::Migration),
            Box::new(m20261207_000043_probation::Migration),
            Box::new(m20261207_000044_item_materials::Migration),
            Box::new(m20261207_000045_idempotency_keys::Migration),
            Box::new(m20261207_000046_webhooks::Migration),
        ]
    }
}
