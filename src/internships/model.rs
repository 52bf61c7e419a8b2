//! Internships: who sits where around one (the intern, their mentor, the people who run the
//! programme, the panel, a department's owner), and enrolment — an intern from a hire or an
//! existing user, a mentor, a group, a start date and an exam track, with the plan made from
//! the template on working days.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::json;

use super::programme;
use crate::audit::AuditEvent;
use crate::auth::model::{CurrentUser, hash_password, normalize_email, token_digest};
use crate::domain::access::{Action, Role};
use crate::domain::calendar::ProductionCalendar;
use crate::domain::date_bounds::DateKind;
use crate::domain::internship::{ExamTrack, ItemKind, due_on};
use crate::domain::pipeline::Stage;
use crate::domain::text::TextKind;
use crate::entities::{
    application, candidate, internship, internship_item, password_link, rotation, user,
};
use crate::error::{AppError, AppResult, FieldError};
use crate::outbox::emails::Composer;
use crate::web::csrf::random_token;
use crate::web::i18n::{Lang, Message};

pub const ACTIVE: &str = "active";
pub const DECIDED: &str = "decided";

/// How the user stands to one internship; decides what they may see and do there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seat {
    Intern,
    Mentor,
    /// Runs the programme: enrols, edits the template, may do what a mentor does.
    Manager,
    /// Sees every intern and sits on defence panels (hiring managers, the CEO).
    Panel,
    /// Owns a department week of this intern and scores it.
    RotationOwner,
}

impl Seat {
    pub fn may_tick(self) -> bool {
        matches!(self, Seat::Intern | Seat::Mentor | Seat::Manager)
    }

    /// Sign off items, schedule and grade exams, decide at the end.
    pub fn may_mentor(self) -> bool {
        matches!(self, Seat::Mentor | Seat::Manager)
    }

    pub fn may_grade_defence(self) -> bool {
        matches!(self, Seat::Mentor | Seat::Manager | Seat::Panel)
    }

    pub fn may_write_plan(self) -> bool {
        matches!(self, Seat::Intern | Seat::Mentor)
    }
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<internship::Model> {
    internship::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The user's seat at this internship; a mentor of someone else, or an intern looking at
/// another intern, gets 403.
pub async fn seat_of<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    found: &internship::Model,
) -> AppResult<Seat> {
    if user.id == found.intern_id {
        return Ok(Seat::Intern);
    }
    if user.id == found.mentor_id {
        return Ok(Seat::Mentor);
    }
    if user.can(Action::ManageInternships) {
        return Ok(Seat::Manager);
    }
    if user.can(Action::ViewInternships) {
        return Ok(Seat::Panel);
    }
    let owns_rotation = rotation::Entity::find()
        .filter(rotation::Column::InternshipId.eq(found.id))
        .filter(rotation::Column::OwnerId.eq(user.id))
        .one(db)
        .await?
        .is_some();
    if owns_rotation {
        Ok(Seat::RotationOwner)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The internship and the user's seat at it, in one call for every handler.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
    id: i32,
) -> AppResult<(internship::Model, Seat)> {
    let found = get(db, id).await?;
    let seat = seat_of(db, user, &found).await?;
    Ok((found, seat))
}

/// Refuses changes to a month that has been decided.
pub fn ensure_active(found: &internship::Model) -> AppResult<()> {
    if found.status == ACTIVE {
        Ok(())
    } else {
        Err(AppError::Conflict(Message::new("internship-decided")))
    }
}

/// What starts an internship.
#[derive(Clone, Debug, Default)]
pub struct Enrolment {
    /// An existing user with the intern role…
    pub intern_user_id: Option<i32>,
    /// …or a hire, whose account is made from the candidate.
    pub application_id: Option<i32>,
    pub mentor_id: Option<i32>,
    pub start_date: Option<NaiveDate>,
    pub exam_track: String,
    pub group: String,
}

/// Who the intern will be: an existing account, or one to create from a hire.
enum Intern {
    Existing(user::Model),
    FromHire {
        name: String,
        email: String,
        lang: String,
    },
}

async fn check_enrolment(
    db: &DatabaseConnection,
    input: &Enrolment,
) -> AppResult<(Intern, user::Model, NaiveDate, ExamTrack)> {
    let mut errors = Vec::new();
    let track = ExamTrack::parse(input.exam_track.trim());
    if track.is_none() {
        errors.push(FieldError::new(
            "exam_track",
            Message::new("field-choice-invalid"),
        ));
    }
    if input.start_date.is_none() {
        errors.push(FieldError::new(
            "start_date",
            Message::new("field-required"),
        ));
    }
    if let Some(day) = input.start_date {
        errors.extend(FieldError::date("start_date", DateKind::Planned, day));
    }
    errors.extend(FieldError::text(
        "group",
        TextKind::Line,
        input.group.trim(),
    ));
    let mentor = match input.mentor_id {
        Some(id) => user::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|u| u.active && u.role == Role::Mentor.as_str()),
        None => None,
    };
    if mentor.is_none() {
        errors.push(FieldError::new(
            "mentor_id",
            Message::new("internship-mentor-invalid"),
        ));
    }
    let intern = match (input.intern_user_id, input.application_id) {
        (Some(id), None) => {
            let found = user::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|u| u.active && u.role == Role::Intern.as_str());
            if found.is_none() {
                errors.push(FieldError::new(
                    "intern_user_id",
                    Message::new("internship-intern-invalid"),
                ));
            }
            found.map(Intern::Existing)
        }
        (None, Some(id)) => intern_from_hire(db, id, &mut errors).await?,
        _ => {
            errors.push(FieldError::new(
                "intern_user_id",
                Message::new("internship-intern-or-hire"),
            ));
            None
        }
    };
    match (intern, mentor, input.start_date, track) {
        (Some(intern), Some(mentor), Some(start), Some(track)) if errors.is_empty() => {
            Ok((intern, mentor, start, track))
        }
        _ => Err(AppError::Validation(errors)),
    }
}

