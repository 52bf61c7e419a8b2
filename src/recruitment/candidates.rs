//! Candidates: people, apart from the positions they apply to. Create (never a second person
//! for the same email or phone), search, edit, attach a CV, record consent, erase.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use serde_json::json;

use crate::audit::AuditEvent;
use crate::domain::contacts::{normalize_email, normalize_phone};
use crate::domain::date_bounds::DateKind;
use crate::domain::search::Needle;
use crate::domain::text::TextKind;
use crate::entities::{application, candidate, consent, stored_file};
use crate::error::{AppError, AppResult, FieldError};
use crate::files::{self, FileStore, Upload};
use crate::privacy::destruction::{self, Reason};
use crate::recruitment::consent::{ConsentRecord, record_consent};
use crate::web::i18n::Message;

/// What a person is made of, as typed on a form or sent to the API.
#[derive(Clone, Debug, Default)]
pub struct CandidateFields {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub expected_salary: Option<i64>,
    pub currency: Option<String>,
    pub links: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    /// The language their emails are written in; Russian when not known.
    pub lang: Option<crate::web::i18n::Lang>,
}

/// The fields after checking: contacts normalised, blanks made `None`.
struct Checked {
    fields: CandidateFields,
    email: Option<String>,
    phone: Option<String>,
    currency: Option<String>,
    tags: Option<String>,
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// `["SEO", " b2b ", "seo"]` → `",b2b,seo,"`: lower case, unique, sorted, no commas inside.
pub fn tags_column(tags: &[String]) -> Option<String> {
    let mut clean: Vec<String> = tags
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty() && t.chars().count() <= 40)
        .collect();
    clean.sort();
    clean.dedup();
    (!clean.is_empty()).then(|| format!(",{},", clean.join(",")))
}

pub fn tags_of(model: &candidate::Model) -> Vec<String> {
    model
        .tags
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Which contact a field holds.
#[derive(Clone, Copy)]
pub enum ContactKind {
    Email,
    Phone,
}

/// A typed contact made comparable; blank is `None`, and what cannot be read is a message
/// beside its field.
pub fn contact(
    text: Option<&str>,
    kind: ContactKind,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    let (normalized, field, key) = match kind {
        ContactKind::Email => (normalize_email(text), "email", "field-email-invalid"),
        ContactKind::Phone => (normalize_phone(text), "phone", "field-phone-invalid"),
    };
    if normalized.is_none() {
        errors.push(FieldError::new(field, Message::new(key)));
    }
    normalized
}

fn check(fields: CandidateFields) -> AppResult<Checked> {
    let mut errors = Vec::new();
    let name = fields.full_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("full_name", Message::new("field-required")));
    } else {
        errors.extend(FieldError::text("full_name", TextKind::Line, name));
    }
    let email = contact(fields.email.as_deref(), ContactKind::Email, &mut errors);
    let phone = contact(fields.phone.as_deref(), ContactKind::Phone, &mut errors);
    if fields.expected_salary.is_some_and(|s| s <= 0) {
        errors.push(FieldError::new(
            "expected_salary",
            Message::new("field-salary-positive"),
        ));
    }
    let currency = blank_to_none(fields.currency.clone()).map(|c| c.to_uppercase());
    if currency
        .as_deref()
        .is_some_and(|c| c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        errors.push(FieldError::new(
            "currency",
            Message::new("field-currency-invalid"),
        ));
    }
    for (field, value, kind) in [
        ("current_title", &fields.current_title, TextKind::Line),
        ("current_company", &fields.current_company, TextKind::Line),
        ("links", &fields.links, TextKind::Text),
        ("notes", &fields.notes, TextKind::Text),
    ] {
        errors.extend(FieldError::text(
            field,
            kind,
            value.as_deref().unwrap_or("").trim(),
        ));
    }
    for tag in &fields.tags {
        errors.extend(FieldError::text("tags", TextKind::Line, tag.trim()));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let currency = currency.or_else(|| fields.expected_salary.map(|_| "RUB".to_owned()));
    let tags = tags_column(&fields.tags);
    Ok(Checked {
        email,
        phone,
        currency,
        tags,
        fields,
    })
}

pub(crate) fn search_text(
    name: &str,
    email: Option<&str>,
    phone: Option<&str>,
    company: Option<&str>,
) -> String {
    let text = [Some(name), email, phone, company]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    crate::domain::search::fold(&text)
}

