//! The transactional email outbox and the record of daily jobs run once across instances.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    Id,
    MessageId,
    Kind,
    ToEmail,
    ToName,
    Lang,
    Subject,
    BodyText,
    BodyHtml,
    Ics,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    SentAt,
    ApplicationId,
    CreatedBy,
}

#[derive(DeriveIden)]
enum JobRuns {
    Table,
    Name,
    LastRunOn,
    RunAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(OutboxMessages::Table)
                        .col(pk_auto(OutboxMessages::Id))
                        .col(string_uniq(OutboxMessages::MessageId))
                        .col(string(OutboxMessages::Kind))
                        .col(string(OutboxMessages::ToEmail))
                        .col(string_null(OutboxMessages::ToName))
                        .col(string(OutboxMessages::Lang))
                        .col(text(OutboxMessages::Subject))
                        .col(text(OutboxMessages::BodyText))
                        .col(text(OutboxMessages::BodyHtml))
                        .col(text_null(OutboxMessages::Ics))
                        .col(string(OutboxMessages::Status))
                        .col(integer(OutboxMessages::Attempts).default(0))
                        .col(timestamp_with_time_zone(OutboxMessages::NextAttemptAt))
                        .col(timestamp_with_time_zone_null(OutboxMessages::ClaimedUntil))
                        .col(text_null(OutboxMessages::LastError))
                        .col(timestamp_with_time_zone_null(OutboxMessages::SentAt))
                        .col(integer_null(OutboxMessages::ApplicationId))
                        .col(integer_null(OutboxMessages::CreatedBy))
                        .foreign_key(
                            ForeignKey::create()
                                .from(OutboxMessages::Table, OutboxMessages::ApplicationId)
                                .to(Alias::new("applications"), Alias::new("id"))
                                .on_delete(ForeignKeyAction::SetNull),
                        )
                        .foreign_key(&mut user_fk(
                            OutboxMessages::Table,
                            OutboxMessages::CreatedBy,
                        )),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_outbox_due",
            OutboxMessages::Table,
            [OutboxMessages::Status, OutboxMessages::NextAttemptAt],
        )
        .await?;
        create_index(
            manager,
            "idx_outbox_application",
            OutboxMessages::Table,
            [OutboxMessages::ApplicationId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(JobRuns::Table)
                    .col(string(JobRuns::Name).primary_key())
                    .col(date(JobRuns::LastRunOn))
                    .col(timestamp_with_time_zone(JobRuns::RunAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["job_runs", "outbox_messages"]).await
    }
}
