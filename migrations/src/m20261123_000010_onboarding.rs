//! The onboarding checklist of a hire, made from seed-data/onboarding.toml when an offer is
//! accepted.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OnboardingItems {
    Table,
    Id,
    ApplicationId,
    Code,
    Rank,
    TitleRu,
    TitleEn,
    DueOn,
    DoneAt,
    DoneBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OnboardingItems::Table)
                    .col(pk_auto(OnboardingItems::Id))
                    .col(integer(OnboardingItems::ApplicationId))
                    .col(string(OnboardingItems::Code))
                    .col(integer(OnboardingItems::Rank))
                    .col(string(OnboardingItems::TitleRu))
                    .col(string(OnboardingItems::TitleEn))
                    .col(date(OnboardingItems::DueOn))
                    .col(timestamp_with_time_zone_null(OnboardingItems::DoneAt))
                    .col(integer_null(OnboardingItems::DoneBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OnboardingItems::Table, OnboardingItems::ApplicationId)
                            .to(Alias::new("applications"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(
                        OnboardingItems::Table,
                        OnboardingItems::DoneBy,
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_onboarding_items_application",
            OnboardingItems::Table,
            [OnboardingItems::ApplicationId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["onboarding_items"]).await
    }
}
