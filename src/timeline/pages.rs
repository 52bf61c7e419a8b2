//! The card's note form. A refused note comes back to the card with what was typed.

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

#[derive(Debug, Default, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    pub text: String,
    /// An application of this person the note is about; empty for the person as a whole.
    #[serde(default)]
    pub application_id: Option<String>,
}

pub async fn add_note(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManageCandidates)?;
    let back = format!("/candidates/{id}");
    let application_id = form
        .application_id
        .as_deref()
        .and_then(|a| a.trim().parse::<i32>().ok());
    if let Err(error) =
        super::notes::add(&page.state.db, user.id, id, application_id, &form.text).await
    {
        return page.show_again(&back, "note", error).await;
    }
    page.flash(FlashKind::Success, Message::new("timeline-note-added"))
        .await?;
    Ok(Redirect::to(&back).into_response())
}
