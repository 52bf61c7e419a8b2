//! Market data that stays current: each dataset says what it counts (`kind`: résumés,
//! vacancies or a survey) apart from how it is shaped (`shape`: histogram, range, …); bucket
//! rows get a label and a median and may leave the count out; a CSV upload waits in
//! `market_imports` until someone confirms it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, execute_all, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MarketDatasets {
    Table,
    Code,
    Kind,
    Shape,
    Total,
}

#[derive(DeriveIden)]
enum MarketBucketsNext {
    Table,
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
        // `kind` used to say how a dataset is shaped; the word now says what it counts.
        manager
            .alter_table(
                Table::alter()
                    .table(MarketDatasets::Table)
                    .rename_column(MarketDatasets::Kind, MarketDatasets::Shape)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MarketDatasets::Table)
                    .add_column(string(MarketDatasets::Kind).default("vacancies"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MarketDatasets::Table)
                    .add_column(big_integer_null(MarketDatasets::Total))
                    .to_owned(),
            )
            .await?;
        // What the seeded datasets count; the loader keeps these labels by code from now on.
        execute_all(
            manager,
            &[
                "UPDATE market_datasets SET kind = 'resumes', total = 15767 WHERE code = 'hh-moscow-2022-07'",
                "UPDATE market_datasets SET kind = 'survey' WHERE code = 'realhr-digital-2022-q2'",
            ],
        )
        .await?;

        // A bucket's count becomes optional (a row may give a median instead), which SQLite
        // cannot change in place: the table is built again and the rows copied over.
        manager
            .create_table(
                Table::create()
                    .table(MarketBucketsNext::Table)
                    .col(pk_auto(MarketBucketsNext::Id))
                    .col(string(MarketBucketsNext::DatasetCode))
                    .col(string_null(MarketBucketsNext::Label))
                    .col(big_integer_null(MarketBucketsNext::Lower))
                    .col(big_integer_null(MarketBucketsNext::Upper))
                    .col(big_integer_null(MarketBucketsNext::Median))
                    .col(integer_null(MarketBucketsNext::Count))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MarketBucketsNext::Table, MarketBucketsNext::DatasetCode)
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
                "INSERT INTO market_buckets_next (dataset_code, lower, upper, count) \
               SELECT dataset_code, lower, upper, count FROM market_buckets ORDER BY id",
            ],
        )
        .await?;
        manager
            .drop_table(Table::drop().table(MarketBuckets::Table).to_owned())
            .await?;
        manager
            .rename_table(
                Table::rename()
                    .table(MarketBucketsNext::Table, MarketBuckets::Table)
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_market_buckets_dataset",
            MarketBuckets::Table,
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
        for column in [MarketDatasets::Total, MarketDatasets::Kind] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MarketDatasets::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(MarketDatasets::Table)
                    .rename_column(MarketDatasets::Shape, MarketDatasets::Kind)
                    .to_owned(),
            )
            .await
    }
}
