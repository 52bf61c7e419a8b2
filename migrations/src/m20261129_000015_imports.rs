//! CSV imports of candidates: the uploaded batch with its state, counts and progress, one row
//! per line of the file with its checks and outcome, and on consents the basis they rest on.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ImportBatches {
    Table,
    Id,
    CreatedBy,
    State,
    Filename,
    Encoding,
    PositionId,
    ConsentTextVersion,
    TotalRows,
    NewRows,
    DuplicateRows,
    InFileRows,
    ErrorRows,
    SelectedRows,
    ProcessedRows,
    CreatedRows,
    LinkedRows,
    ClaimedUntil,
    FinishedAt,
}

#[derive(DeriveIden)]
enum ImportRows {
    Table,
    Id,
    BatchId,
    LineNumber,
    Status,
    FullName,
    Email,
    Phone,
    CurrentTitle,
    CurrentCompany,
    ExpectedSalary,
    Currency,
    Links,
    Source,
    Errors,
    ExistingCandidateId,
    EarlierLine,
    Selected,
    Outcome,
    CandidateId,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Basis,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(ImportBatches::Table)
                        .col(pk_auto(ImportBatches::Id))
                        .col(integer_null(ImportBatches::CreatedBy))
                        .col(string(ImportBatches::State))
                        .col(string(ImportBatches::Filename))
                        .col(string(ImportBatches::Encoding))
                        .col(integer_null(ImportBatches::PositionId))
                        .col(string(ImportBatches::ConsentTextVersion))
                        .col(integer(ImportBatches::TotalRows))
                        .col(integer(ImportBatches::NewRows))
                        .col(integer(ImportBatches::DuplicateRows))
                        .col(integer(ImportBatches::InFileRows))
                        .col(integer(ImportBatches::ErrorRows))
                        .col(integer(ImportBatches::SelectedRows))
                        .col(integer(ImportBatches::ProcessedRows))
                        .col(integer(ImportBatches::CreatedRows))
                        .col(integer(ImportBatches::LinkedRows))
                        .col(timestamp_with_time_zone_null(ImportBatches::ClaimedUntil))
                        .col(timestamp_with_time_zone_null(ImportBatches::FinishedAt))
                        .foreign_key(&mut user_fk(ImportBatches::Table, ImportBatches::CreatedBy))
                        .foreign_key(
                            ForeignKey::create()
                                .from(ImportBatches::Table, ImportBatches::PositionId)
                                .to(Alias::new("positions"), Alias::new("id"))
                                .on_delete(ForeignKeyAction::SetNull),
                        ),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_import_batches_state",
            ImportBatches::Table,
            [ImportBatches::State],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportRows::Table)
                    .col(pk_auto(ImportRows::Id))
                    .col(integer(ImportRows::BatchId))
                    .col(integer(ImportRows::LineNumber))
                    .col(string(ImportRows::Status))
                    .col(string(ImportRows::FullName))
                    .col(string_null(ImportRows::Email))
                    .col(string_null(ImportRows::Phone))
                    .col(string_null(ImportRows::CurrentTitle))
                    .col(string_null(ImportRows::CurrentCompany))
                    .col(big_integer_null(ImportRows::ExpectedSalary))
                    .col(string_null(ImportRows::Currency))
                    .col(text_null(ImportRows::Links))
                    .col(string_null(ImportRows::Source))
                    .col(text_null(ImportRows::Errors))
                    // No foreign key: the person may be erased; the row keeps only the number.
                    .col(integer_null(ImportRows::ExistingCandidateId))
                    .col(integer_null(ImportRows::EarlierLine))
                    .col(boolean(ImportRows::Selected))
                    .col(string_null(ImportRows::Outcome))
                    .col(integer_null(ImportRows::CandidateId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportRows::Table, ImportRows::BatchId)
                            .to(ImportBatches::Table, ImportBatches::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_import_rows_batch_line",
            ImportRows::Table,
            [ImportRows::BatchId, ImportRows::LineNumber],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consents::Table)
                    .add_column(string_null(Consents::Basis))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Consents::Table)
                    .drop_column(Consents::Basis)
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["import_rows", "import_batches"]).await
    }
}
