//! hh.ru on the position page: the panel (link, status, responses, last error, buttons) and
//! the publish form on a page of its own (`/positions/{id}/hh`), where a refusal comes back
//! with what was typed and hh's reason beside each field. Updating and archiving ask first.
//! The same operations as the API (`hh::publish`).

use axum::Form;
use axum::body::Bytes;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::connection::Hh;
use super::publish::{self, Dictionaries, HhVacancyView};
use super::vacancy_body::{self, Choices, Content};
use crate::domain::access::Action;
use crate::domain::money::{self, Style};
use crate::domain::position_status::PositionStatus;
use crate::entities::position;
use crate::error::{AppError, AppResult};
use crate::web::confirm::{self, Confirmation};
use crate::web::i18n::{Lang, Message};
use crate::web::{FlashKind, Page};

/// The form's name for the kept input.
const FORM: &str = "hh_publish";

fn form_path(id: i32) -> String {
    format!("/positions/{id}/hh")
}

fn panel_path(id: i32) -> String {
    format!("/positions/{id}#hh")
}

/// What the position page shows of hh.ru, to those who manage positions.
#[derive(Serialize)]
pub struct Panel {
    pub vacancy: Option<HhVacancyView>,
    /// The connection works: publishing, updating and archiving are offered.
    pub connected: bool,
    /// Open, connected, and not live on hh: "Publish" (or "Publish again") is offered.
    pub can_publish: bool,
    /// Admins get a link to the connection's page when it needs them.
    pub can_connect: bool,
}

/// The panel for `position`, or none for a role that does not manage positions.
pub async fn panel(page: &Page, position: &position::Model) -> AppResult<Option<Panel>> {
    let Some(user) = page
        .user
        .as_ref()
        .filter(|u| u.can(Action::ManagePositions))
    else {
        return Ok(None);
    };
    let connected = super::settings::row(&page.state.db)
        .await?
        .is_some_and(|row| row.access_token_sealed.is_some() && !row.needs_reconnect);
    let vacancy = publish::view(&page.state, position).await?;
    let live = vacancy
        .as_ref()
        .is_some_and(|v| v.status == publish::PUBLISHED);
    Ok(Some(Panel {
        can_publish: connected && !live && position.status == PositionStatus::Open.as_str(),
        vacancy,
        connected,
        can_connect: user.can(Action::Administer),
    }))
}

/// The pay line a person reads: «от 90 000 до 140 000 ₽ до вычета налогов».
fn salary_line(lang: Lang, content: &Content) -> Option<String> {
    let s = content.salary.as_ref()?;
    let currency = if s.currency == "RUR" {
        "RUB"
    } else {
        &s.currency
    };
    let figures = money::range(s.from, s.to, currency, Style::english(lang == Lang::En));
    let key = if s.gross {
        "hh-salary-gross-line"
    } else {
        "hh-salary-net-line"
    };
    Some(lang.render(&Message::new(key).with("range", figures)))
}

#[derive(Serialize)]
struct PublishPage {
    id: i32,
    title: String,
    open: bool,
    /// The vacancy was archived: publishing makes a new one on hh, linked to it.
    again: bool,
    /// What stops the form (hh not connected, its lists unreadable), in words.
    problem: Option<String>,
    dictionaries: Dictionaries,
    choices: Choices,
    fields: [&'static str; 6],
    salary: Option<String>,
    /// The description as hh will get it (only hh's few tags; every character escaped).
    description_html: String,
}

/// The publish form: what hh will show (title, pay, description) and the choices hh needs.
pub async fn form(page: Page, Path(id): Path<i32>) -> AppResult<Response> {
    page.require(Action::ManagePositions)?;
    let state = &page.state;
    let position = crate::positions::model::get(&state.db, id).await?;
    let content =
        publish::content(state, &position, publish::salary_gross(&state.db).await?).await?;
    let again = publish::vacancy_of(&state.db, id)
        .await?
        .is_some_and(|v| v.status == publish::ARCHIVED);
    let read = async {
        let mut hh = Hh::open(state).await?;
        publish::dictionaries(&mut hh).await
    }
    .await;
    let (dictionaries, problem) = match read {
        Ok(d) => (d, None),
        Err(
            AppError::Conflict(m) | AppError::Upstream(m) | AppError::RetryLater { message: m, .. },
        ) => (Dictionaries::default(), Some(page.text(&m))),
        Err(other) => return Err(other),
    };
    let choices = vacancy_body::defaults(
        &position.grade,
        position.city.as_deref(),
        position.work_format.as_deref(),
        &dictionaries.billing_types,
    );
    let context = PublishPage {
        id,
        title: position.title.clone(),
        open: position.status == PositionStatus::Open.as_str(),
        again,
        problem,
        dictionaries,
        choices,
        fields: vacancy_body::FIELDS,
        salary: salary_line(page.lang, &content),
        description_html: content.description,
    };
    Ok(page
        .render("hh/publish_form.html", context)
        .await?
        .into_response())
}

/// Missing fields read as blank, so that access is checked before the input is.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PublishForm {
    billing_type: String,
    area: String,
    professional_role: String,
    experience: String,
    work_format: String,
    employment_form: String,
}

