//! Privacy: the destruction record each erasure leaves (kept three years with its audit
//! entries), and on consents their expiry and the re-consent reminder.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DestructionRecords {
    Table,
    Id,
    CandidateId,
    Categories,
    Method,
    Reason,
    DestroyedAt,
    DestroyedBy,
    KeepUntil,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    ExpiresAt,
    RemindedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DestructionRecords::Table)
                    .col(pk_auto(DestructionRecords::Id))
                    // No foreign key: the record outlives what it describes.
                    .col(integer(DestructionRecords::CandidateId))
                    .col(text(DestructionRecords::Categories))
                    .col(string(DestructionRecords::Method))
                    .col(string(DestructionRecords::Reason))
                    .col(timestamp_with_time_zone(DestructionRecords::DestroyedAt))
                    .col(integer_null(DestructionRecords::DestroyedBy))
                    .col(timestamp_with_time_zone(DestructionRecords::KeepUntil))
                    .foreign_key(&mut user_fk(
                        DestructionRecords::Table,
                        DestructionRecords::DestroyedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_destruction_records_candidate",
            DestructionRecords::Table,
            [DestructionRecords::CandidateId],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consents::Table)
                    .add_column(timestamp_with_time_zone_null(Consents::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consents::Table)
                    .add_column(timestamp_with_time_zone_null(Consents::RemindedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Consents::ExpiresAt, Consents::RemindedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Consents::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        drop_tables(manager, &["destruction_records"]).await
    }
}
