//! The admin's list of users: add a user, change a role, deactivate.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::forms::{NewUserForm, PageQuery, UserAccessForm};
use super::model;
use crate::auth::model::{NewUser, create_user};
use crate::domain::access::{Action, Role};
use crate::entities::user;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;
use crate::web::{FlashKind, Page};

const PER_PAGE: u64 = 50;

#[derive(Serialize)]
struct UsersPage<'a> {
    users: Vec<user::Model>,
    roles: Vec<&'static str>,
    form: FormValues<'a>,
    errors: BTreeMap<String, String>,
    page: u64,
    pages: u64,
}

#[derive(Serialize, Default)]
struct FormValues<'a> {
    email: &'a str,
    name: &'a str,
    role: &'a str,
    lang: &'a str,
}

async fn render(
    page: &Page,
    number: u64,
    form: FormValues<'_>,
    errors: BTreeMap<String, String>,
) -> AppResult<Response> {
    let list = model::list_users(
        &page.state.db,
        None,
        true,
        PER_PAGE,
        (number - 1) * PER_PAGE,
    )
    .await?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let context = UsersPage {
        users: list.items,
        roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
        form,
        errors,
        page: number,
        pages: list.total.div_ceil(PER_PAGE).max(1),
    };
    Ok((status, page.render("admin/users.html", context).await?).into_response())
}

pub async fn users(page: Page, Query(query): Query<PageQuery>) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let form = FormValues {
        role: "interviewer",
        lang: page.lang.as_str(),
        ..Default::default()
    };
    render(
        &page,
        query.page.unwrap_or(1).clamp(1, crate::web::list::MAX_PAGE),
        form,
        BTreeMap::new(),
    )
    .await
}

pub async fn create(page: Page, Form(form): Form<NewUserForm>) -> AppResult<Response> {
    let admin = page.require(Action::Administer)?;
    let created = match FieldError::lang("lang", Some(&form.lang)) {
        Ok(lang) => {
            let input = NewUser {
                email: form.email.clone(),
                name: form.name.clone(),
                role: form.role.clone(),
                password: form.password.clone(),
                lang: lang.unwrap_or_default(),
            };
            create_user(&page.state.db, Some(admin.id), input).await
        }
        Err(error) => Err(error.into()),
    };
    match created {
        Ok(created) => {
            page.flash(
                FlashKind::Success,
                Message::new("user-created").with("name", created.name),
            )
            .await?;
            Ok(Redirect::to("/admin/users").into_response())
        }
        Err(AppError::Validation(errors)) => {
            let values = FormValues {
                email: &form.email,
                name: &form.name,
                role: &form.role,
                lang: &form.lang,
            };
            render(&page, 1, values, page.field_errors(&errors)).await
        }
        Err(other) => Err(other),
    }
}

pub async fn update(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<UserAccessForm>,
) -> AppResult<Response> {
    let admin = page.require(Action::Administer)?;
    let updated = model::update_user(
        &page.state.db,
        admin.id,
        id,
        &form.role,
        form.active.is_some(),
    )
    .await;
    // Back to the page of the list the row was on.
    let number = form.page.trim().parse::<u64>().unwrap_or(1);
    let path = format!(
        "/admin/users?page={}",
        number.clamp(1, crate::web::list::MAX_PAGE)
    );
    let updated = match updated {
        Ok(updated) => updated,
        Err(error) => return page.show_again(&path, &format!("user-{id}"), error).await,
    };
    page.flash(
        FlashKind::Success,
        Message::new("user-updated").with("name", updated.name),
    )
    .await?;
    Ok(Redirect::to(&path).into_response())
}
