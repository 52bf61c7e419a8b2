//! hh's refusals in the app's words: what a recruiter or an admin can do about each.

use super::client::{BadArgument, HhError};
use crate::error::{AppError, FieldError};
use crate::web::i18n::Message;

impl From<HhError> for AppError {
    fn from(error: HhError) -> Self {
        match error {
            HhError::Invalid(fields) => refused_fields(fields, str::to_owned),
            HhError::TokenExpired | HhError::TokenRejected(_) => {
                AppError::Conflict(Message::new("hh-reconnect-needed"))
            }
            HhError::Forbidden { kind, value } => AppError::Conflict(forbidden(&kind, &value)),
            HhError::NotFound => AppError::Upstream(Message::new("hh-not-found")),
            HhError::RateLimited { retry_after } => AppError::RetryLater {
                message: Message::new("hh-rate-limited"),
                seconds: retry_after.map_or(60, |d| d.as_secs() as i64),
            },
            HhError::Unavailable { detail, .. } | HhError::Unexpected { detail, .. } => {
                AppError::Upstream(Message::new("hh-unavailable").with("detail", detail))
            }
        }
    }
}

/// hh's refusal of fields as the app's field errors: `field` names the form's field for hh's
/// (the same name where there is no form); hh's own name and reason stay in the message.
pub fn refused_fields(fields: Vec<BadArgument>, field: impl Fn(&str) -> String) -> AppError {
    AppError::Validation(
        fields
            .into_iter()
            .map(|f| {
                let message = Message::new("hh-field-refused")
                    .with("field", f.field.clone())
                    .with("detail", f.description.unwrap_or_default());
                FieldError::new(field(&f.field), message)
            })
            .collect(),
    )
}

/// A refusal to show in a flash after a button (connect, check, sync): what hh or the
/// connection's state said; the app's own failures pass on as errors.
pub fn flash_of(error: AppError) -> Result<Message, AppError> {
    match error {
        AppError::Conflict(message)
        | AppError::Upstream(message)
        | AppError::RetryLater { message, .. } => Ok(message),
        other => Err(other),
    }
}

/// A 403 that is not about the token: say exactly what hh does not allow.
pub fn forbidden(kind: &str, value: &str) -> Message {
    let key = match (kind, value) {
        ("vacancies", "not_enough_purchased_services") => "hh-no-publications",
        ("vacancies", "quota_exceeded") => "hh-quota-exceeded",
        ("vacancies", "duplicate") => "hh-duplicate-vacancy",
        ("vacancies", "creation_forbidden") => "hh-publishing-forbidden",
        ("vacancies", "unavailable_for_archived") => "hh-vacancy-archived",
        ("negotiations", "not_enough_purchased_services")
        | ("resumes", "quota_exceeded")
        | ("resumes", "view_limit_exceeded") => "hh-no-resume-access",
        ("negotiations", "limit_exceeded") => "hh-negotiations-limit",
        ("api_access_payment", _) => "hh-no-paid-api-access",
        ("resumes", "no_available_service") => "hh-no-resume-service",
        ("resumes", "cant_view_contacts") => "hh-no-contacts-access",
        _ => "hh-forbidden",
    };
    Message::new(key)
        .with("kind", kind.to_owned())
        .with("value", value.to_owned())
}
