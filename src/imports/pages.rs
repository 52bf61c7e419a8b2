//! The import pages: upload with its choices, the preview with a tick per row (paged), the
//! progress bar while a large batch imports in the background, the outcome; and the export
//! of the candidate list with its filters.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Multipart, Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::export::{self, ExportFilter};
use super::forms::{ChoiceForm, read_multipart};
use super::model::{self, DONE, IMPORTING, PREVIEWING};
use crate::domain::access::Action;
use crate::entities::{import_batch, import_row};
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::consent::CONSENT_TEXT_VERSION;
use crate::web::i18n::Message;
use crate::web::tabular::Format;
use crate::web::{FlashKind, Page, kept};

const PER_PAGE: u64 = 100;

/// The upload form, as its template names it.
const UPLOAD_FORM: &str = "import";

#[derive(Serialize)]
struct UploadPage {
    positions: Vec<(i32, String)>,
    recent: Vec<import_batch::Model>,
    csrf_query: String,
    max_rows: usize,
    consent_text_version: &'static str,
}

/// The upload page; a refused upload comes back on it through [`Page::show_again_with`].
pub async fn upload_page(page: Page) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let (all, _) = crate::positions::model::list(&page.state.db, None, 200, 0).await?;
    let positions = all
        .into_iter()
        .filter(|p| matches!(p.status.as_str(), "draft" | "open" | "on_hold"))
        .map(|p| (p.id, p.title))
        .collect();
    let csrf = crate::web::csrf::token(&page.session).await?;
    let context = UploadPage {
        positions,
        recent: model::recent(&page.state.db, 10).await?,
        csrf_query: serde_urlencoded::to_string([("_csrf", csrf)]).unwrap_or_default(),
        max_rows: super::reader::MAX_ROWS,
        consent_text_version: CONSENT_TEXT_VERSION,
    };
    Ok(page
        .render("imports/upload.html", context)
        .await?
        .into_response())
}

/// A file that cannot be taken is shown beside the file field, with the status the API gives.
fn as_form_errors(err: AppError) -> Result<(StatusCode, Vec<FieldError>), AppError> {
    let status = err.status();
    match err {
        AppError::Validation(errors) => Ok((status, errors)),
        AppError::PayloadTooLarge => Ok((
            status,
            vec![FieldError::new("file", Message::new("import-file-too-big"))],
        )),
        AppError::UnsupportedMediaType => Ok((
            status,
            vec![FieldError::new("file", Message::new("import-file-not-csv"))],
        )),
        other => Err(other),
    }
}

/// The upload page again with the choices as sent (the file is asked for again).
async fn refuse_upload(
    page: &Page,
    err: AppError,
    typed: &HashMap<String, String>,
) -> AppResult<Response> {
    let (status, errors) = as_form_errors(err)?;
    let error = AppError::Validation(errors);
    let refused = page
        .show_again_with("/candidates/import", UPLOAD_FORM, error, typed)
        .await?;
    Ok(kept::with_status(refused, status))
}

pub async fn upload(page: Page, request: axum::extract::Request) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    // The body is read only once access is settled: a refused role learns nothing from it.
    let multipart = <Multipart as axum::extract::FromRequest<()>>::from_request(request, &())
        .await
        .map_err(|_| AppError::BadRequest(Message::new("import-file-not-csv")))?;
    let user_id = user.id;
    let (choices, filename, bytes) = match read_multipart(multipart).await {
        Ok(read) => read,
        Err(err) => return refuse_upload(&page, err, &HashMap::new()).await,
    };
    let typed: HashMap<String, String> = [
        ("encoding", &choices.encoding),
        ("position_id", &choices.position_id),
        ("consent", &choices.consent),
        ("consent_text_version", &choices.consent_text_version),
    ]
    .into_iter()
    .filter_map(|(name, value)| Some((name.to_owned(), value.clone()?)))
    .collect();
    let result = match choices.into_upload(filename, bytes) {
        Ok(upload) => model::preview(&page.state.db, user_id, upload).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(batch) => Ok(Redirect::to(&format!("/candidates/import/{}", batch.id)).into_response()),
        Err(err) => refuse_upload(&page, err, &typed).await,
    }
}

#[derive(Serialize)]
struct RowView {
    #[serde(flatten)]
    row: import_row::Model,
    messages: Vec<(String, String)>,
    selectable: bool,
}

#[derive(Serialize)]
struct BatchPage {
    batch: import_batch::Model,
    rows: Vec<RowView>,
    percent: i32,
    page: u64,
    pages: u64,
    query: String,
    previewing: bool,
    importing: bool,
    done: bool,
    can_see_salary: bool,
    position_title: Option<String>,
}

