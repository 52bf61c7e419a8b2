//! Importing a confirmed batch: chunk by chunk, one write transaction each, so a chunk is
//! either wholly written (its people, consents, long-list places, row outcomes and the
//! batch's progress) or not at all. An instance that dies mid-way leaves its claim to run
//! out; another then takes the batch over and goes on from the first row without an outcome.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use serde_json::json;

use super::check::CheckedRow;
use super::model::{DONE, Existing, IMPORTING, STATUS_DUPLICATE, STATUS_NEW, get};
use crate::audit::AuditEvent;
use crate::entities::{candidate, consent, import_batch, import_row};
use crate::error::{AppError, AppResult};
use crate::recruitment::{candidates, consent as ledger, pipeline};

/// How long a claim on a batch lasts; every chunk renews it.
pub const CLAIM_SECONDS: i64 = 120;
/// Rows per transaction.
const CHUNK: u64 = 500;

/// One round of the importer every instance runs: take each batch being imported that nobody
/// holds and import it to the end. Each batch runs in a task of its own, so one that fails or
/// panics (it stays claimed until its claim runs out) does not keep the others waiting.
pub async fn import_waiting(db: DatabaseConnection) -> anyhow::Result<()> {
    while let Some(id) = claim_next(&db).await? {
        let batch_db = db.clone();
        crate::jobs::logged(&format!("import batch {id}"), async move {
            finish(&batch_db, id).await?;
            Ok(())
        })
        .await;
    }
    Ok(())
}

/// Claims one batch being imported whose claim is free or ran out. On PostgreSQL
/// `FOR UPDATE SKIP LOCKED` lets instances claim side by side; SQLite's single writer makes
/// the one UPDATE exclusive already.
pub async fn claim_next(db: &DatabaseConnection) -> AppResult<Option<i32>> {
    let backend = db.get_database_backend();
    let now = Utc::now();
    let until = now + chrono::Duration::seconds(CLAIM_SECONDS);
    let (lock, p1, p2, p3) = if backend == DatabaseBackend::Postgres {
        ("FOR UPDATE SKIP LOCKED", "$1", "$2", "$3")
    } else {
        ("", "?", "?", "?")
    };
    let sql = format!(
        "UPDATE import_batches SET claimed_until = {p1}, updated_at = {p2} \
         WHERE id IN (SELECT id FROM import_batches \
           WHERE state = 'importing' AND (claimed_until IS NULL OR claimed_until < {p3}) \
           ORDER BY id LIMIT 1 {lock}) \
         RETURNING *"
    );
    let statement =
        Statement::from_sql_and_values(backend, sql, [until.into(), now.into(), now.into()]);
    let claimed = import_batch::Entity::find()
        .from_raw_sql(statement)
        .one(db)
        .await?;
    Ok(claimed.map(|b| b.id))
}

/// Imports the batch's remaining chosen rows, chunk by chunk, and marks it done.
pub async fn finish(db: &DatabaseConnection, id: i32) -> AppResult<()> {
    while chunk(db, id).await? {}
    Ok(())
}

