//! `applications` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub candidate_id: i32,
    pub position_id: i32,
    pub stage: String,
    pub source: String,
    pub ended_reason: Option<String>,
    pub stage_changed_at: DateTimeUtc,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When to contact the candidate next; `None` once the application has ended.
    pub next_contact_on: Option<Date>,
    /// How far along the follow-up cadence (1, 3, 7, 14, 30, 90 days) we are.
    pub follow_up_step: i32,
    /// The first working day agreed when the offer was accepted.
    pub start_date: Option<Date>,
    /// The day the hire actually started.
    pub started_on: Option<Date>,
    /// The runner-up kept warm as the first to call if the hire does not start.
    pub backup: bool,
    /// The stage an ended (rejected or withdrawn) application left from; set with the move.
    pub left_from_stage: Option<String>,
    /// Where within its source it came from: `hh` for a response pulled from hh.ru.
    pub channel: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
