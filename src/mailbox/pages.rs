//! `/admin/mailbox`: the mailbox settings in a form (the password field says whether one is
//! saved and never shows it), when it was last read and what went wrong, and "Check now". The
//! same operations as `GET|PUT /api/v1/settings/mailbox` and `POST …/poll`.

use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::settings::{self, MailboxRequest, MailboxView, SecretInput, TlsMode};
use super::sync;
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::secrets::Secret;
use crate::web::Page;
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

const PATH: &str = "/admin/mailbox";
/// The form's name for the kept input.
const FORM: &str = "mailbox";

#[derive(Serialize)]
struct SettingsPage {
    mailbox: MailboxView,
    tls_modes: [&'static str; 3],
}

pub async fn show(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let context = SettingsPage {
        mailbox: settings::view(&page.state.db).await?,
        tls_modes: TlsMode::ALL,
    };
    Ok(page
        .render("mailbox/settings.html", context)
        .await?
        .into_response())
}

/// Missing fields read as blank, so that access is checked before the input is.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MailboxForm {
    host: String,
    port: String,
    tls: String,
    user: String,
    password: String,
    folder: String,
    enabled: Option<String>,
}

/// The typed text as a request; a port or mode that does not read is named beside its field.
fn request_of(form: MailboxForm) -> Result<MailboxRequest, AppError> {
    let mut errors = Vec::new();
    let port = match form.port.trim().parse::<u16>() {
        Ok(port) => port,
        Err(_) => {
            errors.push(FieldError::new(
                "port",
                Message::new("mailbox-port-invalid"),
            ));
            0
        }
    };
    let tls = TlsMode::parse(&form.tls).unwrap_or_else(|| {
        errors.push(FieldError::new("tls", Message::new("mailbox-tls-invalid")));
        TlsMode::Tls
    });
    let request = MailboxRequest {
        host: form.host,
        port,
        tls,
        user: form.user,
        password: Some(SecretInput(Secret::new(form.password))),
        folder: form.folder,
        enabled: form.enabled.is_some(),
    };
    // The rest is checked by the operation; here only what could not be read at all.
    if let Err(more) = settings::check(&request, true) {
        let unread: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
        errors.extend(more.into_iter().filter(|e| !unread.contains(&e.field)));
    }
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(AppError::Validation(errors))
    }
}

pub async fn save(page: Page, Form(form): Form<MailboxForm>) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    let saved = match request_of(form) {
        Ok(request) => {
            settings::save(&page.state.db, &page.state.secret_key, user.id, request).await
        }
        Err(error) => Err(error),
    };
    if let Err(error) = saved {
        return page.show_again(PATH, FORM, error).await;
    }
    page.flash(FlashKind::Success, Message::new("mailbox-saved"))
        .await?;
    Ok(Redirect::to(PATH).into_response())
}

/// "Check now": one poll, its outcome in the flash.
pub async fn poll(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let outcome = sync::now(&page.state.db, &page.state.secret_key).await;
    let (kind, message) = match outcome {
        Ok(done) if done.error.is_none() => (
            FlashKind::Success,
            Message::new("mailbox-polled")
                .with_number("imported", i64::from(done.imported))
                .with_number("attached", i64::from(done.attached)),
        ),
        Ok(_) => (FlashKind::Error, Message::new("mailbox-poll-failed")),
        Err(AppError::Conflict(message)) => (FlashKind::Error, message),
        Err(other) => return Err(other),
    };
    page.flash(kind, message).await?;
    Ok(Redirect::to(PATH).into_response())
}
