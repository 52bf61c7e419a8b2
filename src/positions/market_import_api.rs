//! `POST /market/salaries`: market figures from a CSV body. Without `confirm` it answers the
//! preview and stores nothing; with `confirm=true` it imports every row in one transaction.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::market_import::{self, ImportFields, PreviewRow};
use super::reference::{self, MarketDataset};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::web::errors::PROBLEM_JSON;
use crate::web::i18n::{Lang, Message};
use crate::web::{ApiJson, AuthUser};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import_market_salaries))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// What the figures count: `resumes`, `vacancies` or `survey`.
    kind: Option<String>,
    title: Option<String>,
    /// Where the figures come from: "hh.ru", "RealHR", a survey's name.
    source: Option<String>,
    region: Option<String>,
    /// The day the figures describe, `YYYY-MM-DD`.
    as_of: Option<String>,
    /// `true` imports the rows; anything else only previews them.
    confirm: Option<bool>,
}

impl ImportQuery {
    fn fields(&self) -> ImportFields {
        ImportFields {
            kind: self.kind.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            region: self.region.clone(),
            as_of: self.as_of.clone(),
        }
    }
}

/// The preview of a file whose every row can be imported.
#[derive(Serialize, ToSchema)]
pub struct MarketPreviewResponse {
    rows: Vec<PreviewRow>,
}

/// A 422 for a file with bad rows: problem details whose `errors` name each bad row
/// (`rows[<line>].<column>`), with every row of the preview beside them.
#[derive(Serialize, ToSchema)]
pub struct MarketPreviewProblem {
    #[serde(rename = "type")]
    #[schema(example = "/problems/validation")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    errors: Vec<MarketProblemField>,
    rows: Vec<PreviewRow>,
}

#[derive(Serialize, ToSchema)]
pub struct MarketProblemField {
    #[schema(example = "rows[3].max")]
    field: String,
    message: String,
}

/// Imports market salary figures from a CSV sent as the body (`Content-Type: text/csv`, UTF-8
/// or Windows-1251, `;` or `,` between cells, a BOM allowed). The heading names the columns:
/// `bracket` (or `grade`), `min`, `max`, `median`, `count` (Russian headings `грейд`, `от`,
/// `до`, `медиана`, `количество` too); each row needs a min, a max or a median. Without
/// `confirm=true` the answer is the preview and nothing is stored; with it, every row is
/// imported in one transaction, or none when any row is bad.
#[utoipa::path(post, path = "/market/salaries", tag = "reference", security(("bearer" = [])),
    operation_id = "import_market_salaries",
    params(ImportQuery),
    request_body(content_type = "text/csv", content = String,
        description = "bracket;min;max;median;count\nJunior;60000;90000;75000;120"),
    responses(
        (status = 200, description = "The preview: every row can be imported; nothing was stored", body = MarketPreviewResponse),
        (status = 201, description = "Imported (`confirm=true`): the new dataset as `GET /market/salaries` shows it", body = MarketDataset),
        (status = 401, description = "No valid token"),
        (status = 403, description = "Only admins and hiring managers import market data"),
        (status = 413, description = "The file is larger than 512 KB"),
        (status = 415, description = "The body is not text/csv"),
        (status = 422, description = "A bad field or file, or bad rows: each bad row named with its line, beside the whole preview; nothing was stored", body = MarketPreviewProblem)))]
async fn import_market_salaries(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    request: Request,
) -> AppResult<Response> {
    user.require(Action::ImportMarketData)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_lowercase();
    if !["text/csv", "text/plain", "application/csv"]
        .iter()
        .any(|t| content_type.starts_with(t))
    {
        return Err(AppError::UnsupportedMediaType);
    }
    let bytes = Bytes::from_request(request, &state)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    if bytes.len() > market_import::MAX_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let (text, _) = crate::imports::reader::decode(&bytes, None);
    let (meta, rows) = market_import::read(&query.fields(), &text, "csv")?;
    // The API speaks English unless the client asks for Russian, as its problems do.
    let lang = Lang::from_accept_language(&headers).unwrap_or(Lang::En);
    let errors = market_import::row_errors(&rows);
    if !errors.is_empty() {
        let problem = MarketPreviewProblem {
            kind: "/problems/validation",
            title: "Unprocessable Entity",
            status: 422,
            detail: lang.render(
                &Message::new("market-import-bad-rows").with_number("count", errors.len() as i64),
            ),
            errors: errors
                .iter()
                .map(|e| MarketProblemField {
                    field: e.field.clone(),
                    message: lang.render(&e.message),
                })
                .collect(),
            rows: market_import::preview_rows(&rows, lang),
        };
        let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            PROBLEM_JSON.parse().expect("a media type"),
        );
        return Ok(response);
    }
    if query.confirm != Some(true) {
        let rows = market_import::preview_rows(&rows, lang);
        return Ok(ApiJson(MarketPreviewResponse { rows }).into_response());
    }
    let dataset = market_import::import_now(&state.db, user.id, &meta, &text, &rows).await?;
    let imported = reference::market_data(&state.db, user.lang)
        .await?
        .into_iter()
        .find(|d| d.code == dataset.code)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, ApiJson(imported)).into_response())
}
