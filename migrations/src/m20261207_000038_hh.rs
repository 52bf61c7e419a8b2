//! The hh.ru connector: the connection (one row; client secret and tokens sealed, see
//! src/secrets.rs), the vacancies published from positions, the responses (negotiations) and
//! resumes imported, the statuses sent back, and the saved resume searches with what they found.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HhConnection {
    Table,
    Id,
    ApiBase,
    OauthBase,
    ClientId,
    ClientSecretSealed,
    EmployerId,
    SalaryGross,
    SearchEveryDays,
    AccessTokenSealed,
    RefreshTokenSealed,
    TokenExpiresAt,
    EmployerName,
    ManagerId,
    ManagerName,
    ConnectedAt,
    ConnectedBy,
    NeedsReconnect,
    LastError,
    RefreshClaimedUntil,
    SyncClaimedUntil,
    LastSyncAt,
    SyncPausedUntil,
    SyncError,
    PendingState,
    PendingVerifierSealed,
    PendingAt,
    PendingBy,
}

#[derive(DeriveIden)]
enum HhVacancies {
    Table,
    Id,
    PositionId,
    HhVacancyId,
    Url,
    Status,
    BillingType,
    PublishedHash,
    PublishedAt,
    ArchivedAt,
    ResponsesCount,
    LastSyncedAt,
    LastError,
}

#[derive(DeriveIden)]
enum HhNegotiations {
    Table,
    Id,
    HhNegotiationId,
    HhVacancyId,
    ResumeId,
    ApplicationId,
    CandidateId,
    State,
    Actions,
    HhUpdatedAt,
}

#[derive(DeriveIden)]
enum HhResumes {
    Table,
    Id,
    ResumeId,
    CandidateId,
    Title,
    Url,
    Snapshot,
    FetchedAt,
}

#[derive(DeriveIden)]
enum HhStatusPushes {
    Table,
    Id,
    ApplicationId,
    HhNegotiationId,
    Action,
    Message,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    DoneAt,
}

#[derive(DeriveIden)]
enum HhResumeSearches {
    Table,
    Id,
    PositionId,
    Name,
    Query,
    SavedSearchId,
    EveryDays,
    LastRunAt,
    NextRunAt,
    LastViewedAt,
    LastError,
    CreatedBy,
}

