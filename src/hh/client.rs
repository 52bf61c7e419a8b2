//! Speaks hh.ru's API and nothing else: every request carries the `HH-User-Agent` hh requires
//! and the bearer token it is given, and every answer that is not a success is read into an
//! [`HhError`] by hh's own error format (`{"errors": [{"type", "value"}]}`, see hh's errors
//! document). Which token, when to refresh it and what to do with an error is the caller's
//! business ([`super::connection`]), so this file knows no database.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde_json::Value;

/// How long one call to hh may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The HTTP side of the connection: a client with the user agent set, and the API's base.
#[derive(Clone, Debug)]
pub struct Api {
    http: reqwest::Client,
    base: String,
}

/// One field hh refused, as its 400 names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadArgument {
    /// hh's name of the field (`name`, `salary.from`, ...).
    pub field: String,
    pub description: Option<String>,
}

/// What went wrong with a call to hh, in the terms the app acts on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HhError {
    /// 400 naming the fields hh refused.
    #[error("hh refused the fields {0:?}")]
    Invalid(Vec<BadArgument>),
    /// 403 `oauth`/`token_expired`: refresh and try once more.
    #[error("the access token has expired")]
    TokenExpired,
    /// 403 `oauth` with any other value (revoked, bad, application gone): connect again.
    #[error("hh refused the authorisation: {0}")]
    TokenRejected(String),
    /// 403 of any other kind: paid access, quota, duplicates… (`type`, `value`).
    #[error("hh forbade it: {kind}/{value}")]
    Forbidden { kind: String, value: String },
    #[error("hh has no such thing")]
    NotFound,
    /// 429: too many requests; hh may say how long to wait.
    #[error("hh asks to slow down")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx, a timeout or no connection: hh is not answering as it should.
    #[error("hh is unavailable: {detail}")]
    Unavailable {
        detail: String,
        retry_after: Option<Duration>,
    },
    /// Any other answer (a 400 without fields, a 409, a body that does not read).
    #[error("hh answered {status}: {detail}")]
    Unexpected { status: u16, detail: String },
}

impl HhError {
    /// Worth trying again later without anyone changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            HhError::RateLimited { .. } | HhError::Unavailable { .. }
        )
    }

    /// What went wrong, as hh said it (status, then hh's error type and value): kept on the
    /// rows it concerns (a status push, the sync) in hh's own terms rather than in one of the
    /// app's languages.
    pub fn code(&self) -> String {
        match self {
            HhError::Invalid(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
                format!("400 bad_argument {}", names.join(", "))
            }
            HhError::TokenExpired => "403 oauth/token_expired".into(),
            HhError::TokenRejected(value) => format!("403 oauth/{value}"),
            HhError::Forbidden { kind, value } => format!("403 {kind}/{value}"),
            HhError::NotFound => "404 not_found".into(),
            HhError::RateLimited { .. } => "429 too_many_requests".into(),
            HhError::Unavailable { detail, .. } => detail.clone(),
            HhError::Unexpected { status, detail } => format!("{status} {detail}"),
        }
    }

    /// How long hh asked to wait, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            HhError::RateLimited { retry_after } | HhError::Unavailable { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Vec<ErrorItem>,
    /// Vacancy validation names the fields here (hh's `bad_arguments`).
    #[serde(default)]
    bad_arguments: Vec<BadArgumentItem>,
}

#[derive(Deserialize)]
struct ErrorItem {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    value: Option<Value>,
}

#[derive(Deserialize)]
struct BadArgumentItem {
    name: String,
    #[serde(default)]
    description: Option<String>,
}

fn text_of(value: &Option<Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// `Retry-After` in seconds (hh sends seconds; a date is read as "soon").
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    Some(
        value
            .trim()
            .parse::<u64>()
            .map(Duration::from_secs)
            .unwrap_or(Duration::from_secs(60)),
    )
}

