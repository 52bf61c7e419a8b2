//! Programme materials: links and files attached to a template item (copied onto every plan made
//! from it, for the intern's exam track only when the material names one) or to one intern's
//! plan item. Mentors and the programme's managers add and remove them; the intern reads them
//! on their plan. Seeded materials come from seed-data/programme.toml by their `code`.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::model::{ensure_active, localized, open};
use crate::audit::AuditEvent;
use crate::auth::model::CurrentUser;
use crate::domain::access::Action;
use crate::domain::text::TextKind;
use crate::entities::{internship_item, item_material, programme_item, stored_file};
use crate::error::{AppError, AppResult, FieldError};
use crate::files::{self, FileStore, Upload};
use crate::web::i18n::{Lang, Message};

/// Where a material is attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// One intern's plan item.
    Plan { internship_id: i32, item_id: i32 },
    /// A programme template item: every new plan gets a copy.
    Template { item_id: i32 },
}

impl Place {
    /// The page the material is shown on, at its item.
    pub fn page(self) -> String {
        match self {
            Place::Plan {
                internship_id,
                item_id,
            } => format!("/internships/{internship_id}#item-{item_id}"),
            Place::Template { item_id } => format!("/internships/programme#item-{item_id}"),
        }
    }
}

/// A stored file as a material shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MaterialFile {
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// One material as its readers see it, in their language.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MaterialView {
    pub id: i32,
    pub title: String,
    /// Where the material lives when it has neither a link nor a file yet, or what to read it for.
    pub note: String,
    /// An http(s) link; none for a file or a placeholder.
    pub url: Option<String>,
    pub file: Option<MaterialFile>,
    /// The download: `/internships/materials/{id}/file` (under `/api/v1` with a token).
    pub file_url: Option<String>,
    /// "seo" or "ppc" when the material is for one exam track only.
    pub track: Option<String>,
}

fn view_of(
    m: &item_material::Model,
    files: &HashMap<i32, stored_file::Model>,
    lang: Lang,
) -> MaterialView {
    let file = m.stored_file_id.and_then(|id| files.get(&id));
    MaterialView {
        id: m.id,
        title: localized(lang, &m.title_ru, &m.title_en),
        note: localized(lang, &m.note_ru, &m.note_en),
        url: m.url.clone(),
        file: file.map(|f| MaterialFile {
            filename: f.filename.clone(),
            content_type: f.content_type.clone(),
            size_bytes: f.size_bytes,
        }),
        file_url: file.map(|_| format!("/internships/materials/{}/file", m.id)),
        track: m.track.clone(),
    }
}

