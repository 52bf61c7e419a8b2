//! A position on hh.ru: publish it (its text, band and the recruiter's choices), update it when
//! its text or band has changed since, and (`hh::archive`) archive it when the search stops.
//! The page and the API call these same operations. hh's refusals come back in the app's
//! words: a field hh refused as a field error of the form, no publications left as the precise
//! message.

use chrono::Utc;
use reqwest::Method;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, TryIntoModel,
};
use serde::Serialize;
use serde_json::{Value, json};

use super::client::HhError;
use super::connection::Hh;
use super::errors::refused_fields;
use super::settings;
use super::vacancy_body::{self, Choices, Content};
use crate::app::AppState;
use crate::audit::AuditEvent;
use crate::domain::position_status::PositionStatus;
use crate::entities::{hh_vacancy, position};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

pub const PUBLISHED: &str = "published";
pub const ARCHIVED: &str = "archived";

/// The hh vacancy of a position, if it was ever published.
pub async fn vacancy_of(
    db: &DatabaseConnection,
    position_id: i32,
) -> AppResult<Option<hh_vacancy::Model>> {
    Ok(hh_vacancy::Entity::find()
        .filter(hh_vacancy::Column::PositionId.eq(position_id))
        .one(db)
        .await?)
}

/// The position as hh would show it now: its title, its Russian vacancy text (the recruiter's
/// edited one when there is one, with today's figures) and its grade's band.
pub async fn content(
    state: &AppState,
    position: &position::Model,
    gross: bool,
) -> AppResult<Content> {
    let text = crate::positions::vacancy::published_vacancy_text(
        &state.db,
        &state.templates,
        position,
        Lang::Ru,
    )
    .await?;
    let band = crate::careers::model::band(&state.db, position).await?;
    Ok(Content::of(&position.title, &text, band.as_ref(), gross))
}

/// Whether the band's figures go to hh as before tax (the connection's setting).
pub async fn salary_gross(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(settings::row(db).await?.is_none_or(|row| row.salary_gross))
}

/// The lists hh's form offers: `vacancy_billing_type` (the employer's publication types),
/// `experience`, `work_format` and `employment_form`, each as `(id, name)`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Dictionaries {
    pub billing_types: Vec<(String, String)>,
    pub experience: Vec<(String, String)>,
    pub work_formats: Vec<(String, String)>,
    pub employment_forms: Vec<(String, String)>,
}

