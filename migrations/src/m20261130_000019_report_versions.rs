//! What lets the funnel and the sources report answer from a cache without ever answering from
//! old data: a version of the applications' data that every insert, update or delete of an
//! application moves, in the writing transaction itself (so a reader sees the new version
//! exactly when it sees the new rows); and an index that holds every column those reports
//! group by, so even an uncached answer reads the index alone, not 300,000 rows.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, execute_all};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DataVersions {
    Table,
    Name,
    Version,
    /// PostgreSQL only: the transaction that last moved the version, so it moves once per
    /// transaction however many rows that transaction wrote.
    BumpedBy,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Stage,
    LeftFromStage,
    Source,
    EndedReason,
    CreatedAt,
}

const SEED: &str = "INSERT INTO data_versions (name, version) VALUES ('applications', 0)";

/// SQLite has one writer at a time and only row triggers: a plain increment per row written.
const SQLITE_UP: &[&str] = &[
    "CREATE TRIGGER applications_version_insert AFTER INSERT ON applications BEGIN \
     UPDATE data_versions SET version = version + 1 WHERE name = 'applications'; END",
    "CREATE TRIGGER applications_version_update AFTER UPDATE ON applications BEGIN \
     UPDATE data_versions SET version = version + 1 WHERE name = 'applications'; END",
    "CREATE TRIGGER applications_version_delete AFTER DELETE ON applications BEGIN \
     UPDATE data_versions SET version = version + 1 WHERE name = 'applications'; END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS applications_version_delete",
    "DROP TRIGGER IF EXISTS applications_version_update",
    "DROP TRIGGER IF EXISTS applications_version_insert",
];

/// PostgreSQL writes concurrently: the increment is deferred to commit, after every other lock
/// the transaction takes, so two writers wait for each other's commit on the version row but
/// can never deadlock on it; and it moves once per transaction.
const POSTGRES_UP: &[&str] = &[
    "CREATE FUNCTION hireloop_bump_applications_version() RETURNS trigger \
     LANGUAGE plpgsql AS $$ BEGIN \
     UPDATE data_versions SET version = version + 1, bumped_by = txid_current() \
     WHERE name = 'applications' AND bumped_by IS DISTINCT FROM txid_current(); \
     RETURN NULL; END $$",
    "CREATE CONSTRAINT TRIGGER applications_version AFTER INSERT OR UPDATE OR DELETE \
     ON applications DEFERRABLE INITIALLY DEFERRED FOR EACH ROW \
     EXECUTE FUNCTION hireloop_bump_applications_version()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS applications_version ON applications",
    "DROP FUNCTION IF EXISTS hireloop_bump_applications_version()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DataVersions::Table)
                    .col(string(DataVersions::Name).primary_key())
                    .col(big_integer(DataVersions::Version).default(0))
                    .col(big_integer_null(DataVersions::BumpedBy))
                    .to_owned(),
            )
            .await?;
        execute_all(manager, &[SEED]).await?;
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => execute_all(manager, SQLITE_UP).await?,
            DatabaseBackend::Postgres => execute_all(manager, POSTGRES_UP).await?,
            _ => {}
        }
        create_index(
            manager,
            "idx_applications_report_groups",
            Applications::Table,
            [
                Applications::Stage,
                Applications::LeftFromStage,
                Applications::Source,
                Applications::EndedReason,
                Applications::CreatedAt,
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_applications_report_groups")
                    .to_owned(),
            )
            .await?;
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => execute_all(manager, SQLITE_DOWN).await?,
            DatabaseBackend::Postgres => execute_all(manager, POSTGRES_DOWN).await?,
            _ => {}
        }
        manager
            .drop_table(Table::drop().table(DataVersions::Table).to_owned())
            .await
    }
}
