//! The question bank: main questions with their follow-up probes, by competency, from
//! seed-data/questions/*.toml. Editing a question makes a new version and retires the old one
//! from new kits, so a scorecard always shows the wording that was asked. A question's hard/soft
//! tag is its competency's, never set per question: the bank cannot contradict the competencies.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::AuditEvent;
use crate::entities::{competency, question, question_follow_up};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

/// The bank as shipped, one file per competency.
pub const SEED_FILES: [(&str, &str); 12] = [
    (
        "product",
        include_str!("../../seed-data/questions/product.toml"),
    ),
    (
        "client_service",
        include_str!("../../seed-data/questions/client_service.toml"),
    ),
    (
        "consultative_sales",
        include_str!("../../seed-data/questions/consultative_sales.toml"),
    ),
    (
        "change_management",
        include_str!("../../seed-data/questions/change_management.toml"),
    ),
    (
        "project_management",
        include_str!("../../seed-data/questions/project_management.toml"),
    ),
    (
        "finance_paperwork",
        include_str!("../../seed-data/questions/finance_paperwork.toml"),
    ),
    (
        "digital_expertise",
        include_str!("../../seed-data/questions/digital_expertise.toml"),
    ),
    (
        "communication",
        include_str!("../../seed-data/questions/communication.toml"),
    ),
    (
        "conflict_handling",
        include_str!("../../seed-data/questions/conflict_handling.toml"),
    ),
    (
        "stress_multitasking",
        include_str!("../../seed-data/questions/stress_multitasking.toml"),
    ),
    (
        "motivation_learning",
        include_str!("../../seed-data/questions/motivation_learning.toml"),
    ),
    (
        "tools",
        include_str!("../../seed-data/questions/tools.toml"),
    ),
];

pub const KINDS: [&str; 3] = ["screen", "competency", "ceo_fit"];

#[derive(Debug, Deserialize)]
pub struct SeedFile {
    pub competency: String,
    pub question: Vec<SeedQuestion>,
}

/// A question as written in seed-data or on the edit form.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SeedQuestion {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub interviews: Vec<String>,
    #[serde(default)]
    pub minutes: i32,
    #[serde(default)]
    pub text_ru: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub strong_ru: String,
    #[serde(default)]
    pub strong_en: String,
    #[serde(default)]
    pub red_flags_ru: String,
    #[serde(default)]
    pub red_flags_en: String,
    pub junior_ru: Option<String>,
    pub junior_en: Option<String>,
    pub middle_ru: Option<String>,
    pub middle_en: Option<String>,
    pub senior_ru: Option<String>,
    pub senior_en: Option<String>,
    #[serde(default)]
    pub follow_up: Vec<SeedFollowUp>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SeedFollowUp {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub when_ru: String,
    #[serde(default)]
    pub when_en: String,
    #[serde(default)]
    pub text_ru: String,
    #[serde(default)]
    pub text_en: String,
}

pub fn parse_seed() -> anyhow::Result<Vec<SeedFile>> {
    SEED_FILES
        .iter()
        .map(|(name, text)| {
            toml::from_str::<SeedFile>(text)
                .map_err(|e| anyhow::anyhow!("seed-data/questions/{name}.toml: {e}"))
        })
        .collect()
}

/// Each competency's hard/soft tag, by code: what its questions are tagged with.
async fn kinds<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<String, String>> {
    Ok(competency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.kind))
        .collect())
}

