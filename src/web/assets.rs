//! CSS, JS and icons embedded in the binary. URLs carry a content hash, so browsers may cache
//! them for a year and still see a new version the moment it ships.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::error::AppError;

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../templates/static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../templates/static/app.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../templates/static/favicon.svg"),
    ),
];

pub struct Assets {
    hashes: BTreeMap<&'static str, String>,
}

impl Assets {
    pub fn new() -> Self {
        let hashes = FILES
            .iter()
            .map(|(name, _, bytes)| {
                let digest = Sha256::digest(bytes);
                (
                    *name,
                    digest[..6].iter().map(|b| format!("{b:02x}")).collect(),
                )
            })
            .collect();
        Self { hashes }
    }

    /// `{"app.css": "/static/app.css?v=…", …}` for templates.
    pub fn urls(&self) -> BTreeMap<&'static str, String> {
        self.hashes
            .iter()
            .map(|(name, hash)| (*name, format!("/static/{name}?v={hash}")))
            .collect()
    }
}

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(serde::Deserialize)]
pub struct Version {
    v: Option<String>,
}

pub async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(version): Query<Version>,
) -> Result<Response, AppError> {
    let (_, content_type, bytes) = FILES
        .iter()
        .find(|(file, _, _)| *file == name)
        .ok_or(AppError::NotFound)?;
    let current = state.assets.hashes.get(name.as_str());
    let cache = if version.v.is_some() && version.v.as_ref() == current {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let mut response = (*bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}
