//! The fake's OAuth: the authorize redirect, code exchange with PKCE, single-use refresh after
//! expiry, revocation; and the user agent and token every API call needs.

use base64::Engine;
use reqwest::header::LOCATION;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::*;

fn oauth_error(error: &str, description: &str) -> Value {
    json!({"error": error, "error_description": description})
}

#[tokio::test]
async fn the_fake_runs_the_code_flow_with_pkce_and_a_single_use_refresh() {
    let fake = FakeHh::start().await;
    fake.set_token_lifetime(3600);
    let verifier = "a-pkce-verifier-long-enough-to-be-a-real-one-0123456789";
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(verifier.as_bytes()));
    let authorize = client()
        .get(format!("{}/oauth/authorize", fake.base))
        .query(&[
            ("response_type", "code"),
            ("client_id", "hireloop-client"),
            ("state", "csrf-1"),
            ("redirect_uri", REDIRECT_URI),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(authorize.status(), 302);
    let location = url::Url::parse(authorize.headers()[LOCATION].to_str().unwrap()).unwrap();
    assert!(location.as_str().starts_with(REDIRECT_URI), "{location}");
    let param = |name: &str| {
        location
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("state").as_deref(), Some("csrf-1"));
    let code = param("code").expect("a code in the redirect");

    let wrong_verifier = exchange(&fake, &[("code", &code), ("code_verifier", "nope")]).await;
    assert_eq!(
        wrong_verifier,
        (400, oauth_error("invalid_grant", "code verifier mismatch"))
    );
    let wrong_secret = exchange(
        &fake,
        &[
            ("code", &code),
            ("code_verifier", verifier),
            ("client_secret", "x"),
        ],
    )
    .await;
    assert_eq!(
        wrong_secret,
        (
            400,
            oauth_error("invalid_client", "client_id or client_secret not found")
        )
    );
    let (status, tokens) = exchange(&fake, &[("code", &code), ("code_verifier", verifier)]).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "bearer");
    assert_eq!(tokens["expires_in"], 3600);
    let again = exchange(&fake, &[("code", &code), ("code_verifier", verifier)]).await;
    assert_eq!(
        again,
        (
            400,
            oauth_error("invalid_grant", "code has already been used")
        )
    );

    let hh = Hh {
        client: client(),
        base: fake.base.clone(),
        token: tokens["access_token"].as_str().unwrap().to_owned(),
    };
    let (status, me) = hh.get("/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["auth_type"], "employer");
    assert_eq!(me["employer"]["id"], fake.employer_id().as_str());
    assert_eq!(me["manager"]["id"], fake.manager_id().as_str());

    let refresh = |token: String| {
        let fake = fake.clone();
        async move {
            token_request(
                &fake,
                &[("grant_type", "refresh_token"), ("refresh_token", &token)],
            )
            .await
        }
    };
    let first_refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(
        refresh(first_refresh.clone()).await,
        (400, oauth_error("invalid_grant", "token not expired"))
    );
    fake.expire_access_token();
    let expired = hh.get("/me").await;
    assert_eq!(expired.0, 403);
    assert_eq!(
        errors(&expired.1),
        [json!({"type": "oauth", "value": "token_expired"})]
    );
    assert!(expired.1["request_id"].is_string());

    let (status, renewed) = refresh(first_refresh.clone()).await;
    assert_eq!(status, 200, "{renewed}");
    let renewed_access = renewed["access_token"].as_str().unwrap().to_owned();
    assert_ne!(renewed_access, hh.token);
    assert_eq!(fake.current_access_token(), Some(renewed_access.clone()));
    let old = hh.get("/me").await;
    assert_eq!(
        errors(&old.1),
        [json!({"type": "oauth", "value": "bad_authorization"})]
    );
    let hh = Hh {
        token: renewed_access,
        ..hh
    };
    assert_eq!(hh.get("/me").await.0, 200);
    assert_eq!(
        refresh(first_refresh).await,
        (
            400,
            oauth_error("invalid_grant", "token has already been refreshed")
        )
    );

    fake.revoke_tokens();
    let revoked = hh.get("/me").await;
    assert_eq!(revoked.0, 403);
    assert_eq!(
        errors(&revoked.1),
        [json!({"type": "oauth", "value": "token_revoked"})]
    );
    let second_refresh = renewed["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(
        refresh(second_refresh).await,
        (400, oauth_error("invalid_grant", "token was revoked"))
    );
    assert_eq!(fake.tokens_issued(), 2);
    let token_calls = fake.requests_to("/token");
    assert_eq!(token_calls.len(), 8);
    assert_eq!(
        token_calls[0].form_field("code_verifier").as_deref(),
        Some("nope")
    );
}

#[tokio::test]
async fn the_fake_redirects_a_refusal_and_checks_the_client() {
    let fake = FakeHh::start().await;
    fake.set_client("agency-app", "agency-secret");
    fake.deny_next_authorization();
    let authorize = |client_id: &'static str| {
        let base = fake.base.clone();
        async move {
            client()
                .get(format!("{base}/oauth/authorize"))
                .query(&[
                    ("response_type", "code"),
                    ("client_id", client_id),
                    ("state", "s-2"),
                    ("redirect_uri", REDIRECT_URI),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let refused = authorize("agency-app").await;
    assert_eq!(refused.status(), 302);
    assert_eq!(
        refused.headers()[LOCATION],
        format!("{REDIRECT_URI}?error=access_denied&state=s-2").as_str()
    );
    assert_eq!(authorize("someone-else").await.status(), 400);
    let allowed = authorize("agency-app").await;
    let location = allowed.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("?code="), "{location}");

    let code = fake.issue_code(REDIRECT_URI);
    let default_client = exchange(&fake, &[("code", &code)]).await;
    assert_eq!(default_client.1["error"], "invalid_client");
    let wrong_redirect = exchange(
        &fake,
        &[
            ("code", &code),
            ("client_id", "agency-app"),
            ("client_secret", "agency-secret"),
            ("redirect_uri", "http://evil.example/cb"),
        ],
    )
    .await;
    assert_eq!(
        wrong_redirect,
        (400, oauth_error("invalid_request", "bad redirect url"))
    );
    let unknown = token_request(&fake, &[("grant_type", "password")]).await;
    assert_eq!(
        unknown,
        (
            400,
            oauth_error("unsupported_grant_type", "unsupported grant_type")
        )
    );
}

#[tokio::test]
async fn every_api_call_needs_the_user_agent_and_the_current_token() {
    let fake = FakeHh::start().await;
    let hh = Hh::connect(&fake).await;
    let url = format!("{}/me", fake.base);

    let without_agent = read(
        client()
            .get(&url)
            .bearer_auth(&hh.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(without_agent.0, 400);
    assert_eq!(
        errors(&without_agent.1),
        [json!({"type": "bad_user_agent", "value": "unset"})]
    );
    let without_token = read(
        client()
            .get(&url)
            .header("HH-User-Agent", USER_AGENT)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(without_token.0, 403);
    assert_eq!(
        errors(&without_token.1),
        [json!({"type": "oauth", "value": "bad_authorization"})]
    );
    let made_up = Hh {
        token: "MADE-UP".into(),
        client: client(),
        base: fake.base.clone(),
    };
    assert_eq!(made_up.get("/me").await.0, 403);
    assert_eq!(hh.get("/me").await.0, 200);

    let calls = fake.requests_to("/me");
    assert_eq!(calls.len(), 4);
    assert_eq!(calls[0].header("hh-user-agent"), None);
    let last = calls.last().unwrap();
    assert_eq!(last.header("HH-User-Agent"), Some(USER_AGENT));
    assert_eq!(
        last.header("authorization"),
        Some(format!("Bearer {}", hh.token).as_str())
    );
    assert_eq!(fake.hits("GET", "/me"), 4);
}
