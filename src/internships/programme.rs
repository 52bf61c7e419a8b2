//! The programme template every plan is made from (seed-data/programme.toml, loaded once and
//! then edited by admins in the app), the defence rubric, the account manager code, and the
//! exam and defence settings.

use std::sync::LazyLock;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::audit::AuditEvent;
use crate::domain::internship::{Department, ExamPolicy, ExamTrack, ItemKind};
use crate::domain::text::TextKind;
use crate::entities::programme_item;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

const SEED: &str = include_str!("../../seed-data/programme.toml");

#[derive(Deserialize)]
struct SeedFile {
    item: Vec<SeedItem>,
    criterion: Vec<Criterion>,
    code_rule: Vec<CodeRule>,
    #[serde(default)]
    material: Vec<super::materials::SeedMaterial>,
}

#[derive(Deserialize)]
struct SeedItem {
    code: String,
    week: i32,
    kind: String,
    department: String,
    due: i32,
    track: Option<String>,
    title_en: String,
    title_ru: String,
    about_en: String,
    about_ru: String,
}

/// One criterion of the defence rubric.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
pub struct Criterion {
    pub code: String,
    pub weight: u32,
    pub title_en: String,
    pub title_ru: String,
    pub about_en: String,
    pub about_ru: String,
}

/// One rule of the account manager code.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct CodeRule {
    pub title_en: String,
    pub title_ru: String,
    pub text_en: String,
    pub text_ru: String,
}

static SEED_FILE: LazyLock<SeedFile> = LazyLock::new(|| {
    toml::from_str(SEED).expect("seed-data/programme.toml is checked by a unit test")
});

/// The defence rubric, in the order the panel sees it.
pub fn rubric() -> &'static [Criterion] {
    &SEED_FILE.criterion
}

/// The rubric as the rules need it: (criterion, weight).
pub fn rubric_weights() -> Vec<(String, u32)> {
    rubric()
        .iter()
        .map(|c| (c.code.clone(), c.weight))
        .collect()
}

pub fn code_rules() -> &'static [CodeRule] {
    &SEED_FILE.code_rule
}

/// The materials seed-data attaches to template items.
pub fn seed_materials() -> &'static [super::materials::SeedMaterial] {
    &SEED_FILE.material
}

/// Fills an empty template from seed-data (an edited template is never overwritten), then adds
/// the seeded materials it does not have yet.
pub async fn load_seed(db: &DatabaseConnection) -> AppResult<()> {
    load_items(db).await?;
    super::materials::load_seed(db, seed_materials()).await
}

