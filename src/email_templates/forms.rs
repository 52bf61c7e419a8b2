//! The browser's forms for templates and the compose page, read into the operations' requests.

use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

use super::compose::ComposeRequest;
use super::model::TemplateRequest;

fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default()
}

/// The add and edit forms of a template.
pub fn template(pairs: &[(String, String)]) -> TemplateRequest {
    TemplateRequest {
        name: value(pairs, "name"),
        lang: value(pairs, "lang"),
        subject: value(pairs, "subject"),
        body: value(pairs, "body"),
    }
}

/// What the compose form's button asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComposeStep {
    Preview,
    Send,
}

/// The compose form: subject and body as typed (a template's text is already in them), the
/// application picked, and which button was pressed.
pub fn compose(pairs: &[(String, String)]) -> AppResult<(ComposeRequest, ComposeStep)> {
    let step = match value(pairs, "step").as_str() {
        "send" => ComposeStep::Send,
        _ => ComposeStep::Preview,
    };
    let application = value(pairs, "application_id");
    let application_id = match application.trim() {
        "" => None,
        id => Some(id.parse::<i32>().map_err(|_| {
            AppError::from(FieldError::new(
                "application_id",
                Message::new("compose-application-not-theirs"),
            ))
        })?),
    };
    Ok((
        ComposeRequest {
            subject: Some(value(pairs, "subject")),
            body: Some(value(pairs, "body")),
            template_id: None,
            application_id,
        },
        step,
    ))
}
