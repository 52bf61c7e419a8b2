//! The person's own pages, no sign-in: `/my-data/{token}` lists their consents with a button
//! to withdraw each or to give the optional ones; `/consents/{purpose}` shows a consent text
//! on its own, as the job page links to it.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::person::{self, PurposeStatus};
use super::{links, retention};
use crate::error::{AppError, AppResult, FieldError};
use crate::recruitment::consent::{ConsentRecord, document};
use crate::web::Page;
use crate::web::client::ClientMeta;
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

#[derive(Serialize)]
struct MyDataPage {
    token: String,
    name: String,
    purposes: Vec<PurposeStatus>,
    talent_pool_months: u32,
    errors: std::collections::BTreeMap<String, String>,
}

/// The person behind the link, with the page set to speak their language whatever the
/// browser says (the language of the consents they read and give here, too).
async fn resolve(page: &mut Page, token: &str) -> AppResult<crate::entities::candidate::Model> {
    let person = links::resolve(&page.state.db, token).await?;
    page.lang = page.state.composer.for_candidate(&person).lang;
    Ok(person)
}

async fn render(
    page: &mut Page,
    token: String,
    status: StatusCode,
    errors: &[FieldError],
) -> AppResult<Response> {
    let person = resolve(page, &token).await?;
    let purposes = person::statuses(&page.state.db, person.id, page.lang, Utc::now()).await?;
    let context = MyDataPage {
        token,
        name: person.full_name,
        purposes,
        talent_pool_months: retention::settings(&page.state.db)
            .await?
            .talent_pool_months,
        errors: page.field_errors(errors),
    };
    Ok((status, page.render("privacy/my_data.html", context).await?).into_response())
}

pub async fn show(mut page: Page, Path(token): Path<String>) -> AppResult<Response> {
    render(&mut page, token, StatusCode::OK, &[]).await
}

#[derive(Deserialize)]
pub struct PurposeForm {
    purpose: String,
    /// The box saying the person read the text; required to give a consent.
    agree: Option<String>,
}

pub async fn withdraw(
    mut page: Page,
    Path(token): Path<String>,
    Form(form): Form<PurposeForm>,
) -> AppResult<Response> {
    let person = resolve(&mut page, &token).await?;
    match person::withdraw(
        &page.state.db,
        &page.state.composer,
        &person,
        &form.purpose,
        Utc::now(),
    )
    .await
    {
        Ok(()) => {
            page.flash(FlashKind::Success, Message::new("privacy-withdrawn"))
                .await?;
            Ok(Redirect::to(&format!("/my-data/{token}")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            render(&mut page, token, StatusCode::UNPROCESSABLE_ENTITY, &errors).await
        }
        Err(other) => Err(other),
    }
}

pub async fn give(
    mut page: Page,
    client: ClientMeta,
    Path(token): Path<String>,
    Form(form): Form<PurposeForm>,
) -> AppResult<Response> {
    let person = resolve(&mut page, &token).await?;
    let result = match document(&form.purpose) {
        None => Err(AppError::validation(
            "purpose",
            Message::new("privacy-purpose-unknown"),
        )),
        Some(_) if form.agree.is_none() => Err(AppError::validation(
            "agree",
            Message::new("privacy-agree-required"),
        )),
        Some(document) => {
            let record = ConsentRecord::given(document, page.lang, client.ip, client.user_agent);
            person::give(
                &page.state.db,
                &person,
                document.purpose,
                record,
                Utc::now(),
            )
            .await
        }
    };
    if let Err(error) = result {
        // Each purpose has its own form on the page: the message goes beside the right box.
        let path = format!("/my-data/{token}");
        return page
            .show_again(&path, &format!("give-{}", form.purpose), error)
            .await;
    }
    page.flash(FlashKind::Success, Message::new("privacy-given"))
        .await?;
    Ok(Redirect::to(&format!("/my-data/{token}")).into_response())
}

#[derive(Serialize)]
struct DocumentPage {
    title: &'static str,
    text: &'static str,
    version: &'static str,
}

/// A consent text on a page of its own, in the reader's language.
pub async fn document_page(page: Page, Path(purpose): Path<String>) -> AppResult<Response> {
    let document = document(&purpose).ok_or(AppError::NotFound)?;
    let context = DocumentPage {
        title: document.title(page.lang),
        text: document.text(page.lang),
        version: document.version,
    };
    Ok(page
        .render("privacy/document.html", context)
        .await?
        .into_response())
}
