//! "Fetch responses now" on `/admin/hh`: the sync, its counts or what stopped it in the flash.

use axum::response::{IntoResponse, Redirect, Response};

use super::pages::PATH;
use super::sync;
use crate::domain::access::Action;
use crate::error::AppResult;
use crate::web::Page;
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

pub async fn sync_now(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let (kind, message) = match sync::run(&page.state).await {
        Ok(done) => (
            FlashKind::Success,
            Message::new("hh-synced")
                .with_number("imported", i64::from(done.imported))
                .with_number("updated", i64::from(done.updated))
                .with_number("skipped", i64::from(done.skipped)),
        ),
        Err(error) => (FlashKind::Error, super::errors::flash_of(error)?),
    };
    page.flash(kind, message).await?;
    Ok(Redirect::to(PATH).into_response())
}
