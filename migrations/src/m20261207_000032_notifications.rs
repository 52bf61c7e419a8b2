//! What needs a person: a mention, an interview to score, a reply, an approval, an answer.
//! A notification stores its kind and the values its sentence needs, never the sentence, so
//! each reader gets it in their own language. `digested_at` marks what a daily digest email
//! has already told; `users.notify_digest` turns that email off.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::create_index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    Args,
    Url,
    ActorId,
    CreatedAt,
    ReadAt,
    DigestedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    NotifyDigest,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(string(Notifications::Kind))
                    .col(text(Notifications::Args))
                    .col(string(Notifications::Url))
                    .col(integer_null(Notifications::ActorId))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .col(timestamp_with_time_zone_null(Notifications::DigestedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The bell counts a person's unread ones on every page.
        create_index(
            manager,
            "idx_notifications_user_read",
            Notifications::Table,
            [Notifications::UserId, Notifications::ReadAt],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(boolean(Users::NotifyDigest).default(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::NotifyDigest)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}
