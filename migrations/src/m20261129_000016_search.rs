//! What agency scale needs: candidate search through an index (SQLite FTS5 with trigrams,
//! PostgreSQL pg_trgm), the stage an ended application left from stored on the application
//! (reports aggregate it in SQL instead of reading every timeline), and indexes for the
//! lists and pages that are read most.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::util::{create_index, execute_all};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    LeftFromStage,
    PositionId,
    Stage,
    StageChangedAt,
    CreatedAt,
}

/// SQLite: an external-content FTS5 table over `candidates.search_text`, kept in step by
/// triggers so that every write path (forms, API, import, erasure) stays searchable.
/// The trigram tokenizer finds any substring of three or more characters, as LIKE did.
const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE candidates_fts USING fts5(search_text, content='candidates', \
     content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER candidates_fts_insert AFTER INSERT ON candidates BEGIN \
     INSERT INTO candidates_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER candidates_fts_delete AFTER DELETE ON candidates BEGIN \
     INSERT INTO candidates_fts(candidates_fts, rowid, search_text) \
     VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER candidates_fts_update AFTER UPDATE OF search_text ON candidates BEGIN \
     INSERT INTO candidates_fts(candidates_fts, rowid, search_text) \
     VALUES ('delete', old.id, old.search_text); \
     INSERT INTO candidates_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO candidates_fts(candidates_fts) VALUES ('rebuild')",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS candidates_fts_update",
    "DROP TRIGGER IF EXISTS candidates_fts_delete",
    "DROP TRIGGER IF EXISTS candidates_fts_insert",
    "DROP TABLE IF EXISTS candidates_fts",
];

/// PostgreSQL: a trigram GIN index serves `search_text LIKE '%…%'` as it is written.
const POSTGRES_UP: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX idx_candidates_search_trgm ON candidates USING gin (search_text gin_trgm_ops)",
];

const POSTGRES_DOWN: &[&str] = &["DROP INDEX IF EXISTS idx_candidates_search_trgm"];

/// The stage each ended application last left from, read from its timeline once.
const BACKFILL_LEFT_FROM: &str = "UPDATE applications SET left_from_stage = (\
     SELECT e.from_stage FROM application_events e \
     WHERE e.application_id = applications.id AND e.kind = 'stage' \
     AND e.to_stage IN ('rejected', 'withdrawn') \
     ORDER BY e.at DESC, e.id DESC LIMIT 1) \
     WHERE stage IN ('rejected', 'withdrawn')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(ColumnDef::new(Applications::LeftFromStage).string().null())
                    .to_owned(),
            )
            .await?;
        execute_all(manager, &[BACKFILL_LEFT_FROM]).await?;
        // The board's columns, longest in stage first; reports by the day applications came in.
        create_index(
            manager,
            "idx_applications_position_stage_changed",
            Applications::Table,
            [
                Applications::PositionId,
                Applications::Stage,
                Applications::StageChangedAt,
            ],
        )
        .await?;
        create_index(
            manager,
            "idx_applications_created",
            Applications::Table,
            [Applications::CreatedAt],
        )
        .await?;
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => execute_all(manager, SQLITE_UP).await,
            DatabaseBackend::Postgres => execute_all(manager, POSTGRES_UP).await,
            _ => Ok(()),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => execute_all(manager, SQLITE_DOWN).await?,
            DatabaseBackend::Postgres => execute_all(manager, POSTGRES_DOWN).await?,
            _ => {}
        }
        for name in [
            "idx_applications_created",
            "idx_applications_position_stage_changed",
        ] {
            manager
                .drop_index(Index::drop().name(name).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .drop_column(Applications::LeftFromStage)
                    .to_owned(),
            )
            .await
    }
}
