//! What visitors' browsers fetch of the agency: the logo (a PNG named by its hash, so it may
//! be cached for good) and a stylesheet of its colour.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::model::readable_accent;
use crate::app::AppState;
use crate::error::{AppError, AppResult};

pub async fn logo(State(state): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let hash = file.strip_suffix(".png").ok_or(AppError::NotFound)?;
    let png = super::logo::png(&state.db, hash)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        png,
    )
        .into_response())
}

/// `/agency.css?v=…`: the agency's accent as the app's brand colour, darkened where needed
/// so text on it and links in it stay readable.
pub async fn stylesheet(State(state): State<AppState>) -> Response {
    let agency = state.agency.get();
    let accent = readable_accent(&agency.accent_color);
    let css = format!(":root {{ --brand: {accent}; --brand-ink: #fff; }}\n");
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            // The link carries the colour in its query, so a change is a new address.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        css,
    )
        .into_response()
}