/// The person who already has this email or phone, if any (erased people have neither).
pub async fn find_duplicate<C: ConnectionTrait>(
    db: &C,
    email: Option<&str>,
    phone: Option<&str>,
    except: Option<i32>,
) -> AppResult<Option<candidate::Model>> {
    let mut any = Condition::any();
    if let Some(email) = email {
        any = any.add(candidate::Column::Email.eq(email));
    }
    if let Some(phone) = phone {
        any = any.add(candidate::Column::Phone.eq(phone));
    }
    if email.is_none() && phone.is_none() {
        return Ok(None);
    }
    let mut query = candidate::Entity::find().filter(any);
    if let Some(id) = except {
        query = query.filter(candidate::Column::Id.ne(id));
    }
    if let Some(found) = query.one(db).await? {
        return Ok(Some(found));
    }
    // Someone's further contact counts as theirs just as much.
    let values: Vec<&str> = [email, phone].into_iter().flatten().collect();
    match super::contacts::owner_of(db, &values, except).await? {
        Some(owner) => Ok(candidate::Entity::find_by_id(owner).one(db).await?),
        None => Ok(None),
    }
}

fn duplicate_error(existing: &candidate::Model) -> AppError {
    AppError::Duplicate {
        existing_id: existing.id,
        message: Message::new("candidate-duplicate")
            .with("name", existing.full_name.clone())
            .with_number("id", i64::from(existing.id)),
    }
}

