//! The hiring core: positions, candidates, their applications and each application's timeline.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000002_reference::Grades;
use crate::util::{create_index, drop_tables};
use crate::util::{user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
    Slug,
    Title,
    Grade,
    Status,
    ReportsTo,
    Headcount,
    Company,
    Role,
    Duties,
    Requirements,
    Conditions,
    Kpis,
    RecruiterId,
    HiringManagerId,
    TargetDate,
    OpenedOn,
    FilledOn,
    Version,
}

#[derive(DeriveIden)]
enum Candidates {
    Table,
    Id,
    FullName,
    Email,
    Phone,
    CurrentTitle,
    CurrentCompany,
    ExpectedSalary,
    Currency,
    Links,
    Lang,
    ReferenceConsent,
    TalentPool,
    ErasedAt,
    Version,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    CandidateId,
    PositionId,
    Stage,
    Source,
    EndedReason,
    StageChangedAt,
    Version,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    Id,
    ApplicationId,
    At,
    ActorId,
    Kind,
    FromStage,
    ToStage,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Positions::Table)
                        .col(pk_auto(Positions::Id))
                        .col(string_uniq(Positions::Slug))
                        .col(string(Positions::Title))
                        .col(string(Positions::Grade))
                        .col(string(Positions::Status))
                        .col(string(Positions::ReportsTo))
                        .col(integer(Positions::Headcount).default(1))
                        .col(text(Positions::Company))
                        .col(text(Positions::Role))
                        .col(text(Positions::Duties))
                        .col(text(Positions::Requirements))
                        .col(text(Positions::Conditions))
                        .col(text(Positions::Kpis))
                        .col(integer_null(Positions::RecruiterId))
                        .col(integer_null(Positions::HiringManagerId))
                        .col(date_null(Positions::TargetDate))
                        .col(date_null(Positions::OpenedOn))
                        .col(date_null(Positions::FilledOn))
                        .col(integer(Positions::Version).default(1))
                        .foreign_key(
                            ForeignKey::create()
                                .from(Positions::Table, Positions::Grade)
                                .to(Grades::Table, Grades::Code),
                        )
                        .foreign_key(&mut user_fk(Positions::Table, Positions::RecruiterId))
                        .foreign_key(&mut user_fk(Positions::Table, Positions::HiringManagerId)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_positions_status",
            Positions::Table,
            [Positions::Status],
        )
        .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Candidates::Table)
                        .col(pk_auto(Candidates::Id))
                        .col(string(Candidates::FullName))
                        .col(string_null(Candidates::Email))
                        .col(string_null(Candidates::Phone))
                        .col(string_null(Candidates::CurrentTitle))
                        .col(string_null(Candidates::CurrentCompany))
                        .col(big_integer_null(Candidates::ExpectedSalary))
                        .col(string_null(Candidates::Currency))
                        .col(text_null(Candidates::Links))
                        .col(string(Candidates::Lang).default("ru"))
                        .col(boolean(Candidates::ReferenceConsent).default(false))
                        .col(boolean(Candidates::TalentPool).default(false))
                        .col(timestamp_with_time_zone_null(Candidates::ErasedAt))
                        .col(integer(Candidates::Version).default(1)),
                )
                .to_owned(),
            )
            .await?;
        // NULLs are distinct in a unique index on both backends: many candidates may lack a phone.
        for (name, col) in [
            ("idx_candidates_email", Candidates::Email),
            ("idx_candidates_phone", Candidates::Phone),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Candidates::Table)
                        .col(col)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Applications::Table)
                        .col(pk_auto(Applications::Id))
                        .col(integer(Applications::CandidateId))
                        .col(integer(Applications::PositionId))
                        .col(string(Applications::Stage))
                        .col(string(Applications::Source))
                        .col(text_null(Applications::EndedReason))
                        .col(timestamp_with_time_zone(Applications::StageChangedAt))
                        .col(integer(Applications::Version).default(1))
                        .foreign_key(
                            ForeignKey::create()
                                .from(Applications::Table, Applications::CandidateId)
                                .to(Candidates::Table, Candidates::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(Applications::Table, Applications::PositionId)
                                .to(Positions::Table, Positions::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_candidate_position")
                    .table(Applications::Table)
                    .col(Applications::CandidateId)
                    .col(Applications::PositionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_applications_position_stage",
            Applications::Table,
            [Applications::PositionId, Applications::Stage],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationEvents::Table)
                    .col(pk_auto(ApplicationEvents::Id))
                    .col(integer(ApplicationEvents::ApplicationId))
                    .col(timestamp_with_time_zone(ApplicationEvents::At))
                    .col(integer_null(ApplicationEvents::ActorId))
                    .col(string(ApplicationEvents::Kind))
                    .col(string_null(ApplicationEvents::FromStage))
                    .col(string_null(ApplicationEvents::ToStage))
                    .col(text_null(ApplicationEvents::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationEvents::Table, ApplicationEvents::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(
                        ApplicationEvents::Table,
                        ApplicationEvents::ActorId,
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_application_events_application",
            ApplicationEvents::Table,
            [ApplicationEvents::ApplicationId],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "application_events",
                "applications",
                "candidates",
                "positions",
            ],
        )
        .await
    }
}
