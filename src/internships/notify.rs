//! The programme's emails: the welcome (with a password link for a new account) and the
//! mentor's assignment, an exam scheduled, an exam result, and the decision. Each is queued in
//! the transaction of the change it reports.

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::domain::internship::ExamTrack;
use crate::entities::{exam_attempt, internship, user};
use crate::error::{AppError, AppResult};
use crate::outbox::emails::Composer;

fn exam_name(code: &str) -> &'static str {
    match ExamTrack::parse(code) {
        Some(ExamTrack::Ppc) => "PPC",
        _ => "SEO",
    }
}

fn link(base_url: &str, found: &internship::Model) -> String {
    format!(
        "{}/internships/{}",
        base_url.trim_end_matches('/'),
        found.id
    )
}

async fn person<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<user::Model> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn send<C: ConnectionTrait, X: serde::Serialize>(
    db: &C,
    composer: &Composer,
    actor: i32,
    kind: &'static str,
    to: &user::Model,
    context: X,
) -> AppResult<()> {
    // Days in the context are ISO dates; the templates write them as `to` does.
    let reader = composer.for_user(to);
    let email = composer.render_for(kind, &reader, context)?.to(
        kind,
        &to.email,
        Some(&to.name),
        reader.lang,
    );
    composer.queue(db, Some(actor), email).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn enrolled<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    actor: i32,
    base_url: &str,
    found: &internship::Model,
    intern: &user::Model,
    mentor: &user::Model,
    password_token: Option<String>,
) -> AppResult<()> {
    let base = base_url.trim_end_matches('/');
    let start = found.start_date.to_string();
    send(
        db,
        composer,
        actor,
        "internship_welcome",
        intern,
        minijinja::context! {
            name => &intern.name,
            mentor => &mentor.name,
            mentor_email => &mentor.email,
            group => &found.group_name,
            start => &start,
            track => exam_name(&found.exam_track),
            link => link(base_url, found),
            password_link => password_token.map(|t| format!("{base}/welcome/{t}")),
        },
    )
    .await?;
    send(
        db,
        composer,
        actor,
        "mentor_assigned",
        mentor,
        minijinja::context! {
            name => &mentor.name,
            intern => &intern.name,
            start => &start,
            group => &found.group_name,
            track => exam_name(&found.exam_track),
            link => link(base_url, found),
        },
    )
    .await
}

pub async fn exam_scheduled<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    actor: i32,
    base_url: &str,
    found: &internship::Model,
) -> AppResult<()> {
    let intern = person(db, found.intern_id).await?;
    let mentor = person(db, found.mentor_id).await?;
    let attempt = super::view::attempts_of(db, found.id)
        .await?
        .iter()
        .filter(|a| a.exam == found.exam_track)
        .count()
        + 1;
    let date = found.exam_on.map(|d| d.to_string()).unwrap_or_default();
    for to in [&intern, &mentor] {
        send(
            db,
            composer,
            actor,
            "exam_scheduled",
            to,
            minijinja::context! {
                name => &to.name,
                intern => &intern.name,
                exam => exam_name(&found.exam_track),
                date => &date,
                attempt => attempt,
                link => link(base_url, found),
            },
        )
        .await?;
    }
    Ok(())
}

pub async fn exam_result<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    actor: i32,
    base_url: &str,
    found: &internship::Model,
    attempt: &exam_attempt::Model,
    attempts_left: Option<u32>,
) -> AppResult<()> {
    let intern = person(db, found.intern_id).await?;
    send(
        db,
        composer,
        actor,
        "exam_result",
        &intern,
        minijinja::context! {
            name => &intern.name,
            exam => exam_name(&attempt.exam),
            attempt => attempt.attempt,
            score => attempt.score,
            max_score => attempt.max_score,
            percent => crate::domain::internship::percent(attempt.score, attempt.max_score),
            pass_percent => attempt.pass_percent,
            passed => attempt.passed,
            notes => &attempt.notes,
            attempts_left => attempts_left,
            link => link(base_url, found),
        },
    )
    .await
}

pub async fn decision<C: ConnectionTrait>(
    db: &C,
    composer: &Composer,
    actor: i32,
    base_url: &str,
    found: &internship::Model,
    intern: &user::Model,
) -> AppResult<()> {
    let lang = composer.for_user(intern).lang;
    let department = found
        .outcome_department
        .as_deref()
        .map(|d| lang.text(&format!("department-{d}")));
    send(
        db,
        composer,
        actor,
        "internship_decision",
        intern,
        minijinja::context! {
            name => &intern.name,
            outcome => &found.outcome,
            department => department,
            reason => &found.outcome_reason,
            link => link(base_url, found),
        },
    )
    .await
}
