//! `import_rows` table: one line of an imported file, as read and checked, and what became of it.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "import_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub batch_id: i32,
    /// The line in the file (the header is line 1).
    pub line_number: i32,
    /// new, duplicate (of a person here), in_file (of an earlier line), error.
    pub status: String,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub expected_salary: Option<i64>,
    pub currency: Option<String>,
    pub links: Option<String>,
    pub source: Option<String>,
    /// The stage the file names, as its code (long_list, …).
    pub stage: Option<String>,
    /// JSON `[{"field", "key"}]`: the message keys of what is wrong.
    pub errors: Option<String>,
    pub existing_candidate_id: Option<i32>,
    pub earlier_line: Option<i32>,
    pub selected: bool,
    /// created, linked — set in the transaction that wrote the person.
    pub outcome: Option<String>,
    pub candidate_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
