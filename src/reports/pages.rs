//! The home page: what the signed-in user acts on today.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
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
    /// The two or three numbers this role acts on.
    figures: Vec<super::figures::Figure>,
    positions: Option<Vec<PositionSummary>>,
    stages: Vec<&'static str>,
    /// For those who run the pipeline: contacts due today or overdue, and saved searches due.
    follow_ups: Option<Vec<FollowUp>>,
    /// "999+" past what is counted.
    follow_ups_total: String,
    searches: Option<Vec<DueSearch>>,
    /// For those who interview: what is coming and which scorecards are overdue.
    interviews: Option<Vec<UpcomingInterview>>,
    overdue: Vec<crate::interviews::reminders::Overdue>,
    /// Probation milestones past their day, for the hire's recruiter and hiring manager.
    probation: Vec<crate::probation::follow_ups::OverdueMilestone>,
}

#[derive(Serialize)]
struct UpcomingInterview {
    id: i32,
    kind: String,
    scheduled_at: chrono::DateTime<chrono::Utc>,
    candidate_name: String,
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
            if total > views::FOLLOW_UPS_COUNTED_UP_TO {
                format!("{}+", views::FOLLOW_UPS_COUNTED_UP_TO)
            } else {
                total.to_string()
            },
            Some(channels::due_searches(&page.state.db).await?),
        )
    } else {
        (None, String::new(), None)
    };
    let (interviews, overdue) = if user.can(Action::ScoreInterviews) {
        let db = &page.state.db;
        let soon = chrono::Utc::now() - chrono::Duration::hours(3);
        let soon_enough: Vec<_> = crate::interviews::model::for_interviewer(db, user.id)
            .await?
            .into_iter()
            .filter(|i| i.scheduled_at >= soon)
            .collect();
        // The people behind them in one query, not one per interview.
        let apps = crate::recruitment::views::cards(
            db,
            crate::entities::application::Entity::find()
                .filter(
                    crate::entities::application::Column::Id
                        .is_in(soon_enough.iter().map(|i| i.application_id)),
                )
                .all(db)
                .await?,
        )
        .await?;
        let upcoming = soon_enough
            .into_iter()
            .map(|i| UpcomingInterview {
                candidate_name: apps
                    .iter()
                    .find(|a| a.id == i.application_id)
                    .map(|a| a.full_name.clone())
                    .unwrap_or_default(),
                id: i.id,
                kind: i.kind,
                scheduled_at: i.scheduled_at,
            })
            .collect();
        (
            Some(upcoming),
            crate::interviews::reminders::overdue(db, Some(user.id)).await?,
        )
    } else {
        (None, Vec::new())
    };
    page.render(
        "reports/dashboard.html",
        DashboardPage {
            figures: super::figures::for_user(&page.state.db, user, page.lang).await?,
            positions,
            stages,
            follow_ups,
            follow_ups_total,
            searches,
            interviews,
            overdue,
            probation: crate::probation::follow_ups::overdue_for(&page.state.db, user.id).await?,
        },
    )
    .await
}
