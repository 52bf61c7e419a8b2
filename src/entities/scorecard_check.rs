//! `scorecard_checks` table: one phone-screen check answered on a scorecard.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "scorecard_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub scorecard_id: i32,
    /// `salary`, `notice`, `location` or `requirement-<n>` (`domain::screen_script`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// `yes` or `no`.
    pub answer: String,
    /// The monthly figure the candidate named, on the salary check.
    pub expected_salary: Option<i64>,
    pub note: String,
    /// What was checked as the interviewer read it (a requirement's line); empty for the
    /// fixed checks, which the product names itself.
    pub subject: String,
    /// A "no", or an expected salary above the band when the card was saved.
    pub failed: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
