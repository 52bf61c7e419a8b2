//! OAuth 2.0 with hh.ru, by the `oauth2` crate: the authorize address with `state` and a PKCE
//! challenge (hh accepts S256), the code exchanged for tokens, and a refresh. Client id and
//! secret go in the request body, as hh's documents show. The token calls go through the
//! [`Api`]'s HTTP client, so they carry the `HH-User-Agent` hh requires too.

use chrono::{DateTime, Duration, Utc};
use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, TokenResponse, TokenUrl,
};

use super::client::{Api, HhError};
use crate::secrets::Secret;

/// What the app needs to talk to hh's OAuth: its registered application and where hh is.
pub struct App<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a Secret,
    /// Where the authorize page is (`https://hh.ru`).
    pub oauth_base: &'a str,
    /// Where `/token` is (`https://api.hh.ru`).
    pub api_base: &'a str,
    /// Where hh sends the browser back: `{public_url}/integrations/hh/callback`.
    pub redirect_uri: &'a str,
}

/// A connect on its way: the address to send the browser to, and what to keep until it comes
/// back.
pub struct Started {
    pub authorize_url: String,
    pub state: String,
    pub verifier: Secret,
}

/// The tokens hh gave.
pub struct Tokens {
    pub access: Secret,
    pub refresh: Option<Secret>,
    pub expires_at: Option<DateTime<Utc>>,
}

fn bad_setting(what: &str) -> HhError {
    HhError::Unexpected {
        status: 0,
        detail: format!("the {what} is not a valid address"),
    }
}

macro_rules! client_for {
    ($app:expr) => {{
        let app: &App = $app;
        let base = app.oauth_base.trim_end_matches('/');
        let api = app.api_base.trim_end_matches('/');
        BasicClient::new(ClientId::new(app.client_id.to_owned()))
            .set_client_secret(ClientSecret::new(app.client_secret.expose().to_owned()))
            .set_auth_uri(
                AuthUrl::new(format!("{base}/oauth/authorize"))
                    .map_err(|_| bad_setting("OAuth base"))?,
            )
            .set_token_uri(
                TokenUrl::new(format!("{api}/token")).map_err(|_| bad_setting("API base"))?,
            )
            .set_redirect_uri(
                RedirectUrl::new(app.redirect_uri.to_owned())
                    .map_err(|_| bad_setting("public URL"))?,
            )
            .set_auth_type(AuthType::RequestBody)
    }};
}

/// The address to send an admin's browser to, with a fresh `state` and PKCE pair.
pub fn start(app: &App) -> Result<Started, HhError> {
    let client = client_for!(app);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = client
        .authorize_url(CsrfToken::new_random)
        .set_pkce_challenge(challenge)
        .url();
    Ok(Started {
        authorize_url: url.to_string(),
        state: state.secret().clone(),
        verifier: Secret::new(verifier.secret().clone()),
    })
}

/// The code hh sent back, exchanged for tokens.
pub async fn exchange(
    app: &App<'_>,
    api: &Api,
    code: &str,
    verifier: &Secret,
) -> Result<Tokens, HhError> {
    let client = client_for!(app);
    let answer = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(verifier.expose().to_owned()))
        .request_async(api.http())
        .await;
    read(answer)
}

/// New tokens for a refresh token (single use: hh refuses it a second time).
pub async fn refresh(app: &App<'_>, api: &Api, refresh: &Secret) -> Result<Tokens, HhError> {
    let client = client_for!(app);
    let answer = client
        .exchange_refresh_token(&RefreshToken::new(refresh.expose().to_owned()))
        .request_async(api.http())
        .await;
    read(answer)
}

fn read<R, E>(
    answer: Result<R, RequestTokenError<E, oauth2::StandardErrorResponse<BasicErrorResponseType>>>,
) -> Result<Tokens, HhError>
where
    R: TokenResponse,
    E: std::error::Error + 'static,
{
    match answer {
        Ok(tokens) => Ok(Tokens {
            access: Secret::new(tokens.access_token().secret().clone()),
            refresh: tokens
                .refresh_token()
                .map(|r| Secret::new(r.secret().clone())),
            expires_at: tokens
                .expires_in()
                .and_then(|d| Duration::from_std(d).ok())
                .map(|d| Utc::now() + d),
        }),
        // hh's refusals (a used or revoked token, a bad code, a wrong secret) need an admin.
        Err(RequestTokenError::ServerResponse(refusal)) => {
            let description = refusal
                .error_description()
                .cloned()
                .unwrap_or_else(|| refusal.error().to_string());
            Err(HhError::TokenRejected(format!(
                "{}: {description}",
                refusal.error()
            )))
        }
        Err(RequestTokenError::Request(_)) => Err(HhError::Unavailable {
            detail: "the token request got no answer".into(),
            retry_after: None,
        }),
        Err(RequestTokenError::Parse(_, body)) => Err(HhError::Unexpected {
            status: 0,
            detail: format!(
                "the token answer does not read: {}",
                String::from_utf8_lossy(&body)
                    .chars()
                    .take(120)
                    .collect::<String>()
            ),
        }),
        Err(RequestTokenError::Other(text)) => Err(HhError::Unexpected {
            status: 0,
            detail: text,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_address_carries_state_pkce_and_the_callback() {
        let secret = Secret::new("s3cret");
        let app = App {
            client_id: "CLIENT",
            client_secret: &secret,
            oauth_base: "https://hh.ru/",
            api_base: "https://api.hh.ru",
            redirect_uri: "https://ats.example/integrations/hh/callback",
        };
        let started = start(&app).unwrap();
        let url = url::Url::parse(&started.authorize_url).unwrap();
        assert_eq!(url.path(), "/oauth/authorize");
        let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(query["response_type"], "code");
        assert_eq!(query["client_id"], "CLIENT");
        assert_eq!(query["state"], started.state);
        assert_eq!(query["code_challenge_method"], "S256");
        assert_eq!(
            query["redirect_uri"],
            "https://ats.example/integrations/hh/callback"
        );
        assert!(!query.contains_key("client_secret"));
        assert!(started.state.len() >= 16);
    }
}
