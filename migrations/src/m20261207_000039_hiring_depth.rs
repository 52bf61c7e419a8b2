//! Hiring in depth: a question's hard/soft tag is its competency's (the seed files had 25
//! questions contradicting their competency, and the bank form let a recruiter do the same), and
//! a position says which variant of the role it hires for: an account manager, an account plus
//! project manager, or a sales plus account manager (`domain::role_variant`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Sets every question's kind to its competency's. A correlated subquery reads the same on
/// SQLite and PostgreSQL (no `UPDATE … FROM`); public so a test can run it on a spoiled row.
pub const ALIGN_QUESTION_KINDS: &str = "UPDATE questions SET kind = (SELECT c.kind FROM competencies c \
     WHERE c.code = questions.competency) \
     WHERE EXISTS (SELECT 1 FROM competencies c \
     WHERE c.code = questions.competency AND c.kind <> questions.kind)";

#[derive(DeriveIden)]
enum Positions {
    Table,
    RoleVariant,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(ALIGN_QUESTION_KINDS)
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Positions::Table)
                    .add_column(string(Positions::RoleVariant).default("account"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The questions' old tags contradicted their competencies; they are not brought back.
        manager
            .alter_table(
                Table::alter()
                    .table(Positions::Table)
                    .drop_column(Positions::RoleVariant)
                    .to_owned(),
            )
            .await
    }
}