async fn insert_version<C: ConnectionTrait>(
    db: &C,
    competency: &str,
    kind: &str,
    q: &SeedQuestion,
    version: i32,
    actor_id: Option<i32>,
) -> AppResult<question::Model> {
    let created = question::ActiveModel {
        code: Set(q.code.clone()),
        version: Set(version),
        competency: Set(competency.to_owned()),
        kind: Set(kind.to_owned()),
        interviews: Set(q.interviews.join(",")),
        minutes: Set(q.minutes),
        text_ru: Set(q.text_ru.trim().to_owned()),
        text_en: Set(q.text_en.trim().to_owned()),
        strong_ru: Set(q.strong_ru.trim().to_owned()),
        strong_en: Set(q.strong_en.trim().to_owned()),
        red_flags_ru: Set(q.red_flags_ru.trim().to_owned()),
        red_flags_en: Set(q.red_flags_en.trim().to_owned()),
        junior_ru: Set(q.junior_ru.clone()),
        junior_en: Set(q.junior_en.clone()),
        middle_ru: Set(q.middle_ru.clone()),
        middle_en: Set(q.middle_en.clone()),
        senior_ru: Set(q.senior_ru.clone()),
        senior_en: Set(q.senior_en.clone()),
        active: Set(true),
        superseded_by: Set(None),
        created_by: Set(actor_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (rank, f) in q.follow_up.iter().enumerate() {
        question_follow_up::ActiveModel {
            question_id: Set(created.id),
            code: Set(f.code.clone()),
            rank: Set(rank as i32 + 1),
            when_ru: Set(f.when_ru.trim().to_owned()),
            when_en: Set(f.when_en.trim().to_owned()),
            text_ru: Set(f.text_ru.trim().to_owned()),
            text_en: Set(f.text_en.trim().to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(created)
}

/// Loads the shipped bank: a question whose code is new is added; one already here is left as
/// the recruiters may have edited or retired it.
pub async fn load_seed(db: &DatabaseConnection) -> anyhow::Result<()> {
    let files = parse_seed()?;
    let known: Vec<String> = question::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|q| q.code)
        .collect();
    let txn = crate::db::write(db).await?;
    let kinds = kinds(&txn).await?;
    for file in &files {
        let kind = kinds.get(&file.competency).ok_or_else(|| {
            anyhow::anyhow!(
                "seed-data/questions: unknown competency {}",
                file.competency
            )
        })?;
        for q in &file.question {
            if !known.contains(&q.code) {
                insert_version(&txn, &file.competency, kind, q, 1, None)
                    .await
                    .map_err(|e| anyhow::anyhow!("question {}: {e}", q.code))?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// A question in the reader's language, as the API and the kit show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: i32,
    pub code: String,
    pub version: i32,
    pub competency: String,
    /// hard or soft: the competency's.
    pub kind: String,
    pub interviews: Vec<String>,
    pub minutes: i32,
    pub text: String,
    pub strong_answer: String,
    pub red_flags: String,
    pub junior: Option<String>,
    pub middle: Option<String>,
    pub senior: Option<String>,
    pub active: bool,
    pub follow_ups: Vec<FollowUpView>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct FollowUpView {
    pub id: i32,
    /// When to ask it: the answer that calls for this probe.
    pub when: String,
    pub text: String,
}

/// Questions with their follow-ups in `lang`: two queries, in the order given.
pub async fn views(
    db: &DatabaseConnection,
    questions: Vec<question::Model>,
    lang: Lang,
) -> AppResult<Vec<QuestionView>> {
    let ids: Vec<i32> = questions.iter().map(|q| q.id).collect();
    let mut follow_ups: HashMap<i32, Vec<FollowUpView>> = HashMap::new();
    for f in question_follow_up::Entity::find()
        .filter(question_follow_up::Column::QuestionId.is_in(ids))
        .order_by_asc(question_follow_up::Column::Rank)
        .all(db)
        .await?
    {
        follow_ups
            .entry(f.question_id)
            .or_default()
            .push(FollowUpView {
                id: f.id,
                when: lang.pick(f.when_ru, f.when_en),
                text: lang.pick(f.text_ru, f.text_en),
            });
    }
    Ok(questions
        .into_iter()
        .map(|q| QuestionView {
            follow_ups: follow_ups.remove(&q.id).unwrap_or_default(),
            id: q.id,
            interviews: q
                .interviews
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            text: lang.pick(q.text_ru, q.text_en),
            strong_answer: lang.pick(q.strong_ru, q.strong_en),
            red_flags: lang.pick(q.red_flags_ru, q.red_flags_en),
            junior: lang.pick(q.junior_ru, q.junior_en),
            middle: lang.pick(q.middle_ru, q.middle_en),
            senior: lang.pick(q.senior_ru, q.senior_en),
            code: q.code,
            version: q.version,
            competency: q.competency,
            kind: q.kind,
            minutes: q.minutes,
            active: q.active,
        })
        .collect())
}

/// The questions in use now (latest version, not retired), by competency order then code.
pub async fn current(
    db: &DatabaseConnection,
    competency: Option<&str>,
) -> AppResult<Vec<question::Model>> {
    let mut query = question::Entity::find()
        .filter(question::Column::Active.eq(true))
        .filter(question::Column::SupersededBy.is_null());
    if let Some(code) = competency.filter(|c| !c.is_empty()) {
        query = query.filter(question::Column::Competency.eq(code));
    }
    let mut found = query.order_by_asc(question::Column::Code).all(db).await?;
    let ranks: HashMap<String, i32> = competency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.rank))
        .collect();
    found.sort_by_key(|q| {
        (
            ranks.get(&q.competency).copied().unwrap_or(99),
            q.code.clone(),
        )
    });
    Ok(found)
}

pub async fn get(db: &DatabaseConnection, id: i32) -> AppResult<question::Model> {
    question::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

fn check(db_competencies: &[String], competency: &str, q: &SeedQuestion) -> AppResult<()> {
    let mut errors = Vec::new();
    if !db_competencies.iter().any(|c| c == competency) {
        errors.push(FieldError::new(
            "competency",
            Message::new("field-competency-invalid"),
        ));
    }
    if q.interviews.is_empty() || q.interviews.iter().any(|k| !KINDS.contains(&k.as_str())) {
        errors.push(FieldError::new(
            "interviews",
            Message::new("field-question-interviews"),
        ));
    }
    if !(1..=60).contains(&q.minutes) {
        errors.push(FieldError::new(
            "minutes",
            Message::new("field-question-minutes"),
        ));
    }
    for (field, value) in [
        ("text_ru", &q.text_ru),
        ("text_en", &q.text_en),
        ("strong_ru", &q.strong_ru),
        ("strong_en", &q.strong_en),
        ("red_flags_ru", &q.red_flags_ru),
        ("red_flags_en", &q.red_flags_en),
    ] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, Message::new("field-required")));
        }
    }
    let probes: Vec<&SeedFollowUp> = q
        .follow_up
        .iter()
        .filter(|f| !(f.text_ru.trim().is_empty() && f.text_en.trim().is_empty()))
        .collect();
    if probes.is_empty()
        || probes
            .iter()
            .any(|f| f.text_ru.trim().is_empty() || f.text_en.trim().is_empty())
    {
        errors.push(FieldError::new(
            "follow_up",
            Message::new("field-question-follow-up"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn competency_codes(db: &DatabaseConnection) -> AppResult<Vec<String>> {
    Ok(competency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

fn keep_filled_follow_ups(q: &mut SeedQuestion) {
    q.follow_up
        .retain(|f| !(f.text_ru.trim().is_empty() && f.text_en.trim().is_empty()));
    for (i, f) in q.follow_up.iter_mut().enumerate() {
        if f.code.trim().is_empty() {
            f.code = format!("{}.probe{}", q.code, i + 1);
        }
    }
}

/// Adds a question of the recruiters' own.
pub async fn create(
    db: &DatabaseConnection,
    actor_id: i32,
    competency: &str,
    mut q: SeedQuestion,
) -> AppResult<question::Model> {
    check(&competency_codes(db).await?, competency, &q)?;
    let n = question::Entity::find().count(db).await? + 1;
    q.code = format!("{competency}.custom{n}");
    keep_filled_follow_ups(&mut q);
    let txn = crate::db::write(db).await?;
    let kind = kinds(&txn).await?.remove(competency).unwrap_or_default();
    let created = insert_version(&txn, competency, &kind, &q, 1, Some(actor_id)).await?;
    AuditEvent::new(Some(actor_id), "question.create", "question")
        .id(created.id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// Edits a question: the new wording is a new version; the old one stays for the scorecards
/// that asked it and leaves the kits.
pub async fn revise(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    mut q: SeedQuestion,
) -> AppResult<question::Model> {
    let old = get(db, id).await?;
    if old.superseded_by.is_some() {
        return Err(AppError::Conflict(Message::new("question-superseded")));
    }
    check(&competency_codes(db).await?, &old.competency, &q)?;
    q.code = old.code.clone();
    keep_filled_follow_ups(&mut q);
    let txn = crate::db::write(db).await?;
    let kind = kinds(&txn)
        .await?
        .remove(&old.competency)
        .unwrap_or_default();
    let mut created = insert_version(
        &txn,
        &old.competency,
        &kind,
        &q,
        old.version + 1,
        Some(actor_id),
    )
    .await?;
    if !old.active {
        // Rewording a retired question does not bring it back.
        let mut retired: question::ActiveModel = created.clone().into();
        retired.active = Set(false);
        created = retired.update(&txn).await?;
    }
    let mut superseded: question::ActiveModel = old.clone().into();
    superseded.superseded_by = Set(Some(created.id));
    superseded.update(&txn).await?;
    AuditEvent::new(Some(actor_id), "question.revise", "question")
        .id(created.id)
        .details(json!({"code": old.code, "from_version": old.version}))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// Retires or restores a question; retired ones leave new kits, old scorecards keep them.
pub async fn set_active(
    db: &DatabaseConnection,
    actor_id: i32,
    id: i32,
    active: bool,
) -> AppResult<()> {
    let found = get(db, id).await?;
    let mut changed: question::ActiveModel = found.into();
    changed.active = Set(active);
    changed.update(db).await?;
    AuditEvent::new(
        Some(actor_id),
        if active {
            "question.restore"
        } else {
            "question.retire"
        },
        "question",
    )
    .id(id)
    .record(db)
    .await?;
    Ok(())
}

/// The form's view of an existing question, both languages.
pub fn as_seed(q: &question::Model, follow_ups: &[question_follow_up::Model]) -> SeedQuestion {
    SeedQuestion {
        code: q.code.clone(),
        interviews: q
            .interviews
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        minutes: q.minutes,
        text_ru: q.text_ru.clone(),
        text_en: q.text_en.clone(),
        strong_ru: q.strong_ru.clone(),
        strong_en: q.strong_en.clone(),
        red_flags_ru: q.red_flags_ru.clone(),
        red_flags_en: q.red_flags_en.clone(),
        junior_ru: q.junior_ru.clone(),
        junior_en: q.junior_en.clone(),
        middle_ru: q.middle_ru.clone(),
        middle_en: q.middle_en.clone(),
        senior_ru: q.senior_ru.clone(),
        senior_en: q.senior_en.clone(),
        follow_up: follow_ups
            .iter()
            .map(|f| SeedFollowUp {
                code: f.code.clone(),
                when_ru: f.when_ru.clone(),
                when_en: f.when_en.clone(),
                text_ru: f.text_ru.clone(),
                text_en: f.text_en.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_bank_has_72_questions_over_12_competencies_each_with_a_follow_up_in_both_languages()
    {
        let files = parse_seed().unwrap();
        assert!(files.len() >= 10);
        let questions: Vec<&SeedQuestion> = files.iter().flat_map(|f| &f.question).collect();
        assert!(questions.len() >= 72, "{} questions", questions.len());
        let mut codes: Vec<&str> = questions.iter().map(|q| q.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), questions.len(), "codes are unique");
        for file in &files {
            for q in &file.question {
                assert!(
                    q.code.starts_with(&format!("{}.", file.competency)),
                    "{}",
                    q.code
                );
                assert!(
                    !q.interviews.is_empty()
                        && q.interviews.iter().all(|k| KINDS.contains(&k.as_str())),
                    "{}",
                    q.code
                );
                for text in [
                    &q.text_ru,
                    &q.text_en,
                    &q.strong_ru,
                    &q.strong_en,
                    &q.red_flags_ru,
                    &q.red_flags_en,
                ] {
                    assert!(!text.trim().is_empty(), "{}", q.code);
                }
                assert!(!q.follow_up.is_empty(), "{} has no follow-up", q.code);
                for f in &q.follow_up {
                    assert!(
                        !f.text_ru.trim().is_empty() && !f.text_en.trim().is_empty(),
                        "{}",
                        f.code
                    );
                }
            }
        }
        assert!(
            questions
                .iter()
                .any(|q| q.interviews.iter().any(|k| k == "screen"))
        );
        assert!(
            questions
                .iter()
                .any(|q| q.interviews.iter().any(|k| k == "ceo_fit"))
        );
    }
}
