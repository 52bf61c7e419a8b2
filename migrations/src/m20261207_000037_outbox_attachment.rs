//! One file sent with an outbox message (the offer letter's PDF): its name, type and bytes in
//! the message's own row, so that the instance whose worker claims the row can send it, and a
//! change that rolls back leaves no file anywhere.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum OutboxMessages {
    Table,
    AttachmentName,
    AttachmentType,
    Attachment,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in [
            string_null(OutboxMessages::AttachmentName),
            string_null(OutboxMessages::AttachmentType),
            blob_null(OutboxMessages::Attachment),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OutboxMessages::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            OutboxMessages::AttachmentName,
            OutboxMessages::AttachmentType,
            OutboxMessages::Attachment,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OutboxMessages::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
