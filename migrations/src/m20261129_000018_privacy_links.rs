//! The link in candidates' emails to a page of their own, where they see their consents and
//! withdraw or give them. Only a digest of the token is stored.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::create_index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PrivacyLinks {
    Table,
    Id,
    CandidateId,
    TokenHash,
    ExpiresAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PrivacyLinks::Table)
                    .col(pk_auto(PrivacyLinks::Id))
                    .col(integer(PrivacyLinks::CandidateId))
                    .col(string_uniq(PrivacyLinks::TokenHash))
                    .col(timestamp_with_time_zone(PrivacyLinks::ExpiresAt))
                    .col(timestamp_with_time_zone(PrivacyLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PrivacyLinks::Table, PrivacyLinks::CandidateId)
                            .to(Alias::new("candidates"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_privacy_links_candidate",
            PrivacyLinks::Table,
            [PrivacyLinks::CandidateId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PrivacyLinks::Table).to_owned())
            .await
    }
}