#[derive(DeriveIden)]
enum HhSearchHits {
    Table,
    Id,
    SearchId,
    ResumeId,
    Title,
    Name,
    Area,
    Salary,
    Currency,
    Url,
    FirstSeenAt,
    ApplicationId,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Channel,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(HhConnection::Table)
                        .col(integer(HhConnection::Id).primary_key())
                        .col(string(HhConnection::ApiBase))
                        .col(string(HhConnection::OauthBase))
                        .col(string(HhConnection::ClientId))
                        .col(text_null(HhConnection::ClientSecretSealed))
                        .col(string_null(HhConnection::EmployerId))
                        .col(boolean(HhConnection::SalaryGross).default(true))
                        .col(integer(HhConnection::SearchEveryDays).default(3))
                        .col(text_null(HhConnection::AccessTokenSealed))
                        .col(text_null(HhConnection::RefreshTokenSealed))
                        .col(timestamp_with_time_zone_null(HhConnection::TokenExpiresAt))
                        .col(string_null(HhConnection::EmployerName))
                        .col(string_null(HhConnection::ManagerId))
                        .col(string_null(HhConnection::ManagerName))
                        .col(timestamp_with_time_zone_null(HhConnection::ConnectedAt))
                        .col(integer_null(HhConnection::ConnectedBy))
                        .col(boolean(HhConnection::NeedsReconnect).default(false))
                        .col(text_null(HhConnection::LastError))
                        .col(timestamp_with_time_zone_null(
                            HhConnection::RefreshClaimedUntil,
                        ))
                        .col(timestamp_with_time_zone_null(
                            HhConnection::SyncClaimedUntil,
                        ))
                        .col(timestamp_with_time_zone_null(HhConnection::LastSyncAt))
                        .col(timestamp_with_time_zone_null(HhConnection::SyncPausedUntil))
                        .col(text_null(HhConnection::SyncError))
                        // A connect started and not yet come back: its `state` and PKCE
                        // verifier live here, not in one instance's memory.
                        .col(string_null(HhConnection::PendingState))
                        .col(text_null(HhConnection::PendingVerifierSealed))
                        .col(timestamp_with_time_zone_null(HhConnection::PendingAt))
                        .col(integer_null(HhConnection::PendingBy)),
                )
                .to_owned(),
            )
            .await?;
        // One hh vacancy per position; archived rows stay so the link and counts are kept.
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(HhVacancies::Table)
                        .col(pk_auto(HhVacancies::Id))
                        .col(integer_uniq(HhVacancies::PositionId))
                        .col(string_uniq(HhVacancies::HhVacancyId))
                        .col(string(HhVacancies::Url))
                        .col(string(HhVacancies::Status))
                        .col(string(HhVacancies::BillingType))
                        .col(string(HhVacancies::PublishedHash))
                        .col(timestamp_with_time_zone(HhVacancies::PublishedAt))
                        .col(timestamp_with_time_zone_null(HhVacancies::ArchivedAt))
                        .col(integer(HhVacancies::ResponsesCount).default(0))
                        .col(timestamp_with_time_zone_null(HhVacancies::LastSyncedAt))
                        .col(text_null(HhVacancies::LastError)),
                )
                .to_owned(),
            )
            .await?;
        // The negotiation id is hh's; its uniqueness is what keeps a second sync from importing
        // a response twice, even when two instances race.
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(HhNegotiations::Table)
                        .col(pk_auto(HhNegotiations::Id))
                        .col(string_uniq(HhNegotiations::HhNegotiationId))
                        .col(string(HhNegotiations::HhVacancyId))
                        .col(string(HhNegotiations::ResumeId))
                        .col(integer(HhNegotiations::ApplicationId))
                        .col(integer(HhNegotiations::CandidateId))
                        .col(string(HhNegotiations::State))
                        .col(text(HhNegotiations::Actions))
                        .col(string_null(HhNegotiations::HhUpdatedAt)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_hh_negotiations_application",
            HhNegotiations::Table,
            [HhNegotiations::ApplicationId],
        )
        .await?;
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(HhResumes::Table)
                        .col(pk_auto(HhResumes::Id))
                        .col(string_uniq(HhResumes::ResumeId))
                        .col(integer(HhResumes::CandidateId))
                        .col(string_null(HhResumes::Title))
                        .col(string(HhResumes::Url))
                        .col(text(HhResumes::Snapshot))
                        .col(timestamp_with_time_zone(HhResumes::FetchedAt)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_hh_resumes_candidate",
            HhResumes::Table,
            [HhResumes::CandidateId],
        )
        .await?;
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(HhStatusPushes::Table)
                        .col(pk_auto(HhStatusPushes::Id))
                        .col(integer(HhStatusPushes::ApplicationId))
                        .col(string(HhStatusPushes::HhNegotiationId))
                        .col(string(HhStatusPushes::Action))
                        .col(text(HhStatusPushes::Message))
                        .col(string(HhStatusPushes::Status))
                        .col(integer(HhStatusPushes::Attempts).default(0))
                        .col(timestamp_with_time_zone(HhStatusPushes::NextAttemptAt))
                        .col(timestamp_with_time_zone_null(HhStatusPushes::ClaimedUntil))
                        .col(text_null(HhStatusPushes::LastError))
                        .col(timestamp_with_time_zone_null(HhStatusPushes::DoneAt)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_hh_status_pushes_due",
            HhStatusPushes::Table,
            [HhStatusPushes::Status, HhStatusPushes::NextAttemptAt],
        )
        .await?;
        create_index(
            manager,
            "idx_hh_status_pushes_application",
            HhStatusPushes::Table,
            [HhStatusPushes::ApplicationId],
        )
        .await?;
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(HhResumeSearches::Table)
                        .col(pk_auto(HhResumeSearches::Id))
                        .col(integer(HhResumeSearches::PositionId))
                        .col(string(HhResumeSearches::Name))
                        .col(text_null(HhResumeSearches::Query))
                        .col(string_null(HhResumeSearches::SavedSearchId))
                        .col(integer(HhResumeSearches::EveryDays))
                        .col(timestamp_with_time_zone_null(HhResumeSearches::LastRunAt))
                        .col(timestamp_with_time_zone(HhResumeSearches::NextRunAt))
                        .col(timestamp_with_time_zone_null(
                            HhResumeSearches::LastViewedAt,
                        ))
                        .col(text_null(HhResumeSearches::LastError))
                        .col(integer_null(HhResumeSearches::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_hh_resume_searches_position",
            HhResumeSearches::Table,
            [HhResumeSearches::PositionId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(HhSearchHits::Table)
                    .col(pk_auto(HhSearchHits::Id))
                    .col(integer(HhSearchHits::SearchId))
                    .col(string(HhSearchHits::ResumeId))
                    .col(string_null(HhSearchHits::Title))
                    .col(string_null(HhSearchHits::Name))
                    .col(string_null(HhSearchHits::Area))
                    .col(big_integer_null(HhSearchHits::Salary))
                    .col(string_null(HhSearchHits::Currency))
                    .col(string(HhSearchHits::Url))
                    .col(timestamp_with_time_zone(HhSearchHits::FirstSeenAt))
                    .col(integer_null(HhSearchHits::ApplicationId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_hh_search_hits_search_resume")
                    .table(HhSearchHits::Table)
                    .col(HhSearchHits::SearchId)
                    .col(HhSearchHits::ResumeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Where an application came from within its source: `hh` for a response pulled from
        // hh.ru (source stays `job_board`), empty for everything before.
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(string_null(Applications::Channel))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .drop_column(Applications::Channel)
                    .to_owned(),
            )
            .await?;
        drop_tables(
            manager,
            &[
                "hh_search_hits",
                "hh_resume_searches",
                "hh_status_pushes",
                "hh_resumes",
                "hh_negotiations",
                "hh_vacancies",
                "hh_connection",
            ],
        )
        .await
    }
}
