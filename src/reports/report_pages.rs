//! Reports in the browser: the list of reports, and one report with its date range, its chart,
//! its tables and the CSV and XLSX downloads of exactly what is on the screen.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::filter::ReportQuery;
use super::kinds::{self, Kind};
use super::output::Output;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::Page;

#[derive(Serialize)]
struct IndexPage {
    reports: Vec<&'static str>,
}

pub async fn index(page: Page) -> AppResult<Response> {
    let user = page.require(Action::ViewReports)?;
    let reports = Kind::ALL
        .into_iter()
        .filter(|k| k.may_read(user))
        .map(Kind::slug)
        .collect();
    Ok(page
        .render("reports/index.html", IndexPage { reports })
        .await?
        .into_response())
}

#[derive(Serialize)]
struct ReportPage {
    slug: &'static str,
    output: Option<Output>,
    by_position: bool,
    positions: Vec<(i32, String)>,
    form: BTreeMap<&'static str, String>,
    errors: BTreeMap<String, String>,
    /// The query string of this view, for the download links.
    query: String,
}

pub async fn show(
    page: Page,
    Path(slug): Path<String>,
    Query(query): Query<ReportQuery>,
) -> AppResult<Response> {
    let user = page.user()?.clone();
    let kind = Kind::parse(&slug).ok_or(AppError::NotFound)?;
    if !kind.may_read(&user) {
        return Err(AppError::Forbidden);
    }
    let db = &page.state.db;
    let positions = if kind.by_position() {
        let mut titles = crate::positions::model::titles(db, None, None).await?;
        titles.sort_by(|a, b| a.1.cmp(&b.1));
        titles
    } else {
        Vec::new()
    };
    let form: BTreeMap<&'static str, String> = [
        ("from", query.from.clone().unwrap_or_default()),
        ("to", query.to.clone().unwrap_or_default()),
        ("position_id", query.position_id.clone().unwrap_or_default()),
    ]
    .into_iter()
    .collect();
    let encoded = serde_urlencoded::to_string(
        form.iter()
            .filter(|(_, v)| !v.is_empty())
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let mut context = ReportPage {
        slug: kind.slug(),
        output: None,
        by_position: kind.by_position(),
        positions,
        form,
        errors: BTreeMap::new(),
        query: encoded,
    };
    let filter = match query.filter() {
        Ok(filter) => filter,
        Err(AppError::Validation(errors)) => {
            context.errors = page.field_errors(&errors);
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page.render("reports/report.html", context).await?,
            )
                .into_response());
        }
        Err(other) => return Err(other),
    };
    let computed = kinds::run(&page.state, kind, filter, page.lang).await?;
    if let Some(format) = kinds::format_of(query.format.as_deref(), &HeaderMap::new())? {
        return kinds::download(&computed, kind, &filter, format, page.lang);
    }
    context.output = Some(computed.output(page.lang));
    Ok(page
        .render("reports/report.html", context)
        .await?
        .into_response())
}