pub async fn dictionaries(hh: &mut Hh) -> AppResult<Dictionaries> {
    let answer = hh.fetch(Method::GET, "/dictionaries", None).await?;
    let list = |name: &str| -> Vec<(String, String)> {
        answer.body[name]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| {
                        let id = i["id"].as_str()?.to_owned();
                        let name = i["name"].as_str().unwrap_or(&id).to_owned();
                        Some((id, name))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Dictionaries {
        billing_types: list("vacancy_billing_type"),
        experience: list("experience"),
        work_formats: list("work_format"),
        employment_forms: list("employment_form"),
    })
}

fn not_open(position: &position::Model) -> AppError {
    AppError::Conflict(Message::new("hh-publish-not-open").with("title", position.title.clone()))
}

/// The id hh gave the new vacancy: in the body (`{"id"}`), else at the end of `Location`.
fn created_id(body: &Value, location: Option<&str>) -> Option<String> {
    let id = match &body["id"] {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => location.and_then(|l| {
            l.trim_end_matches('/')
                .rsplit('/')
                .next()
                .map(str::to_owned)
        }),
    };
    id.filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Publishes the open position on hh with `choices`; a position whose vacancy was archived is
/// published again as a new vacancy linked to the old one. 409 when the position is not open
/// or its vacancy is live, 422 with the fields hh (or the check before it) refused.
pub async fn publish(
    state: &AppState,
    actor: i32,
    position_id: i32,
    choices: Choices,
) -> AppResult<hh_vacancy::Model> {
    let db = &state.db;
    let position = crate::positions::model::get(db, position_id).await?;
    if position.status != PositionStatus::Open.as_str() {
        return Err(not_open(&position));
    }
    let existing = vacancy_of(db, position_id).await?;
    if existing.as_ref().is_some_and(|v| v.status == PUBLISHED) {
        return Err(AppError::Conflict(Message::new("hh-already-published")));
    }
    let problems = vacancy_body::check(&choices);
    if !problems.is_empty() {
        return Err(AppError::Validation(
            problems
                .into_iter()
                .map(|(field, key)| FieldError::new(field, Message::new(key)))
                .collect(),
        ));
    }
    let mut hh = Hh::open(state).await?;
    let content = content(state, &position, hh.settings().salary_gross).await?;
    let previous = existing.as_ref().map(|v| v.hh_vacancy_id.as_str());
    let body = vacancy_body::create_body(&content, &choices, previous);
    let answer = match hh.call(Method::POST, "/vacancies", Some(&body)).await? {
        Ok(answer) => answer,
        Err(HhError::Invalid(fields)) => {
            return Err(refused_fields(fields, vacancy_body::form_field));
        }
        Err(other) => return Err(other.into()),
    };
    let hh_id = created_id(&answer.body, answer.location.as_deref()).ok_or_else(|| {
        AppError::Upstream(Message::new("hh-unavailable").with("detail", "no vacancy id"))
    })?;
    // The address candidates open; hh's own answer when it gives one, else its usual form.
    let url = match hh
        .call(Method::GET, &format!("/vacancies/{hh_id}"), None)
        .await?
    {
        Ok(vacancy) => vacancy.body["alternate_url"]
            .as_str()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(str::to_owned),
        Err(_) => None,
    }
    .unwrap_or_else(|| format!("https://hh.ru/vacancy/{hh_id}"));
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let mut row = match existing {
        Some(old) => old.into_active_model(),
        None => hh_vacancy::ActiveModel {
            position_id: Set(position_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.hh_vacancy_id = Set(hh_id.clone());
    row.url = Set(url);
    row.status = Set(PUBLISHED.into());
    row.billing_type = Set(choices.billing_type.clone());
    row.published_hash = Set(content.hash());
    row.published_at = Set(now);
    row.archived_at = Set(None);
    row.responses_count = Set(0);
    row.last_synced_at = Set(None);
    row.last_error = Set(None);
    row.updated_at = Set(now);
    let saved = row.save(&txn).await?.try_into_model()?;
    AuditEvent::new(Some(actor), "hh.publish", "position")
        .id(position_id)
        .details(json!({"hh_vacancy_id": hh_id, "billing_type": choices.billing_type}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The position's live vacancy, or 409 saying why there is none to change.
pub(super) async fn live_vacancy(
    db: &DatabaseConnection,
    position_id: i32,
) -> AppResult<hh_vacancy::Model> {
    match vacancy_of(db, position_id).await? {
        Some(v) if v.status == PUBLISHED => Ok(v),
        Some(_) => Err(AppError::Conflict(Message::new("hh-vacancy-archived"))),
        None => Err(AppError::Conflict(Message::new("hh-not-published"))),
    }
}

/// What an update would send, beside what hh shows now (when hh could be read).
pub struct UpdatePreview {
    pub vacancy: hh_vacancy::Model,
    pub content: Content,
    /// hh's title, pay and description of the vacancy today.
    pub on_hh: Option<OnHh>,
}

pub struct OnHh {
    pub name: String,
    pub salary: Option<(Option<i64>, Option<i64>, String)>,
    pub description: String,
}

/// What "update on hh.ru" would do, for the question asked before it.
pub async fn update_preview(state: &AppState, position_id: i32) -> AppResult<UpdatePreview> {
    let vacancy = live_vacancy(&state.db, position_id).await?;
    let position = crate::positions::model::get(&state.db, position_id).await?;
    let mut hh = Hh::open(state).await?;
    let content = content(state, &position, hh.settings().salary_gross).await?;
    let on_hh = match hh
        .call(
            Method::GET,
            &format!("/vacancies/{}", vacancy.hh_vacancy_id),
            None,
        )
        .await?
    {
        Ok(answer) => {
            let b = &answer.body;
            let range = if b["salary_range"].is_object() {
                &b["salary_range"]
            } else {
                &b["salary"]
            };
            Some(OnHh {
                name: b["name"].as_str().unwrap_or_default().to_owned(),
                salary: range.is_object().then(|| {
                    (
                        range["from"].as_i64(),
                        range["to"].as_i64(),
                        range["currency"].as_str().unwrap_or_default().to_owned(),
                    )
                }),
                description: b["description"].as_str().unwrap_or_default().to_owned(),
            })
        }
        Err(_) => None,
    };
    Ok(UpdatePreview {
        vacancy,
        content,
        on_hh,
    })
}

/// Sends the position's title, text and pay as they are now to its live vacancy.
pub async fn update(
    state: &AppState,
    actor: i32,
    position_id: i32,
) -> AppResult<hh_vacancy::Model> {
    let db = &state.db;
    let vacancy = live_vacancy(db, position_id).await?;
    let position = crate::positions::model::get(db, position_id).await?;
    let mut hh = Hh::open(state).await?;
    let content = content(state, &position, hh.settings().salary_gross).await?;
    let path = format!("/vacancies/{}", vacancy.hh_vacancy_id);
    match hh.call(Method::PUT, &path, Some(&content.body())).await? {
        Ok(_) => {}
        Err(HhError::Invalid(fields)) => {
            return Err(refused_fields(fields, vacancy_body::form_field));
        }
        Err(other) => {
            let error = AppError::from(other);
            record_error(state, &vacancy, &error).await?;
            return Err(error);
        }
    }
    let txn = crate::db::write(db).await?;
    let mut row = vacancy.into_active_model();
    row.published_hash = Set(content.hash());
    row.last_error = Set(None);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&txn).await?;
    AuditEvent::new(Some(actor), "hh.update", "position")
        .id(position_id)
        .details(json!({"hh_vacancy_id": saved.hh_vacancy_id}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// An hh vacancy as pages and the API show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct HhVacancyView {
    pub hh_vacancy_id: String,
    /// The vacancy on hh.ru's site.
    pub url: String,
    /// `published` or `archived`.
    pub status: String,
    pub billing_type: String,
    pub responses_count: i32,
    pub published_at: chrono::DateTime<Utc>,
    pub archived_at: Option<chrono::DateTime<Utc>>,
    pub last_synced_at: Option<chrono::DateTime<Utc>>,
    /// What went wrong the last time hh was asked, if it did.
    pub last_error: Option<String>,
    /// Published, and the position's title, text or band has changed since: an update is due.
    pub changed: bool,
}

/// The position's hh vacancy, with whether hh shows an older version of it.
pub async fn view(
    state: &AppState,
    position: &position::Model,
) -> AppResult<Option<HhVacancyView>> {
    let Some(v) = vacancy_of(&state.db, position.id).await? else {
        return Ok(None);
    };
    let changed = v.status == PUBLISHED
        && content(state, position, salary_gross(&state.db).await?)
            .await?
            .hash()
            != v.published_hash;
    Ok(Some(HhVacancyView {
        hh_vacancy_id: v.hh_vacancy_id,
        url: v.url,
        status: v.status,
        billing_type: v.billing_type,
        responses_count: v.responses_count,
        published_at: v.published_at,
        archived_at: v.archived_at,
        last_synced_at: v.last_synced_at,
        last_error: v.last_error,
        changed,
    }))
}

/// The failure as a line on the vacancy's row, in the agency's language (whoever reads the
/// position page next sees it).
fn error_text(state: &AppState, error: &AppError) -> String {
    let lang = state.agency.get().default_lang;
    match error {
        AppError::Conflict(m) | AppError::Upstream(m) | AppError::BadRequest(m) => lang.render(m),
        AppError::RetryLater { message, .. } => lang.render(message),
        AppError::Validation(errors) => errors
            .iter()
            .map(|e| lang.render(&e.message))
            .collect::<Vec<_>>()
            .join(" "),
        // The app's own failure: its cause goes to the log, never onto a page.
        _ => lang.text("error-detail-500"),
    }
}

pub(super) async fn record_error(
    state: &AppState,
    vacancy: &hh_vacancy::Model,
    error: &AppError,
) -> AppResult<()> {
    hh_vacancy::Entity::update_many()
        .col_expr(
            hh_vacancy::Column::LastError,
            Expr::value(Some(error_text(state, error))),
        )
        .col_expr(hh_vacancy::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(hh_vacancy::Column::Id.eq(vacancy.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_vacancys_id_comes_from_the_body_or_the_location() {
        assert_eq!(
            created_id(&json!({"id": "123"}), None).as_deref(),
            Some("123")
        );
        assert_eq!(created_id(&json!({"id": 77}), None).as_deref(), Some("77"));
        assert_eq!(
            created_id(&Value::Null, Some("/vacancies/78789890")).as_deref(),
            Some("78789890")
        );
        assert_eq!(created_id(&json!({"id": "../x"}), None), None);
        assert_eq!(created_id(&Value::Null, None), None);
    }
}
