//! Every response carries the security headers: a Content-Security-Policy with no inline
//! scripts or styles and no framing, nosniff, a referrer policy; HSTS only when served over TLS.

use reqwest::Response;

use crate::helpers::{spawn_app, spawn_app_with_demo, spawn_with};

fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

fn assert_hardened(response: &Response, what: &str) {
    let csp = header(response, "content-security-policy");
    assert!(!csp.is_empty(), "{what}: no Content-Security-Policy");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-eval"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        header(response, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert!(!header(response, "referrer-policy").is_empty(), "{what}");
}

#[tokio::test]
async fn pages_api_errors_assets_and_downloads_all_carry_the_security_headers() {
    let app = spawn_app_with_demo().await;
    app.login_as("admin").await;
    let token = app.token_for("admin").await;
    for path in [
        "/login",
        "/",
        "/candidates",
        "/admin/outbox",
        "/no/such/page",
        "/static/app.css",
        "/healthz",
        "/api/openapi.json",
    ] {
        let response = app.get(path).await;
        assert!(response.status().as_u16() < 500, "{path}");
        assert_hardened(&response, path);
    }
    for path in [
        "/api/v1/me",
        "/api/v1/candidates/999999",
        "/api/v1/positions",
    ] {
        let response = app
            .api(reqwest::Method::GET, path, &token)
            .send()
            .await
            .unwrap();
        assert_hardened(&response, path);
    }
    // No token at all: the 401 problem is hardened as well.
    let response = crate::helpers::client()
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_hardened(&response, "401");
    // Plain HTTP here: no HSTS, which would pin a browser to HTTPS the server does not speak.
    assert_eq!(header(&response, "strict-transport-security"), "");
}

#[tokio::test]
async fn the_email_preview_is_sandboxed_unframable_and_allows_no_inline_code() {
    let app = spawn_app_with_demo().await;
    app.login_as("admin").await;
    let response = app
        .post_form("/admin/outbox/test", &[("to", "someone@example.test")])
        .await;
    assert_eq!(response.status(), 303);
    let (id,): (i32,) = {
        use hireloop::entities::outbox_message;
        use sea_orm::{EntityTrait, QueryOrder};
        let last = outbox_message::Entity::find()
            .order_by_desc(outbox_message::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        (last.id,)
    };
    let response = app.get(&format!("/admin/outbox/{id}/html")).await;
    assert_eq!(response.status(), 200);
    assert_hardened(&response, "email preview");
    let csp = header(&response, "content-security-policy");
    assert!(csp.starts_with("sandbox"), "{csp}");
    assert!(!csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(header(&response, "x-frame-options"), "DENY");
}

#[tokio::test]
async fn hsts_is_sent_when_the_app_is_served_over_tls() {
    let app = spawn_with(false, |config| config.secure_cookies = true).await;
    let response = app.get("/login").await;
    let hsts = header(&response, "strict-transport-security");
    assert!(hsts.starts_with("max-age="), "{hsts}");
    let max_age: u64 = hsts["max-age=".len()..]
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(max_age >= 15_552_000, "at least 180 days: {hsts}");
    let plain = spawn_app().await;
    assert_eq!(
        header(&plain.get("/login").await, "strict-transport-security"),
        ""
    );
}
