//! An intern's month decided before its last week says why: the reason is kept beside the
//! decision and shown with it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Internships {
    Table,
    EarlyReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Internships::Table)
                    .add_column(text_null(Internships::EarlyReason))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Internships::Table)
                    .drop_column(Internships::EarlyReason)
                    .to_owned(),
            )
            .await
    }
}
