//! The agency mailbox: its settings (one row; the password sealed, see src/secrets.rs), where
//! each polled folder was read up to, and the replies fetched from it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailboxSettings {
    Table,
    Id,
    Host,
    Port,
    Tls,
    Username,
    PasswordSealed,
    Folder,
    Enabled,
    LastPollAt,
    LastError,
    PollClaimedUntil,
}

#[derive(DeriveIden)]
enum MailboxFolders {
    Table,
    Key,
    UidValidity,
    LastUid,
}

#[derive(DeriveIden)]
enum InboundEmails {
    Table,
    Id,
    DedupKey,
    MessageId,
    InReplyTo,
    CandidateId,
    ApplicationId,
    FromAddress,
    FromName,
    ToAddress,
    Subject,
    BodyText,
    ReceivedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(MailboxSettings::Table)
                        .col(integer(MailboxSettings::Id).primary_key())
                        .col(string(MailboxSettings::Host))
                        .col(integer(MailboxSettings::Port))
                        .col(string(MailboxSettings::Tls))
                        .col(string(MailboxSettings::Username))
                        .col(text_null(MailboxSettings::PasswordSealed))
                        .col(string(MailboxSettings::Folder))
                        .col(boolean(MailboxSettings::Enabled))
                        .col(timestamp_with_time_zone_null(MailboxSettings::LastPollAt))
                        .col(text_null(MailboxSettings::LastError))
                        .col(timestamp_with_time_zone_null(
                            MailboxSettings::PollClaimedUntil,
                        )),
                )
                .to_owned(),
            )
            .await?;
        // One row per mailbox folder (`user@host/folder`): a folder whose UIDVALIDITY changed
        // is read again from the start, and the unique key below keeps that from duplicating.
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(MailboxFolders::Table)
                        .col(string(MailboxFolders::Key).primary_key())
                        .col(big_integer(MailboxFolders::UidValidity))
                        .col(big_integer(MailboxFolders::LastUid)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InboundEmails::Table)
                    .col(pk_auto(InboundEmails::Id))
                    .col(string(InboundEmails::DedupKey).unique_key())
                    .col(string_null(InboundEmails::MessageId))
                    .col(string_null(InboundEmails::InReplyTo))
                    .col(integer_null(InboundEmails::CandidateId))
                    .col(integer_null(InboundEmails::ApplicationId))
                    .col(string(InboundEmails::FromAddress))
                    .col(string_null(InboundEmails::FromName))
                    .col(text(InboundEmails::ToAddress))
                    .col(text(InboundEmails::Subject))
                    .col(text(InboundEmails::BodyText))
                    .col(timestamp_with_time_zone(InboundEmails::ReceivedAt))
                    .col(timestamp_with_time_zone(InboundEmails::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InboundEmails::Table, InboundEmails::CandidateId)
                            .to(Alias::new("candidates"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InboundEmails::Table, InboundEmails::ApplicationId)
                            .to(Alias::new("applications"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_inbound_emails_candidate",
            InboundEmails::Table,
            [InboundEmails::CandidateId, InboundEmails::ReceivedAt],
        )
        .await?;
        create_index(
            manager,
            "idx_inbound_emails_application",
            InboundEmails::Table,
            [InboundEmails::ApplicationId],
        )
        .await?;
        // The candidate's log finds outbound email by address too.
        create_index(
            manager,
            "idx_outbox_messages_to_email",
            Alias::new("outbox_messages"),
            [Alias::new("to_email")],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_messages_to_email")
                    .table(Alias::new("outbox_messages"))
                    .to_owned(),
            )
            .await?;
        drop_tables(
            manager,
            &["inbound_emails", "mailbox_folders", "mailbox_settings"],
        )
        .await
    }
}
