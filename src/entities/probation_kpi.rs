//! `probation_kpis` table: a started hire's KPIs for one month of probation.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "probation_kpis")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// 1 for the first month after the start.
    pub month: i32,
    pub churn_percent: Option<i32>,
    pub nps: Option<i32>,
    pub client_lifetime_months: Option<i32>,
    pub receivables_percent: Option<i32>,
    pub recorded_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
