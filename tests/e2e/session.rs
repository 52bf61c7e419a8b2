//! Signing in and out through the login form, as a person would.

use crate::browser::Browser;
use crate::helpers::PASSWORD;

pub async fn login(browser: &Browser, email: &str) {
    browser.client.delete_all_cookies().await.unwrap();
    browser.goto("/login").await;
    browser.fill("#f-email", email).await;
    browser.fill("#f-password", PASSWORD).await;
    browser
        .click("form[action='/login'] button[type=submit]")
        .await;
    assert!(
        !browser.path().await.starts_with("/login"),
        "{email} could not sign in"
    );
}

pub async fn logout(browser: &Browser) {
    browser.click("form[action='/logout'] button").await;
    assert!(browser.path().await.starts_with("/login") || browser.path().await == "/");
}
