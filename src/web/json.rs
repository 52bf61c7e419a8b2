//! JSON bodies for the API, with every way a body can be wrong turned into a problem response:
//! malformed → 400, wrong shape → 422, not JSON → 415, too large → 413.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AppError, FieldError};
use crate::web::i18n::Message;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(rejection_to_error(rejection)),
        }
    }
}

fn rejection_to_error(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonSyntaxError(err) => AppError::BadRequest(
            Message::new("error-malformed-json").with("detail", err.body_text()),
        ),
        JsonRejection::JsonDataError(err) => {
            let text = err.body_text();
            AppError::Validation(vec![FieldError::new(
                field_of(&text).unwrap_or("body"),
                Message::new("error-json-shape").with("detail", text.clone()),
            )])
        }
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType,
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        other => AppError::BadRequest(
            Message::new("error-malformed-json").with("detail", other.body_text()),
        ),
    }
}

/// serde names the offending field by its path before a colon ("answers[0].score: invalid
/// type: floating point `4.5`…", "role: unknown variant…"), or in back-quotes when it is
/// missing ("missing field `email`"). The path comes first, since the quotes may hold a value.
fn field_of(text: &str) -> Option<&str> {
    let after = text
        .split_once("target type: ")
        .map_or(text, |(_, rest)| rest);
    if let Some((path, _)) = after.split_once(": ")
        && !path.is_empty()
        && !path.contains(' ')
    {
        return Some(path);
    }
    let start = after.find('`')?;
    let rest = &after[start + 1..];
    rest.find('`').map(|end| &rest[..end])
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn field_names_are_found_in_serde_messages() {
        assert_eq!(
            field_of(
                "Failed to deserialize the JSON body into the target type: missing field `email` at line 1 column 2"
            ),
            Some("email")
        );
        assert_eq!(
            field_of(
                "Failed to deserialize the JSON body into the target type: role: unknown variant"
            ),
            Some("role")
        );
        assert_eq!(
            field_of(
                "Failed to deserialize the JSON body into the target type: answers[0].score: invalid type: floating point `4.5`, expected i32 at line 1 column 63"
            ),
            Some("answers[0].score")
        );
    }
}
