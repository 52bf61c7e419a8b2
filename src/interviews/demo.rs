//! The demo company's interviews: finalists scored by two interviewers each, so the profile
//! and comparison pages have something to show on a new install.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};

use crate::entities::{
    competency, interview, interview_interviewer, interview_question, question, scorecard,
    scorecard_answer, scorecard_rating,
};

/// A competency interview on `at` with a submitted card from each interviewer: scores around
/// `base`, varied per competency and interviewer so the profile shows spread and, here and
/// there, disagreement.
pub async fn scored_interview<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
    interviewers: &[i32],
    at: DateTime<Utc>,
    base: i32,
    seed: usize,
) -> anyhow::Result<()> {
    let competencies = competency::Entity::find()
        .order_by_asc(competency::Column::Rank)
        .all(db)
        .await?;
    let questions = question::Entity::find()
        .order_by_asc(question::Column::Code)
        .all(db)
        .await?;
    let kit: Vec<&question::Model> = competencies
        .iter()
        .filter_map(|c| {
            questions.iter().find(|q| {
                q.competency == c.code
                    && q.interviews.contains("competency")
                    && q.superseded_by.is_none()
            })
        })
        .collect();
    let created = interview::ActiveModel {
        application_id: Set(application_id),
        kind: Set("competency".into()),
        scheduled_at: Set(at),
        duration_minutes: Set(60),
        place: Set("Офис «Орбиты», переговорная 2".into()),
        status: Set("scheduled".into()),
        created_by: Set(None),
        created_at: Set(at - Duration::days(2)),
        updated_at: Set(at - Duration::days(2)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (rank, q) in kit.iter().enumerate() {
        interview_question::ActiveModel {
            interview_id: Set(created.id),
            question_id: Set(q.id),
            rank: Set(rank as i32 + 1),
        }
        .insert(db)
        .await?;
    }
    for (k, user_id) in interviewers.iter().enumerate() {
        interview_interviewer::ActiveModel {
            interview_id: Set(created.id),
            user_id: Set(*user_id),
        }
        .insert(db)
        .await?;
        let card = scorecard::ActiveModel {
            interview_id: Set(created.id),
            interviewer_id: Set(*user_id),
            status: Set("submitted".into()),
            recommendation: Set(Some(if base >= 4 { "strong_yes" } else { "yes" }.into())),
            strengths: Set("Приводит примеры с цифрами, спокойно говорит о бюджете.".into()),
            concerns: Set("Мало опыта с документами и дебиторкой.".into()),
            notes: Set(String::new()),
            submitted_at: Set(Some(at + Duration::hours(2))),
            reminder_sent_at: Set(None),
            created_at: Set(at),
            updated_at: Set(at + Duration::hours(2)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (n, q) in kit.iter().enumerate() {
            // A fixed pattern: −1, 0, +1 around the base, shifted per person and candidate.
            let score = (base + ((n + k * 2 + seed) % 3) as i32 - 1).clamp(1, 5);
            scorecard_answer::ActiveModel {
                scorecard_id: Set(card.id),
                question_id: Set(q.id),
                score: Set(Some(score)),
                notes: Set(String::new()),
                follow_ups_asked: Set("[]".into()),
            }
            .insert(db)
            .await?;
            scorecard_rating::ActiveModel {
                scorecard_id: Set(card.id),
                competency: Set(q.competency.clone()),
                score: Set(score),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
