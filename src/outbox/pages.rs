//! The outbox page, for admins and recruiters: what was sent, what waits and why, held mass
//! actions to call back, a retry button; for admins also the transport, a test message and the
//! hold setting. Bodies with someone's personal link are shown to admins only.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{emails, hold, kinds, model};
use crate::domain::access::Action;
use crate::entities::outbox_message;
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::application_pages::report;
use crate::web::Page;
use crate::web::i18n::Message;

const PER_PAGE: u64 = 50;

#[derive(Deserialize, Default)]
pub struct ListParams {
    status: Option<String>,
    page: Option<u64>,
}

/// A message as a row of the list: its name on the page, whether it waits in a held batch,
/// and whether it can still be cancelled.
#[derive(Serialize)]
struct MessageRow {
    #[serde(flatten)]
    message: outbox_message::Model,
    kind_label: String,
    /// Pending with a time still ahead: when it goes.
    waits_until: Option<DateTime<Utc>>,
    cancellable: bool,
}

#[derive(Serialize)]
struct ListPage {
    messages: Vec<MessageRow>,
    batches: Vec<hold::HeldBatch>,
    status: String,
    statuses: [&'static str; 5],
    /// Delivery, the test message and the hold setting are the admin's.
    admin: bool,
    transport: &'static str,
    transport_detail: String,
    from: String,
    test_to: String,
    hold_minutes: String,
    errors: BTreeMap<String, String>,
    page: u64,
    pages: u64,
}

pub async fn list(page: Page, Query(params): Query<ListParams>) -> AppResult<Response> {
    page.require(Action::ManageOutbox)?;
    let hold_minutes = hold::settings(&page.state.db)
        .await?
        .hold_minutes
        .to_string();
    render_list(&page, params, hold_minutes, &[]).await
}

/// The list page; with `errors`, the hold setting as typed and its error, status 422.
pub(super) async fn render_list(
    page: &Page,
    params: ListParams,
    hold_minutes: String,
    errors: &[FieldError],
) -> AppResult<Response> {
    let user = page.require(Action::ManageOutbox)?;
    let status = params
        .status
        .filter(|s| model::STATUSES.contains(&s.as_str()));
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
    let now = Utc::now();
    let messages = messages
        .into_iter()
        .map(|message| MessageRow {
            kind_label: kinds::label_key(&message.kind),
            waits_until: (message.status == model::PENDING && message.next_attempt_at > now)
                .then_some(message.next_attempt_at),
            cancellable: message.status == model::PENDING,
            message,
        })
        .collect();
    let (transport, transport_detail) = page.state.mailer.describe();
    let context = ListPage {
        messages,
        batches: hold::waiting_batches(&page.state.db).await?,
        status: status.unwrap_or_default(),
        statuses: model::STATUSES,
        admin: user.can(Action::Administer),
        transport,
        transport_detail,
        from: page.state.composer.from.to_string(),
        test_to: user.email.clone(),
        hold_minutes,
        errors: page.field_errors(errors),
        page: number,
        pages: total.div_ceil(PER_PAGE).max(1),
    };
    let html = page.render("outbox/list.html", context).await?;
    let code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((code, html).into_response())
}

#[derive(Serialize)]
struct ShowPage {
    message: outbox_message::Model,
    kind_label: String,
    /// The body carries someone's personal link and the reader is not an admin.
    body_hidden: bool,
}

/// May this reader see the message's body? Admins always; others unless it carries a link
/// that acts for its recipient (a recruiter must not set an admin's password).
fn body_visible(page: &Page, message: &outbox_message::Model) -> AppResult<bool> {
    let user = page.require(Action::ManageOutbox)?;
    Ok(user.can(Action::Administer) || !kinds::find(&message.kind).personal_link)
}

pub async fn show(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageOutbox)?;
    let mut message = model::get(&page.state.db, id).await?;
    let body_hidden = !body_visible(&page, &message)?;
    if body_hidden {
        message.body_text.clear();
        message.body_html.clear();
        message.ics = None;
    }
    let context = ShowPage {
        kind_label: kinds::label_key(&message.kind),
        message,
        body_hidden,
    };
    Ok(page
        .render("outbox/show.html", context)
        .await?
        .into_response())
}

/// The HTML part on its own, sandboxed: no scripts, no forms, no frames, and not framable.
/// Email layouts style by attribute; each attribute value is allowed by its hash, so the policy
/// needs no 'unsafe-inline' and a style injected into the body would not apply.
pub async fn html(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManageOutbox)?;
    let message = model::get(&page.state.db, id).await?;
    if !body_visible(&page, &message)? {
        return Err(AppError::Forbidden);
    }
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
    page.require(Action::ManageOutbox)?;
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
