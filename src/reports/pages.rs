//! The home page: what the signed-in user acts on today.

use serde::Serialize;

use super::model::{self, PositionSummary};
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::Page;
use axum::response::Html;

#[derive(Serialize)]
struct DashboardPage {
    positions: Option<Vec<PositionSummary>>,
    stages: Vec<&'static str>,
}

pub async fn dashboard(page: Page) -> AppResult<Html<String>> {
    let user = page.user()?;
    let positions = if user.can(Action::ViewPositions) {
        Some(model::positions_in_progress(&page.state.db).await?)
    } else {
        None
    };
    let stages = crate::domain::pipeline::Stage::FLOW
        .iter()
        .map(|s| s.as_str())
        .collect();
    page.render(
        "reports/dashboard.html",
        DashboardPage { positions, stages },
    )
    .await
}
