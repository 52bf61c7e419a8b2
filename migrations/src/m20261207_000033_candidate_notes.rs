//! Notes about a person rather than one of their applications: the card's note form and
//! `POST /candidates/{id}/notes`. A note may still name the application it is about.
//! Application events stay where they are; the timeline module reads both.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::create_index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CandidateNotes {
    Table,
    Id,
    CandidateId,
    ApplicationId,
    AuthorId,
    Text,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CandidateNotes::Table)
                    .col(pk_auto(CandidateNotes::Id))
                    .col(integer(CandidateNotes::CandidateId))
                    .col(integer_null(CandidateNotes::ApplicationId))
                    .col(integer_null(CandidateNotes::AuthorId))
                    .col(text(CandidateNotes::Text))
                    .col(timestamp_with_time_zone(CandidateNotes::CreatedAt))
                    .col(timestamp_with_time_zone(CandidateNotes::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidateNotes::Table, CandidateNotes::CandidateId)
                            .to(Alias::new("candidates"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidateNotes::Table, CandidateNotes::ApplicationId)
                            .to(Alias::new("applications"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidateNotes::Table, CandidateNotes::AuthorId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The card reads one person's notes, newest first.
        create_index(
            manager,
            "idx_candidate_notes_candidate",
            CandidateNotes::Table,
            [CandidateNotes::CandidateId, CandidateNotes::CreatedAt],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CandidateNotes::Table).to_owned())
            .await
    }
}
