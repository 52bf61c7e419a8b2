//! The registration form as a request: the URL, the ticked events (a repeated field) and the
//! secret, which the page never shows back.

use crate::secrets::{Secret, SecretInput};

use super::model::WebhookRequest;

/// The form's name for the kept input.
pub const FORM: &str = "webhook";

/// Reads the form's pairs; unknown fields are ignored, missing ones read as blank.
pub fn request_of(pairs: &[(String, String)]) -> WebhookRequest {
    let mut request = WebhookRequest::default();
    for (name, value) in pairs {
        match name.as_str() {
            "url" => request.url = value.clone(),
            "events" => request.events.push(value.clone()),
            "secret" => request.secret = SecretInput(Secret::new(value.clone())),
            _ => {}
        }
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ticked_event_is_read_in_order() {
        let pairs = [
            ("url".to_owned(), "https://example.com/h".to_owned()),
            ("events".to_owned(), "offer.sent".to_owned()),
            ("events".to_owned(), "offer.accepted".to_owned()),
            ("secret".to_owned(), "0123456789abcdef".to_owned()),
        ];
        let request = request_of(&pairs);
        assert_eq!(request.url, "https://example.com/h");
        assert_eq!(request.events, ["offer.sent", "offer.accepted"]);
        assert_eq!(request.secret.0.expose(), "0123456789abcdef");
    }
}
