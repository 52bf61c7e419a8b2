//! Multi-row INSERTs with explicit ids, a transaction per so many rows and a progress bar;
//! and the literals they are written with.

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

const ROWS_PER_INSERT: usize = 500;
const ROWS_PER_TRANSACTION: usize = 20_000;

/// Multi-row INSERTs into one table, committed every `ROWS_PER_TRANSACTION` rows, with a
/// progress bar on the terminal.
pub(super) struct Writer<'a> {
    db: &'a DatabaseConnection,
    table: &'static str,
    columns: &'static str,
    rows: Vec<String>,
    in_transaction: usize,
    txn: Option<sea_orm::DatabaseTransaction>,
    bar: Option<ProgressBar>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(db: &'a DatabaseConnection) -> Self {
        Self {
            db,
            table: "",
            columns: "",
            rows: Vec::new(),
            in_transaction: 0,
            txn: None,
            bar: None,
        }
    }

    pub(super) async fn begin(
        &mut self,
        table: &'static str,
        columns: &'static str,
        expected: u64,
    ) -> anyhow::Result<()> {
        self.table = table;
        self.columns = columns;
        let bar = if expected > 0 {
            ProgressBar::new(expected)
        } else {
            ProgressBar::no_length()
        };
        bar.set_style(
            ProgressStyle::with_template(
                "{msg:>22} [{bar:40}] {human_pos}/{human_len} {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(table);
        self.bar = Some(bar);
        Ok(())
    }

    pub(super) async fn row(&mut self, values: String) -> anyhow::Result<()> {
        self.rows.push(values);
        if self.rows.len() >= ROWS_PER_INSERT {
            self.flush().await?;
        }
        Ok(())
    }

    pub(super) async fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        if self.txn.is_none() {
            self.txn = Some(self.db.begin().await?);
        }
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.table,
            self.columns,
            self.rows.join("), (")
        );
        let count = self.rows.len();
        self.rows.clear();
        let txn = self.txn.as_ref().context("no transaction")?;
        txn.execute_unprepared(&sql)
            .await
            .with_context(|| format!("inserting into {}", self.table))?;
        self.in_transaction += count;
        if let Some(bar) = &self.bar {
            bar.inc(count as u64);
        }
        if self.in_transaction >= ROWS_PER_TRANSACTION {
            self.commit().await?;
        }
        Ok(())
    }

    pub(super) async fn commit(&mut self) -> anyhow::Result<()> {
        if let Some(txn) = self.txn.take() {
            txn.commit().await?;
        }
        self.in_transaction = 0;
        Ok(())
    }

    pub(super) async fn finish(&mut self) -> anyhow::Result<()> {
        self.flush().await?;
        self.commit().await?;
        if let Some(bar) = self.bar.take() {
            bar.finish();
        }
        Ok(())
    }
}

/// The next free id of a table, so rows can name each other before they are written.
pub(super) async fn next_id(db: &DatabaseConnection, table: &str) -> anyhow::Result<i32> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM {table}"),
        ))
        .await?
        .context("no row from MAX(id)")?;
    let next: i64 = row
        .try_get_by_index::<i64>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))?;
    Ok(i32::try_from(next)?)
}

/// A string literal: quotes doubled. Every value here is made by this module, never typed by
/// a user, but quoting keeps names such as O'Brien from breaking the statement.
pub(super) fn q(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A timestamp as sqlx writes `DateTime<Utc>` (RFC 3339), which also sorts as text on SQLite.
pub(super) fn ts(at: DateTime<Utc>) -> String {
    format!("'{}'", at.to_rfc3339_opts(SecondsFormat::Secs, false))
}
