//! Accounts: users, browser sessions, API tokens, login throttling and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables};
use crate::util::{user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    Role,
    Grade,
    Lang,
    Timezone,
    PasswordHash,
    Active,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum LoginThrottles {
    Table,
    Key,
    Failures,
    LastFailureAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Entity,
    EntityId,
    Details,
    Ip,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Users::Table)
                        .col(pk_auto(Users::Id))
                        .col(string_uniq(Users::Email))
                        .col(string(Users::Name))
                        .col(string(Users::Role))
                        .col(string_null(Users::Grade))
                        .col(string(Users::Lang).default("ru"))
                        .col(string(Users::Timezone).default("Europe/Moscow"))
                        .col(string(Users::PasswordHash))
                        .col(boolean(Users::Active).default(true)),
                )
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string(Sessions::Id).primary_key())
                    .col(text(Sessions::Data))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_sessions_expires_at",
            Sessions::Table,
            [Sessions::ExpiresAt],
        )
        .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(ApiTokens::Table)
                        .col(pk_auto(ApiTokens::Id))
                        .col(integer(ApiTokens::UserId))
                        .col(string(ApiTokens::Name))
                        .col(string_uniq(ApiTokens::TokenHash))
                        .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                        .foreign_key(
                            ForeignKey::create()
                                .from(ApiTokens::Table, ApiTokens::UserId)
                                .to(Users::Table, Users::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        ),
                )
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottles::Table)
                    .col(string(LoginThrottles::Key).primary_key())
                    .col(integer(LoginThrottles::Failures).default(0))
                    .col(timestamp_with_time_zone(LoginThrottles::LastFailureAt))
                    .col(timestamp_with_time_zone_null(LoginThrottles::LockedUntil))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::Entity))
                    .col(string_null(AuditLog::EntityId))
                    .col(text_null(AuditLog::Details))
                    .col(string_null(AuditLog::Ip))
                    .foreign_key(&mut user_fk(AuditLog::Table, AuditLog::ActorId))
                    .to_owned(),
            )
            .await?;
        create_index(manager, "idx_audit_log_at", AuditLog::Table, [AuditLog::At]).await?;
        create_index(
            manager,
            "idx_audit_log_entity",
            AuditLog::Table,
            [AuditLog::Entity, AuditLog::EntityId],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "audit_log",
                "login_throttles",
                "api_tokens",
                "sessions",
                "users",
            ],
        )
        .await
    }
}
