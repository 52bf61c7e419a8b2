//! An import row keeps the stage its file names (the candidate export writes each person's
//! latest stage), so the preview can show that a file exported here reads back the same.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ImportRows {
    Table,
    Stage,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ImportRows::Table)
                    .add_column(string_null(ImportRows::Stage))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ImportRows::Table)
                    .drop_column(ImportRows::Stage)
                    .to_owned(),
            )
            .await
    }
}
