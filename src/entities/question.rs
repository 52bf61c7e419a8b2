//! `questions` table: A version of an interview question; editing makes a new version, so a scorecard keeps the wording that was asked.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub version: i32,
    pub competency: String,
    pub kind: String,
    /// Interview kinds it suits, comma-separated: screen, competency, ceo_fit.
    pub interviews: String,
    pub minutes: i32,
    pub text_ru: String,
    pub text_en: String,
    pub strong_ru: String,
    pub strong_en: String,
    pub red_flags_ru: String,
    pub red_flags_en: String,
    pub junior_ru: Option<String>,
    pub junior_en: Option<String>,
    pub middle_ru: Option<String>,
    pub middle_en: Option<String>,
    pub senior_ru: Option<String>,
    pub senior_en: Option<String>,
    /// Retired questions stay for the scorecards that asked them.
    pub active: bool,
    /// The newer version, when this one was edited.
    pub superseded_by: Option<i32>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
