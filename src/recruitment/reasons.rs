//! Why applications end: an editable list of rejection and withdrawal reasons. A reason is
//! stored on the application by its code, so reports can count them; free text is accepted
//! too (an integration's own words) and shown as written.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};

use crate::domain::pipeline::Via;
use crate::domain::text::TextKind;
use crate::entities::end_reason;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

/// Closes the rest of a search when the position is filled.
pub const POSITION_FILLED: &str = "position_filled";
pub const DID_NOT_START: &str = "did_not_start";
pub const POSITION_CANCELLED: &str = "position_cancelled";

const SEED: &str = include_str!("../../seed-data/reasons.toml");

#[derive(Deserialize)]
struct SeedFile {
    reason: Vec<SeedReason>,
}

#[derive(Deserialize)]
struct SeedReason {
    code: String,
    kind: String,
    label_en: String,
    label_ru: String,
}

/// Loads the seed list; a reason an admin retired stays retired.
pub async fn load_seed<C: ConnectionTrait>(db: &C) -> anyhow::Result<()> {
    let file: SeedFile = toml::from_str(SEED)?;
    for (rank, r) in file.reason.into_iter().enumerate() {
        end_reason::Entity::insert(end_reason::ActiveModel {
            code: Set(r.code),
            kind: Set(r.kind),
            label_ru: Set(r.label_ru),
            label_en: Set(r.label_en),
            rank: Set(rank as i32 + 1),
            active: Set(true),
        })
        .on_conflict(
            OnConflict::column(end_reason::Column::Code)
                .update_columns([
                    end_reason::Column::Kind,
                    end_reason::Column::LabelRu,
                    end_reason::Column::LabelEn,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

fn kind_of(via: Via) -> &'static str {
    if via == Via::Withdraw {
        "withdraw"
    } else {
        "reject"
    }
}

/// A reason as a form offers it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Reason {
    pub code: String,
    /// `reject` (our decision) or `withdraw` (the candidate's).
    pub kind: String,
    pub label: String,
    pub active: bool,
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    lang: Lang,
    only_active: bool,
) -> AppResult<Vec<Reason>> {
    let mut query = end_reason::Entity::find().order_by_asc(end_reason::Column::Rank);
    if only_active {
        query = query.filter(end_reason::Column::Active.eq(true));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|r| Reason {
            label: lang.pick(r.label_ru, r.label_en),
            code: r.code,
            kind: r.kind,
            active: r.active,
        })
        .collect())
}

/// A code from the list must be of the right kind; a retired one is refused. Text that is
/// not a code passes as free text.
pub async fn check_for<C: ConnectionTrait>(db: &C, reason: &str, via: Via) -> AppResult<()> {
    let Some(found) = end_reason::Entity::find_by_id(reason.to_owned())
        .one(db)
        .await?
    else {
        return Ok(());
    };
    if found.kind != kind_of(via) || !found.active {
        return Err(AppError::validation(
            "reason",
            Message::new("field-reason-invalid"),
        ));
    }
    Ok(())
}

/// The words for a stored reason: its label when it is a code, else the text itself.
pub fn label(reasons: &[Reason], stored: &str) -> String {
    reasons
        .iter()
        .find(|r| r.code == stored)
        .map_or_else(|| stored.to_owned(), |r| r.label.clone())
}

/// A timeline note that starts with a reason code, with the code put into words.
pub fn humanize_note(reasons: &[Reason], note: &str) -> String {
    let code = note.split(" — ").next().unwrap_or(note);
    match reasons.iter().find(|r| r.code == code) {
        Some(reason) => format!("{}{}", reason.label, &note[code.len()..]),
        None => note.to_owned(),
    }
}

/// Adds a reason (admins), or changes its labels when the code exists.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    code: &str,
    kind: &str,
    label_ru: &str,
    label_en: &str,
) -> AppResult<()> {
    let mut errors = Vec::new();
    let code = code.trim().to_lowercase();
    if code.is_empty()
        || code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        errors.push(FieldError::new("code", Message::new("field-reason-code")));
    }
    if !matches!(kind, "reject" | "withdraw") {
        errors.push(FieldError::new("kind", Message::new("field-reason-kind")));
    }
    for (field, value) in [("label_ru", label_ru), ("label_en", label_en)] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, Message::new("field-required")));
        } else {
            errors.extend(FieldError::text(field, TextKind::Line, value.trim()));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let rank = end_reason::Entity::find().all(db).await?.len() as i32 + 1;
    end_reason::Entity::insert(end_reason::ActiveModel {
        code: Set(code),
        kind: Set(kind.to_owned()),
        label_ru: Set(label_ru.trim().to_owned()),
        label_en: Set(label_en.trim().to_owned()),
        rank: Set(rank),
        active: Set(true),
    })
    .on_conflict(
        OnConflict::column(end_reason::Column::Code)
            .update_columns([end_reason::Column::LabelRu, end_reason::Column::LabelEn])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Retires or restores a reason; retired ones stay readable on old applications.
pub async fn set_active<C: ConnectionTrait>(db: &C, code: &str, active: bool) -> AppResult<()> {
    let found = end_reason::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut changed: end_reason::ActiveModel = found.into();
    changed.active = Set(active);
    changed.update(db).await?;
    Ok(())
}
