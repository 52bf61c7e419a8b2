//! hh.ru on a position, through `positions::extensions`: the vacancy's panel and the link to
//! the resume searches on the position page, and the vacancy archived when the position closes.

use serde_json::json;

use super::{archive, publish_pages, searches};
use crate::app::AppState;
use crate::domain::access::Action;
use crate::entities::position;
use crate::error::{AppError, AppResult};
use crate::positions::extensions::{Panel, PositionExtension, Slot};
use crate::web::Page;

pub struct HhOnPositions;

fn context<T: serde::Serialize>(value: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| AppError::Internal(anyhow::anyhow!("hh panel: {e}")))
}

#[async_trait::async_trait]
impl PositionExtension for HhOnPositions {
    async fn panels(&self, page: &Page, position: &position::Model) -> AppResult<Vec<Panel>> {
        let mut panels = Vec::new();
        if page
            .user
            .as_ref()
            .is_some_and(|u| u.can(Action::ViewAllCandidates))
            && let Some(badge) = searches::badge(&page.state.db, position.id).await?
        {
            panels.push(Panel {
                slot: Slot::Sourcing,
                template: "hh/searches_link.html",
                context: json!({"position_id": position.id, "searches": context(&badge)?}),
            });
        }
        if let Some(panel) = publish_pages::panel(page, position).await? {
            panels.push(Panel {
                slot: Slot::Main,
                template: "hh/position_panel.html",
                context: context(&panel)?,
            });
        }
        Ok(panels)
    }

    async fn after_status_change(&self, state: &AppState, position_id: i32) {
        archive::archive_if_closed(state, position_id).await;
    }
}