#[derive(Deserialize)]
pub struct PageParams {
    page: Option<u64>,
}

pub async fn show(
    page: Page,
    Path(id): Path<i32>,
    Query(params): Query<PageParams>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let can_see_salary = user.can(Action::ViewSalaries);
    let db = &page.state.db;
    let batch = model::get(db, id).await?;
    let pages = (batch.total_rows.max(0) as u64).div_ceil(PER_PAGE).max(1);
    let number = params.page.unwrap_or(1).clamp(1, pages);
    let rows = model::rows(db, id, PER_PAGE, (number - 1) * PER_PAGE).await?;
    let rows = rows
        .into_iter()
        .map(|row| RowView {
            messages: model::row_errors(&row)
                .into_iter()
                .map(|e| (e.field.clone(), page.lang.text(&e.key)))
                .collect(),
            selectable: row.status == model::STATUS_NEW || row.status == model::STATUS_DUPLICATE,
            row,
        })
        .collect();
    let position_title = match batch.position_id {
        Some(pid) => crate::positions::model::get(db, pid)
            .await
            .ok()
            .map(|p| p.title),
        None => None,
    };
    let context = BatchPage {
        percent: model::percent(&batch),
        previewing: batch.state == PREVIEWING,
        importing: batch.state == IMPORTING,
        done: batch.state == DONE,
        rows,
        page: number,
        pages,
        query: String::new(),
        can_see_salary,
        position_title,
        batch,
    };
    Ok(page
        .render("imports/batch.html", context)
        .await?
        .into_response())
}

/// The preview's form of ticks, as its template names it.
const ROWS_FORM: &str = "import-rows";

/// The preview's form: save the ticks of the rows shown, or save them and import.
pub async fn choose(
    page: Page,
    Path(id): Path<i32>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let user_id = user.id;
    let db = &page.state.db;
    let result = async {
        let form = ChoiceForm::from_pairs(&pairs)?;
        model::choose(db, id, &form.shown, &form.ticked).await?;
        let confirmed = if form.action == "confirm" {
            Some(model::confirm(db, user_id, id, None).await?)
        } else {
            None
        };
        Ok::<_, AppError>((form, confirmed))
    }
    .await;
    let (form, confirmed) = match result {
        Ok(done) => done,
        Err(error) => {
            let path = format!("/candidates/import/{id}");
            return page.show_again(&path, ROWS_FORM, error).await;
        }
    };
    let message = match confirmed {
        Some(batch) if batch.state == DONE => Message::new("import-done-flash")
            .with_number("created", i64::from(batch.created_rows))
            .with_number("linked", i64::from(batch.linked_rows)),
        Some(_) => Message::new("import-started-flash"),
        None => Message::new("import-ticks-saved"),
    };
    page.flash(FlashKind::Success, message).await?;
    let back = match form.action.strip_prefix("page-") {
        Some(n) => format!("/candidates/import/{id}?page={n}"),
        None => format!("/candidates/import/{id}"),
    };
    Ok(Redirect::to(&back).into_response())
}

pub async fn cancel(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    model::cancel(&page.state.db, user.id, id).await?;
    page.flash(FlashKind::Success, Message::new("import-cancelled"))
        .await?;
    Ok(Redirect::to("/candidates/import").into_response())
}

#[derive(Deserialize)]
pub struct ExportParams {
    q: Option<String>,
    tag: Option<String>,
    pool: Option<String>,
    format: Option<String>,
}

/// Normalises the list's filters: blanks are no filter.
pub fn export_filter(q: Option<String>, tag: Option<String>, pool: bool) -> ExportFilter {
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    ExportFilter {
        q: clean(q),
        tag: clean(tag),
        talent_pool_only: pool,
    }
}

pub async fn export(
    page: Page,
    headers: HeaderMap,
    Query(params): Query<ExportParams>,
) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?;
    let format = Format::requested(params.format.as_deref(), &headers).unwrap_or(Format::Csv);
    let filter = export_filter(params.q, params.tag, params.pool.is_some());
    export::download(&page.state.db, user, &filter, format).await
}

#[derive(Serialize)]
struct Progress {
    state: String,
    progress: i32,
    processed_rows: i32,
    selected_rows: i32,
}

/// The progress bar's polling endpoint: the page's session, not a Bearer token (the API's
/// `GET /api/v1/imports/{id}` gives the same figures to integrations).
pub async fn progress(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageCandidates)?;
    let batch = model::get(&page.state.db, id).await?;
    Ok(axum::Json(Progress {
        progress: model::percent(&batch),
        state: batch.state,
        processed_rows: batch.processed_rows,
        selected_rows: batch.selected_rows,
    })
    .into_response())
}
