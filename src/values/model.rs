//! The agency's values as one ordered list: read by everyone signed in, replaced whole by an
//! admin or the CEO (the page and `PUT /api/v1/settings/values` both call [`replace`]).

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::bank;
use crate::audit::AuditEvent;
use crate::domain::agency_values::{self, MAX_VALUES, Proposed};
use crate::domain::text::TextKind;
use crate::entities::{agency_value, interview_value};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// One value, as sent and as read back.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, utoipa::ToSchema)]
pub struct AgencyValue {
    /// Latin lower-case letters, digits and underscores; stays the same when the name changes.
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A theme of the values question bank (`client_first`, `ownership`, `openness`,
    /// `learning`, `teamwork`, `results`), or null for a question built from the name.
    #[serde(default)]
    pub theme: Option<String>,
}

impl From<agency_value::Model> for AgencyValue {
    fn from(v: agency_value::Model) -> Self {
        Self {
            code: v.code,
            name: v.name,
            description: v.description,
            theme: v.theme,
        }
    }
}

/// The values in the agency's order.
pub async fn list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<agency_value::Model>> {
    Ok(agency_value::Entity::find()
        .order_by_asc(agency_value::Column::Rank)
        .order_by_asc(agency_value::Column::Id)
        .all(db)
        .await?)
}

/// Trims what was typed; an empty theme means none.
fn tidy(values: Vec<AgencyValue>) -> Vec<AgencyValue> {
    values
        .into_iter()
        .map(|v| AgencyValue {
            code: v.code.trim().to_owned(),
            name: v.name.trim().to_owned(),
            description: v.description.trim().to_owned(),
            theme: v
                .theme
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty()),
        })
        .collect()
}

/// Field errors named `[i].code`, `[i].name`, … by the value's place in the list.
pub fn check(values: &[AgencyValue]) -> Vec<FieldError> {
    let proposed: Vec<Proposed<'_>> = values
        .iter()
        .map(|v| Proposed {
            code: &v.code,
            name: &v.name,
            theme: v.theme.as_deref(),
        })
        .collect();
    let mut errors: Vec<FieldError> = agency_values::check(&proposed, &bank::theme_codes())
        .into_iter()
        .map(|(i, field, problem)| {
            FieldError::new(format!("[{i}].{field}"), Message::new(problem.key()))
        })
        .collect();
    for (i, v) in values.iter().enumerate() {
        errors.extend(FieldError::text(
            &format!("[{i}].name"),
            TextKind::Line,
            &v.name,
        ));
        errors.extend(FieldError::text(
            &format!("[{i}].description"),
            TextKind::Text,
            &v.description,
        ));
    }
    if values.len() > MAX_VALUES {
        errors.push(FieldError::new(
            "values",
            Message::new("field-values-too-many").with_number("max", MAX_VALUES as i64),
        ));
    }
    errors
}

/// Which of `codes` a CEO interview has already been scheduled to ask about.
pub async fn used<C: ConnectionTrait>(db: &C, codes: &[&str]) -> AppResult<Vec<String>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<String> = interview_value::Entity::find()
        .select_only()
        .column(interview_value::Column::ValueCode)
        .filter(interview_value::Column::ValueCode.is_in(codes.iter().copied()))
        .into_tuple::<String>()
        .all(db)
        .await?;
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// The values the new list drops that a CEO interview already used: the page asks before it
/// removes them (their scores stay on the interviews that have them).
pub async fn removals_in_use(
    db: &DatabaseConnection,
    values: &[AgencyValue],
) -> AppResult<Vec<agency_value::Model>> {
    let current = list(db).await?;
    let before: Vec<String> = current.iter().map(|v| v.code.clone()).collect();
    let after: Vec<&str> = values.iter().map(|v| v.code.trim()).collect();
    let dropped = agency_values::removed(&before, &after);
    let in_use = used(db, &dropped).await?;
    Ok(current
        .into_iter()
        .filter(|v| in_use.contains(&v.code))
        .collect())
}

/// Replaces the list: values keep their row by code (renamed, described, moved), new codes are
/// added and missing ones removed, all in one transaction with an audit entry.
pub async fn replace(
    db: &DatabaseConnection,
    actor_id: i32,
    values: Vec<AgencyValue>,
) -> AppResult<Vec<AgencyValue>> {
    let values = tidy(values);
    let errors = check(&values);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let txn = crate::db::write(db).await?;
    let mut existing: HashMap<String, agency_value::Model> = list(&txn)
        .await?
        .into_iter()
        .map(|v| (v.code.clone(), v))
        .collect();
    for (rank, v) in values.iter().enumerate() {
        let rank = rank as i32 + 1;
        match existing.remove(&v.code) {
            Some(found) => {
                let mut row: agency_value::ActiveModel = found.into();
                row.name = Set(v.name.clone());
                row.description = Set(v.description.clone());
                row.theme = Set(v.theme.clone());
                row.rank = Set(rank);
                row.updated_at = Set(now);
                row.update(&txn).await?;
            }
            None => {
                agency_value::ActiveModel {
                    code: Set(v.code.clone()),
                    name: Set(v.name.clone()),
                    description: Set(v.description.clone()),
                    theme: Set(v.theme.clone()),
                    rank: Set(rank),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    let removed: Vec<String> = existing.into_keys().collect();
    if !removed.is_empty() {
        agency_value::Entity::delete_many()
            .filter(agency_value::Column::Code.is_in(removed.clone()))
            .exec(&txn)
            .await?;
    }
    AuditEvent::new(Some(actor_id), "values.replace", "agency_value")
        .details(json!({
            "codes": values.iter().map(|v| &v.code).collect::<Vec<_>>(),
            "removed": removed,
        }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(list(db).await?.into_iter().map(Into::into).collect())
}
