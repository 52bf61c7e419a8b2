//! Email templates a recruiter picks when writing to a candidate: a name, a language, a subject
//! and a body with `{{ candidate.first_name }}`-style variables. `code` is the natural key of a
//! template loaded from seed-data (null for the agency's own); a deleted template keeps its row
//! with `deleted_at`, so a seeded one does not come back on the next start.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailTemplates {
    Table,
    Id,
    Code,
    Name,
    Lang,
    Subject,
    Body,
    CreatedBy,
    DeletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(EmailTemplates::Table)
            .col(pk_auto(EmailTemplates::Id))
            .col(string_null(EmailTemplates::Code).unique_key())
            .col(string(EmailTemplates::Name))
            .col(string_len(EmailTemplates::Lang, 2))
            .col(string(EmailTemplates::Subject))
            .col(text(EmailTemplates::Body))
            .col(integer_null(EmailTemplates::CreatedBy))
            .col(timestamp_with_time_zone_null(EmailTemplates::DeletedAt))
            .foreign_key(&mut user_fk(
                EmailTemplates::Table,
                EmailTemplates::CreatedBy,
            ));
        with_timestamps(&mut table);
        manager.create_table(table.to_owned()).await?;
        // The compose page lists the templates of one language.
        create_index(
            manager,
            "idx_email_templates_lang",
            EmailTemplates::Table,
            [EmailTemplates::Lang, EmailTemplates::Name],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailTemplates::Table).to_owned())
            .await
    }
}
