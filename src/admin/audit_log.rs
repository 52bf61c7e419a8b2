//! Searching the audit log: by who, what, which record and when, newest first; the admin page,
//! its CSV/XLSX export and the API all read through [`search`].

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::entities::{audit_entry, user};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::tabular::{Cell, Table};

/// What the search form and the API accept; every field may be empty.
#[derive(Clone, Debug, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The user who acted.
    pub actor_id: Option<String>,
    /// An action or its beginning, e.g. `candidate.` or `candidate.cv_download`.
    pub action: Option<String>,
    /// The kind of record, e.g. `candidate`.
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// YYYY-MM-DD, included.
    pub from: Option<String>,
    /// YYYY-MM-DD, included.
    pub to: Option<String>,
    pub page: Option<u64>,
    /// csv or xlsx for a download.
    pub format: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AuditRow {
    pub id: i32,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<i32>,
    pub actor: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// JSON with ids and categories, never personal data.
    pub details: Option<String>,
    pub ip: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

pub const PER_PAGE: u64 = 100;
/// A download holds at most this many entries; narrow the search for more.
pub const EXPORT_LIMIT: u64 = 100_000;

fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn day(field: &str, value: &Option<String>, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let value = text(value)?;
    let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.push(FieldError::new(field, Message::new("field-date-invalid")));
    }
    parsed
}

fn filtered(query: &AuditQuery) -> AppResult<sea_orm::Select<audit_entry::Entity>> {
    let mut errors = Vec::new();
    let mut select = audit_entry::Entity::find();
    if let Some(actor) = text(&query.actor_id) {
        match actor.parse::<i32>() {
            Ok(id) => select = select.filter(audit_entry::Column::ActorId.eq(id)),
            Err(_) => errors.push(FieldError::new(
                "actor_id",
                Message::new("field-choice-invalid"),
            )),
        }
    }
    if let Some(action) = text(&query.action) {
        select = select.filter(audit_entry::Column::Action.starts_with(action));
    }
    if let Some(entity) = text(&query.entity) {
        select = select.filter(audit_entry::Column::Entity.eq(entity));
    }
    if let Some(id) = text(&query.entity_id) {
        select = select.filter(audit_entry::Column::EntityId.eq(id));
    }
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    if let Some(from) = day("from", &query.from, &mut errors).and_then(start) {
        select = select.filter(audit_entry::Column::At.gte(from));
    }
    if let Some(end) = day("to", &query.to, &mut errors)
        .and_then(|d| d.succ_opt())
        .and_then(start)
    {
        select = select.filter(audit_entry::Column::At.lt(end));
    }
    if errors.is_empty() {
        Ok(select)
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn rows(db: &DatabaseConnection, found: Vec<audit_entry::Model>) -> AppResult<Vec<AuditRow>> {
    let mut ids: Vec<i32> = found.iter().filter_map(|e| e.actor_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(found
        .into_iter()
        .map(|e| AuditRow {
            actor: e.actor_id.and_then(|id| names.get(&id).cloned()),
            id: e.id,
            at: e.at,
            actor_id: e.actor_id,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            details: e.details,
            ip: e.ip,
        })
        .collect())
}

/// One page of entries, newest first.
pub async fn search(db: &DatabaseConnection, query: &AuditQuery) -> AppResult<AuditPage> {
    let select = filtered(query)?;
    let total = select.clone().count(db).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let found = select
        .order_by_desc(audit_entry::Column::At)
        .order_by_desc(audit_entry::Column::Id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(db)
        .await?;
    Ok(AuditPage {
        items: rows(db, found).await?,
        total,
        page,
        pages,
    })
}

/// Every matching entry (up to [`EXPORT_LIMIT`]) as a table to download.
pub async fn export(
    db: &DatabaseConnection,
    query: &AuditQuery,
    headings: Vec<String>,
) -> AppResult<Table> {
    let found = filtered(query)?
        .order_by_desc(audit_entry::Column::At)
        .order_by_desc(audit_entry::Column::Id)
        .limit(EXPORT_LIMIT)
        .all(db)
        .await?;
    let mut table = Table::new(headings);
    for row in rows(db, found).await? {
        table.push(vec![
            Cell::Text(row.at.to_rfc3339()),
            row.actor_id.map(i64::from).into(),
            row.actor.into(),
            row.action.into(),
            row.entity.into(),
            row.entity_id.into(),
            row.details.into(),
            row.ip.into(),
        ]);
    }
    Ok(table)
}