/// Adds a person. A second person with the same email or phone is refused with 409 naming
/// the one who exists, so the caller can link to them instead.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    actor_id: Option<i32>,
    fields: CandidateFields,
    source: Option<&str>,
    consent: Option<ConsentRecord>,
) -> AppResult<candidate::Model> {
    if let Some(error) = consent
        .as_ref()
        .and_then(|c| FieldError::date("consent.given_at", DateKind::Past, c.given_at.date_naive()))
    {
        return Err(error.into());
    }
    let checked = check(fields)?;
    if let Some(existing) =
        find_duplicate(db, checked.email.as_deref(), checked.phone.as_deref(), None).await?
    {
        return Err(duplicate_error(&existing));
    }
    let f = checked.fields;
    let name = f.full_name.trim().to_owned();
    let company = blank_to_none(f.current_company);
    let now = Utc::now();
    let created = candidate::ActiveModel {
        search_text: Set(search_text(
            &name,
            checked.email.as_deref(),
            checked.phone.as_deref(),
            company.as_deref(),
        )),
        full_name: Set(name),
        email: Set(checked.email),
        phone: Set(checked.phone),
        current_title: Set(blank_to_none(f.current_title)),
        current_company: Set(company),
        expected_salary: Set(f.expected_salary),
        currency: Set(checked.currency),
        links: Set(blank_to_none(f.links)),
        tags: Set(checked.tags),
        notes: Set(blank_to_none(f.notes)),
        source: Set(source.map(str::to_owned)),
        lang: Set(f.lang.unwrap_or_default().as_str().to_owned()),
        reference_consent: Set(false),
        talent_pool: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(consent) = consent {
        record_consent(db, created.id, consent).await?;
    }
    AuditEvent::new(actor_id, "candidate.create", "candidate")
        .id(created.id)
        .record(db)
        .await?;
    Ok(created)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<candidate::Model> {
    candidate::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// People matching `q` in name, email, phone or company (any case, any alphabet), newest
/// first; erased people are left out. The total counts every match, or with `count_up_to`
/// stops one past it: counting a common name among 100,000 people costs more than finding the
/// page, and a person reading the list only needs to know there are "more than" that many.
pub async fn search(
    db: &DatabaseConnection,
    q: Option<&str>,
    tag: Option<&str>,
    talent_pool_only: bool,
    limit: u64,
    offset: u64,
    count_up_to: Option<u64>,
) -> AppResult<(Vec<candidate::Model>, u64)> {
    let mut query = candidate::Entity::find().filter(candidate::Column::ErasedAt.is_null());
    let mut newest_first = Expr::col((candidate::Entity, candidate::Column::Id));
    if talent_pool_only {
        query = query.filter(candidate::Column::TalentPool.eq(true));
    }
    if let Some(needle) = q.and_then(Needle::parse) {
        (query, newest_first) =
            super::search::narrow(query, db.get_database_backend(), needle.as_str());
    }
    if let Some(tag) = tag
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
    {
        query = query.filter(candidate::Column::Tags.contains(format!(",{tag},")));
    }
    let total = match count_up_to {
        Some(most) => query.clone().limit(most + 1).count(db).await?,
        None => query.clone().count(db).await?,
    };
    let items = query
        .order_by(newest_first, Order::Desc)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// What an edit may change; `None` keeps the current value.
#[derive(Debug, Default)]
pub struct CandidatePatch {
    pub fields: Option<CandidateFields>,
    pub reference_consent: Option<bool>,
    pub talent_pool: Option<bool>,
}

/// Edits a person, refusing a change of contacts that would make them someone else's twin.
pub async fn update(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    patch: CandidatePatch,
) -> AppResult<candidate::Model> {
    let current = get(db, id).await?;
    if current.erased_at.is_some() {
        return Err(AppError::Conflict(Message::new("candidate-erased")));
    }
    let mut changed: candidate::ActiveModel = current.clone().into();
    let mut what = Vec::new();
    if let Some(fields) = patch.fields {
        let checked = check(fields)?;
        if let Some(existing) = find_duplicate(
            db,
            checked.email.as_deref(),
            checked.phone.as_deref(),
            Some(id),
        )
        .await?
        {
            return Err(duplicate_error(&existing));
        }
        let f = checked.fields;
        let name = f.full_name.trim().to_owned();
        let company = blank_to_none(f.current_company);
        changed.search_text = Set(super::contacts::search_text_with(
            search_text(
                &name,
                checked.email.as_deref(),
                checked.phone.as_deref(),
                company.as_deref(),
            ),
            &super::contacts::of(db, id).await?,
        ));
        changed.full_name = Set(name);
        changed.email = Set(checked.email);
        changed.phone = Set(checked.phone);
        changed.current_title = Set(blank_to_none(f.current_title));
        changed.current_company = Set(company);
        changed.expected_salary = Set(f.expected_salary);
        changed.currency = Set(checked.currency);
        changed.links = Set(blank_to_none(f.links));
        changed.tags = Set(checked.tags);
        changed.notes = Set(blank_to_none(f.notes));
        if let Some(lang) = f.lang {
            changed.lang = Set(lang.as_str().to_owned());
        }
        what.push("profile");
    }
    if let Some(consent) = patch.reference_consent {
        changed.reference_consent = Set(consent);
        what.push("reference_consent");
    }
    if let Some(pool) = patch.talent_pool {
        changed.talent_pool = Set(pool);
        what.push("talent_pool");
    }
    changed.version = Set(current.version + 1);
    changed.updated_at = Set(Utc::now());
    let pool_months = crate::privacy::retention::settings(db)
        .await?
        .talent_pool_months;
    let txn = crate::db::write(db).await?;
    let updated = changed.update(&txn).await?;
    // Each purpose the recruiter confirms, or takes back, is a line in the consent ledger.
    let now = Utc::now();
    for (was, is, purpose) in [
        (
            current.reference_consent,
            updated.reference_consent,
            super::consent::PURPOSE_REFEREES,
        ),
        (
            current.talent_pool,
            updated.talent_pool,
            super::consent::PURPOSE_TALENT_POOL,
        ),
    ] {
        match (was, is) {
            (false, true) => {
                let expires = (purpose == super::consent::PURPOSE_TALENT_POOL)
                    .then(|| now + chrono::Months::new(pool_months));
                super::consent::record_purpose(&txn, id, purpose, actor_id, expires).await?;
            }
            (true, false) => {
                super::consent::withdraw_purpose(&txn, id, purpose, now).await?;
            }
            _ => {}
        }
    }
    txn.commit().await?;
    AuditEvent::new(Some(actor_id), "candidate.update", "candidate")
        .id(id)
        .details(json!({ "changed": what }))
        .record(db)
        .await?;
    Ok(updated)
}

/// Attaches a CV (checked by size and content), replacing an earlier one.
pub async fn attach_cv(
    db: &DatabaseConnection,
    files: &FileStore,
    actor_id: Option<i32>,
    id: i32,
    upload: Upload,
) -> AppResult<stored_file::Model> {
    let current = get(db, id).await?;
    if current.erased_at.is_some() {
        return Err(AppError::Conflict(Message::new("candidate-erased")));
    }
    let stored = files::store_cv(db, files, actor_id, upload).await?;
    let previous = current.cv_file_id;
    let mut changed: candidate::ActiveModel = current.into();
    changed.cv_file_id = Set(Some(stored.id));
    changed.updated_at = Set(Utc::now());
    changed.update(db).await?;
    if let Some(previous) = previous {
        remove_file(db, files, previous).await?;
    }
    AuditEvent::new(actor_id, "candidate.cv_upload", "candidate")
        .id(id)
        .details(json!({ "file_id": stored.id, "bytes": stored.size_bytes }))
        .record(db)
        .await?;
    Ok(stored)
}

async fn remove_file<C: ConnectionTrait>(db: &C, files: &FileStore, file_id: i32) -> AppResult<()> {
    if let Some(file) = stored_file::Entity::find_by_id(file_id).one(db).await? {
        files.delete(&file.storage_key).await?;
        stored_file::Entity::delete_by_id(file_id).exec(db).await?;
    }
    Ok(())
}

/// A CV to download: its name, type and bytes. Every download is audited.
pub struct CvDownload {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn cv(
    db: &DatabaseConnection,
    files: &FileStore,
    actor_id: i32,
    id: i32,
) -> AppResult<CvDownload> {
    let person = get(db, id).await?;
    let file_id = person.cv_file_id.ok_or(AppError::NotFound)?;
    let file = stored_file::Entity::find_by_id(file_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = files.get(&file.storage_key).await?;
    AuditEvent::new(Some(actor_id), "candidate.cv_download", "candidate")
        .id(id)
        .record(db)
        .await?;
    Ok(CvDownload {
        filename: file.filename,
        content_type: file.content_type,
        bytes,
    })
}

/// Records that `viewer` saw the person's contacts (their page or the API record): who looked at
/// whose data is part of the audit trail 152-FZ and GDPR expect.
pub async fn record_view(db: &DatabaseConnection, viewer: i32, id: i32) -> AppResult<()> {
    AuditEvent::new(Some(viewer), "candidate.view", "candidate")
        .id(id)
        .record(db)
        .await?;
    Ok(())
}

/// Erases a person's personal data: contacts, texts and the CV go; the record, its
/// applications and their stage history stay (anonymous) so statistics keep adding up.
pub async fn erase(
    db: &DatabaseConnection,
    files: &FileStore,
    actor_id: i32,
    id: i32,
) -> AppResult<()> {
    erase_for(db, files, Some(actor_id), id, Reason::Request).await
}

/// Erases on request (a user acts) or by the retention job (`actor_id` none), leaving a
/// destruction record in the same transaction.
pub async fn erase_for(
    db: &DatabaseConnection,
    files: &FileStore,
    actor_id: Option<i32>,
    id: i32,
    reason: Reason,
) -> AppResult<()> {
    let current = get(db, id).await?;
    if current.erased_at.is_some() {
        return Ok(());
    }
    let txn = crate::db::write(db).await?;
    let cv_file = current.cv_file_id;
    let mut changed: candidate::ActiveModel = current.into();
    changed.full_name = Set(format!("#{id}"));
    changed.email = Set(None);
    changed.phone = Set(None);
    changed.current_title = Set(None);
    changed.current_company = Set(None);
    changed.expected_salary = Set(None);
    changed.links = Set(None);
    changed.tags = Set(None);
    changed.notes = Set(None);
    changed.cv_file_id = Set(None);
    changed.search_text = Set(String::new());
    changed.talent_pool = Set(false);
    changed.erased_at = Set(Some(Utc::now()));
    changed.updated_at = Set(Utc::now());
    changed.update(&txn).await?;
    let applications: Vec<i32> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::CandidateId.eq(id))
        .into_tuple()
        .all(&txn)
        .await?;
    crate::timeline::model::forget_candidate(&txn, id, applications).await?;
    crate::mailbox::store::forget_candidate(&txn, id).await?;
    crate::entities::candidate_contact::Entity::delete_many()
        .filter(crate::entities::candidate_contact::Column::CandidateId.eq(id))
        .exec(&txn)
        .await?;
    consent::Entity::update_many()
        .col_expr(consent::Column::Ip, Expr::value(Option::<String>::None))
        .col_expr(
            consent::Column::UserAgent,
            Expr::value(Option::<String>::None),
        )
        .filter(consent::Column::CandidateId.eq(id))
        .exec(&txn)
        .await?;
    crate::privacy::links::delete_for(&txn, id).await?;
    if let Some(file_id) = cv_file {
        remove_file(&txn, files, file_id).await?;
    }
    let destroyed = destruction::record(&txn, id, reason, actor_id, Utc::now()).await?;
    crate::webhooks::events::on_candidate_erased(&txn, id).await?;
    AuditEvent::new(actor_id, "candidate.erase", "candidate")
        .id(id)
        .details(json!({
            "categories": destruction::CANDIDATE_CATEGORIES,
            "reason": reason.as_str(),
            "destruction_record": destroyed.id,
        }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A person as lists show them.
#[derive(Serialize)]
pub struct CandidateSummary {
    pub id: i32,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub tags: Vec<String>,
    pub talent_pool: bool,
}

impl From<&candidate::Model> for CandidateSummary {
    fn from(c: &candidate::Model) -> Self {
        CandidateSummary {
            id: c.id,
            full_name: c.full_name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            current_title: c.current_title.clone(),
            current_company: c.current_company.clone(),
            tags: tags_of(c),
            talent_pool: c.talent_pool,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tags_column;

    #[test]
    fn tags_are_stored_lower_case_unique_and_fenced_by_commas() {
        let tags = vec!["SEO".to_owned(), " b2b ".to_owned(), "seo, ppc".to_owned()];
        assert_eq!(tags_column(&tags), Some(",b2b,ppc,seo,".into()));
        assert_eq!(tags_column(&[" ".to_owned()]), None);
    }
}
