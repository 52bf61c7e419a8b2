//! Market figures uploaded from the grades page: the CSV is read into a pending import, its
//! preview lists every row with its problems, and a button imports it.

use std::collections::HashMap;

use axum::extract::{Multipart, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::market_import::{self, ImportFields, PreviewRow};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page, kept};

/// The upload form's name, for the input kept when it is refused.
pub const UPLOAD_FORM: &str = "market";

/// Read files are refused beside the file field, with the status the API gives.
async fn refuse(
    page: &Page,
    err: AppError,
    typed: &HashMap<String, String>,
) -> AppResult<Response> {
    let status = err.status();
    let errors = match err {
        AppError::Validation(errors) => errors,
        AppError::PayloadTooLarge => {
            vec![FieldError::new("file", Message::new("import-file-too-big"))]
        }
        other => return Err(other),
    };
    let refused = page
        .show_again_with("/grades", UPLOAD_FORM, AppError::Validation(errors), typed)
        .await?;
    Ok(kept::with_status(refused, status))
}

/// `POST /grades/market` (multipart, the form token in the URL): reads the file and the
/// description; a readable file becomes a pending import shown on its own page.
pub async fn upload(page: Page, request: axum::extract::Request) -> AppResult<Response> {
    let user = page.require(Action::ImportMarketData)?;
    // The body is read only once access is settled.
    let multipart = <Multipart as axum::extract::FromRequest<()>>::from_request(request, &())
        .await
        .map_err(|_| AppError::BadRequest(Message::new("error-multipart")))?;
    let (file, typed) =
        crate::web::upload::read_upload_limited(multipart, "file", market_import::MAX_BYTES).await;
    let file = match file {
        Ok(file) => file,
        Err(err) => return refuse(&page, err, &typed).await,
    };
    let field = |name: &str| typed.get(name).cloned();
    let fields = ImportFields {
        kind: field("kind"),
        title: field("title"),
        source: field("source"),
        region: field("region"),
        as_of: field("as_of"),
    };
    let text = file
        .map(|f| crate::imports::reader::decode(&f.bytes, None).0)
        .unwrap_or_default();
    let (meta, rows) = match market_import::read(&fields, &text, "file") {
        Ok(read) => read,
        Err(err) => return refuse(&page, err, &typed).await,
    };
    let pending = market_import::stage(&page.state.db, user.id, &meta, &text, &rows).await?;
    Ok(Redirect::to(&format!("/grades/market/{}", pending.id)).into_response())
}

#[derive(Serialize)]
struct ImportPage {
    id: i32,
    kind: String,
    title: String,
    source: String,
    region: String,
    as_of: chrono::NaiveDate,
    rows: Vec<PreviewRow>,
    errors: usize,
    confirmed: bool,
}

/// `GET /grades/market/{id}`: the preview, every row with its problems.
pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ImportMarketData)?;
    let pending = market_import::find(&page.state.db, id).await?;
    let rows = crate::domain::market_csv::parse(&pending.csv).unwrap_or_default();
    let errors = rows.iter().map(|r| r.problems.len()).sum();
    let context = ImportPage {
        id: pending.id,
        kind: pending.kind,
        title: pending.title,
        source: pending.source,
        region: pending.region,
        as_of: pending.as_of,
        rows: market_import::preview_rows(&rows, page.lang),
        errors,
        confirmed: pending.confirmed_at.is_some(),
    };
    let status = if errors > 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = page.render("positions/market_import.html", context).await?;
    Ok((status, html).into_response())
}

/// `POST /grades/market/{id}/confirm`: imports the pending file, all rows or none.
pub async fn confirm(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ImportMarketData)?;
    let dataset = market_import::confirm(&page.state.db, user.id, id).await?;
    page.flash(
        FlashKind::Success,
        Message::new("market-import-saved").with("title", dataset.title_en),
    )
    .await?;
    Ok(Redirect::to("/grades#market").into_response())
}
