//! What a careers site and a second language need from a position: the city and work format
//! candidates filter by, and the profile written in English beside the Russian one (an English
//! vacancy is written from these, never from the Russian fields, so it holds no Cyrillic).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Positions {
    Table,
    City,
    WorkFormat,
    TitleEn,
    ReportsToEn,
    CompanyEn,
    RoleEn,
    DutiesEn,
    RequirementsEn,
    ConditionsEn,
    KpisEn,
}

const TEXT_COLUMNS: [Positions; 6] = [
    Positions::CompanyEn,
    Positions::RoleEn,
    Positions::DutiesEn,
    Positions::RequirementsEn,
    Positions::ConditionsEn,
    Positions::KpisEn,
];
const LINE_COLUMNS: [Positions; 4] = [
    Positions::City,
    Positions::WorkFormat,
    Positions::TitleEn,
    Positions::ReportsToEn,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in LINE_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Positions::Table)
                        .add_column(string_null(column))
                        .to_owned(),
                )
                .await?;
        }
        for column in TEXT_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Positions::Table)
                        .add_column(text_null(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in LINE_COLUMNS.into_iter().chain(TEXT_COLUMNS) {
            manager
                .alter_table(
                    Table::alter()
                        .table(Positions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
