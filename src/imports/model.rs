//! Import batches: an uploaded file read and checked into rows (the preview), the user's
//! choice of rows, confirmation, cancellation. All of it lives in the database, never in
//! process memory, so any instance behind the load balancer can show or continue a batch.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

use super::check::{CheckedRow, RowError, check_row};
use super::reader::{self, Encoding, FileProblem};
use crate::audit::AuditEvent;
use crate::domain::position_status::PositionStatus;
use crate::entities::{candidate, import_batch, import_row, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

pub const PREVIEWING: &str = "previewing";
pub const IMPORTING: &str = "importing";
pub const DONE: &str = "done";

pub const STATUS_NEW: &str = "new";
pub const STATUS_DUPLICATE: &str = "duplicate";
pub const STATUS_IN_FILE: &str = "in_file";
pub const STATUS_ERROR: &str = "error";

/// Batches up to this many chosen rows are imported within the confirming request; larger
/// ones go to the background worker.
pub const INLINE_LIMIT: i32 = 500;

/// What the user sent: the file and the choices on the upload form.
pub struct ImportUpload {
    pub filename: String,
    pub bytes: Vec<u8>,
    pub encoding: Option<Encoding>,
    pub position_id: Option<i32>,
    /// The recruiter confirms the people agreed to processing (the basis is the import).
    pub consent: bool,
    pub consent_text_version: Option<String>,
}

/// A file that cannot be read, as the error the page and the API show.
pub fn file_problem(problem: FileProblem) -> AppError {
    match problem {
        FileProblem::TooBig | FileProblem::TooManyRows => AppError::PayloadTooLarge,
        FileProblem::NotCsv => AppError::UnsupportedMediaType,
        FileProblem::Empty => AppError::validation("file", Message::new("import-file-empty")),
        FileProblem::NoNameColumn => {
            AppError::validation("file", Message::new("import-no-name-column"))
        }
    }
}

async fn check_position<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<()> {
    let found = position::Entity::find_by_id(id).one(db).await?;
    match found {
        Some(p)
            if !matches!(
                PositionStatus::parse(&p.status),
                Some(PositionStatus::Filled | PositionStatus::Cancelled)
            ) =>
        {
            Ok(())
        }
        _ => Err(AppError::validation(
            "position_id",
            Message::new("field-position-unknown"),
        )),
    }
}

/// People here who have one of `values` in `column`, as value → id, asked in slices so a
/// big file does not exceed the database's parameter limit.
async fn existing_by<C: ConnectionTrait>(
    db: &C,
    column: candidate::Column,
    values: Vec<String>,
) -> AppResult<HashMap<String, i32>> {
    let mut found = HashMap::new();
    for slice in values.chunks(500) {
        let pairs: Vec<(i32, Option<String>)> = candidate::Entity::find()
            .select_only()
            .column(candidate::Column::Id)
            .column(column)
            .filter(column.is_in(slice.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, value) in pairs {
            if let Some(value) = value {
                found.entry(value).or_insert(id);
            }
        }
    }
    Ok(found)
}

/// Contacts → the person here who has them.
pub struct Existing {
    emails: HashMap<String, i32>,
    phones: HashMap<String, i32>,
}

impl Existing {
    pub async fn load<C: ConnectionTrait>(db: &C, rows: &[&CheckedRow]) -> AppResult<Self> {
        let emails = rows.iter().filter_map(|r| r.email.clone()).collect();
        let phones = rows.iter().filter_map(|r| r.phone.clone()).collect();
        Ok(Self {
            emails: existing_by(db, candidate::Column::Email, emails).await?,
            phones: existing_by(db, candidate::Column::Phone, phones).await?,
        })
    }

    pub fn find(&self, email: Option<&str>, phone: Option<&str>) -> Option<i32> {
        email
            .and_then(|e| self.emails.get(e))
            .or_else(|| phone.and_then(|p| self.phones.get(p)))
            .copied()
    }
}

/// Reads and checks the file and stores it as a batch to preview. Nothing is written to
/// candidates yet.
pub async fn preview(
    db: &DatabaseConnection,
    actor_id: i32,
    upload: ImportUpload,
) -> AppResult<import_batch::Model> {
    let mut errors = Vec::new();
    if !upload.consent {
        errors.push(FieldError::new(
            "consent",
            Message::new("import-consent-required"),
        ));
    }
    if let Some(id) = upload.position_id {
        match check_position(db, id).await {
            Ok(()) => {}
            Err(AppError::Validation(mut found)) => errors.append(&mut found),
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let file = reader::read(&upload.bytes, upload.encoding).map_err(file_problem)?;
    let checked: Vec<(i32, CheckedRow)> = file
        .rows
        .iter()
        .map(|(line, cells)| (*line, check_row(cells)))
        .collect();

    // Duplicates within the file: a later line with an email or phone seen on an earlier one.
    let mut seen: HashMap<String, i32> = HashMap::new();
    let mut earlier: HashMap<i32, i32> = HashMap::new();
    for (line, row) in checked.iter().filter(|(_, r)| r.errors.is_empty()) {
        let keys: Vec<String> = [row.email.as_ref(), row.phone.as_ref()]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if let Some(first) = keys.iter().find_map(|k| seen.get(k)) {
            earlier.insert(*line, *first);
        } else {
            for key in keys {
                seen.insert(key, *line);
            }
        }
    }
    let valid: Vec<&CheckedRow> = checked
        .iter()
        .filter(|(line, r)| r.errors.is_empty() && !earlier.contains_key(line))
        .map(|(_, r)| r)
        .collect();
    let existing = Existing::load(db, &valid).await?;

    let now = Utc::now();
    let version = upload
        .consent_text_version
        .map(|v| v.trim().chars().take(100).collect::<String>())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| crate::recruitment::consent::CONSENT_TEXT_VERSION.to_owned());
    let mut counts = [0i32; 4];
    let mut rows = Vec::with_capacity(checked.len());
    for (line, row) in checked {
        let existing_id = existing.find(row.email.as_deref(), row.phone.as_deref());
        let status = if !row.errors.is_empty() {
            STATUS_ERROR
        } else if earlier.contains_key(&line) {
            STATUS_IN_FILE
        } else if existing_id.is_some() {
            STATUS_DUPLICATE
        } else {
            STATUS_NEW
        };
        let slot = [STATUS_NEW, STATUS_DUPLICATE, STATUS_IN_FILE, STATUS_ERROR]
            .iter()
            .position(|s| *s == status)
            .unwrap_or(3);
        counts[slot] += 1;
        rows.push(import_row::ActiveModel {
            line_number: Set(line),
            status: Set(status.to_owned()),
            full_name: Set(row.full_name.chars().take(200).collect()),
            email: Set(row.email),
            phone: Set(row.phone),
            current_title: Set(row.current_title.map(|t| t.chars().take(200).collect())),
            current_company: Set(row.current_company.map(|t| t.chars().take(200).collect())),
            expected_salary: Set(row.expected_salary),
            currency: Set(row.currency),
            links: Set(row.links.map(|t| t.chars().take(2000).collect())),
            source: Set(row.source),
            stage: Set(row.stage),
            errors: Set((!row.errors.is_empty()).then(|| json!(row.errors).to_string())),
            existing_candidate_id: Set(existing_id.filter(|_| status == STATUS_DUPLICATE)),
            earlier_line: Set(earlier.get(&line).copied()),
            selected: Set(status == STATUS_NEW || status == STATUS_DUPLICATE),
            outcome: Set(None),
            candidate_id: Set(None),
            ..Default::default()
        });
    }
    let total = rows.len() as i32;
    let txn = crate::db::write(db).await?;
    let batch = import_batch::ActiveModel {
        created_by: Set(Some(actor_id)),
        state: Set(PREVIEWING.to_owned()),
        filename: Set(upload.filename.chars().take(200).collect()),
        encoding: Set(file.encoding.as_str().to_owned()),
        position_id: Set(upload.position_id),
        consent_text_version: Set(version),
        total_rows: Set(total),
        new_rows: Set(counts[0]),
        duplicate_rows: Set(counts[1]),
        in_file_rows: Set(counts[2]),
        error_rows: Set(counts[3]),
        selected_rows: Set(counts[0] + counts[1]),
        processed_rows: Set(0),
        created_rows: Set(0),
        linked_rows: Set(0),
        claimed_until: Set(None),
        finished_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let slice: Vec<import_row::ActiveModel> = rows
            .by_ref()
            .take(1000)
            .map(|mut r| {
                r.batch_id = Set(batch.id);
                r
            })
            .collect();
        import_row::Entity::insert_many(slice).exec(&txn).await?;
    }
    AuditEvent::new(Some(actor_id), "import.preview", "import_batch")
        .id(batch.id)
        .details(json!({
            "rows": total, "new": counts[0], "duplicate": counts[1],
            "in_file": counts[2], "error": counts[3], "position_id": upload.position_id,
        }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(batch)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<import_batch::Model> {
    import_batch::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A page of the batch's rows in file order.
pub async fn rows(
    db: &DatabaseConnection,
    id: i32,
    limit: u64,
    offset: u64,
) -> AppResult<Vec<import_row::Model>> {
    Ok(import_row::Entity::find()
        .filter(import_row::Column::BatchId.eq(id))
        .order_by_asc(import_row::Column::LineNumber)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?)
}

/// The latest batches, for the upload page.
pub async fn recent(db: &DatabaseConnection, limit: u64) -> AppResult<Vec<import_batch::Model>> {
    Ok(import_batch::Entity::find()
        .order_by_desc(import_batch::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// The per-field messages of a row.
pub fn row_errors(row: &import_row::Model) -> Vec<RowError> {
    row.errors
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok())
        .unwrap_or_default()
}

fn not_previewing() -> AppError {
    AppError::Conflict(Message::new("import-not-previewing"))
}

/// Sets the ticks of the rows in `lines` (those shown): ticked when in `ticked`. Only new and
/// duplicate rows can be ticked; others stay unticked.
pub async fn choose(
    db: &DatabaseConnection,
    id: i32,
    lines: &[i32],
    ticked: &[i32],
) -> AppResult<()> {
    let batch = get(db, id).await?;
    if batch.state != PREVIEWING {
        return Err(not_previewing());
    }
    let txn = crate::db::write(db).await?;
    for slice in lines.chunks(500) {
        import_row::Entity::update_many()
            .col_expr(import_row::Column::Selected, Expr::value(false))
            .filter(import_row::Column::BatchId.eq(id))
            .filter(import_row::Column::LineNumber.is_in(slice.to_vec()))
            .exec(&txn)
            .await?;
    }
    let ticked: Vec<i32> = ticked
        .iter()
        .filter(|l| lines.contains(l))
        .copied()
        .collect();
    for slice in ticked.chunks(500) {
        import_row::Entity::update_many()
            .col_expr(import_row::Column::Selected, Expr::value(true))
            .filter(import_row::Column::BatchId.eq(id))
            .filter(import_row::Column::LineNumber.is_in(slice.to_vec()))
            .filter(import_row::Column::Status.is_in([STATUS_NEW, STATUS_DUPLICATE]))
            .exec(&txn)
            .await?;
    }
    let selected = count_selected(&txn, id).await?;
    import_batch::Entity::update_many()
        .col_expr(import_batch::Column::SelectedRows, Expr::value(selected))
        .col_expr(import_batch::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(import_batch::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn count_selected<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<i32> {
    Ok(import_row::Entity::find()
        .filter(import_row::Column::BatchId.eq(id))
        .filter(import_row::Column::Selected.eq(true))
        .count(db)
        .await? as i32)
}

/// Confirms the batch: `lines`, when given, are exactly the rows to import (by line number);
/// otherwise the ticks as they stand. A small batch is imported before this returns; a large
/// one goes on in the background on this instance (and on another, should this one die).
pub async fn confirm(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    lines: Option<Vec<i32>>,
) -> AppResult<import_batch::Model> {
    let batch = get(db, id).await?;
    if batch.state != PREVIEWING {
        return Err(not_previewing());
    }
    if let Some(lines) = lines {
        let all: Vec<i32> = import_row::Entity::find()
            .select_only()
            .column(import_row::Column::LineNumber)
            .filter(import_row::Column::BatchId.eq(id))
            .into_tuple()
            .all(db)
            .await?;
        let unknown = lines.iter().find(|l| !all.contains(l));
        if let Some(line) = unknown {
            return Err(AppError::validation(
                "rows",
                Message::new("import-line-unknown").with_number("line", i64::from(*line)),
            ));
        }
        choose(db, id, &all, &lines).await?;
    }
    let txn = crate::db::write(db).await?;
    let selected = count_selected(&txn, id).await?;
    let inline = selected <= INLINE_LIMIT;
    let now = Utc::now();
    // This instance claims the batch, so no worker takes it meanwhile; if the instance dies,
    // the claim runs out and another one's worker goes on from where it stopped.
    let claim = Some(now + chrono::Duration::seconds(super::run::CLAIM_SECONDS));
    let changed = import_batch::Entity::update_many()
        .col_expr(import_batch::Column::State, Expr::value(IMPORTING))
        .col_expr(import_batch::Column::SelectedRows, Expr::value(selected))
        .col_expr(import_batch::Column::ClaimedUntil, Expr::value(claim))
        .col_expr(import_batch::Column::UpdatedAt, Expr::value(now))
        .filter(import_batch::Column::Id.eq(id))
        .filter(import_batch::Column::State.eq(PREVIEWING))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(not_previewing());
    }
    AuditEvent::new(Some(actor_id), "import.confirm", "import_batch")
        .id(id)
        .details(json!({ "selected": selected, "background": !inline }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    if inline {
        super::run::finish(db, id).await?;
    } else {
        let db = db.clone();
        tokio::spawn(async move {
            if let Err(err) = super::run::finish(&db, id).await {
                tracing::warn!(batch = id, error = %err, "import failed; a worker will resume it");
            }
        });
    }
    get(db, id).await
}

/// Cancels a batch that was not confirmed: it is deleted with its rows, and nothing was
/// written to candidates.
pub async fn cancel(db: &DatabaseConnection, actor_id: i32, id: i32) -> AppResult<()> {
    let batch = get(db, id).await?;
    if batch.state != PREVIEWING {
        return Err(not_previewing());
    }
    let txn = crate::db::write(db).await?;
    import_row::Entity::delete_many()
        .filter(import_row::Column::BatchId.eq(id))
        .exec(&txn)
        .await?;
    let deleted = import_batch::Entity::delete_many()
        .filter(import_batch::Column::Id.eq(id))
        .filter(import_batch::Column::State.eq(PREVIEWING))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(not_previewing());
    }
    AuditEvent::new(Some(actor_id), "import.cancel", "import_batch")
        .id(id)
        .details(json!({ "rows": batch.total_rows }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// How far the import is, 0–100.
pub fn percent(batch: &import_batch::Model) -> i32 {
    if batch.state == DONE {
        100
    } else if batch.selected_rows <= 0 || batch.state == PREVIEWING {
        0
    } else {
        (batch.processed_rows * 100 / batch.selected_rows).clamp(0, 100)
    }
}
