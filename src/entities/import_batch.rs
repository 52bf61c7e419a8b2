//! `import_batches` table: one uploaded CSV file of candidates, its state and progress.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "import_batches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_by: Option<i32>,
    /// previewing, importing, done (a cancelled batch is deleted).
    pub state: String,
    pub filename: String,
    pub encoding: String,
    pub position_id: Option<i32>,
    pub consent_text_version: String,
    pub total_rows: i32,
    pub new_rows: i32,
    pub duplicate_rows: i32,
    pub in_file_rows: i32,
    pub error_rows: i32,
    pub selected_rows: i32,
    pub processed_rows: i32,
    pub created_rows: i32,
    pub linked_rows: i32,
    /// Until when an instance works on it; a claim that ran out may be taken over.
    pub claimed_until: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
