//! `/settings/values`: the agency's values in one form — add, rename, describe, link to a
//! theme of the question bank, reorder, remove — and what the CEO's kit will ask about each.
//! Everyone signed in reads it; an admin or the CEO edits it. Removing a value a CEO interview
//! already used asks first.

use axum::body::Bytes;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::forms::{self, ValueRow};
use super::{bank, model};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult};
use crate::interviews::values_kit::{self, ValueBlock};
use crate::web::Page;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

const PATH: &str = "/settings/values";
/// The form's name for the kept input.
const FORM: &str = "values";
/// Blank rows offered for new values.
const BLANK_ROWS: usize = 2;

#[derive(Serialize)]
struct ValuesPage {
    can_edit: bool,
    rows: Vec<ValueRow>,
    /// (code, name) of the question bank's themes, for the select.
    themes: Vec<(String, String)>,
    /// What the next cultural-fit interview asks, value by value.
    preview: Vec<ValueBlock>,
}

async fn render(page: &Page, rows: Option<Vec<ValueRow>>) -> AppResult<Response> {
    let user = page.user()?;
    let db = &page.state.db;
    let can_edit = user.can(Action::EditValues);
    let rows = match rows {
        Some(rows) => rows,
        None => {
            let mut rows: Vec<ValueRow> = model::list(db)
                .await?
                .into_iter()
                .enumerate()
                .map(|(i, v)| ValueRow {
                    code: v.code,
                    name: v.name,
                    description: v.description,
                    theme: v.theme.unwrap_or_default(),
                    order: (i + 1).to_string(),
                    remove: false,
                    existing: true,
                })
                .collect();
            if can_edit {
                rows.extend((0..BLANK_ROWS).map(|_| ValueRow::default()));
            }
            rows
        }
    };
    let context = ValuesPage {
        can_edit,
        rows,
        themes: bank::themes()
            .iter()
            .map(|t| {
                (
                    t.code.clone(),
                    page.lang.pick(&t.name_ru, &t.name_en).clone(),
                )
            })
            .collect(),
        preview: values_kit::preview(db, page.lang).await?,
    };
    Ok(page
        .render("values/settings.html", context)
        .await?
        .into_response())
}

pub async fn show(page: Page) -> AppResult<Response> {
    render(&page, None).await
}

/// Saves the list as the rows ask; bad input comes back as typed with each message beside
/// its row; removing a value a CEO interview used is confirmed first.
pub async fn save(page: Page, body: Bytes) -> AppResult<Response> {
    // Access before the body: a refused visitor learns nothing from how it was sent.
    let user = page.require(Action::EditValues)?.clone();
    let pairs = confirm::pairs(&body)?;
    let rows = forms::rows(&pairs);
    if confirm::is_edit(&pairs) {
        return render(&page, Some(rows)).await;
    }
    let (values, from) = match forms::list(&rows) {
        Ok(list) => list,
        Err(errors) => {
            return page
                .show_again(PATH, FORM, AppError::Validation(errors))
                .await;
        }
    };
    let errors = model::check(&values);
    if !errors.is_empty() {
        let errors = errors
            .into_iter()
            .map(|e| forms::on_the_form(e, &from))
            .collect();
        return page
            .show_again(PATH, FORM, AppError::Validation(errors))
            .await;
    }
    let in_use = model::removals_in_use(&page.state.db, &values).await?;
    if !in_use.is_empty() && !confirm::is_confirmed(&pairs) {
        let names: Vec<String> = in_use.iter().map(|v| v.name.clone()).collect();
        return Confirmation::new(&page, Message::new("values-remove-title"), PATH)
            .says(
                &page,
                Message::new("values-remove-used-says").with("names", names.join(", ")),
            )
            .says(&page, Message::new("values-remove-kept-says"))
            .confirm_label(&page, Message::new("values-remove-confirm"))
            .carrying(&pairs)
            .back(PATH, true)
            .render(&page)
            .await;
    }
    match model::replace(&page.state.db, user.id, values).await {
        Ok(_) => {
            page.flash(FlashKind::Success, Message::new("values-saved"))
                .await?;
            Ok(Redirect::to(PATH).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let errors = errors
                .into_iter()
                .map(|e| forms::on_the_form(e, &from))
                .collect();
            page.show_again(PATH, FORM, AppError::Validation(errors))
                .await
        }
        Err(other) => Err(other),
    }
}