/// Reads a refusal into an [`HhError`].
pub fn classify(status: StatusCode, headers: &reqwest::header::HeaderMap, body: &str) -> HhError {
    let parsed: Option<ErrorBody> = serde_json::from_str(body).ok();
    let first = parsed
        .as_ref()
        .and_then(|b| b.errors.first())
        .map(|e| (e.kind.clone(), text_of(&e.value)));
    let detail = || match &first {
        Some((kind, value)) if !value.is_empty() => format!("{kind}/{value}"),
        Some((kind, _)) => kind.clone(),
        None => body.chars().take(200).collect(),
    };
    match status.as_u16() {
        400 => {
            let mut fields: Vec<BadArgument> = parsed
                .as_ref()
                .map(|b| {
                    b.bad_arguments
                        .iter()
                        .map(|a| BadArgument {
                            field: a.name.clone(),
                            description: a.description.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            if fields.is_empty() {
                // Older answers name the field only as a `bad_argument` error's value.
                fields = parsed
                    .iter()
                    .flat_map(|b| &b.errors)
                    .filter(|e| e.kind == "bad_argument" || e.kind == "bad_arguments")
                    .map(|e| BadArgument {
                        field: text_of(&e.value),
                        description: None,
                    })
                    .filter(|a| !a.field.is_empty())
                    .collect();
            }
            if fields.is_empty() {
                HhError::Unexpected {
                    status: 400,
                    detail: detail(),
                }
            } else {
                HhError::Invalid(fields)
            }
        }
        401 => HhError::TokenRejected(detail()),
        403 => match first {
            Some((kind, value)) if kind == "oauth" && value == "token_expired" => {
                HhError::TokenExpired
            }
            Some((kind, value)) if kind == "oauth" => HhError::TokenRejected(value),
            Some((kind, value)) => HhError::Forbidden { kind, value },
            None => HhError::Forbidden {
                kind: String::new(),
                value: String::new(),
            },
        },
        404 => HhError::NotFound,
        429 => HhError::RateLimited {
            retry_after: retry_after(headers),
        },
        500..=599 => HhError::Unavailable {
            detail: format!("{status}"),
            retry_after: retry_after(headers),
        },
        other => HhError::Unexpected {
            status: other,
            detail: detail(),
        },
    }
}

/// A successful answer: its status, its `Location` (where hh puts a created vacancy) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub body: Value,
}

impl Api {
    /// `user_agent` is what hh asks for: `AppName/version (contact@email)`.
    pub fn new(base: &str, user_agent: &str) -> Result<Self, HhError> {
        let mut headers = reqwest::header::HeaderMap::new();
        let agent = reqwest::header::HeaderValue::from_str(user_agent).map_err(|_| {
            HhError::Unexpected {
                status: 0,
                detail: "the user agent is not a valid header".into(),
            }
        })?;
        headers.insert("HH-User-Agent", agent.clone());
        headers.insert(reqwest::header::USER_AGENT, agent);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(TIMEOUT)
            // A redirect would carry the bearer token elsewhere; hh's API does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| HhError::Unavailable {
                detail: e.to_string(),
                retry_after: None,
            })?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
        })
    }

    /// The client with the user agent, for the token calls made through `oauth2`.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// A path under the base, or a full URL hh gave (the action URLs negotiations carry). A
    /// full URL is used only on the base's own host, so a token never goes anywhere else.
    pub fn url(&self, path_or_url: &str) -> Result<String, HhError> {
        if path_or_url.starts_with("http://") || path_or_url.starts_with("https://") {
            let host = |u: &str| url::Url::parse(u).ok().map(|u| u.origin());
            if host(path_or_url).is_some() && host(path_or_url) == host(&self.base) {
                return Ok(path_or_url.to_owned());
            }
            return Err(HhError::Unexpected {
                status: 0,
                detail: format!("refused to call {path_or_url} outside hh's API"),
            });
        }
        Ok(format!(
            "{}/{}",
            self.base,
            path_or_url.trim_start_matches('/')
        ))
    }

    /// One call with `token`; a JSON body when given. No retries here: the caller knows
    /// whether a retry can wait.
    pub async fn call(
        &self,
        method: Method,
        path_or_url: &str,
        token: &str,
        body: Option<&Value>,
    ) -> Result<Answer, HhError> {
        let mut request = self
            .http
            .request(method, self.url(path_or_url)?)
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| HhError::Unavailable {
            detail: if e.is_timeout() {
                "no answer in time".into()
            } else {
                "no connection".into()
            },
            retry_after: None,
        })?;
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.map_err(|_| HhError::Unavailable {
            detail: "the answer broke off".into(),
            retry_after: None,
        })?;
        if !status.is_success() {
            return Err(classify(status, &headers, &text));
        }
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|_| HhError::Unexpected {
                status: status.as_u16(),
                detail: "the answer is not JSON".into(),
            })?
        };
        let location = headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Answer {
            status: status.as_u16(),
            location,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;

    fn read(status: u16, body: &str) -> HhError {
        classify(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body,
        )
    }

    #[test]
    fn an_expired_token_is_a_403_oauth_token_expired() {
        let body = r#"{"errors":[{"type":"oauth","value":"token_expired"}]}"#;
        assert_eq!(read(403, body), HhError::TokenExpired);
        let revoked = r#"{"errors":[{"type":"oauth","value":"token_revoked"}]}"#;
        assert_eq!(
            read(403, revoked),
            HhError::TokenRejected("token_revoked".into())
        );
    }

    #[test]
    fn vacancy_validation_names_the_fields() {
        let body = r#"{"errors":[{"type":"bad_argument","value":"name"}],
            "bad_arguments":[{"name":"name","description":"too long"}]}"#;
        assert_eq!(
            read(400, body),
            HhError::Invalid(vec![BadArgument {
                field: "name".into(),
                description: Some("too long".into())
            }])
        );
        let bare = r#"{"errors":[{"type":"bad_argument","value":"salary.from"}]}"#;
        assert!(matches!(read(400, bare), HhError::Invalid(f) if f[0].field == "salary.from"));
    }

    #[test]
    fn no_publications_left_is_a_forbidden_with_its_reason() {
        let body = r#"{"errors":[{"type":"vacancies","value":"quota_exceeded"}]}"#;
        assert_eq!(
            read(403, body),
            HhError::Forbidden {
                kind: "vacancies".into(),
                value: "quota_exceeded".into()
            }
        );
    }

    #[test]
    fn too_many_requests_keeps_retry_after() {
        let mut headers = HeaderMap::new();
        headers.insert("Retry-After", "7".parse().unwrap());
        let error = classify(StatusCode::TOO_MANY_REQUESTS, &headers, "");
        assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
        assert!(error.is_transient());
        assert!(read(503, "").is_transient());
        assert!(!read(404, "").is_transient());
    }

    #[test]
    fn a_full_url_is_called_only_on_the_api_host() {
        let api = Api::new("https://api.hh.ru/", "Test/1.0 (a@b.c)").unwrap();
        assert_eq!(api.url("/me").unwrap(), "https://api.hh.ru/me");
        assert!(
            api.url("https://api.hh.ru/negotiations/invitation/1")
                .is_ok()
        );
        assert!(api.url("https://evil.example/steal").is_err());
    }
}
