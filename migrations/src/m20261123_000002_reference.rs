//! Reference data: grades with salary bands, competencies, market salary data, settings.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::with_timestamps;
use crate::util::{create_index, drop_tables};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Grades {
    Table,
    Code,
    NameEn,
    NameRu,
    Rank,
    SalaryMin,
    SalaryMax,
    Currency,
}

#[derive(DeriveIden)]
enum Competencies {
    Table,
    Code,
    NameEn,
    NameRu,
    Kind,
    Rank,
}

#[derive(DeriveIden)]
enum MarketDatasets {
    Table,
    Code,
    Kind,
    TitleEn,
    TitleRu,
    Source,
    Region,
    ObservedOn,
    RangeMin,
    RangeMax,
    Currency,
}

#[derive(DeriveIden)]
enum MarketBuckets {
    Table,
    Id,
    DatasetCode,
    Lower,
    Upper,
    Count,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Grades::Table)
                        .col(string(Grades::Code).primary_key())
                        .col(string(Grades::NameEn))
                        .col(string(Grades::NameRu))
                        .col(integer(Grades::Rank))
                        .col(big_integer(Grades::SalaryMin))
                        .col(big_integer(Grades::SalaryMax))
                        .col(string(Grades::Currency).default("RUB")),
                )
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Competencies::Table)
                    .col(string(Competencies::Code).primary_key())
                    .col(string(Competencies::NameEn))
                    .col(string(Competencies::NameRu))
                    .col(string(Competencies::Kind))
                    .col(integer(Competencies::Rank))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MarketDatasets::Table)
                    .col(string(MarketDatasets::Code).primary_key())
                    .col(string(MarketDatasets::Kind))
                    .col(string(MarketDatasets::TitleEn))
                    .col(string(MarketDatasets::TitleRu))
                    .col(string(MarketDatasets::Source))
                    .col(string(MarketDatasets::Region))
                    .col(date(MarketDatasets::ObservedOn))
                    .col(big_integer_null(MarketDatasets::RangeMin))
                    .col(big_integer_null(MarketDatasets::RangeMax))
                    .col(string(MarketDatasets::Currency).default("RUB"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MarketBuckets::Table)
                    .col(pk_auto(MarketBuckets::Id))
                    .col(string(MarketBuckets::DatasetCode))
                    .col(big_integer_null(MarketBuckets::Lower))
                    .col(big_integer_null(MarketBuckets::Upper))
                    .col(integer(MarketBuckets::Count))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MarketBuckets::Table, MarketBuckets::DatasetCode)
                            .to(MarketDatasets::Table, MarketDatasets::Code)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_market_buckets_dataset",
            MarketBuckets::Table,
            [MarketBuckets::DatasetCode],
        )
        .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Settings::Table)
                        .col(string(Settings::Key).primary_key())
                        .col(text(Settings::Value)),
                )
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "settings",
                "market_buckets",
                "market_datasets",
                "competencies",
                "grades",
            ],
        )
        .await
    }
}
