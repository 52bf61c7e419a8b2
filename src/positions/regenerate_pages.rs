//! "Regenerate" on a vacancy text the recruiter edited: the edit is kept until they choose this,
//! and choosing it asks first, showing line by line what the text generated from today's
//! profile would change (removed and added lines, marked by sign and words, not by colour
//! alone). The page follows the shared confirmations (`web::confirm`): what was posted travels
//! in hidden fields, Confirm posts it again with `confirmed=1`, Back returns to the editor as
//! it was typed.

use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::model;
use super::vacancy::{regenerate as regenerate_text, regeneration};
use crate::domain::line_diff::{Change, Line};
use crate::error::AppResult;
use crate::web::confirm::{is_confirmed, is_edit};
use crate::web::i18n::{Lang, Message};
use crate::web::{FlashKind, Page};

#[derive(Serialize)]
struct RegeneratePage {
    id: i32,
    title: String,
    code: &'static str,
    lines: Vec<Line>,
    changed: bool,
    removed: usize,
    added: usize,
    /// The submitted fields, carried to Confirm and Back (the CSRF token is the page's own).
    fields: Vec<(String, String)>,
    /// Back re-posts to the editor (it came from there with its text); else a link.
    back_to_editor: bool,
}

/// Handles `action=regenerate` (or the older `reset`) posted for the text in `lang`.
pub async fn regenerate(
    page: &Page,
    actor_id: i32,
    id: i32,
    lang: Lang,
    pairs: &[(String, String)],
) -> AppResult<Response> {
    let code = lang.as_str();
    let db = &page.state.db;
    if is_edit(pairs) {
        return Ok(page.show_as_typed(
            &format!("/positions/{id}/vacancy?lang={code}"),
            &format!("vacancy-{code}"),
        ));
    }
    if is_confirmed(pairs) {
        regenerate_text(db, actor_id, id, lang).await?;
        page.flash(FlashKind::Success, Message::new("vacancy-regenerated"))
            .await?;
        return Ok(Redirect::to(&format!("/positions/{id}#vacancy")).into_response());
    }
    let preview = regeneration(db, &page.state.templates, id, lang).await?;
    if !preview.edited {
        page.flash(
            FlashKind::Success,
            Message::new("vacancy-already-generated"),
        )
        .await?;
        return Ok(Redirect::to(&format!("/positions/{id}#vacancy")).into_response());
    }
    let count = |change| preview.lines.iter().filter(|l| l.change == change).count();
    let context = RegeneratePage {
        id,
        title: model::get(db, id).await?.title,
        code,
        removed: count(Change::Removed),
        added: count(Change::Added),
        changed: preview.changed,
        lines: preview.lines,
        fields: pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "_csrf" | "confirmed" | "edit"))
            .cloned()
            .collect(),
        back_to_editor: pairs.iter().any(|(k, _)| k == "text"),
    };
    Ok(page
        .render("positions/vacancy_regenerate.html", context)
        .await?
        .into_response())
}
