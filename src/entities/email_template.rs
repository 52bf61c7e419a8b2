//! `email_templates` table: the texts a recruiter starts an email to a candidate from.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "email_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The natural key of a template from seed-data; none for the agency's own.
    #[sea_orm(unique)]
    pub code: Option<String>,
    pub name: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub created_by: Option<i32>,
    pub deleted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
