//! Email templates: the agency's list (seeded from seed-data/email_templates.toml, then
//! theirs to edit), checked on save so a template that would fail on send is never stored.

use anyhow::Context;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::render;
use crate::audit::AuditEvent;
use crate::domain::text::TextKind;
use crate::entities::email_template;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

const SEED: &str = include_str!("../../seed-data/email_templates.toml");

/// A template as the API and the pages show it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TemplateView {
    pub id: i32,
    pub name: String,
    /// `ru` or `en`.
    pub lang: String,
    pub subject: String,
    pub body: String,
}

impl From<email_template::Model> for TemplateView {
    fn from(m: email_template::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            lang: m.lang,
            subject: m.subject,
            body: m.body,
        }
    }
}

/// A template as typed, on the page or in the API.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct TemplateRequest {
    #[serde(default)]
    pub name: String,
    /// `ru` or `en`.
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

struct Checked {
    name: String,
    lang: Lang,
    subject: String,
    body: String,
}

fn checked(request: TemplateRequest) -> AppResult<Checked> {
    let (name, subject, body) = (
        request.name.trim(),
        request.subject.trim(),
        request.body.trim(),
    );
    let mut errors = Vec::new();
    for (field, value) in [("name", name), ("subject", subject), ("body", body)] {
        if value.is_empty() {
            errors.push(FieldError::new(field, Message::new("field-required")));
        }
    }
    errors.extend(FieldError::text("name", TextKind::Line, name));
    errors.extend(FieldError::text("subject", TextKind::Line, subject));
    errors.extend(FieldError::text("body", TextKind::Text, body));
    let lang = match FieldError::lang("lang", Some(&request.lang)) {
        Ok(Some(lang)) => Some(lang),
        Ok(None) => {
            errors.push(FieldError::new("lang", Message::new("field-required")));
            None
        }
        Err(error) => {
            errors.push(error);
            None
        }
    };
    if let Err(AppError::Validation(found)) = render::check_both(subject, body) {
        errors.extend(found);
    }
    match lang {
        Some(lang) if errors.is_empty() => Ok(Checked {
            name: name.to_owned(),
            lang,
            subject: subject.to_owned(),
            body: body.to_owned(),
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The templates, by language then name; only `lang`'s when given.
pub async fn list(db: &DatabaseConnection, lang: Option<Lang>) -> AppResult<Vec<TemplateView>> {
    let mut query =
        email_template::Entity::find().filter(email_template::Column::DeletedAt.is_null());
    if let Some(lang) = lang {
        query = query.filter(email_template::Column::Lang.eq(lang.as_str()));
    }
    Ok(query
        .order_by_asc(email_template::Column::Lang)
        .order_by_asc(email_template::Column::Name)
        .order_by_asc(email_template::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// One template that has not been deleted.
pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<email_template::Model> {
    email_template::Entity::find_by_id(id)
        .filter(email_template::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

#[tracing::instrument(skip(db, request))]
pub async fn create(
    db: &DatabaseConnection,
    actor: i32,
    request: TemplateRequest,
) -> AppResult<TemplateView> {
    let c = checked(request)?;
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let created = email_template::ActiveModel {
        code: Set(None),
        name: Set(c.name),
        lang: Set(c.lang.as_str().to_owned()),
        subject: Set(c.subject),
        body: Set(c.body),
        created_by: Set(Some(actor)),
        deleted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    AuditEvent::new(Some(actor), "email_template.create", "email_template")
        .id(created.id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(created.into())
}

#[tracing::instrument(skip(db, request))]
pub async fn update(
    db: &DatabaseConnection,
    actor: i32,
    id: i32,
    request: TemplateRequest,
) -> AppResult<TemplateView> {
    let found = get(db, id).await?;
    let c = checked(request)?;
    let txn = crate::db::write(db).await?;
    let mut model: email_template::ActiveModel = found.into();
    model.name = Set(c.name);
    model.lang = Set(c.lang.as_str().to_owned());
    model.subject = Set(c.subject);
    model.body = Set(c.body);
    model.updated_at = Set(Utc::now());
    let updated = model.update(&txn).await?;
    AuditEvent::new(Some(actor), "email_template.update", "email_template")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(updated.into())
}

/// Deletes a template from the list; its row stays (marked) so a seeded one is not loaded again.
#[tracing::instrument(skip(db))]
pub async fn delete(db: &DatabaseConnection, actor: i32, id: i32) -> AppResult<()> {
    let found = get(db, id).await?;
    let txn = crate::db::write(db).await?;
    let mut model: email_template::ActiveModel = found.into();
    let now = Utc::now();
    model.deleted_at = Set(Some(now));
    model.updated_at = Set(now);
    model.update(&txn).await?;
    AuditEvent::new(Some(actor), "email_template.delete", "email_template")
        .id(id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Deserialize)]
struct SeedFile {
    template: Vec<SeedTemplate>,
}

#[derive(Deserialize)]
struct SeedTemplate {
    code: String,
    lang: String,
    name: String,
    subject: String,
    body: String,
}

/// Loads the seeded templates that are missing, by `code`; what the agency changed stays.
pub async fn load_seed(db: &DatabaseConnection) -> anyhow::Result<()> {
    let file: SeedFile = toml::from_str(SEED).context("seed-data/email_templates.toml")?;
    let now = Utc::now();
    for t in file.template {
        email_template::Entity::insert(email_template::ActiveModel {
            code: Set(Some(t.code)),
            name: Set(t.name),
            lang: Set(t.lang),
            subject: Set(t.subject.trim().to_owned()),
            body: Set(t.body.trim().to_owned()),
            created_by: Set(None),
            deleted_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([email_template::Column::Code])
        .exec(db)
        .await
        .context("loading email templates")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_template_is_valid_and_comes_in_both_languages() {
        let file: SeedFile = toml::from_str(SEED).unwrap();
        assert!(file.template.len() >= 6);
        for t in &file.template {
            render::check_both(&t.subject, &t.body).unwrap_or_else(|e| panic!("{}: {e:?}", t.code));
            assert!(Lang::parse(&t.lang).is_some(), "{}", t.code);
        }
        for lang in ["ru", "en"] {
            assert_eq!(
                file.template.iter().filter(|t| t.lang == lang).count(),
                file.template.len() / 2
            );
        }
    }
}
