//! What features above positions add to a position, without positions knowing them: panels on
//! the position's page (hh.ru's vacancy and its resume searches, for one) and a word after a
//! change that may have closed the position (hh.ru then archives its vacancy). The composition
//! root registers the extensions in `AppState`; positions and the pipeline only call through
//! this list, so a feature that builds on positions never becomes one positions depends on.

use std::sync::Arc;

use serde::Serialize;

use crate::app::AppState;
use crate::entities::position;
use crate::error::AppResult;
use crate::web::Page;

/// Where on the position page a panel goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    /// Inside the sourcing card, under the channels.
    Sourcing,
    /// A card of its own after the sourcing card.
    Main,
}

/// A panel: the template the position page includes, and what that template reads as
/// `panel.context`.
#[derive(Clone, Debug, Serialize)]
pub struct Panel {
    pub slot: Slot,
    pub template: &'static str,
    pub context: serde_json::Value,
}

#[async_trait::async_trait]
pub trait PositionExtension: Send + Sync {
    /// The panels this feature shows on `position`'s page to the page's reader (none, often).
    async fn panels(&self, page: &Page, position: &position::Model) -> AppResult<Vec<Panel>>;

    /// Called after a change that may have closed the position has committed (held,
    /// cancelled, filled by a start). It cannot undo the change; what fails is its own to keep.
    async fn after_status_change(&self, state: &AppState, position_id: i32);
}

/// The registered extensions, in the order their panels show.
#[derive(Clone, Default)]
pub struct Extensions(Arc<Vec<Arc<dyn PositionExtension>>>);

impl Extensions {
    pub fn new(extensions: Vec<Arc<dyn PositionExtension>>) -> Self {
        Self(Arc::new(extensions))
    }

    pub async fn panels(&self, page: &Page, position: &position::Model) -> AppResult<Vec<Panel>> {
        let mut panels = Vec::new();
        for extension in self.0.iter() {
            panels.extend(extension.panels(page, position).await?);
        }
        Ok(panels)
    }

    pub async fn status_changed(&self, state: &AppState, position_id: i32) {
        for extension in self.0.iter() {
            extension.after_status_change(state, position_id).await;
        }
    }
}
