//! A position's board: a column per stage with counts, days in stage and stale cards; filters
//! by source, owner and due follow-ups (a GET form); moves by plain forms, many cards at once
//! through the bulk action's confirmation, and by drag or keyboard with the script in app.js.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::board::{self, BoardColumn, BoardFilter};
use super::pipeline::{SOURCES, parse_source};
use super::reasons::{self, Reason};
use crate::domain::access::Action;
use crate::domain::pipeline::Stage;
use crate::entities::position;
use crate::error::AppResult;
use crate::web::Page;

/// Cards shown per column; the rest are one "show all" link away, in the filtered list.
/// A board of a thousand cards was two megabytes of HTML and over a second to render.
pub const CARDS_PER_COLUMN: u64 = 10;

/// The filter form as a browser sends it: every field as text, empty when not chosen, so
/// that a blank select means "all" and a hand-edited URL is ignored rather than refused.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BoardParams {
    source: String,
    owner_id: String,
    overdue: String,
}

impl BoardParams {
    fn filter(&self) -> BoardFilter {
        BoardFilter {
            source: parse_source(&self.source).map(str::to_owned),
            owner_id: self.owner_id.trim().parse().ok(),
            overdue: matches!(self.overdue.trim(), "1" | "true" | "on"),
        }
    }
}

/// The filter back as a query string, the way the form writes it.
fn query_of(filter: &BoardFilter) -> String {
    let owner = filter.owner_id.map(|id| id.to_string());
    let pairs: Vec<(&str, &str)> = [
        filter.source.as_deref().map(|s| ("source", s)),
        owner.as_deref().map(|o| ("owner_id", o)),
        filter.overdue.then_some(("overdue", "1")),
    ]
    .into_iter()
    .flatten()
    .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

#[derive(Serialize)]
struct BoardPage {
    position: position::Model,
    columns: Vec<BoardColumn>,
    ended: Vec<BoardColumn>,
    reasons: Vec<Reason>,
    /// This board with its filter: where forms on it come back to.
    back: String,
    can_manage: bool,
    filter: BoardFilter,
    sources: [&'static str; 6],
    owners: Vec<(i32, String)>,
    /// Where a bulk selection may go.
    stages: Vec<&'static str>,
}

pub async fn board(
    page: Page,
    Path(id): Path<i32>,
    Query(params): Query<BoardParams>,
) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?;
    let db = &page.state.db;
    let position = crate::positions::model::get(db, id).await?;
    let filter = params.filter();
    let mut columns = board::bounded(db, &position, &filter, CARDS_PER_COLUMN).await?;
    let ended = columns.split_off(Stage::FLOW.len());
    let query = query_of(&filter);
    let context = BoardPage {
        back: if query.is_empty() {
            format!("/positions/{id}/board")
        } else {
            format!("/positions/{id}/board?{query}")
        },
        position,
        columns,
        ended,
        // All of them: retired reasons still name earlier rejections; forms offer active ones.
        reasons: reasons::list(db, page.lang, false).await?,
        can_manage: user.can(Action::ManageCandidates),
        filter,
        sources: SOURCES,
        owners: board::owners(db).await?,
        stages: Stage::FLOW
            .into_iter()
            .chain([Stage::Rejected, Stage::Withdrawn])
            .map(Stage::as_str)
            .collect(),
    };
    Ok(page
        .render("recruitment/board.html", context)
        .await?
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_or_unknown_filter_shows_every_card() {
        let params = BoardParams {
            source: "telepathy".into(),
            owner_id: "".into(),
            overdue: "".into(),
        };
        assert!(params.filter().is_empty());
        assert_eq!(query_of(&params.filter()), "");
    }

    #[test]
    fn a_filter_goes_back_into_the_board_address_as_the_form_wrote_it() {
        let params = BoardParams {
            source: "referral".into(),
            owner_id: " 7 ".into(),
            overdue: "1".into(),
        };
        let filter = params.filter();
        assert_eq!(filter.owner_id, Some(7));
        assert_eq!(query_of(&filter), "source=referral&owner_id=7&overdue=1");
    }
}
