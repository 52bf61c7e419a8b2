//! Market figures imported from CSV: the file is read and checked row by row, kept in the
//! database as a pending import (so any app instance behind the load balancer can show and
//! confirm it), and imported only on confirmation, all of it in one transaction.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, sea_query::Expr,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::date_bounds::DateKind;
use crate::domain::market::MarketKind;
use crate::domain::market_csv::{self, FileProblem, MarketRow};
use crate::domain::text::TextKind;
use crate::entities::{market_bucket, market_dataset, market_import};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

/// Largest CSV accepted: a salary table is a few kilobytes.
pub const MAX_BYTES: usize = 512 * 1024;

/// The dataset's description as typed, from a form or the API's query.
#[derive(Clone, Debug, Default)]
pub struct ImportFields {
    pub kind: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub region: Option<String>,
    pub as_of: Option<String>,
}

/// The description, checked.
pub struct ImportMeta {
    pub kind: MarketKind,
    pub title: String,
    pub source: String,
    pub region: String,
    pub as_of: NaiveDate,
}

fn line(field: &str, value: Option<&str>, errors: &mut Vec<FieldError>) -> String {
    let value = value.unwrap_or("").trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, Message::new("field-required")));
    } else if let Some(error) = FieldError::text(field, TextKind::Line, value) {
        errors.push(error);
    }
    value.to_owned()
}

/// `YYYY-MM-DD`, or `DD.MM.YYYY` as Russian users type it.
fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

impl ImportFields {
    /// The description checked field by field; every problem at once.
    pub fn check(&self) -> Result<ImportMeta, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = MarketKind::parse(self.kind.as_deref().unwrap_or(""));
        if kind.is_none() {
            errors.push(FieldError::new("kind", Message::new("market-kind-invalid")));
        }
        let title = line("title", self.title.as_deref(), &mut errors);
        let source = line("source", self.source.as_deref(), &mut errors);
        let region = line("region", self.region.as_deref(), &mut errors);
        let as_of = parse_day(self.as_of.as_deref().unwrap_or(""));
        match as_of {
            None => errors.push(FieldError::new("as_of", Message::new("field-date-invalid"))),
            Some(day) => errors.extend(FieldError::date("as_of", DateKind::Past, day)),
        }
        match (kind, as_of) {
            (Some(kind), Some(as_of)) if errors.is_empty() => Ok(ImportMeta {
                kind,
                title,
                source,
                region,
                as_of,
            }),
            _ => Err(errors),
        }
    }
}

fn file_message(problem: &FileProblem) -> Message {
    let message = Message::new(problem.key());
    match problem {
        FileProblem::UnknownColumn(name) => message.with("column", name.clone()),
        FileProblem::DuplicateColumn(column) => message.with("column", column.name()),
        FileProblem::TooManyRows => message.with_number("max", market_csv::MAX_ROWS as i64),
        _ => message,
    }
}

/// A row's problems as messages, each naming the row (and the column when it is one).
pub fn row_messages(row: &MarketRow) -> Vec<Message> {
    row.problems
        .iter()
        .map(|p| {
            Message::new(p.key())
                .with_number("row", row.line as i64)
                .with("column", p.column().map_or("", |c| c.name()))
        })
        .collect()
}

/// Reads the description and the file together, so that one answer lists every problem with
/// either; `file_field` names the file in the errors (`file` on the page, `csv` in the API).
/// Row problems are not errors here: the preview shows them.
pub fn read(
    fields: &ImportFields,
    text: &str,
    file_field: &str,
) -> AppResult<(ImportMeta, Vec<MarketRow>)> {
    let meta = fields.check();
    let rows = market_csv::parse(text);
    match (meta, rows) {
        (Ok(meta), Ok(rows)) => Ok((meta, rows)),
        (meta, rows) => {
            let mut errors = meta.err().unwrap_or_default();
            if let Err(problem) = rows {
                errors.push(FieldError::new(file_field, file_message(&problem)));
            }
            Err(AppError::Validation(errors))
        }
    }
}

/// Rows with a problem, as field errors named `rows[<line>].<column>`.
pub fn row_errors(rows: &[MarketRow]) -> Vec<FieldError> {
    rows.iter()
        .flat_map(|row| {
            row.problems.iter().zip(row_messages(row)).map(|(p, m)| {
                let field = match p.column() {
                    Some(column) => format!("rows[{}].{}", row.line, column.name()),
                    None => format!("rows[{}]", row.line),
                };
                FieldError::new(field, m)
            })
        })
        .collect()
}

/// One row of the preview, for the page and the API.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PreviewRow {
    /// The row's line in the file; the heading is line 1.
    pub line: i64,
    pub bracket: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub median: Option<i64>,
    pub count: Option<i32>,
    /// What is wrong with the row, in the reader's language; empty when it can be imported.
    pub errors: Vec<String>,
}