/// One chunk in one transaction; false when nothing was left and the batch is now done.
pub async fn chunk(db: &DatabaseConnection, id: i32) -> AppResult<bool> {
    let batch = get(db, id).await?;
    if batch.state != IMPORTING {
        return Ok(false);
    }
    let txn = crate::db::write(db).await?;
    let rows = import_row::Entity::find()
        .filter(import_row::Column::BatchId.eq(id))
        .filter(import_row::Column::Selected.eq(true))
        .filter(import_row::Column::Outcome.is_null())
        .order_by_asc(import_row::Column::LineNumber)
        .limit(CHUNK)
        .all(&txn)
        .await?;
    let now = Utc::now();
    if rows.is_empty() {
        import_batch::Entity::update_many()
            .col_expr(import_batch::Column::State, Expr::value(DONE))
            .col_expr(import_batch::Column::FinishedAt, Expr::value(Some(now)))
            .col_expr(
                import_batch::Column::ClaimedUntil,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .col_expr(import_batch::Column::UpdatedAt, Expr::value(now))
            .filter(import_batch::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        AuditEvent::new(batch.created_by, "import.done", "import_batch")
            .id(id)
            .details(json!({
                "selected": batch.selected_rows,
                "created": batch.created_rows,
                "linked": batch.linked_rows,
                "position_id": batch.position_id,
            }))
            .record(&txn)
            .await?;
        txn.commit().await?;
        return Ok(false);
    }
    // Someone may have been added since the preview: they are linked, not made twice.
    let contacts: Vec<CheckedRow> = rows
        .iter()
        .filter(|r| r.status == STATUS_NEW)
        .map(|r| CheckedRow {
            email: r.email.clone(),
            phone: r.phone.clone(),
            ..Default::default()
        })
        .collect();
    let existing = Existing::load(&txn, &contacts.iter().collect::<Vec<_>>()).await?;
    let consent_text = ledger::CONSENT_TEXT_VERSION;
    let hash = if batch.consent_text_version == consent_text {
        ledger::text_hash(ledger::consent_text(crate::web::i18n::Lang::Ru))
    } else {
        ledger::text_hash(&batch.consent_text_version)
    };
    // Who each row is: a person already here, or one to create. The new ones are written in
    // one statement, and every row's outcome in another: a 10,000-row file is 20 chunks of a
    // few statements each, not 20,000 round trips.
    let mut known = Vec::with_capacity(rows.len());
    let mut fresh = Vec::new();
    for row in &rows {
        let person = match row.status.as_str() {
            STATUS_DUPLICATE => row.existing_candidate_id,
            _ => existing.find(row.email.as_deref(), row.phone.as_deref()),
        };
        if person.is_none() {
            fresh.push(row);
        }
        known.push(person);
    }
    let created_ids = insert_candidates(&txn, &fresh, now).await?;
    let mut created_ids = created_ids.into_iter();
    let (mut created, mut linked) = (0, 0);
    let mut consents = Vec::new();
    let mut outcomes = Vec::with_capacity(rows.len());
    for (row, known) in rows.iter().zip(known) {
        let (person, outcome) = match known {
            Some(person) => {
                linked += 1;
                (person, "linked")
            }
            None => {
                let person = created_ids.next().ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!("an imported row lost its new person"))
                })?;
                consents.push(consent::ActiveModel {
                    candidate_id: Set(person),
                    purpose: Set(ledger::PURPOSE_VACANCY.to_owned()),
                    text_version: Set(batch.consent_text_version.clone()),
                    text_hash: Set(hash.clone()),
                    given_at: Set(now),
                    ip: Set(None),
                    user_agent: Set(None),
                    recorded_by: Set(batch.created_by),
                    withdrawn_at: Set(None),
                    basis: Set(Some("import".to_owned())),
                    ..Default::default()
                });
                created += 1;
                (person, "created")
            }
        };
        if let Some(position) = batch.position_id {
            let source = row.source.as_deref().unwrap_or("job_board");
            match pipeline::add(&txn, batch.created_by, person, position, source).await {
                // Already on this position, erased, or the position closed meanwhile: the
                // person stays linked; the long-list is not forced.
                Ok(_)
                | Err(AppError::Duplicate { .. })
                | Err(AppError::Conflict(_))
                | Err(AppError::Validation(_)) => {}
                Err(other) => return Err(other),
            }
        }
        outcomes.push((row.id, outcome, person));
    }
    record_outcomes(&txn, &outcomes).await?;
    if !consents.is_empty() {
        consent::Entity::insert_many(consents).exec(&txn).await?;
    }
    import_batch::Entity::update_many()
        .col_expr(
            import_batch::Column::ProcessedRows,
            Expr::col(import_batch::Column::ProcessedRows).add(rows.len() as i32),
        )
        .col_expr(
            import_batch::Column::CreatedRows,
            Expr::col(import_batch::Column::CreatedRows).add(created),
        )
        .col_expr(
            import_batch::Column::LinkedRows,
            Expr::col(import_batch::Column::LinkedRows).add(linked),
        )
        .col_expr(
            import_batch::Column::ClaimedUntil,
            Expr::value(Some(now + chrono::Duration::seconds(CLAIM_SECONDS))),
        )
        .col_expr(import_batch::Column::UpdatedAt, Expr::value(now))
        .filter(import_batch::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// The chunk's new people in one INSERT, their ids in the rows' order.
async fn insert_candidates(
    txn: &sea_orm::DatabaseTransaction,
    rows: &[&import_row::Model],
    now: chrono::DateTime<Utc>,
) -> AppResult<Vec<i32>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let models = rows.iter().map(|row| candidate::ActiveModel {
        search_text: Set(candidates::search_text(
            &row.full_name,
            row.email.as_deref(),
            row.phone.as_deref(),
            row.current_company.as_deref(),
        )),
        full_name: Set(row.full_name.clone()),
        email: Set(row.email.clone()),
        phone: Set(row.phone.clone()),
        current_title: Set(row.current_title.clone()),
        current_company: Set(row.current_company.clone()),
        expected_salary: Set(row.expected_salary),
        currency: Set(row.currency.clone()),
        links: Set(row.links.clone()),
        tags: Set(None),
        notes: Set(None),
        source: Set(row.source.clone()),
        lang: Set(crate::web::i18n::Lang::default().as_str().to_owned()),
        reference_consent: Set(false),
        talent_pool: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    let inserted = candidate::Entity::insert_many(models)
        .exec_with_returning(txn)
        .await?;
    // Both databases return a multi-row VALUES insert in its order; a mismatch would attach a
    // consent to the wrong person, so it is checked rather than assumed.
    let in_order = inserted.len() == rows.len()
        && inserted
            .iter()
            .zip(rows)
            .all(|(made, row)| made.full_name == row.full_name && made.email == row.email);
    if !in_order {
        return Err(AppError::Internal(anyhow::anyhow!(
            "the database returned imported people out of order"
        )));
    }
    Ok(inserted.into_iter().map(|made| made.id).collect())
}

/// Every row's outcome and person in one UPDATE. Only ids and two fixed words go into the
/// statement, never text from the file.
async fn record_outcomes(
    txn: &sea_orm::DatabaseTransaction,
    outcomes: &[(i32, &str, i32)],
) -> AppResult<()> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let mut outcome_case = String::from("CASE id");
    let mut person_case = String::from("CASE id");
    let mut ids = Vec::with_capacity(outcomes.len());
    for (id, outcome, person) in outcomes {
        let word = if *outcome == "created" {
            "created"
        } else {
            "linked"
        };
        outcome_case.push_str(&format!(" WHEN {id} THEN '{word}'"));
        person_case.push_str(&format!(" WHEN {id} THEN {person}"));
        ids.push(id.to_string());
    }
    let sql = format!(
        "UPDATE import_rows SET outcome = {outcome_case} END, candidate_id = {person_case} END \
         WHERE id IN ({})",
        ids.join(",")
    );
    txn.execute_unprepared(&sql).await?;
    Ok(())
}
