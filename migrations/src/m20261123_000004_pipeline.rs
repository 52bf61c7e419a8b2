//! What the pipeline needs beyond migration 3: private files (CVs), the consent ledger,
//! follow-up cadence and hire dates on applications, the hiring team's interviewers, sourcing
//! channels with their saved-search reminder, edited vacancy texts, the editable list of
//! rejection and withdrawal reasons, and the shared counters behind the job page's rate limit.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    Id,
    StorageKey,
    Filename,
    ContentType,
    SizeBytes,
    Sha256,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Candidates {
    Table,
    Id,
    Tags,
    Notes,
    CvFileId,
    Source,
    SearchText,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    CandidateId,
    Purpose,
    TextVersion,
    TextHash,
    GivenAt,
    Ip,
    UserAgent,
    RecordedBy,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    NextContactOn,
    FollowUpStep,
    StartDate,
    StartedOn,
}

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
    VacancyRu,
    VacancyEn,
}

#[derive(DeriveIden)]
enum PositionInterviewers {
    Table,
    PositionId,
    UserId,
}

#[derive(DeriveIden)]
enum SourcingChannels {
    Table,
    Id,
    PositionId,
    Kind,
    Name,
    Url,
    CheckEveryDays,
    LastCheckedAt,
}

#[derive(DeriveIden)]
enum EndReasons {
    Table,
    Code,
    Kind,
    LabelRu,
    LabelEn,
    Rank,
    Active,
}

#[derive(DeriveIden)]
enum RequestCounters {
    Table,
    Key,
    WindowStartedAt,
    Count,
}

/// SQLite takes one change per `ALTER TABLE`.
async fn add_column<T: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(column.to_owned())
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StoredFiles::Table)
                    .col(pk_auto(StoredFiles::Id))
                    .col(string_uniq(StoredFiles::StorageKey))
                    .col(string(StoredFiles::Filename))
                    .col(string(StoredFiles::ContentType))
                    .col(big_integer(StoredFiles::SizeBytes))
                    .col(string(StoredFiles::Sha256))
                    .col(integer_null(StoredFiles::UploadedBy))
                    .col(timestamp_with_time_zone(StoredFiles::CreatedAt))
                    .foreign_key(&mut user_fk(StoredFiles::Table, StoredFiles::UploadedBy))
                    .to_owned(),
            )
            .await?;

        add_column(manager, Candidates::Table, text_null(Candidates::Tags)).await?;
        add_column(manager, Candidates::Table, text_null(Candidates::Notes)).await?;
        add_column(
            manager,
            Candidates::Table,
            integer_null(Candidates::CvFileId),
        )
        .await?;
        add_column(manager, Candidates::Table, string_null(Candidates::Source)).await?;
        // Lower-cased name, contacts and company in one column: case-insensitive search that
        // works for Cyrillic on SQLite too (its LOWER() only knows ASCII).
        add_column(
            manager,
            Candidates::Table,
            text(Candidates::SearchText).default("").to_owned(),
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consents::Table)
                    .col(pk_auto(Consents::Id))
                    .col(integer(Consents::CandidateId))
                    .col(string(Consents::Purpose))
                    .col(string(Consents::TextVersion))
                    .col(string(Consents::TextHash))
                    .col(timestamp_with_time_zone(Consents::GivenAt))
                    .col(string_null(Consents::Ip))
                    .col(text_null(Consents::UserAgent))
                    .col(integer_null(Consents::RecordedBy))
                    .col(timestamp_with_time_zone_null(Consents::WithdrawnAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Consents::Table, Consents::CandidateId)
                            .to(Candidates::Table, Candidates::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(Consents::Table, Consents::RecordedBy))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_consents_candidate",
            Consents::Table,
            [Consents::CandidateId],
        )
        .await?;

        add_column(
            manager,
            Applications::Table,
            date_null(Applications::NextContactOn),
        )
        .await?;
        add_column(
            manager,
            Applications::Table,
            integer(Applications::FollowUpStep).default(0).to_owned(),
        )
        .await?;
        add_column(
            manager,
            Applications::Table,
            date_null(Applications::StartDate),
        )
        .await?;
        add_column(
            manager,
            Applications::Table,
            date_null(Applications::StartedOn),
        )
        .await?;
        create_index(
            manager,
            "idx_applications_next_contact",
            Applications::Table,
            [Applications::NextContactOn],
        )
        .await?;

        add_column(manager, Positions::Table, text_null(Positions::VacancyRu)).await?;
        add_column(manager, Positions::Table, text_null(Positions::VacancyEn)).await?;

        manager
            .create_table(
                Table::create()
                    .table(PositionInterviewers::Table)
                    .col(integer(PositionInterviewers::PositionId))
                    .col(integer(PositionInterviewers::UserId))
                    .primary_key(
                        Index::create()
                            .col(PositionInterviewers::PositionId)
                            .col(PositionInterviewers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PositionInterviewers::Table,
                                PositionInterviewers::PositionId,
                            )
                            .to(Positions::Table, Positions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PositionInterviewers::Table, PositionInterviewers::UserId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(SourcingChannels::Table)
                        .col(pk_auto(SourcingChannels::Id))
                        .col(integer(SourcingChannels::PositionId))
                        .col(string(SourcingChannels::Kind))
                        .col(string(SourcingChannels::Name))
                        .col(text_null(SourcingChannels::Url))
                        .col(integer(SourcingChannels::CheckEveryDays).default(3))
                        .col(timestamp_with_time_zone_null(
                            SourcingChannels::LastCheckedAt,
                        ))
                        .foreign_key(
                            ForeignKey::create()
                                .from(SourcingChannels::Table, SourcingChannels::PositionId)
                                .to(Positions::Table, Positions::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        ),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_sourcing_channels_position",
            SourcingChannels::Table,
            [SourcingChannels::PositionId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(EndReasons::Table)
                    .col(string(EndReasons::Code).primary_key())
                    .col(string(EndReasons::Kind))
                    .col(string(EndReasons::LabelRu))
                    .col(string(EndReasons::LabelEn))
                    .col(integer(EndReasons::Rank).default(0))
                    .col(boolean(EndReasons::Active).default(true))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RequestCounters::Table)
                    .col(string(RequestCounters::Key).primary_key())
                    .col(timestamp_with_time_zone(RequestCounters::WindowStartedAt))
                    .col(integer(RequestCounters::Count))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "request_counters",
                "end_reasons",
                "sourcing_channels",
                "position_interviewers",
                "consents",
            ],
        )
        .await?;
        for (table, column) in [
            ("positions", "vacancy_en"),
            ("positions", "vacancy_ru"),
            ("applications", "started_on"),
            ("applications", "start_date"),
            ("applications", "follow_up_step"),
            ("applications", "next_contact_on"),
            ("candidates", "search_text"),
            ("candidates", "source"),
            ("candidates", "cv_file_id"),
            ("candidates", "notes"),
            ("candidates", "tags"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        drop_tables(manager, &["stored_files"]).await
    }
}