pub fn preview_rows(rows: &[MarketRow], lang: Lang) -> Vec<PreviewRow> {
    rows.iter()
        .map(|row| PreviewRow {
            line: row.line as i64,
            bracket: row.bracket.clone(),
            min: row.lower,
            max: row.upper,
            median: row.median,
            count: row.count,
            errors: row_messages(row).iter().map(|m| lang.render(m)).collect(),
        })
        .collect()
}

/// Keeps a read file as a pending import; nothing reaches the market data yet.
pub async fn stage<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    meta: &ImportMeta,
    text: &str,
    rows: &[MarketRow],
) -> AppResult<market_import::Model> {
    let now = Utc::now();
    let errors = rows.iter().filter(|r| !r.problems.is_empty()).count();
    Ok(market_import::ActiveModel {
        created_by: Set(Some(user_id)),
        kind: Set(meta.kind.as_str().into()),
        title: Set(meta.title.clone()),
        source: Set(meta.source.clone()),
        region: Set(meta.region.clone()),
        as_of: Set(meta.as_of),
        currency: Set("RUB".into()),
        csv: Set(text.to_owned()),
        row_count: Set(rows.len() as i32),
        error_count: Set(errors as i32),
        dataset_code: Set(None),
        confirmed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn find(db: &DatabaseConnection, id: i32) -> AppResult<market_import::Model> {
    market_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Imports a pending file: the dataset and every row, or nothing. Claiming the import with a
/// conditional update makes a second confirmation (a double click, another instance) a 409
/// instead of a second copy.
async fn import_staged<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    id: i32,
) -> AppResult<market_dataset::Model> {
    let now = Utc::now();
    let code = format!("import-{id}");
    let claimed = market_import::Entity::update_many()
        .col_expr(market_import::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            market_import::Column::DatasetCode,
            Expr::value(code.clone()),
        )
        .col_expr(market_import::Column::UpdatedAt, Expr::value(now))
        .filter(market_import::Column::Id.eq(id))
        .filter(market_import::Column::ConfirmedAt.is_null())
        .exec(txn)
        .await?;
    let pending = market_import::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if claimed.rows_affected == 0 {
        return Err(AppError::Conflict(Message::new("market-import-done")));
    }
    let rows = market_csv::parse(&pending.csv)
        .map_err(|_| AppError::Conflict(Message::new("market-import-has-errors")))?;
    if rows.iter().any(|r| !r.problems.is_empty()) {
        return Err(AppError::Conflict(Message::new("market-import-has-errors")));
    }
    let counts: Vec<i64> = rows.iter().filter_map(|r| r.count.map(i64::from)).collect();
    let dataset = market_dataset::ActiveModel {
        code: Set(code.clone()),
        shape: Set("histogram".into()),
        kind: Set(pending.kind.clone()),
        // One title as typed: the uploader's words serve both languages.
        title_en: Set(pending.title.clone()),
        title_ru: Set(pending.title.clone()),
        source: Set(pending.source.clone()),
        region: Set(pending.region.clone()),
        observed_on: Set(pending.as_of),
        range_min: Set(None),
        range_max: Set(None),
        total: Set((!counts.is_empty()).then(|| counts.iter().sum())),
        currency: Set(pending.currency.clone()),
    }
    .insert(txn)
    .await?;
    let buckets = rows.into_iter().map(|r| market_bucket::ActiveModel {
        dataset_code: Set(code.clone()),
        label: Set(r.bracket),
        lower: Set(r.lower),
        upper: Set(r.upper),
        median: Set(r.median),
        count: Set(r.count),
        ..Default::default()
    });
    market_bucket::Entity::insert_many(buckets)
        .exec(txn)
        .await?;
    AuditEvent::new(Some(user_id), "market.import", "market_dataset")
        .id(&code)
        .details(json!({"import": id, "rows": pending.row_count, "kind": pending.kind, "as_of": pending.as_of}))
        .record(txn)
        .await?;
    Ok(dataset)
}

/// Confirms a pending import (the page's button).
pub async fn confirm(
    db: &DatabaseConnection,
    user_id: i32,
    id: i32,
) -> AppResult<market_dataset::Model> {
    let txn = crate::db::write(db).await?;
    let dataset = import_staged(&txn, user_id, id).await?;
    txn.commit().await?;
    Ok(dataset)
}

/// Stages and confirms in one transaction (the API's `confirm=true`): all rows or none.
pub async fn import_now(
    db: &DatabaseConnection,
    user_id: i32,
    meta: &ImportMeta,
    text: &str,
    rows: &[MarketRow],
) -> AppResult<market_dataset::Model> {
    let errors = row_errors(rows);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::write(db).await?;
    let pending = stage(&txn, user_id, meta, text, rows).await?;
    let dataset = import_staged(&txn, user_id, pending.id).await?;
    txn.commit().await?;
    Ok(dataset)
}
