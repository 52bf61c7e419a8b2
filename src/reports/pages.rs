//! The home page: what the signed-in user acts on today.

use serde::Serialize;

use super::model::{self, PositionSummary};
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::recruitment::channels::{self, DueSearch};
use crate::recruitment::views::{self, FollowUp};
use crate::web::Page;
use axum::response::Html;

#[derive(Serialize)]
struct DashboardPage {
    positions: Option<Vec<PositionSummary>>,
    stages: Vec<&'static str>,
    /// For those who run the pipeline: contacts due today or overdue, and saved searches due.
    follow_ups: Option<Vec<FollowUp>>,
    follow_ups_total: u64,
    searches: Option<Vec<DueSearch>>,
}

/// How many due follow-ups the dashboard lists before pointing to the full list.
const FOLLOW_UPS_SHOWN: u64 = 20;

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
    let (follow_ups, follow_ups_total, searches) = if user.can(Action::ManageCandidates) {
        let (due, total) = views::follow_ups_due(&page.state.db, FOLLOW_UPS_SHOWN).await?;
        (
            Some(due),
            total,
            Some(channels::due_searches(&page.state.db).await?),
        )
    } else {
        (None, 0, None)
    };
    page.render(
        "reports/dashboard.html",
        DashboardPage {
            positions,
            stages,
            follow_ups,
            follow_ups_total,
            searches,
        },
    )
    .await
}
