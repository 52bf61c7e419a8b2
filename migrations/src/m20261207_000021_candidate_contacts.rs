//! A person's contacts beyond the primary email and phone: what a recruiter typed for someone
//! who turned out to exist already is kept beside what we had, never dropped. Values are stored
//! normalised, as the primary ones are, so duplicates are found by them too.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::create_index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CandidateContacts {
    Table,
    Id,
    CandidateId,
    Kind,
    Value,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CandidateContacts::Table)
                    .col(pk_auto(CandidateContacts::Id))
                    .col(integer(CandidateContacts::CandidateId))
                    .col(string(CandidateContacts::Kind))
                    .col(string(CandidateContacts::Value))
                    .col(integer_null(CandidateContacts::CreatedBy))
                    .col(timestamp_with_time_zone(CandidateContacts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidateContacts::Table, CandidateContacts::CandidateId)
                            .to(Alias::new("candidates"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_candidate_contacts_candidate",
            CandidateContacts::Table,
            [CandidateContacts::CandidateId],
        )
        .await?;
        create_index(
            manager,
            "idx_candidate_contacts_value",
            CandidateContacts::Table,
            [CandidateContacts::Value],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CandidateContacts::Table).to_owned())
            .await
    }
}
