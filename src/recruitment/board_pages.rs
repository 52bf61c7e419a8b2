//! A position's board: a column per stage with counts, days in stage and stale cards; moves
//! by plain forms, and by drag with the small script in app.js.

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::reasons::{self, Reason};
use super::views::{self, BoardColumn};
use crate::domain::access::Action;
use crate::entities::position;
use crate::error::AppResult;
use crate::web::Page;

/// Cards shown per column; the rest are one "show all" link away, in the filtered list.
/// A board of a thousand cards was two megabytes of HTML and over a second to render.
pub const CARDS_PER_COLUMN: u64 = 10;

#[derive(Serialize)]
struct BoardPage {
    position: position::Model,
    columns: Vec<BoardColumn>,
    ended: Vec<BoardColumn>,
    reasons: Vec<Reason>,
    back: String,
    can_manage: bool,
    today: chrono::NaiveDate,
}

pub async fn board(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    let user = page.require(Action::ViewAllCandidates)?;
    let position = crate::positions::model::get(&page.state.db, id).await?;
    let mut columns = views::board_bounded(&page.state.db, id, CARDS_PER_COLUMN).await?;
    let ended = columns.split_off(crate::domain::pipeline::Stage::FLOW.len());
    let context = BoardPage {
        back: format!("/positions/{id}/board"),
        position,
        columns,
        ended,
        // All of them: retired reasons still name earlier rejections; forms offer active ones.
        reasons: reasons::list(&page.state.db, page.lang, false).await?,
        can_manage: user.can(Action::ManageCandidates),
        today: chrono::Utc::now().date_naive(),
    };
    Ok(page
        .render("recruitment/board.html", context)
        .await?
        .into_response())
}
