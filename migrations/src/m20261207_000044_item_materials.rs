//! Intern programme materials and the time-to-fill report's reference cases.
//!
//! `item_materials`: a link or a file attached to a programme template item (copied onto every
//! new plan made from it) or to one intern's plan item. `code` is the natural key of a material
//! from seed-data (null for the agency's own); `track` limits a material to the interns of one
//! exam track; a removed material keeps its row with `removed_at`, so a seeded one does not come
//! back on the next start.
//!
//! `reference_cases`: closed hires from the seed articles, with the one count each source gives
//! (calendar or working days) and the dates when they are known.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ItemMaterials {
    Table,
    Id,
    Code,
    ProgrammeItemId,
    InternshipItemId,
    Track,
    TitleRu,
    TitleEn,
    NoteRu,
    NoteEn,
    Url,
    StoredFileId,
    CreatedBy,
    RemovedAt,
}

#[derive(DeriveIden)]
enum ReferenceCases {
    Table,
    Id,
    Code,
    Rank,
    TitleRu,
    TitleEn,
    ClientRu,
    ClientEn,
    CountedIn,
    Days,
    OpenedOn,
    FilledOn,
    Source,
}

#[derive(DeriveIden)]
enum ProgrammeItems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum InternshipItems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(ItemMaterials::Table)
            .col(pk_auto(ItemMaterials::Id))
            .col(string_null(ItemMaterials::Code).unique_key())
            .col(integer_null(ItemMaterials::ProgrammeItemId))
            .col(integer_null(ItemMaterials::InternshipItemId))
            .col(string_null(ItemMaterials::Track))
            .col(string(ItemMaterials::TitleRu))
            .col(string(ItemMaterials::TitleEn))
            .col(text(ItemMaterials::NoteRu).default(""))
            .col(text(ItemMaterials::NoteEn).default(""))
            .col(text_null(ItemMaterials::Url))
            .col(integer_null(ItemMaterials::StoredFileId))
            .col(integer_null(ItemMaterials::CreatedBy))
            .col(timestamp_with_time_zone_null(ItemMaterials::RemovedAt))
            .foreign_key(
                ForeignKey::create()
                    .from(ItemMaterials::Table, ItemMaterials::ProgrammeItemId)
                    .to(ProgrammeItems::Table, ProgrammeItems::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(ItemMaterials::Table, ItemMaterials::InternshipItemId)
                    .to(InternshipItems::Table, InternshipItems::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            )
            // A file's bytes go when the last material using it is removed; the row stays.
            .foreign_key(
                ForeignKey::create()
                    .from(ItemMaterials::Table, ItemMaterials::StoredFileId)
                    .to(StoredFiles::Table, StoredFiles::Id)
                    .on_delete(ForeignKeyAction::SetNull),
            )
            .foreign_key(&mut user_fk(ItemMaterials::Table, ItemMaterials::CreatedBy));
        with_timestamps(&mut table);
        manager.create_table(table.to_owned()).await?;
        // A plan page reads the materials of its items; enrolment those of the template.
        create_index(
            manager,
            "idx_item_materials_internship_item",
            ItemMaterials::Table,
            [ItemMaterials::InternshipItemId],
        )
        .await?;
        create_index(
            manager,
            "idx_item_materials_programme_item",
            ItemMaterials::Table,
            [ItemMaterials::ProgrammeItemId],
        )
        .await?;

        let mut table = Table::create();
        table
            .table(ReferenceCases::Table)
            .col(pk_auto(ReferenceCases::Id))
            .col(string_uniq(ReferenceCases::Code))
            .col(integer(ReferenceCases::Rank))
            .col(string(ReferenceCases::TitleRu))
            .col(string(ReferenceCases::TitleEn))
            .col(string(ReferenceCases::ClientRu))
            .col(string(ReferenceCases::ClientEn))
            // "calendar" or "working": the count the source gives.
            .col(string(ReferenceCases::CountedIn))
            .col(integer(ReferenceCases::Days))
            .col(date_null(ReferenceCases::OpenedOn))
            .col(date_null(ReferenceCases::FilledOn))
            .col(string(ReferenceCases::Source));
        with_timestamps(&mut table);
        manager.create_table(table.to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::util::drop_tables(manager, &["reference_cases", "item_materials"]).await
    }
}
