//! The CEO's cultural-fit kit: one block per agency value, frozen into the interview when it is
//! scheduled (like its questions), each with the theme's questions from the values bank, or a
//! question built around the value's own name and description when it has no theme. The
//! competency bank plays no part in it.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;

use crate::entities::interview_value;
use crate::error::AppResult;
use crate::values::{bank, model as values};
use crate::web::i18n::{Lang, Message};

/// The kind of interview that asks about values.
pub const KIND: &str = "ceo_fit";

/// One question about a value, in the reader's language.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ValueQuestion {
    /// The bank's code, or `generic` for a question built from the value's name.
    pub code: String,
    pub text: String,
    /// Follow-up probes, asked as the answer calls for them.
    pub probes: Vec<String>,
    /// What a strong answer sounds like.
    pub strong: String,
    pub red_flags: String,
}

/// One value's block in the kit.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ValueBlock {
    pub code: String,
    pub name: String,
    pub description: String,
    pub theme: Option<String>,
    /// The theme's name in the reader's language.
    pub theme_name: Option<String>,
    pub questions: Vec<ValueQuestion>,
}

/// Freezes the agency's current values into a `ceo_fit` interview being scheduled.
pub async fn snapshot<C: ConnectionTrait>(db: &C, interview_id: i32) -> AppResult<()> {
    for v in values::list(db).await? {
        interview_value::ActiveModel {
            interview_id: Set(interview_id),
            value_code: Set(v.code),
            name: Set(v.name),
            description: Set(v.description),
            theme: Set(v.theme),
            rank: Set(v.rank),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The values an interview was scheduled to ask about, in order.
pub async fn asked(
    db: &DatabaseConnection,
    interview_ids: Vec<i32>,
) -> AppResult<Vec<interview_value::Model>> {
    Ok(interview_value::Entity::find()
        .filter(interview_value::Column::InterviewId.is_in(interview_ids))
        .order_by_asc(interview_value::Column::Rank)
        .all(db)
        .await?)
}

/// The interview's value blocks (none for other kinds of interview).
pub async fn blocks(
    db: &DatabaseConnection,
    interview_id: i32,
    lang: Lang,
) -> AppResult<Vec<ValueBlock>> {
    Ok(asked(db, vec![interview_id])
        .await?
        .into_iter()
        .map(|v| block(v.value_code, v.name, v.description, v.theme, lang))
        .collect())
}

/// The blocks the next CEO interview would ask, from the current list (the settings page).
pub async fn preview(db: &DatabaseConnection, lang: Lang) -> AppResult<Vec<ValueBlock>> {
    Ok(values::list(db)
        .await?
        .into_iter()
        .map(|v| block(v.code, v.name, v.description, v.theme, lang))
        .collect())
}

fn block(
    code: String,
    name: String,
    description: String,
    theme: Option<String>,
    lang: Lang,
) -> ValueBlock {
    let found = theme.as_deref().and_then(bank::theme);
    let questions = match found {
        Some(t) => t
            .question
            .iter()
            .map(|q| ValueQuestion {
                code: q.code.clone(),
                text: lang.pick(&q.text_ru, &q.text_en).clone(),
                probes: lang.pick(&q.probes_ru, &q.probes_en).clone(),
                strong: lang.pick(&q.strong_ru, &q.strong_en).clone(),
                red_flags: lang.pick(&q.red_flags_ru, &q.red_flags_en).clone(),
            })
            .collect(),
        None => vec![generic(&name, &description, lang)],
    };
    ValueBlock {
        theme_name: found.map(|t| lang.pick(&t.name_ru, &t.name_en).clone()),
        code,
        name,
        description,
        theme,
        questions,
    }
}

/// A question about a value the bank has no theme for, around its name and description.
fn generic(name: &str, description: &str, lang: Lang) -> ValueQuestion {
    let about = |key: &'static str| {
        lang.render(&Message::new(key).with("name", name.to_owned()).with(
            "description",
            description.trim_end_matches(['.', '!']).to_owned(),
        ))
    };
    let text = if description.is_empty() {
        about("value-generic-question")
    } else {
        about("value-generic-question-described")
    };
    ValueQuestion {
        code: "generic".into(),
        text,
        probes: vec![
            about("value-generic-probe-cost"),
            about("value-generic-probe-other"),
            about("value-generic-probe-team"),
        ],
        strong: about("value-generic-strong"),
        red_flags: about("value-generic-red-flags"),
    }
}
