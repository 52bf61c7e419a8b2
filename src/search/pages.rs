//! The results page behind the header's search box.

use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::model::{self, Hit, HitKind};
use crate::error::AppResult;
use crate::web::Page;

#[derive(Deserialize)]
pub struct SearchParams {
    q: Option<String>,
}

#[derive(Serialize)]
struct Group {
    kind: HitKind,
    hits: Vec<Hit>,
}

#[derive(Serialize)]
struct SearchPage {
    q: String,
    groups: Vec<Group>,
    /// Whether anything at all was found (an empty box finds nothing and says so differently).
    found: bool,
    per_kind: u64,
}

pub async fn results(page: Page, Query(params): Query<SearchParams>) -> AppResult<Response> {
    let user = page.user()?.clone();
    let q = params.q.unwrap_or_default();
    let hits = model::find(&page.state.db, &user, &q).await?;
    let groups: Vec<Group> = [HitKind::Candidate, HitKind::Position, HitKind::Internship]
        .into_iter()
        .map(|kind| Group {
            kind,
            hits: hits.iter().filter(|h| h.kind == kind).cloned().collect(),
        })
        .filter(|g| !g.hits.is_empty())
        .collect();
    let context = SearchPage {
        q: q.trim().to_owned(),
        found: !groups.is_empty(),
        groups,
        per_kind: model::PER_KIND,
    };
    Ok(page
        .render("search/results.html", context)
        .await?
        .into_response())
}
