//! Candidate lists out: the list's current filters as CSV or XLSX, with the import's columns
//! so that a file exported here imports back (as duplicates of everyone in it). Sources and
//! stages are written in the reader's words, which the import reads back as their codes. A
//! role that may not see salaries gets no salary columns at all.

use std::collections::HashMap;

use axum::response::Response;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use super::reader::{Column, MAX_ROWS};
use super::vocabulary::Vocabulary;
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::entities::{application, candidate};
use crate::error::AppResult;
use crate::recruitment::candidates;
use crate::web::i18n::Lang;
use crate::web::tabular::{self, Cell, Format, Table};

/// The filters of the candidate list.
#[derive(Clone, Debug, Default)]
pub struct ExportFilter {
    pub q: Option<String>,
    pub tag: Option<String>,
    pub talent_pool_only: bool,
}

fn columns(user: &CurrentUser) -> Vec<Column> {
    let salaries = user.can(Action::ViewSalaries);
    Column::ALL
        .into_iter()
        .filter(|c| salaries || !matches!(c, Column::ExpectedSalary | Column::Currency))
        .collect()
}

/// Each person's stage on their newest application, asked in slices so a big list does not
/// exceed the database's parameter limit.
async fn latest_stages(
    db: &sea_orm::DatabaseConnection,
    people: &[candidate::Model],
) -> AppResult<HashMap<i32, String>> {
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let mut stages = HashMap::new();
    for slice in ids.chunks(500) {
        let found: Vec<(i32, String)> = application::Entity::find()
            .select_only()
            .column(application::Column::CandidateId)
            .column(application::Column::Stage)
            .filter(application::Column::CandidateId.is_in(slice.to_vec()))
            .order_by_asc(application::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        // In id order, so the newest application's stage is the one left.
        stages.extend(found);
    }
    Ok(stages)
}

fn cell(person: &candidate::Model, column: Column, stage: Option<&String>, lang: Lang) -> Cell {
    let label = |vocabulary: Vocabulary, code: Option<&String>| -> Cell {
        code.map(|code| vocabulary.label(lang, code)).into()
    };
    match column {
        Column::FullName => Cell::text(person.full_name.clone()),
        Column::Email => person.email.clone().into(),
        Column::Phone => person.phone.clone().into(),
        Column::Title => person.current_title.clone().into(),
        Column::Company => person.current_company.clone().into(),
        Column::ExpectedSalary => person.expected_salary.into(),
        Column::Currency => person.currency.clone().into(),
        Column::Link => person.links.clone().into(),
        Column::Source => label(Vocabulary::Source, person.source.as_ref()),
        Column::Stage => label(Vocabulary::Stage, stage),
    }
}

/// The people the list shows (all pages, up to the import's row limit) as a table.
pub async fn table(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    filter: &ExportFilter,
) -> AppResult<Table> {
    let (people, _) = candidates::search(
        db,
        filter.q.as_deref(),
        filter.tag.as_deref(),
        filter.talent_pool_only,
        MAX_ROWS as u64,
        0,
        // The export shows no total: count as little as possible.
        Some(0),
    )
    .await?;
    let stages = latest_stages(db, &people).await?;
    let columns = columns(user);
    let mut table = Table::new(
        columns
            .iter()
            .map(|c| user.lang.text(c.heading_key()))
            .collect(),
    );
    for person in &people {
        let stage = stages.get(&person.id);
        table.push(
            columns
                .iter()
                .map(|c| cell(person, *c, stage, user.lang))
                .collect(),
        );
    }
    Ok(table)
}

/// Answers the export as a file and audits it (the count and format, never who was in it).
pub async fn download(
    db: &sea_orm::DatabaseConnection,
    user: &CurrentUser,
    filter: &ExportFilter,
    format: Format,
) -> AppResult<Response> {
    let table = table(db, user, filter).await?;
    AuditEvent::new(Some(user.id), "candidate.export", "candidate")
        .details(json!({
            "rows": table.rows.len(),
            "format": match format { Format::Csv => "csv", Format::Xlsx => "xlsx" },
            "filtered": filter.q.is_some() || filter.tag.is_some() || filter.talent_pool_only,
            "salaries": user.can(Action::ViewSalaries),
        }))
        .record(db)
        .await?;
    tabular::download(&table, format, "candidates", user.lang)
}
