//! A person's further contacts, and the merge of what a recruiter typed for someone who turned
//! out to exist already: the new email and phone become further contacts of that person (or
//! their primary ones, the old primary ones then kept as further contacts), the typed note is
//! added to their card, and the timeline says what was merged. Nothing typed is dropped.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;

use super::candidates::{self, ContactKind, contact};
use super::pipeline;
use crate::audit::AuditEvent;
use crate::entities::{application, candidate, candidate_contact};
use crate::error::{AppError, AppResult};
use crate::web::i18n::Message;

/// A person's further contacts, oldest first.
pub async fn of<C: ConnectionTrait>(
    db: &C,
    candidate_id: i32,
) -> AppResult<Vec<candidate_contact::Model>> {
    Ok(candidate_contact::Entity::find()
        .filter(candidate_contact::Column::CandidateId.eq(candidate_id))
        .order_by_asc(candidate_contact::Column::Id)
        .all(db)
        .await?)
}

/// The person (other than `except`) who has one of these normalised contacts as a further one.
pub async fn owner_of<C: ConnectionTrait>(
    db: &C,
    values: &[&str],
    except: Option<i32>,
) -> AppResult<Option<i32>> {
    if values.is_empty() {
        return Ok(None);
    }
    let mut query = candidate_contact::Entity::find()
        .filter(candidate_contact::Column::Value.is_in(values.iter().copied()));
    if let Some(id) = except {
        query = query.filter(candidate_contact::Column::CandidateId.ne(id));
    }
    Ok(query.one(db).await?.map(|c| c.candidate_id))
}

/// The search text with the further contacts in it, so that search finds people by them.
pub fn search_text_with(base: String, further: &[candidate_contact::Model]) -> String {
    further.iter().fold(base, |text, c| {
        format!("{text} {}", crate::domain::search::fold(&c.value))
    })
}

/// What the recruiter typed for a person who exists already.
#[derive(Clone, Debug, Default)]
pub struct MergeInput {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
    /// The typed contacts become the primary ones; the old ones are kept as further contacts.
    pub make_primary: bool,
    /// Also put the person on this position.
    pub position_id: Option<i32>,
    pub source: String,
}

/// What a merge did, for the page to say.
pub struct Merged {
    pub application: Option<application::Model>,
}

/// Merges typed details into person `id`, in one transaction with its timeline entry.
pub async fn merge<C: ConnectionTrait>(
    db: &C,
    actor_id: i32,
    id: i32,
    input: MergeInput,
) -> AppResult<Merged> {
    let mut errors = Vec::new();
    let email = contact(input.email.as_deref(), ContactKind::Email, &mut errors);
    let phone = contact(input.phone.as_deref(), ContactKind::Phone, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let person = candidates::get(db, id).await?;
    if person.erased_at.is_some() {
        return Err(AppError::Conflict(Message::new("candidate-erased")));
    }
    // A contact that is a third person's would make two people one: refused, as on create.
    if let Some(other) =
        candidates::find_duplicate(db, email.as_deref(), phone.as_deref(), Some(id)).await?
    {
        return Err(AppError::Duplicate {
            existing_id: other.id,
            message: Message::new("candidate-duplicate")
                .with("name", other.full_name.clone())
                .with_number("id", i64::from(other.id)),
        });
    }
    let now = Utc::now();
    let further = of(db, id).await?;
    let mut primary_email = person.email.clone();
    let mut primary_phone = person.phone.clone();
    let mut added: Vec<(&'static str, String)> = Vec::new();
    let mut merged_lines = Vec::new();
    for (kind, typed, primary) in [
        ("email", email, &mut primary_email),
        ("phone", phone, &mut primary_phone),
    ] {
        let Some(typed) = typed else { continue };
        if primary.as_deref() == Some(typed.as_str()) {
            continue;
        }
        let known = further.iter().any(|c| c.value == typed);
        if input.make_primary {
            // The old primary contact stays reachable as a further one.
            if let Some(old) = primary.replace(typed.clone())
                && !further.iter().any(|c| c.value == old)
            {
                added.push((kind, old));
            }
            if known {
                candidate_contact::Entity::delete_many()
                    .filter(candidate_contact::Column::CandidateId.eq(id))
                    .filter(candidate_contact::Column::Value.eq(typed.as_str()))
                    .exec(db)
                    .await?;
            }
            merged_lines.push(typed);
        } else if !known {
            added.push((kind, typed.clone()));
            merged_lines.push(typed);
        }
    }
    for (kind, value) in &added {
        candidate_contact::ActiveModel {
            candidate_id: Set(id),
            kind: Set((*kind).to_owned()),
            value: Set(value.clone()),
            created_by: Set(Some(actor_id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let notes = match (person.notes.as_deref(), note) {
        (Some(old), Some(new)) if !old.trim().is_empty() => Some(format!("{old}\n\n{new}")),
        (_, Some(new)) => Some(new.to_owned()),
        (old, None) => old.map(str::to_owned),
    };
    let further = of(db, id).await?;
    let mut changed: candidate::ActiveModel = person.clone().into();
    changed.search_text = Set(search_text_with(
        candidates::search_text(
            &person.full_name,
            primary_email.as_deref(),
            primary_phone.as_deref(),
            person.current_company.as_deref(),
        ),
        &further,
    ));
    changed.email = Set(primary_email);
    changed.phone = Set(primary_phone);
    changed.notes = Set(notes);
    changed.version = Set(person.version + 1);
    changed.updated_at = Set(now);
    changed.update(db).await?;

    let application = match input.position_id {
        Some(position_id) => {
            Some(pipeline::add(db, Some(actor_id), id, position_id, &input.source).await?)
        }
        None => None,
    };
    // The timeline lives on applications: the new one, else the person's latest.
    let on = match &application {
        Some(a) => Some(a.id),
        None => application::Entity::find()
            .filter(application::Column::CandidateId.eq(id))
            .order_by_desc(application::Column::Id)
            .one(db)
            .await?
            .map(|a| a.id),
    };
    if let Some(note) = note {
        merged_lines.push(note.to_owned());
    }
    if let Some(application_id) = on
        && !merged_lines.is_empty()
    {
        let kind = if input.make_primary {
            "merged_primary"
        } else {
            "merged"
        };
        crate::timeline::model::record(
            db,
            crate::timeline::model::Entry::new(application_id, Some(actor_id), kind)
                .note(merged_lines.join("\n")),
        )
        .await?;
    }
    AuditEvent::new(Some(actor_id), "candidate.merge", "candidate")
        .id(id)
        .details(json!({
            "added_contacts": added.len(),
            "made_primary": input.make_primary,
            "note": note.is_some(),
        }))
        .record(db)
        .await?;
    Ok(Merged { application })
}