/// A hire becomes an intern: their existing account if they have one, else a new one.
async fn intern_from_hire(
    db: &DatabaseConnection,
    application_id: i32,
    errors: &mut Vec<FieldError>,
) -> AppResult<Option<Intern>> {
    let found = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(existing) = internship::Entity::find()
        .filter(internship::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    {
        return Err(AppError::Duplicate {
            existing_id: existing.id,
            message: Message::new("internship-duplicate"),
        });
    }
    let hired = matches!(
        Stage::parse(&found.stage),
        Some(Stage::Hired | Stage::Started)
    );
    if !hired {
        errors.push(FieldError::new(
            "application_id",
            Message::new("internship-not-hired"),
        ));
        return Ok(None);
    }
    let person = candidate::Entity::find_by_id(found.candidate_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(email) = person.email.as_deref().map(normalize_email) else {
        errors.push(FieldError::new(
            "application_id",
            Message::new("internship-hire-without-email"),
        ));
        return Ok(None);
    };
    match user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
    {
        Some(account) if account.role == Role::Intern.as_str() && account.active => {
            Ok(Some(Intern::Existing(account)))
        }
        Some(_) => {
            errors.push(FieldError::new(
                "application_id",
                Message::new("internship-email-taken"),
            ));
            Ok(None)
        }
        None => Ok(Some(Intern::FromHire {
            name: person.full_name,
            email,
            lang: person.lang,
        })),
    }
}

/// Enrols an intern and makes their plan; emails the intern (with a link to set a password
/// when the account is new) and the mentor.
pub async fn enrol(
    db: &DatabaseConnection,
    composer: &Composer,
    actor: i32,
    base_url: &str,
    input: Enrolment,
) -> AppResult<internship::Model> {
    let (intern, mentor, start, track) = check_enrolment(db, &input).await?;
    if let Intern::Existing(account) = &intern
        && let Some(current) = internship::Entity::find()
            .filter(internship::Column::InternId.eq(account.id))
            .filter(internship::Column::Status.eq(ACTIVE))
            .one(db)
            .await?
    {
        return Err(AppError::Duplicate {
            existing_id: current.id,
            message: Message::new("internship-already-active"),
        });
    }
    // Hashing is slow; do it before the transaction holds any lock.
    let new_account = match &intern {
        Intern::FromHire { .. } => Some(hash_password(random_token()).await?),
        Intern::Existing(_) => None,
    };
    let txn = crate::db::write(db).await?;
    let now = Utc::now();
    let (account, password_token) = match intern {
        Intern::Existing(account) => (account, None),
        Intern::FromHire { name, email, lang } => {
            let account = user::ActiveModel {
                email: Set(email),
                name: Set(name),
                role: Set(Role::Intern.as_str().to_owned()),
                grade: Set(Some("intern".to_owned())),
                lang: Set(lang),
                timezone: Set("Europe/Moscow".to_owned()),
                password_hash: Set(new_account.unwrap_or_default()),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            AuditEvent::new(Some(actor), "user.create", "user")
                .id(account.id)
                .details(json!({"role": "intern", "application_id": input.application_id}))
                .record(&txn)
                .await?;
            let token = password_link_for(&txn, account.id).await?;
            (account, Some(token))
        }
    };
    let created = internship::ActiveModel {
        intern_id: Set(account.id),
        mentor_id: Set(mentor.id),
        application_id: Set(input.application_id),
        group_name: Set(input.group.trim().to_owned()),
        start_date: Set(start),
        exam_track: Set(track.as_str().to_owned()),
        exam_on: Set(None),
        project_plan: Set(String::new()),
        project_plan_at: Set(None),
        mentor_notes: Set(String::new()),
        status: Set(ACTIVE.to_owned()),
        created_by: Set(Some(actor)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflict(Message::new("internship-duplicate"))
        }
        _ => e.into(),
    })?;
    make_plan(&txn, &created, track).await?;
    // A hire's records of the month are a purpose of their own in the consent ledger; the
    // enroller confirms the basis (the internship agreement the person signed).
    if let Some(application_id) = input.application_id {
        let hire = crate::recruitment::pipeline::get(&txn, application_id).await?;
        crate::recruitment::consent::record_purpose(
            &txn,
            hire.candidate_id,
            crate::recruitment::consent::PURPOSE_INTERN_RECORDS,
            actor,
            None,
        )
        .await?;
    }
    AuditEvent::new(Some(actor), "internship.enrol", "internship")
        .id(created.id)
        .details(json!({"intern_id": account.id, "mentor_id": mentor.id, "track": track.as_str()}))
        .record(&txn)
        .await?;
    super::notify::enrolled(
        &txn,
        composer,
        actor,
        base_url,
        &created,
        &account,
        &mentor,
        password_token,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Copies the template (with its materials for the intern's track) into the intern's plan with
/// due dates on working days, and opens a rotation for each department the plan rotates through.
async fn make_plan<C: ConnectionTrait>(
    db: &C,
    found: &internship::Model,
    track: ExamTrack,
) -> AppResult<()> {
    let calendar = ProductionCalendar::russian();
    let mut rotations: Vec<(String, i32)> = Vec::new();
    let template = programme::items(db, false).await?;
    let materials = super::materials::template_materials(db).await?;
    for (rank, item) in template
        .into_iter()
        .filter(|i| i.track.as_deref().is_none_or(|t| t == track.as_str()))
        .enumerate()
    {
        if item.kind == ItemKind::RotationTask.as_str()
            && !rotations.iter().any(|(d, _)| d == &item.department)
        {
            rotations.push((item.department.clone(), item.week));
        }
        let template_id = item.id;
        let made = internship_item::ActiveModel {
            internship_id: Set(found.id),
            code: Set(item.code),
            week: Set(item.week),
            rank: Set(rank as i32 + 1),
            kind: Set(item.kind),
            department: Set(item.department),
            title_ru: Set(item.title_ru),
            title_en: Set(item.title_en),
            about_ru: Set(item.about_ru),
            about_en: Set(item.about_en),
            due_on: Set(due_on(
                calendar,
                found.start_date,
                item.due_offset.max(0) as u32,
            )),
            done_at: Set(None),
            done_by: Set(None),
            signed_off_at: Set(None),
            signed_off_by: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if let Some(given) = materials.get(&template_id) {
            super::materials::copy_to_plan(db, given, made.id, track.as_str()).await?;
        }
    }
    for (department, week) in rotations {
        rotation::ActiveModel {
            internship_id: Set(found.id),
            week: Set(week),
            department: Set(department),
            owner_id: Set(None),
            scores: Set(None),
            notes: Set(String::new()),
            scored_at: Set(None),
            scored_by: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A one-time link, valid for a week, through which a new account sets its password.
pub async fn password_link_for<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<String> {
    let token = random_token();
    let now = Utc::now();
    password_link::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_digest(&token)),
        expires_at: Set(now + Duration::days(7)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The mentor's private notes on the intern, part of the evidence for the decision.
pub async fn save_mentor_notes(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
    notes: &str,
) -> AppResult<()> {
    let (found, seat) = open(db, user, id).await?;
    if !seat.may_mentor() {
        return Err(AppError::Forbidden);
    }
    let mut model: internship::ActiveModel = found.into();
    model.mentor_notes = Set(notes.trim().to_owned());
    model.updated_at = Set(Utc::now());
    model.update(db).await?;
    AuditEvent::new(Some(user.id), "internship.mentor_notes", "internship")
        .id(id)
        .record(db)
        .await?;
    Ok(())
}

/// The intern's work plan for their first project, defended at the end of the month.
pub async fn save_project_plan(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
    text: &str,
) -> AppResult<()> {
    let (found, seat) = open(db, user, id).await?;
    if !seat.may_write_plan() {
        return Err(AppError::Forbidden);
    }
    ensure_active(&found)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::validation(
            "project_plan",
            Message::new("field-required"),
        ));
    }
    if let Some(error) = FieldError::text("project_plan", TextKind::Text, text) {
        return Err(error.into());
    }
    let mut model: internship::ActiveModel = found.into();
    model.project_plan = Set(text.to_owned());
    model.project_plan_at = Set(Some(Utc::now()));
    model.updated_at = Set(Utc::now());
    model.update(db).await?;
    AuditEvent::new(Some(user.id), "internship.project_plan", "internship")
        .id(id)
        .record(db)
        .await?;
    Ok(())
}

/// The title of something in the reader's language.
pub fn localized(lang: Lang, ru: &str, en: &str) -> String {
    lang.pick(ru, en).to_owned()
}
