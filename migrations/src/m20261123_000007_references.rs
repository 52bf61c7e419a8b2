//! References from previous employers: referees of an application, their answers and verdict,
//! and the one-time link a referee answers through without signing in.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Referees {
    Table,
    Id,
    ApplicationId,
    Name,
    Company,
    Relation,
    Email,
    Phone,
    Status,
    Verdict,
    Answers,
    Notes,
    TokenHash,
    TokenExpiresAt,
    RequestedAt,
    AnsweredAt,
    CreatedBy,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Referees::Table)
                        .col(pk_auto(Referees::Id))
                        .col(integer(Referees::ApplicationId))
                        .col(string(Referees::Name))
                        .col(string(Referees::Company))
                        .col(string(Referees::Relation))
                        .col(string_null(Referees::Email))
                        .col(string_null(Referees::Phone))
                        .col(string(Referees::Status))
                        .col(string_null(Referees::Verdict))
                        .col(text(Referees::Answers))
                        .col(text(Referees::Notes))
                        .col(string_null(Referees::TokenHash))
                        .col(timestamp_with_time_zone_null(Referees::TokenExpiresAt))
                        .col(timestamp_with_time_zone_null(Referees::RequestedAt))
                        .col(timestamp_with_time_zone_null(Referees::AnsweredAt))
                        .col(integer_null(Referees::CreatedBy))
                        .col(integer(Referees::Version).default(1))
                        .foreign_key(
                            ForeignKey::create()
                                .from(Referees::Table, Referees::ApplicationId)
                                .to(Alias::new("applications"), Alias::new("id"))
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(&mut user_fk(Referees::Table, Referees::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_referees_application",
            Referees::Table,
            [Referees::ApplicationId],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_referees_token")
                    .table(Referees::Table)
                    .col(Referees::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["referees"]).await
    }
}
