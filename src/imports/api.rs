//! Imports in the API: upload (multipart or a text/csv body) → 201 with the preview, read a
//! batch with its progress and a page of rows, confirm chosen rows, cancel.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::forms::{UploadChoices, read_multipart};
use super::model;
use super::reader::MAX_BYTES;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::entities::{import_batch, import_row};
use crate::error::{AppError, AppResult};
use crate::web::i18n::{Lang, Message};
use crate::web::list::ListQuery;
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_import))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BYTES + 256 * 1024))
        .routes(routes!(get_import, cancel_import))
        .routes(routes!(confirm_import))
}

#[derive(Serialize, ToSchema)]
pub struct RowMessage {
    field: String,
    message: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportRowResponse {
    /// The line in the file (the heading is line 1); rows are chosen by it.
    line: i32,
    /// new | duplicate (of `existing_candidate_id`) | in_file (of `earlier_line`) | error
    status: String,
    full_name: String,
    email: Option<String>,
    phone: Option<String>,
    current_title: Option<String>,
    current_company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_salary: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    links: Option<String>,
    source: Option<String>,
    /// The stage the file names, as its code; shown for checking, an import onto a position
    /// still starts everyone on the long-list.
    stage: Option<String>,
    errors: Vec<RowMessage>,
    existing_candidate_id: Option<i32>,
    earlier_line: Option<i32>,
    selected: bool,
    /// created | linked, once imported.
    outcome: Option<String>,
    candidate_id: Option<i32>,
}

#[derive(Serialize, ToSchema)]
pub struct ImportCounts {
    new: i32,
    duplicate: i32,
    in_file: i32,
    error: i32,
}

#[derive(Serialize, ToSchema)]
pub struct ImportResponse {
    id: i32,
    /// previewing | importing | done
    state: String,
    filename: String,
    encoding: String,
    position_id: Option<i32>,
    consent_text_version: String,
    total_rows: i32,
    counts: ImportCounts,
    selected_rows: i32,
    processed_rows: i32,
    created_rows: i32,
    linked_rows: i32,
    /// 0–100.
    progress: i32,
    created_at: chrono::DateTime<chrono::Utc>,
    finished_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A page of the rows (`limit`, `offset`).
    rows: Vec<ImportRowResponse>,
}

fn row_response(row: import_row::Model, lang: Lang, salaries: bool) -> ImportRowResponse {
    ImportRowResponse {
        errors: model::row_errors(&row)
            .into_iter()
            .map(|e| RowMessage {
                message: lang.text(&e.key),
                field: e.field,
            })
            .collect(),
        line: row.line_number,
        status: row.status,
        full_name: row.full_name,
        email: row.email,
        phone: row.phone,
        current_title: row.current_title,
        current_company: row.current_company,
        expected_salary: row.expected_salary.filter(|_| salaries),
        currency: row.currency.filter(|_| salaries),
        links: row.links,
        source: row.source,
        stage: row.stage,
        existing_candidate_id: row.existing_candidate_id,
        earlier_line: row.earlier_line,
        selected: row.selected,
        outcome: row.outcome,
        candidate_id: row.candidate_id,
    }
}

async fn response(
    state: &AppState,
    user: &CurrentUser,
    batch: import_batch::Model,
    paging: &ListQuery,
) -> AppResult<ImportResponse> {
    let lang = user.lang;
    let salaries = user.can(Action::ViewSalaries);
    let rows = model::rows(&state.db, batch.id, paging.limit(), paging.offset()).await?;
    Ok(ImportResponse {
        progress: model::percent(&batch),
        rows: rows
            .into_iter()
            .map(|r| row_response(r, lang, salaries))
            .collect(),
        id: batch.id,
        state: batch.state,
        filename: batch.filename,
        encoding: batch.encoding,
        position_id: batch.position_id,
        consent_text_version: batch.consent_text_version,
        total_rows: batch.total_rows,
        counts: ImportCounts {
            new: batch.new_rows,
            duplicate: batch.duplicate_rows,
            in_file: batch.in_file_rows,
            error: batch.error_rows,
        },
        selected_rows: batch.selected_rows,
        processed_rows: batch.processed_rows,
        created_rows: batch.created_rows,
        linked_rows: batch.linked_rows,
        created_at: batch.created_at,
        finished_at: batch.finished_at,
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RowPaging {
    limit: Option<u64>,
    offset: Option<u64>,
}

impl RowPaging {
    fn list(&self) -> ListQuery {
        ListQuery {
            limit: self.limit,
            offset: self.offset,
        }
    }
}

/// Uploads a CSV of candidates (multipart field `file`, or the CSV itself as a `text/csv`
/// body) and answers with the preview: each row's status and messages. Nothing is imported
/// until the batch is confirmed. `consent=true` is required.
#[utoipa::path(post, path = "/imports", tag = "imports", security(("bearer" = [])),
    params(UploadChoices),
    request_body(content_type = "text/csv", content = String),
    responses((status = 201, body = ImportResponse), (status = 413), (status = 415), (status = 422)))]
async fn create_import(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<UploadChoices>,
    request: Request,
) -> AppResult<(StatusCode, ApiJson<ImportResponse>)> {
    user.require(Action::ManageCandidates)?;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_lowercase();
    let (choices, filename, bytes) = if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &state)
            .await
            .map_err(|_| AppError::BadRequest(Message::new("error-multipart")))?;
        let (fields, filename, bytes) = read_multipart(multipart).await?;
        let merged = UploadChoices {
            encoding: fields.encoding.or(query.encoding),
            position_id: fields.position_id.or(query.position_id),
            consent: fields.consent.or(query.consent),
            consent_text_version: fields.consent_text_version.or(query.consent_text_version),
        };
        (merged, filename, bytes)
    } else if content_type.starts_with("text/csv")
        || content_type.starts_with("text/plain")
        || content_type.starts_with("application/csv")
    {
        let bytes = Bytes::from_request(request, &state)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        (query, "import.csv".to_owned(), bytes.to_vec())
    } else {
        return Err(AppError::UnsupportedMediaType);
    };
    let upload = choices.into_upload(filename, bytes)?;
    let batch = model::preview(&state.db, user.id, upload).await?;
    let body = response(
        &state,
        &user,
        batch,
        &ListQuery {
            limit: None,
            offset: None,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(body)))
}