async fn load_items(db: &DatabaseConnection) -> AppResult<()> {
    if programme_item::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let now = Utc::now();
    for (rank, item) in SEED_FILE.item.iter().enumerate() {
        programme_item::ActiveModel {
            code: Set(item.code.clone()),
            week: Set(item.week),
            rank: Set(rank as i32 + 1),
            kind: Set(item.kind.clone()),
            department: Set(item.department.clone()),
            due_offset: Set(item.due),
            track: Set(item.track.clone()),
            title_ru: Set(item.title_ru.clone()),
            title_en: Set(item.title_en.clone()),
            about_ru: Set(item.about_ru.clone()),
            about_en: Set(item.about_en.clone()),
            retired: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The template in programme order; retired items only when asked for.
pub async fn items<C: ConnectionTrait>(
    db: &C,
    with_retired: bool,
) -> AppResult<Vec<programme_item::Model>> {
    let mut query = programme_item::Entity::find();
    if !with_retired {
        query = query.filter(programme_item::Column::Retired.eq(false));
    }
    Ok(query
        .order_by_asc(programme_item::Column::DueOffset)
        .order_by_asc(programme_item::Column::Rank)
        .all(db)
        .await?)
}

/// A template item as an admin edits it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
pub struct ItemFields {
    pub week: i32,
    pub kind: String,
    pub department: String,
    /// Working days after the start date.
    pub due_offset: i32,
    /// "seo" or "ppc" for items of one exam track only.
    #[serde(default)]
    pub track: Option<String>,
    pub title_ru: String,
    pub title_en: String,
    #[serde(default)]
    pub about_ru: String,
    #[serde(default)]
    pub about_en: String,
    #[serde(default)]
    pub retired: bool,
}

fn check_item(fields: &mut ItemFields) -> AppResult<()> {
    let mut errors = Vec::new();
    fields.title_ru = fields.title_ru.trim().to_owned();
    fields.title_en = fields.title_en.trim().to_owned();
    fields.track = fields
        .track
        .take()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if !(1..=4).contains(&fields.week) {
        errors.push(FieldError::new(
            "week",
            Message::new("programme-week-range"),
        ));
    }
    if !(0..=60).contains(&fields.due_offset) {
        errors.push(FieldError::new(
            "due_offset",
            Message::new("programme-due-range"),
        ));
    }
    if ItemKind::parse(&fields.kind).is_none() {
        errors.push(FieldError::new(
            "kind",
            Message::new("field-choice-invalid"),
        ));
    }
    if Department::parse(&fields.department).is_none() {
        errors.push(FieldError::new(
            "department",
            Message::new("field-choice-invalid"),
        ));
    }
    if let Some(track) = &fields.track
        && ExamTrack::parse(track).is_none()
    {
        errors.push(FieldError::new(
            "track",
            Message::new("field-choice-invalid"),
        ));
    }
    for (field, value) in [
        ("title_ru", &fields.title_ru),
        ("title_en", &fields.title_en),
    ] {
        if value.is_empty() {
            errors.push(FieldError::new(field, Message::new("field-required")));
        } else {
            errors.extend(FieldError::text(field, TextKind::Line, value));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Adds an item to the template (`id` None) or changes one. Plans made earlier keep their
/// copy: an intern's month does not shift under them.
pub async fn save_item(
    db: &DatabaseConnection,
    actor: i32,
    id: Option<i32>,
    mut fields: ItemFields,
) -> AppResult<programme_item::Model> {
    check_item(&mut fields)?;
    let now = Utc::now();
    let mut model = match id {
        Some(id) => {
            let found = programme_item::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            found.into()
        }
        None => {
            let rank = programme_item::Entity::find().count(db).await? as i32 + 1;
            programme_item::ActiveModel {
                code: Set(format!("custom-{}-{rank}", now.timestamp())),
                rank: Set(rank),
                created_at: Set(now),
                ..Default::default()
            }
        }
    };
    model.week = Set(fields.week);
    model.kind = Set(fields.kind);
    model.department = Set(fields.department);
    model.due_offset = Set(fields.due_offset);
    model.track = Set(fields.track);
    model.title_ru = Set(fields.title_ru);
    model.title_en = Set(fields.title_en);
    model.about_ru = Set(fields.about_ru.trim().to_owned());
    model.about_en = Set(fields.about_en.trim().to_owned());
    model.retired = Set(fields.retired);
    model.updated_at = Set(now);
    let saved = sea_orm::TryIntoModel::try_into_model(model.save(db).await?)?;
    AuditEvent::new(Some(actor), "programme.save_item", "programme_item")
        .id(saved.id)
        .record(db)
        .await?;
    Ok(saved)
}

/// Exam and defence settings, stored in `settings` so every instance reads the same.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeSettings {
    /// Share of the maximum exam score that passes, in percent.
    pub pass_percent: u32,
    /// At most this many attempts per exam; none when absent.
    pub max_attempts: Option<u32>,
    /// Days to wait between attempts; none when absent.
    pub cooldown_days: Option<u32>,
    /// The weighted defence result (1..5) that passes.
    pub defence_pass_mark: f64,
}

impl Default for ProgrammeSettings {
    fn default() -> Self {
        let exam = ExamPolicy::default();
        Self {
            pass_percent: exam.pass_percent,
            max_attempts: exam.max_attempts,
            cooldown_days: exam.cooldown_days,
            defence_pass_mark: 3.0,
        }
    }
}

impl ProgrammeSettings {
    pub fn exam_policy(&self) -> ExamPolicy {
        ExamPolicy {
            pass_percent: self.pass_percent,
            max_attempts: self.max_attempts,
            cooldown_days: self.cooldown_days,
        }
    }
}

const SETTINGS_KEY: &str = "internship.settings";

pub async fn settings<C: ConnectionTrait>(db: &C) -> AppResult<ProgrammeSettings> {
    crate::admin::settings::load(db, SETTINGS_KEY).await
}

pub async fn save_settings(
    db: &DatabaseConnection,
    actor: i32,
    new: ProgrammeSettings,
) -> AppResult<ProgrammeSettings> {
    let mut errors = Vec::new();
    if !(1..=100).contains(&new.pass_percent) {
        errors.push(FieldError::new(
            "pass_percent",
            Message::new("programme-percent-range"),
        ));
    }
    if new.max_attempts == Some(0) {
        errors.push(FieldError::new(
            "max_attempts",
            Message::new("field-positive"),
        ));
    }
    if !(1.0..=5.0).contains(&new.defence_pass_mark) {
        errors.push(FieldError::new(
            "defence_pass_mark",
            Message::new("programme-mark-range"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    crate::admin::settings::store(db, actor, SETTINGS_KEY, &new).await?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_seed_programme_is_complete_and_consistent() {
        let file: SeedFile = toml::from_str(SEED).unwrap();
        let mut codes = HashSet::new();
        for item in &file.item {
            assert!(codes.insert(&item.code), "duplicate {}", item.code);
            assert!(ItemKind::parse(&item.kind).is_some(), "{}", item.code);
            assert!(
                Department::parse(&item.department).is_some(),
                "{}",
                item.code
            );
            assert!((1..=4).contains(&item.week), "{}", item.code);
            if let Some(track) = &item.track {
                assert!(ExamTrack::parse(track).is_some(), "{}", item.code);
            }
        }
        assert!(codes.contains(&"account-manager-code".to_owned()));
        for kind in ItemKind::ALL {
            assert!(
                file.item.iter().any(|i| i.kind == kind.as_str()),
                "no {kind:?} item"
            );
        }
        let mut material_codes = HashSet::new();
        for m in &file.material {
            assert!(material_codes.insert(&m.code), "duplicate {}", m.code);
            let item = file.item.iter().find(|i| i.code == m.item);
            let item = item.unwrap_or_else(|| panic!("{} names no item", m.code));
            if let Some(track) = &m.track {
                assert!(ExamTrack::parse(track).is_some(), "{}", m.code);
            }
            // A material of one track on an item of the other would reach nobody.
            if let (Some(a), Some(b)) = (&m.track, &item.track) {
                assert_eq!(a, b, "{}", m.code);
            }
        }
        assert!(file.criterion.iter().all(|c| c.weight > 0));
        assert!(file.code_rule.len() >= 8);
    }
}
