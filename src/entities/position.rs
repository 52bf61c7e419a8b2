//! `positions` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "positions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub grade: String,
    pub status: String,
    pub reports_to: String,
    pub headcount: i32,
    pub company: String,
    pub role: String,
    pub duties: String,
    pub requirements: String,
    pub conditions: String,
    pub kpis: String,
    pub recruiter_id: Option<i32>,
    pub hiring_manager_id: Option<i32>,
    pub target_date: Option<Date>,
    pub opened_on: Option<Date>,
    pub filled_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The vacancy text as edited before publishing; `None` means the generated one.
    pub vacancy_ru: Option<String>,
    pub vacancy_en: Option<String>,
    /// The band each edited text quoted when it was saved (`min-max-CUR`), to tell when it is stale.
    pub vacancy_ru_band: Option<String>,
    pub vacancy_en_band: Option<String>,
    /// Where the work is, as candidates filter the careers site by it.
    pub city: Option<String>,
    /// `office`, `hybrid` or `remote` (`domain::work_format`).
    pub work_format: Option<String>,
    /// The profile in English; the English vacancy is written from these alone.
    pub title_en: Option<String>,
    pub reports_to_en: Option<String>,
    pub company_en: Option<String>,
    pub role_en: Option<String>,
    pub duties_en: Option<String>,
    pub requirements_en: Option<String>,
    pub conditions_en: Option<String>,
    pub kpis_en: Option<String>,
    /// `account`, `account_project` or `sales_account` (`domain::role_variant`).
    pub role_variant: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