/// A batch with its state, counts, progress (poll it while `importing`) and a page of rows.
#[utoipa::path(get, path = "/imports/{id}", tag = "imports", security(("bearer" = [])),
    params(("id" = i32, Path), RowPaging),
    responses((status = 200, body = ImportResponse), (status = 404)))]
async fn get_import(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    Query(paging): Query<RowPaging>,
) -> AppResult<ApiJson<ImportResponse>> {
    user.require(Action::ManageCandidates)?;
    let batch = model::get(&state.db, id).await?;
    Ok(ApiJson(
        response(&state, &user, batch, &paging.list()).await?,
    ))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct ConfirmRequest {
    /// The lines to import; omitted: every new and duplicate row.
    rows: Option<Vec<i32>>,
}

/// Imports the chosen rows: new people are created (with their consent, basis `import`),
/// duplicates are linked, and with a position everyone goes on its long-list. Small batches
/// are done when this answers (200); large ones continue in the background (202).
#[utoipa::path(post, path = "/imports/{id}/confirm", tag = "imports", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ConfirmRequest,
    responses((status = 200, body = ImportResponse), (status = 202, body = ImportResponse),
        (status = 404), (status = 409), (status = 422)))]
async fn confirm_import(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
    body: Bytes,
) -> AppResult<(StatusCode, ApiJson<ImportResponse>)> {
    user.require(Action::ManageCandidates)?;
    // The body is optional: none (or `null`) confirms the rows as they are ticked.
    let text = String::from_utf8_lossy(&body);
    let request: ConfirmRequest = match text.trim() {
        "" | "null" => ConfirmRequest::default(),
        json => serde_json::from_str(json).map_err(|err| {
            if err.is_data() {
                AppError::validation(
                    "rows",
                    Message::new("error-json-shape").with("detail", err.to_string()),
                )
            } else {
                AppError::BadRequest(
                    Message::new("error-malformed-json").with("detail", err.to_string()),
                )
            }
        })?,
    };
    let batch = model::confirm(&state.db, user.id, id, request.rows).await?;
    let status = if batch.state == model::DONE {
        StatusCode::OK
    } else {
        StatusCode::ACCEPTED
    };
    let body = response(
        &state,
        &user,
        batch,
        &ListQuery {
            limit: None,
            offset: None,
        },
    )
    .await?;
    Ok((status, ApiJson(body)))
}

/// Cancels a batch still in preview: it is deleted and nothing was imported.
#[utoipa::path(delete, path = "/imports/{id}", tag = "imports", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 204), (status = 404), (status = 409)))]
async fn cancel_import(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(Action::ManageCandidates)?;
    model::cancel(&state.db, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