/// The live materials of plan items (`plan`) or template items, by item id, in one query.
pub async fn by_item<C: ConnectionTrait>(
    db: &C,
    plan: bool,
    item_ids: &[i32],
    lang: Lang,
) -> AppResult<HashMap<i32, Vec<MaterialView>>> {
    if item_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let column = if plan {
        item_material::Column::InternshipItemId
    } else {
        item_material::Column::ProgrammeItemId
    };
    let rows = item_material::Entity::find()
        .filter(column.is_in(item_ids.to_vec()))
        .filter(item_material::Column::RemovedAt.is_null())
        .order_by_asc(item_material::Column::Id)
        .all(db)
        .await?;
    let file_ids: Vec<i32> = rows.iter().filter_map(|m| m.stored_file_id).collect();
    let files: HashMap<i32, stored_file::Model> = if file_ids.is_empty() {
        HashMap::new()
    } else {
        stored_file::Entity::find()
            .filter(stored_file::Column::Id.is_in(file_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect()
    };
    let mut found: HashMap<i32, Vec<MaterialView>> = HashMap::new();
    for m in &rows {
        let item = if plan {
            m.internship_item_id
        } else {
            m.programme_item_id
        };
        if let Some(item) = item {
            found
                .entry(item)
                .or_default()
                .push(view_of(m, &files, lang));
        }
    }
    Ok(found)
}

/// Copies a template item's materials onto the plan item made from it, leaving out those of
/// the other exam track. A copied file shares the template's stored bytes.
pub async fn copy_to_plan<C: ConnectionTrait>(
    db: &C,
    template: &[item_material::Model],
    plan_item_id: i32,
    track: &str,
) -> AppResult<()> {
    let now = Utc::now();
    for m in template
        .iter()
        .filter(|m| m.track.as_deref().is_none_or(|t| t == track))
    {
        item_material::ActiveModel {
            code: Set(None),
            programme_item_id: Set(None),
            internship_item_id: Set(Some(plan_item_id)),
            track: Set(m.track.clone()),
            title_ru: Set(m.title_ru.clone()),
            title_en: Set(m.title_en.clone()),
            note_ru: Set(m.note_ru.clone()),
            note_en: Set(m.note_en.clone()),
            url: Set(m.url.clone()),
            stored_file_id: Set(m.stored_file_id),
            created_by: Set(m.created_by),
            removed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The live materials of every template item, by item, for enrolment.
pub async fn template_materials<C: ConnectionTrait>(
    db: &C,
) -> AppResult<HashMap<i32, Vec<item_material::Model>>> {
    let mut found: HashMap<i32, Vec<item_material::Model>> = HashMap::new();
    for m in item_material::Entity::find()
        .filter(item_material::Column::ProgrammeItemId.is_not_null())
        .filter(item_material::Column::RemovedAt.is_null())
        .order_by_asc(item_material::Column::Id)
        .all(db)
        .await?
    {
        if let Some(item) = m.programme_item_id {
            found.entry(item).or_default().push(m);
        }
    }
    Ok(found)
}

/// Checks that the user may change the materials of `place`'s item and that it exists.
pub async fn may_change(
    db: &DatabaseConnection,
    user: &CurrentUser,
    place: Place,
) -> AppResult<()> {
    match place {
        Place::Plan {
            internship_id,
            item_id,
        } => {
            let (found, seat) = open(db, user, internship_id).await?;
            if !seat.may_mentor() {
                return Err(AppError::Forbidden);
            }
            ensure_active(&found)?;
            internship_item::Entity::find_by_id(item_id)
                .one(db)
                .await?
                .filter(|i| i.internship_id == internship_id)
                .ok_or(AppError::NotFound)?;
        }
        Place::Template { item_id } => {
            user.require(Action::ManageInternships)?;
            programme_item::Entity::find_by_id(item_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
        }
    }
    Ok(())
}

/// A link as typed.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct LinkInput {
    #[serde(default)]
    pub title: String,
    /// http or https only.
    #[serde(default)]
    pub url: String,
}

/// The link's title and address, or the field errors: a title, and an http(s) URL with a host.
pub fn check_link(input: &LinkInput) -> AppResult<(String, String)> {
    let mut errors = Vec::new();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        errors.push(FieldError::new("title", Message::new("field-required")));
    } else {
        errors.extend(FieldError::text("title", TextKind::Line, &title));
    }
    let url = input.url.trim().to_owned();
    if url.is_empty() {
        errors.push(FieldError::new("url", Message::new("field-required")));
    } else if !link_is_web(&url) {
        errors.push(FieldError::new("url", Message::new("material-url-invalid")));
    }
    if errors.is_empty() {
        Ok((title, url))
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Only web addresses: a `javascript:` or `file:` link must never reach an intern's page.
fn link_is_web(text: &str) -> bool {
    text.len() <= 2000
        && !text.chars().any(char::is_whitespace)
        && url::Url::parse(text).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        })
}

fn new_row(place: Place, user: &CurrentUser, title: &str) -> item_material::ActiveModel {
    let now = Utc::now();
    let (programme_item_id, internship_item_id) = match place {
        Place::Plan { item_id, .. } => (None, Some(item_id)),
        Place::Template { item_id } => (Some(item_id), None),
    };
    item_material::ActiveModel {
        code: Set(None),
        programme_item_id: Set(programme_item_id),
        internship_item_id: Set(internship_item_id),
        track: Set(None),
        // The person adding it writes one title, in their language; both readers see it.
        title_ru: Set(title.to_owned()),
        title_en: Set(title.to_owned()),
        note_ru: Set(String::new()),
        note_en: Set(String::new()),
        url: Set(None),
        stored_file_id: Set(None),
        created_by: Set(Some(user.id)),
        removed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

async fn audit<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    action: &str,
    m: &item_material::Model,
) -> AppResult<()> {
    AuditEvent::new(Some(user.id), action, "item_material")
        .id(m.id)
        .details(json!({
            "programme_item_id": m.programme_item_id,
            "internship_item_id": m.internship_item_id,
            "file_id": m.stored_file_id,
        }))
        .record(db)
        .await?;
    Ok(())
}

/// Attaches a link to the item at `place`.
pub async fn add_link(
    db: &DatabaseConnection,
    user: &CurrentUser,
    place: Place,
    input: LinkInput,
) -> AppResult<item_material::Model> {
    may_change(db, user, place).await?;
    let (title, url) = check_link(&input)?;
    let mut row = new_row(place, user, &title);
    row.url = Set(Some(url));
    let txn = crate::db::write(db).await?;
    let saved = row.insert(&txn).await?;
    audit(&txn, user, "material.add_link", &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Attaches an uploaded file (checked by size and content, as a CV is) to the item at `place`;
/// the title is the file's name when none is typed.
pub async fn add_file(
    db: &DatabaseConnection,
    files: &FileStore,
    user: &CurrentUser,
    place: Place,
    title: &str,
    upload: Option<Upload>,
) -> AppResult<item_material::Model> {
    may_change(db, user, place).await?;
    let title = title.trim().to_owned();
    if let Some(error) = FieldError::text("title", TextKind::Line, &title) {
        return Err(error.into());
    }
    let upload =
        upload.ok_or_else(|| AppError::validation("file", Message::new("field-required")))?;
    let txn = crate::db::write(db).await?;
    let stored = files::store_material(&txn, files, Some(user.id), upload).await?;
    let title = if title.is_empty() {
        stored.filename.clone()
    } else {
        title
    };
    let mut row = new_row(place, user, &title);
    row.stored_file_id = Set(Some(stored.id));
    let saved = row.insert(&txn).await?;
    audit(&txn, user, "material.add_file", &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

/// A live material, where it is attached, and whether the user may change it; 403 when the
/// user may not even read it.
pub async fn open_material(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
) -> AppResult<(item_material::Model, Place, bool)> {
    // A removed material is "not found" only to those who may see it: the access check first.
    let found = item_material::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (found, place, changeable) = place_of(db, user, found).await?;
    if found.removed_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok((found, place, changeable))
}

async fn place_of(
    db: &DatabaseConnection,
    user: &CurrentUser,
    found: item_material::Model,
) -> AppResult<(item_material::Model, Place, bool)> {
    if let Some(item_id) = found.internship_item_id {
        let item = internship_item::Entity::find_by_id(item_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let (internship, seat) = open(db, user, item.internship_id).await?;
        let changeable = seat.may_mentor() && internship.status == super::model::ACTIVE;
        let place = Place::Plan {
            internship_id: internship.id,
            item_id,
        };
        return Ok((found, place, changeable));
    }
    let item_id = found.programme_item_id.ok_or(AppError::NotFound)?;
    user.require(Action::ManageInternships)?;
    Ok((found, Place::Template { item_id }, true))
}

/// Removes a material (its row stays, marked, so a seeded one does not come back). A file's
/// bytes go with the last material that uses them: plan copies share the template's file.
pub async fn remove(
    db: &DatabaseConnection,
    files: &FileStore,
    user: &CurrentUser,
    id: i32,
) -> AppResult<Place> {
    let (found, place, changeable) = open_material(db, user, id).await?;
    if !changeable {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::write(db).await?;
    let mut row: item_material::ActiveModel = found.clone().into();
    row.removed_at = Set(Some(Utc::now()));
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    let mut orphan = None;
    if let Some(file_id) = found.stored_file_id {
        let still_used = item_material::Entity::find()
            .filter(item_material::Column::StoredFileId.eq(file_id))
            .filter(item_material::Column::RemovedAt.is_null())
            .one(&txn)
            .await?
            .is_some();
        if !still_used
            && let Some(file) = stored_file::Entity::find_by_id(file_id).one(&txn).await?
        {
            stored_file::Entity::delete_by_id(file_id)
                .exec(&txn)
                .await?;
            orphan = Some(file.storage_key);
        }
    }
    audit(&txn, user, "material.remove", &found).await?;
    txn.commit().await?;
    // After the commit: a failed delete leaves an orphan file, never a row without its bytes.
    if let Some(key) = orphan {
        files.delete(&key).await?;
    }
    Ok(place)
}

/// A material's file to download.
pub struct MaterialDownload {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn download(
    db: &DatabaseConnection,
    files: &FileStore,
    user: &CurrentUser,
    id: i32,
) -> AppResult<MaterialDownload> {
    let (found, _, _) = open_material(db, user, id).await?;
    let file = stored_file::Entity::find_by_id(found.stored_file_id.ok_or(AppError::NotFound)?)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = files.get(&file.storage_key).await?;
    Ok(MaterialDownload {
        filename: file.filename,
        content_type: file.content_type,
        bytes,
    })
}

/// A material from seed-data/programme.toml.
#[derive(Clone, Debug, Deserialize)]
pub struct SeedMaterial {
    pub code: String,
    /// The template item's code.
    pub item: String,
    #[serde(default)]
    pub track: Option<String>,
    pub title_ru: String,
    pub title_en: String,
    #[serde(default)]
    pub note_ru: String,
    #[serde(default)]
    pub note_en: String,
    /// Left out for a placeholder whose address only the agency knows.
    #[serde(default)]
    pub url: Option<String>,
}

/// Adds the seeded materials not yet known by code to their template items; one removed or
/// edited in the app stays as it is.
pub async fn load_seed(db: &DatabaseConnection, seeds: &[SeedMaterial]) -> AppResult<()> {
    let items: HashMap<String, i32> = programme_item::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.code, i.id))
        .collect();
    let known: Vec<String> = item_material::Entity::find()
        .filter(item_material::Column::Code.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| m.code)
        .collect();
    let now = Utc::now();
    for seed in seeds.iter().filter(|s| !known.contains(&s.code)) {
        // An admin may have replaced the seeded item; its materials then have nowhere to go.
        let Some(item_id) = items.get(&seed.item) else {
            continue;
        };
        item_material::ActiveModel {
            code: Set(Some(seed.code.clone())),
            programme_item_id: Set(Some(*item_id)),
            internship_item_id: Set(None),
            track: Set(seed.track.clone()),
            title_ru: Set(seed.title_ru.clone()),
            title_en: Set(seed.title_en.clone()),
            note_ru: Set(seed.note_ru.clone()),
            note_en: Set(seed.note_en.clone()),
            url: Set(seed.url.clone()),
            stored_file_id: Set(None),
            created_by: Set(None),
            removed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_links_with_a_host_are_accepted() {
        assert!(link_is_web("https://wiki.example.test/seo"));
        assert!(link_is_web("http://intranet.local/ppc?page=2"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://files.example.test/a.pdf",
            "wiki/seo",
            "https://",
            "https://exa mple.test",
        ] {
            assert!(!link_is_web(bad), "{bad}");
        }
    }

    #[test]
    fn a_link_needs_a_title_and_a_web_address() {
        let refused = check_link(&LinkInput {
            title: " ".into(),
            url: "javascript:alert(1)".into(),
        });
        let Err(AppError::Validation(errors)) = refused else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "url"]);
        assert!(
            check_link(&LinkInput {
                title: "SEO course".into(),
                url: " https://wiki.example.test/seo ".into(),
            })
            .is_ok()
        );
    }
}
