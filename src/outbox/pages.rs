//! The admin's outbox: what was sent, what waits and why, a retry button, a test message, and
//! which transport delivers.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::emails;
use super::model;
use crate::domain::access::Action;
use crate::entities::outbox_message;
use crate::error::{AppError, AppResult};
use crate::recruitment::application_pages::report;
use crate::web::Page;
use crate::web::i18n::Message;

const PER_PAGE: u64 = 50;

#[derive(Deserialize)]
pub struct ListParams {
    status: Option<String>,
    page: Option<u64>,
}

#[derive(Serialize)]
struct ListPage {
    messages: Vec<outbox_message::Model>,
    status: String,
    statuses: [&'static str; 4],
    transport: &'static str,
    transport_detail: String,
    from: String,
    test_to: String,
    page: u64,
    pages: u64,
}

pub async fn list(page: Page, Query(params): Query<ListParams>) -> AppResult<Response> {
    let user = page.require(Action::Administer)?;
    let status = params.status.filter(|s| {
        [model::PENDING, model::SENDING, model::SENT, model::FAILED].contains(&s.as_str())
    });
    let number = params
        .page
        .unwrap_or(1)
        .clamp(1, crate::web::list::MAX_PAGE);
    let (messages, total) = model::list(
        &page.state.db,
        status.as_deref(),
        PER_PAGE,
        (number - 1) * PER_PAGE,
    )
    .await?;
    let (transport, transport_detail) = page.state.mailer.describe();
    let context = ListPage {
        messages,
        status: status.unwrap_or_default(),
        statuses: [model::PENDING, model::SENDING, model::SENT, model::FAILED],
        transport,
        transport_detail,
        from: page.state.composer.from.to_string(),
        test_to: user.email.clone(),
        page: number,
        pages: total.div_ceil(PER_PAGE).max(1),
    };
    Ok(page
        .render("outbox/list.html", context)
        .await?
        .into_response())
}

#[derive(Serialize)]
struct ShowPage {
    message: outbox_message::Model,
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let message = model::get(&page.state.db, id).await?;
    Ok(page
        .render("outbox/show.html", ShowPage { message })
        .await?
        .into_response())
}

/// The HTML part on its own, sandboxed: no scripts, no forms, no frames, and not framable.
/// Email layouts style by attribute; each attribute value is allowed by its hash, so the policy
/// needs no 'unsafe-inline' and a style injected into the body would not apply.
pub async fn html(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let message = model::get(&page.state.db, id).await?;
    let policy = preview_policy(&message.body_html);
    let mut response = axum::response::Html(message.body_html).into_response();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

/// The preview's policy: the global one's refusals plus `sandbox`, styles allowed only by the
/// hashes of the `style="…"` attributes our own templates wrote.
pub fn preview_policy(html: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut hashes: Vec<String> = html
        .split("style=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(value, _)| value))
        // A value with an entity would hash differently once the browser decodes it.
        .filter(|value| !value.contains('&'))
        .map(|value| {
            let digest = Sha256::digest(value.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    hashes.sort();
    hashes.dedup();
    let styles = if hashes.is_empty() {
        "'none'".to_owned()
    } else {
        format!("'unsafe-hashes' {}", hashes.join(" "))
    };
    format!(
        "sandbox; default-src 'none'; img-src data:; style-src {styles}; \
         frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
    )
}

pub async fn retry(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let result = model::retry(&page.state.db, id).await;
    report(&page, result, Message::new("outbox-retried")).await?;
    Ok(Redirect::to("/admin/outbox").into_response())
}

#[derive(Deserialize)]
pub struct TestForm {
    #[serde(default)]
    to: String,
}

/// Queues a test message, so an admin sees the transport work end to end.
pub async fn send_test(page: Page, Form(form): Form<TestForm>) -> AppResult<Response> {
    let user = page.require(Action::Administer)?;
    let result = async {
        let to = crate::domain::contacts::normalize_email(&form.to)
            .ok_or_else(|| AppError::validation("to", Message::new("field-email-invalid")))?;
        let email = emails::test_message(&page.state.composer, &to, page.lang)?;
        page.state
            .composer
            .queue(&page.state.db, Some(user.id), email)
            .await?;
        Ok(())
    }
    .await;
    if let Err(error) = result {
        return page.show_again("/admin/outbox", "outbox-test", error).await;
    }
    report(&page, Ok(()), Message::new("outbox-test-queued")).await?;
    Ok(Redirect::to("/admin/outbox").into_response())
}

#[cfg(test)]
mod tests {
    use super::preview_policy;

    #[test]
    fn the_email_preview_allows_its_own_style_attributes_by_hash_and_nothing_inline() {
        let policy = preview_policy(r#"<p style="color:red">a</p><p style="color:red">b</p>"#);
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 1, "{policy}");
        assert!(preview_policy("<p>plain</p>").contains("style-src 'none'"));
    }
}