impl PublishForm {
    fn choices(self) -> Choices {
        Choices {
            billing_type: self.billing_type.trim().to_owned(),
            area: self.area.trim().to_owned(),
            professional_role: self.professional_role.trim().to_owned(),
            experience: self.experience.trim().to_owned(),
            work_format: self.work_format.trim().to_owned(),
            employment_form: self.employment_form.trim().to_owned(),
        }
    }
}

/// hh not answering as it should is said on the form too, with what was typed kept.
fn said_on_form(error: AppError) -> AppError {
    match error {
        AppError::Upstream(m) | AppError::RetryLater { message: m, .. } => AppError::Conflict(m),
        other => other,
    }
}

pub async fn publish(
    page: Page,
    Path(id): Path<i32>,
    Form(form): Form<PublishForm>,
) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?.clone();
    match publish::publish(&page.state, user.id, id, form.choices()).await {
        Ok(vacancy) => {
            page.flash(
                FlashKind::Success,
                Message::new("hh-published").with("url", vacancy.url),
            )
            .await?;
            Ok(Redirect::to(&panel_path(id)).into_response())
        }
        Err(error) => {
            page.show_again(&form_path(id), FORM, said_on_form(error))
                .await
        }
    }
}

/// A refusal of a step that has no form: its message on the position page.
async fn refused(page: &Page, id: i32, error: AppError) -> AppResult<Response> {
    let message = match error {
        AppError::Conflict(m) | AppError::Upstream(m) | AppError::RetryLater { message: m, .. } => {
            m
        }
        AppError::Validation(errors) if !errors.is_empty() => errors[0].message.clone(),
        other => return Err(other),
    };
    page.flash(FlashKind::Error, message).await?;
    Ok(Redirect::to(&panel_path(id)).into_response())
}

/// "Update on hh.ru": says what will be sent and what it changes there, then sends it.
pub async fn update(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?.clone();
    let pairs = confirm::pairs(&body)?;
    if confirm::is_confirmed(&pairs) {
        return match publish::update(&page.state, user.id, id).await {
            Ok(_) => {
                page.flash(FlashKind::Success, Message::new("hh-updated"))
                    .await?;
                Ok(Redirect::to(&panel_path(id)).into_response())
            }
            Err(error) => refused(&page, id, error).await,
        };
    }
    let preview = match publish::update_preview(&page.state, id).await {
        Ok(preview) => preview,
        Err(error) => return refused(&page, id, error).await,
    };
    let content = &preview.content;
    let mut ask = Confirmation::new(
        &page,
        Message::new("hh-update-title").with("id", preview.vacancy.hh_vacancy_id.clone()),
        format!("/positions/{id}/hh/update"),
    )
    .harmless()
    .says(&page, Message::new("hh-update-says"));
    let old = preview.on_hh.as_ref();
    let name = match old.filter(|o| o.name != content.name) {
        Some(o) => Message::new("hh-update-name-changes")
            .with("was", o.name.clone())
            .with("name", content.name.clone()),
        None => Message::new("hh-update-name-same").with("name", content.name.clone()),
    };
    ask = ask.says(&page, name);
    let salary = salary_line(page.lang, content);
    let salary_moved = old.is_some_and(|o| {
        let now = content
            .salary
            .as_ref()
            .map(|s| (Some(s.from), Some(s.to), s.currency.clone()));
        o.salary != now
    });
    ask = ask.says(
        &page,
        match (&salary, salary_moved) {
            (Some(line), true) => {
                Message::new("hh-update-salary-changes").with("salary", line.clone())
            }
            (Some(line), false) => {
                Message::new("hh-update-salary-same").with("salary", line.clone())
            }
            (None, _) => Message::new("hh-update-salary-none"),
        },
    );
    let text_moved = old.is_none_or(|o| o.description != content.description);
    ask = ask.says(
        &page,
        Message::new(if text_moved {
            "hh-update-description-changes"
        } else {
            "hh-update-description-same"
        }),
    );
    if old.is_none() {
        ask = ask.says(&page, Message::new("hh-update-unread"));
    }
    ask.confirm_label(&page, Message::new("hh-update"))
        .back(panel_path(id), false)
        .render(&page)
        .await
}

/// "Archive on hh.ru": asks first — an archived vacancy takes no more responses and cannot
/// be brought back, only published again.
pub async fn archive(page: Page, Path(id): Path<i32>, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::ManagePositions)?.clone();
    let pairs = confirm::pairs(&body)?;
    if confirm::is_confirmed(&pairs) {
        return match super::archive::archive(&page.state, Some(user.id), id).await {
            Ok(_) => {
                page.flash(FlashKind::Success, Message::new("hh-archived"))
                    .await?;
                Ok(Redirect::to(&panel_path(id)).into_response())
            }
            Err(error) => refused(&page, id, error).await,
        };
    }
    let Some(vacancy) = publish::vacancy_of(&page.state.db, id)
        .await?
        .filter(|v| v.status == publish::PUBLISHED)
    else {
        return refused(
            &page,
            id,
            AppError::Conflict(Message::new("hh-not-published")),
        )
        .await;
    };
    Confirmation::new(
        &page,
        Message::new("hh-archive-title").with("id", vacancy.hh_vacancy_id),
        format!("/positions/{id}/hh/archive"),
    )
    .says(&page, Message::new("hh-archive-says"))
    .confirm_label(&page, Message::new("hh-archive"))
    .back(panel_path(id), false)
    .render(&page)
    .await
}
