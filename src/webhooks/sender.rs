//! The HTTP side of webhooks, apart from the queue: signs a body and posts it. Knows nothing
//! of the database. The signature is `sha256=` + hex HMAC-SHA256 under the webhook's secret of
//! `timestamp + "." + body`, so a receiver can check both the body and its freshness.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secrets::Secret;

pub const EVENT_ID_HEADER: &str = "X-Hireloop-Event-Id";
pub const TIMESTAMP_HEADER: &str = "X-Hireloop-Timestamp";
pub const SIGNATURE_HEADER: &str = "X-Hireloop-Signature";

/// How long a receiver has to answer before the attempt counts as failed.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
pub fn signature(secret: &[u8], timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// How an attempt went.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx answer.
    Delivered(u16),
    /// Any other answer.
    Refused(u16),
    /// No answer: refused connection, timeout, TLS failure, …
    Unreachable(String),
}

/// Posts signed bodies. One client per instance: connections to a receiver are reused.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
}

impl Sender {
    pub fn new(timeout: Duration) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // A redirect is an answer that is not 2xx: posted again later, never followed to
            // wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Hireloop-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client })
    }

    /// Posts `body` (the event `event_id`) to `url`, signed with `secret` at `timestamp`.
    pub async fn post(
        &self,
        url: &str,
        secret: &Secret,
        event_id: &str,
        timestamp: i64,
        body: String,
    ) -> Outcome {
        let signed = signature(secret.expose().as_bytes(), timestamp, &body);
        let sent = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(EVENT_ID_HEADER, event_id)
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(SIGNATURE_HEADER, signed)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_success() => {
                Outcome::Delivered(response.status().as_u16())
            }
            Ok(response) => Outcome::Refused(response.status().as_u16()),
            Err(err) if err.is_timeout() => {
                Outcome::Unreachable(format!("no answer within {} s", TIMEOUT.as_secs()))
            }
            Err(err) => Outcome::Unreachable(error_chain(&err)),
        }
    }
}

/// The error with its causes ("error sending request: connection refused"), without the URL
/// reqwest puts first (it may hold a token in its query).
fn error_chain(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    if let Some(start) = text.find(" for url (")
        && let Some(end) = text[start..].find(')')
    {
        text.replace_range(start..start + end + 1, "");
    }
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex() {
        // The timestamp, a dot and the body, as one message (see the test vector below).
        let joined = signature(b"Jefe", 1_700_000_000, "{}");
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"1700000000.{}");
        let expected: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(joined, format!("sha256={expected}"));
    }

    #[test]
    fn the_hmac_matches_the_published_test_vector() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn another_secret_or_timestamp_gives_another_signature() {
        let base = signature(b"0123456789abcdef", 1, "{\"a\":1}");
        assert_ne!(base, signature(b"0123456789abcdeX", 1, "{\"a\":1}"));
        assert_ne!(base, signature(b"0123456789abcdef", 2, "{\"a\":1}"));
        assert!(base.starts_with("sha256=") && base.len() == 7 + 64);
    }
}
