//! Signed webhooks: the URLs integrations registered (their secret sealed, see src/secrets.rs),
//! the events queued with the change that caused them, and one delivery per event and webhook,
//! claimed and retried like the email outbox.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    Url,
    Events,
    SecretSealed,
    CreatedBy,
}

#[derive(DeriveIden)]
enum WebhookEvents {
    Table,
    Id,
    EventId,
    Kind,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    WebhookId,
    EventId,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastStatusCode,
    LastError,
    LastAttemptAt,
    DeliveredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Webhooks::Table)
                        .col(pk_auto(Webhooks::Id))
                        .col(text(Webhooks::Url))
                        // The subscribed event types, comma-separated.
                        .col(text(Webhooks::Events))
                        .col(text(Webhooks::SecretSealed))
                        .col(integer_null(Webhooks::CreatedBy))
                        .foreign_key(&mut user_fk(Webhooks::Table, Webhooks::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        // The body is kept as sent, so every retry carries the same bytes and the same id.
        manager
            .create_table(
                Table::create()
                    .table(WebhookEvents::Table)
                    .col(pk_auto(WebhookEvents::Id))
                    .col(string(WebhookEvents::EventId).unique_key())
                    .col(string(WebhookEvents::Kind))
                    .col(text(WebhookEvents::Body))
                    .col(timestamp_with_time_zone(WebhookEvents::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(WebhookDeliveries::Table)
                        .col(pk_auto(WebhookDeliveries::Id))
                        .col(integer(WebhookDeliveries::WebhookId))
                        .col(integer(WebhookDeliveries::EventId))
                        .col(string(WebhookDeliveries::Status))
                        .col(integer(WebhookDeliveries::Attempts))
                        .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                        .col(timestamp_with_time_zone_null(
                            WebhookDeliveries::ClaimedUntil,
                        ))
                        .col(integer_null(WebhookDeliveries::LastStatusCode))
                        .col(text_null(WebhookDeliveries::LastError))
                        .col(timestamp_with_time_zone_null(
                            WebhookDeliveries::LastAttemptAt,
                        ))
                        .col(timestamp_with_time_zone_null(
                            WebhookDeliveries::DeliveredAt,
                        ))
                        // A removed webhook takes its queue and log with it: nothing more goes
                        // to a URL nobody listens at.
                        .foreign_key(
                            ForeignKey::create()
                                .from(WebhookDeliveries::Table, WebhookDeliveries::WebhookId)
                                .to(Webhooks::Table, Webhooks::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(WebhookDeliveries::Table, WebhookDeliveries::EventId)
                                .to(WebhookEvents::Table, WebhookEvents::Id)
                                .on_delete(ForeignKeyAction::Cascade),
                        ),
                )
                .to_owned(),
            )
            .await?;
        // The worker's claim looks for due rows; the log lists a webhook's newest first.
        create_index(
            manager,
            "idx_webhook_deliveries_due",
            WebhookDeliveries::Table,
            [WebhookDeliveries::Status, WebhookDeliveries::NextAttemptAt],
        )
        .await?;
        create_index(
            manager,
            "idx_webhook_deliveries_webhook",
            WebhookDeliveries::Table,
            [WebhookDeliveries::WebhookId, WebhookDeliveries::Id],
        )
        .await?;
        create_index(
            manager,
            "idx_webhook_deliveries_event",
            WebhookDeliveries::Table,
            [WebhookDeliveries::EventId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["webhook_deliveries", "webhook_events", "webhooks"],
        )
        .await
    }
}
