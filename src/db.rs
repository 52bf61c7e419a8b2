//! Connecting to the database chosen by URL (SQLite by default, PostgreSQL in production)
//! and bringing its schema up to date.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Opens a pool. For a SQLite file the folder is created first; WAL lets readers work while
/// one writer writes, and foreign keys are enforced on every connection.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the database folder {}", dir.display()))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    let mut db = Database::connect(options)
        .await
        .with_context(|| format!("connecting to {}", crate::config::redact_url(url)))?;
    let counter = statement_counter(url);
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    Ok(db)
}

/// Statements run per database URL, by every pool opened on it in this process: one relaxed
/// atomic add per statement. The query-count test reads it to catch N+1 pages.
static STATEMENTS: LazyLock<Mutex<HashMap<String, Arc<AtomicU64>>>> =
    LazyLock::new(Default::default);

fn statement_counter(url: &str) -> Arc<AtomicU64> {
    let mut counters = STATEMENTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    counters.entry(url.to_owned()).or_default().clone()
}

/// How many statements have run so far on the database at `url` from this process.
pub fn statements_run(url: &str) -> u64 {
    statement_counter(url).load(Ordering::Relaxed)
}

/// Starts a transaction that writes. On SQLite it takes the write lock at `BEGIN` (IMMEDIATE):
/// a deferred transaction that reads first and writes later fails outright with
/// SQLITE_BUSY_SNAPSHOT when another connection commits in between, and `busy_timeout` does not
/// retry that; an immediate one waits its turn instead. PostgreSQL ignores the option.
pub async fn write<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("running migrations")
}

/// Connects and brings the schema up to date. On SQLite the pool is then opened afresh: a
/// connection keeps the column lists of statements it prepared before a migration altered
/// their table (sqlx's statement cache), and would read rows without the new columns.
pub async fn connect_migrated(url: &str) -> anyhow::Result<DatabaseConnection> {
    let db = connect(url).await?;
    migrate(&db).await?;
    // An in-memory database lives only as long as its pool.
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite || sqlite_file(url).is_none() {
        return Ok(db);
    }
    db.close().await.context("closing the pool that migrated")?;
    connect(url).await
}

fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Claims up to `limit` due rows of a work queue (`outbox_messages`, `webhook_deliveries`): rows
/// `pending` whose `next_attempt_at` has come, and rows `sending` whose claim ran out (their
/// worker died mid-send). Each is marked `sending` until `now + claim_for`, with one more attempt
/// counted. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several instances claim side by side
/// without waiting on each other; SQLite has one writer at a time, so the single UPDATE is
/// already exclusive. RETURNING gives no order: callers sort what they claimed.
pub async fn claim_due<E>(
    db: &DatabaseConnection,
    table: &str,
    claim_for: chrono::Duration,
    limit: u64,
) -> Result<Vec<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
    E::Model: sea_orm::FromQueryResult,
{
    use sea_orm::{DatabaseBackend, Statement};
    let backend = db.get_database_backend();
    let now = chrono::Utc::now();
    let (lock, p) = if backend == DatabaseBackend::Postgres {
        ("FOR UPDATE SKIP LOCKED", ["$1", "$2", "$3", "$4", "$5"])
    } else {
        ("", ["?"; 5])
    };
    let sql = format!(
        "UPDATE {table} SET status = 'sending', claimed_until = {}, \
         attempts = attempts + 1, updated_at = {} \
         WHERE id IN (SELECT id FROM {table} \
           WHERE (status = 'pending' AND next_attempt_at <= {}) \
              OR (status = 'sending' AND claimed_until < {}) \
           ORDER BY id LIMIT {} {lock}) \
         RETURNING *",
        p[0], p[1], p[2], p[3], p[4]
    );
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [
            (now + claim_for).into(),
            now.into(),
            now.into(),
            now.into(),
            (limit as i64).into(),
        ],
    );
    E::find().from_raw_sql(statement).all(db).await
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn sqlite_file_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_file("sqlite://data/hireloop.db?mode=rwc"),
            Some("data/hireloop.db")
        );
        assert_eq!(sqlite_file("sqlite:/tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/db"), None);
    }
}
