//! Undo send for mass actions: the emails one action queued (a bulk rejection, the closing of
//! a filled or cancelled position's search) form a batch that waits a hold before it goes,
//! so the whole batch, or one message of it, can still be called back.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxBatches {
    Table,
    Id,
    /// bulk_reject, bulk_move, position_filled or position_cancelled.
    Kind,
    /// The position it concerns, for the label ("Senior account manager: position filled").
    PositionId,
    /// When the held emails go, unless cancelled first.
    SendAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    BatchId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(OutboxBatches::Table)
                        .col(pk_auto(OutboxBatches::Id))
                        .col(string(OutboxBatches::Kind))
                        .col(integer_null(OutboxBatches::PositionId))
                        .col(timestamp_with_time_zone(OutboxBatches::SendAt))
                        .col(integer_null(OutboxBatches::CreatedBy))
                        .foreign_key(&mut user_fk(OutboxBatches::Table, OutboxBatches::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        // SQLite adds no foreign key with ALTER TABLE; the batch is looked up by id only.
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessages::Table)
                    .add_column(integer_null(OutboxMessages::BatchId))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_outbox_messages_batch",
            OutboxMessages::Table,
            [OutboxMessages::BatchId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_messages_batch")
                    .table(OutboxMessages::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessages::Table)
                    .drop_column(OutboxMessages::BatchId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(OutboxBatches::Table).to_owned())
            .await
    }
}
