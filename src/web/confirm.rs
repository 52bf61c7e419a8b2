//! Asking before a step that cannot be undone or that emails many people, without JavaScript:
//! the first POST (no `confirmed=1`) answers with a page that says exactly what will happen and
//! carries what was submitted as hidden fields; its Confirm button posts them again with
//! `confirmed=1`, and only then does the handler act. One template, `confirm/page.html`.

use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::Page;
use super::i18n::Message;
use crate::error::{AppError, AppResult};

/// The field a Confirm button sends.
pub const CONFIRMED: &str = "confirmed";
/// The field a Back button sends when the form it came from is shown again as typed.
pub const EDIT: &str = "edit";

/// A form body as its pairs, in order (repeated names such as `ids` kept).
pub fn pairs(body: &Bytes) -> AppResult<Vec<(String, String)>> {
    serde_urlencoded::from_bytes(body)
        .map_err(|_| AppError::BadRequest(Message::new("error-validation")))
}

/// The person pressed Confirm.
pub fn is_confirmed(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, v)| k == CONFIRMED && v == "1")
}

/// The person pressed Back on a confirmation and wants the form as they typed it.
pub fn is_edit(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, v)| k == EDIT && v == "1")
}

/// One person the step touches.
#[derive(Serialize)]
pub struct Affected {
    pub name: String,
    /// A stage code, shown by its name.
    pub stage: Option<String>,
    /// What happens to them ("gets a rejection email"), or why the rule leaves them be.
    pub note: Option<String>,
    pub refused: bool,
}

/// The confirmation page's content.
#[derive(Serialize)]
pub struct Confirmation {
    title: String,
    consequences: Vec<String>,
    people: Vec<Affected>,
    action: String,
    fields: Vec<(String, String)>,
    confirm_label: String,
    back: String,
    /// Back posts the fields with `edit=1`, so the form comes back as typed.
    edit: bool,
    danger: bool,
}

impl Confirmation {
    /// A confirmation posting to `action`, titled and labelled in the page's language.
    pub fn new(page: &Page, title: Message, action: impl Into<String>) -> Self {
        Self {
            title: page.text(&title),
            consequences: Vec::new(),
            people: Vec::new(),
            action: action.into(),
            fields: Vec::new(),
            confirm_label: page.text(&Message::new("confirm-go")),
            back: "/".to_owned(),
            edit: false,
            danger: true,
        }
    }

    /// One sentence of what will happen.
    pub fn says(mut self, page: &Page, message: Message) -> Self {
        self.consequences.push(page.text(&message));
        self
    }

    pub fn person(mut self, person: Affected) -> Self {
        self.people.push(person);
        self
    }

    /// The submitted values, carried as hidden fields (the CSRF token is the page's own).
    pub fn carrying(mut self, pairs: &[(String, String)]) -> Self {
        self.fields = pairs
            .iter()
            .filter(|(k, _)| k != "_csrf" && k != CONFIRMED && k != EDIT)
            .cloned()
            .collect();
        self
    }

    pub fn confirm_label(mut self, page: &Page, label: Message) -> Self {
        self.confirm_label = page.text(&label);
        self
    }

    /// Where Back leads: a link to `back`, or with `edit` a re-post that shows the form again.
    pub fn back(mut self, back: impl Into<String>, edit: bool) -> Self {
        self.back = back.into();
        self.edit = edit;
        self
    }

    pub fn harmless(mut self) -> Self {
        self.danger = false;
        self
    }

    pub async fn render(self, page: &Page) -> AppResult<Response> {
        Ok(page
            .render("confirm/page.html", self)
            .await?
            .into_response())
    }
}
