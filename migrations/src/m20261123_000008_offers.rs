//! Offers as a negotiation ledger: one row per revision, with its terms, why it changed, the
//! approvals it went through, and the links a candidate or an approver answers through.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    ApplicationId,
    Revision,
    Status,
    Salary,
    Currency,
    StartDate,
    ProbationMonths,
    BonusTerms,
    Terms,
    BandExceptionReason,
    NeedsApproval,
    ChangeReason,
    CounterProposal,
    DeclineReason,
    ManagerDecision,
    ManagerComment,
    ManagerId,
    ManagerAt,
    CeoDecision,
    CeoComment,
    CeoId,
    CeoAt,
    TokenHash,
    TokenPurpose,
    TokenExpiresAt,
    SentAt,
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
                        .table(Offers::Table)
                        .col(pk_auto(Offers::Id))
                        .col(integer(Offers::ApplicationId))
                        .col(integer(Offers::Revision))
                        .col(string(Offers::Status))
                        .col(big_integer(Offers::Salary))
                        .col(string(Offers::Currency))
                        .col(date(Offers::StartDate))
                        .col(integer(Offers::ProbationMonths))
                        .col(text(Offers::BonusTerms))
                        .col(text(Offers::Terms))
                        .col(text_null(Offers::BandExceptionReason))
                        .col(boolean(Offers::NeedsApproval))
                        .col(text(Offers::ChangeReason))
                        .col(text_null(Offers::CounterProposal))
                        .col(text_null(Offers::DeclineReason))
                        .col(string_null(Offers::ManagerDecision))
                        .col(text_null(Offers::ManagerComment))
                        .col(integer_null(Offers::ManagerId))
                        .col(timestamp_with_time_zone_null(Offers::ManagerAt))
                        .col(string_null(Offers::CeoDecision))
                        .col(text_null(Offers::CeoComment))
                        .col(integer_null(Offers::CeoId))
                        .col(timestamp_with_time_zone_null(Offers::CeoAt))
                        .col(string_null(Offers::TokenHash))
                        .col(string_null(Offers::TokenPurpose))
                        .col(timestamp_with_time_zone_null(Offers::TokenExpiresAt))
                        .col(timestamp_with_time_zone_null(Offers::SentAt))
                        .col(timestamp_with_time_zone_null(Offers::AnsweredAt))
                        .col(integer_null(Offers::CreatedBy))
                        .col(integer(Offers::Version).default(1))
                        .foreign_key(
                            ForeignKey::create()
                                .from(Offers::Table, Offers::ApplicationId)
                                .to(Alias::new("applications"), Alias::new("id"))
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(&mut user_fk(Offers::Table, Offers::ManagerId))
                        .foreign_key(&mut user_fk(Offers::Table, Offers::CeoId))
                        .foreign_key(&mut user_fk(Offers::Table, Offers::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_application_revision")
                    .table(Offers::Table)
                    .col(Offers::ApplicationId)
                    .col(Offers::Revision)
                    .unique()
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_offers_token",
            Offers::Table,
            [Offers::TokenHash],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["offers"]).await
    }
}
