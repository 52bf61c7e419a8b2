//! The one error type of request handling. A handler returns `AppResult<T>`; the error becomes
//! problem+json under `/api` and a friendly page elsewhere (see `web::errors`), with messages
//! looked up in the locale files so both speak the user's language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use sea_orm::DbErr;

use crate::domain::date_bounds::{self, DateKind};
use crate::domain::text::{self, TextKind, TextProblem};
use crate::web::i18n::{Lang, Message};

pub type AppResult<T, E = AppError> = Result<T, E>;

/// A message about one input field, shown beside the field or listed in `errors`.
#[derive(Clone, Debug)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }

    /// The message for a typed value that breaks the rules of its kind (`domain::text`): a
    /// line break in a name, a bidi override, only invisible characters, too long.
    pub fn text(field: &str, kind: TextKind, value: &str) -> Option<FieldError> {
        let problem = text::check(kind, value).err()?;
        let message = match (problem, kind) {
            (TextProblem::TooLong { max }, _) => {
                Message::new(problem.key()).with_number("max", max as i64)
            }
            (TextProblem::ControlCharacter, TextKind::Line | TextKind::Link) => {
                Message::new("text-one-line")
            }
            _ => Message::new(problem.key()),
        };
        Some(FieldError::new(field, message))
    }

    /// The message for a date outside the range of its kind (`domain::date_bounds`).
    pub fn date(field: &str, kind: DateKind, day: NaiveDate) -> Option<FieldError> {
        let today = chrono::Utc::now().date_naive();
        let (first, last) = date_bounds::check(kind, day, today).err()?;
        let message = Message::new("date-out-of-range")
            .with("first", first.format("%Y-%m-%d").to_string())
            .with("last", last.format("%Y-%m-%d").to_string());
        Some(FieldError::new(field, message))
    }

    /// A language code as sent: blank is `None`, `ru`/`en` the language, anything else a
    /// message naming the field.
    pub fn lang(field: &str, code: Option<&str>) -> Result<Option<Lang>, FieldError> {
        match code.map(str::trim).filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(code) => Lang::parse(code)
                .map(Some)
                .ok_or_else(|| FieldError::new(field, Message::new("field-lang-invalid"))),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Validation(vec![error])
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 401: no session or no valid token. Browsers are sent to the login page.
    #[error("authentication required")]
    Unauthenticated,
    /// 403: signed in, but the role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 403: the form's CSRF token is missing or stale.
    #[error("CSRF check failed")]
    Csrf,
    /// 404.
    #[error("not found")]
    NotFound,
    /// 400: the request could not be read (malformed JSON, a broken form).
    #[error("bad request: {0:?}")]
    BadRequest(Message),
    /// 409: the flow does not allow it, or the record changed since it was read.
    #[error("conflict: {0:?}")]
    Conflict(Message),
    /// 409: this person or application exists already; `existing_id` says which, so a form or
    /// an integration can link to it instead of creating a second one.
    #[error("duplicate of {existing_id}: {message:?}")]
    Duplicate { existing_id: i32, message: Message },
    /// 413.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: one or more fields are invalid.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// 429: slowed down or locked out for a while.
    #[error("too many requests: {0:?}")]
    TooManyRequests(Message),
    /// 429 with `Retry-After`: locked out for `seconds` more.
    #[error("retry in {seconds}s: {message:?}")]
    RetryLater { message: Message, seconds: i64 },
    /// 502: a service the app works through (hh.ru) refused or failed; the detail says what it
    /// answered, in words a recruiter can act on.
    #[error("upstream failed: {0:?}")]
    Upstream(Message),
    #[error(transparent)]
    Db(DbErr),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err {
            DbErr::RecordNotFound(_) => AppError::NotFound,
            other => AppError::Db(other),
        }
    }
}

impl AppError {
    pub fn validation(field: &str, message: Message) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) | AppError::Duplicate { .. } => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests(_) | AppError::RetryLater { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::Upstream(_) => StatusCode::BAD_GATEWAY,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the user is told beyond the status' own title, if anything.
    fn detail(&self) -> Option<Message> {
        match self {
            AppError::Csrf => Some(Message::new("error-csrf")),
            AppError::BadRequest(m)
            | AppError::Conflict(m)
            | AppError::TooManyRequests(m)
            | AppError::Upstream(m) => Some(m.clone()),
            AppError::Validation(_) => Some(Message::new("error-validation")),
            AppError::Duplicate { message, .. } | AppError::RetryLater { message, .. } => {
                Some(message.clone())
            }
            _ => None,
        }
    }
}

/// The parts of an error a renderer needs, carried to `web::errors` in the response's
/// extensions so that one layer decides between HTML and problem+json.
#[derive(Clone, Debug)]
pub struct ErrorReport {
    pub detail: Option<Message>,
    pub errors: Vec<FieldError>,
    pub existing_id: Option<i32>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let AppError::Upstream(message) = &self {
            tracing::warn!(detail = ?message, "a service the app works through failed");
        } else if status.is_server_error() {
            // Logged once, with the whole cause chain; never shown to the user.
            tracing::error!(error = ?self, "request failed");
        }
        let retry_after = match &self {
            AppError::RetryLater { seconds, .. } => Some(*seconds),
            _ => None,
        };
        let report = ErrorReport {
            detail: self.detail(),
            existing_id: match &self {
                AppError::Duplicate { existing_id, .. } => Some(*existing_id),
                _ => None,
            },
            errors: match self {
                AppError::Validation(errors) => errors,
                _ => Vec::new(),
            },
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(report);
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.max(1).into());
        }
        response
    }
}
