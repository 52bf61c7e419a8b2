//! Market data that stays current: each dataset says what it counts (`kind`: résumés,
//! vacancies or a survey) apart from how it is shaped (`shape`: histogram, range, …); bucket
//! rows (now `market_bucket_rows`) get a label and a median and may leave the count out; a CSV upload waits in
//! `market_imports` until someone confirms it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, execute_all, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MarketDatasets {
    Table,
    Code,
    Counts,
    Total,
}

#[derive(DeriveIden)]
enum MarketBucketsNext {
    Id,
    DatasetCode,
    Label,
    Lower,
    Upper,
    Median,
    Count,
}

#[derive(DeriveIden)]
enum MarketBuckets {
    Table,
}

#[derive(DeriveIden)]
enum MarketBucketRows {
    Table,
}

#[derive(DeriveIden)]
enum MarketImports {
    Table,
    Id,
    CreatedBy,
    Kind,
    Title,
    Source,
    Region,
    AsOf,
    Currency,
    Csv,
    RowCount,
    ErrorCount,
    DatasetCode,
    ConfirmedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The old `kind` column keeps saying how a dataset is shaped (the entity calls it
        // `shape`); `counts` says what the figures count (the entity's `kind`).
        // Written out: through the schema builder these failed on SQLite with an empty
        // message; this SQL reads the same on both backends.
        execute_all(
            manager,
            &[
                "ALTER TABLE market_datasets ADD COLUMN counts varchar NOT NULL DEFAULT 'vacancies'",
                "ALTER TABLE market_datasets ADD COLUMN total bigint NULL",
            ],
        )
        .await?;
        // What the seeded datasets count; the loader keeps these labels by code from now on.
        execute_all(
            manager,
            &[
                "UPDATE market_datasets SET counts = 'resumes', total = 15767 WHERE code = 'hh-moscow-2022-07'",
                "UPDATE market_datasets SET counts = 'survey' WHERE code = 'realhr-digital-2022-q2'",
            ],
        )
        .await?;

        // A bucket's count becomes optional (a row may give a median instead), which SQLite
        // cannot change in place. The rows move to a table of the new shape under a new name:
        // rebuilding `market_buckets` under its own name (or renaming a table) failed now and
        // then on SQLite through the migration runner, so nothing here reuses a name.
        manager
            .create_table(
                Table::create()
                    .table(MarketBucketRows::Table)
                    .col(pk_auto(MarketBucketsNext::Id))
                    .col(string(MarketBucketsNext::DatasetCode))
                    .col(string_null(MarketBucketsNext::Label))
                    .col(big_integer_null(MarketBucketsNext::Lower))
                    .col(big_integer_null(MarketBucketsNext::Upper))
                    .col(big_integer_null(MarketBucketsNext::Median))
                    .col(integer_null(MarketBucketsNext::Count))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MarketBucketRows::Table, MarketBucketsNext::DatasetCode)
                            .to(MarketDatasets::Table, MarketDatasets::Code)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Ids are left to the new table, so PostgreSQL's sequence stays ahead of them.
        execute_all(
            manager,
            &[
                "INSERT INTO market_bucket_rows (dataset_code, lower, upper, count) \
               SELECT dataset_code, lower, upper, count FROM market_buckets ORDER BY id",
            ],
        )
        .await?;
        manager
            .drop_table(Table::drop().table(MarketBuckets::Table).to_owned())
            .await?;
        create_index(
            manager,
            "idx_market_bucket_rows_dataset",
            MarketBucketRows::Table,
            [MarketBucketsNext::DatasetCode],
        )
        .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(MarketImports::Table)
                        .col(pk_auto(MarketImports::Id))
                        .col(integer_null(MarketImports::CreatedBy))
                        .col(string(MarketImports::Kind))
                        .col(string(MarketImports::Title))
                        .col(string(MarketImports::Source))
                        .col(string(MarketImports::Region))
                        .col(date(MarketImports::AsOf))
                        .col(string(MarketImports::Currency).default("RUB"))
                        .col(text(MarketImports::Csv))
                        .col(integer(MarketImports::RowCount))
                        .col(integer(MarketImports::ErrorCount))
                        .col(string_null(MarketImports::DatasetCode))
                        .col(timestamp_with_time_zone_null(MarketImports::ConfirmedAt))
                        .foreign_key(&mut user_fk(MarketImports::Table, MarketImports::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MarketImports::Table).to_owned())
            .await?;
        // The buckets keep their new shape: a count left out has no value to go back to.
        for column in [MarketDatasets::Total, MarketDatasets::Counts] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MarketDatasets::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
