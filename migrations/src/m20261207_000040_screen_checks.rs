//! The phone screen's checks on a scorecard: for each check of the position's screen script
//! (salary against the band, notice period, city and work format, each must-have requirement)
//! the interviewer's yes or no, an optional note and, for the salary, the figure the candidate
//! named. Rows are rewritten whole with the card's draft, like its answers and ratings, so
//! they carry no timestamps of their own (the card has them).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScorecardChecks {
    Table,
    ScorecardId,
    Code,
    Answer,
    ExpectedSalary,
    Note,
    Subject,
    Failed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ScorecardChecks::Table)
                    .col(integer(ScorecardChecks::ScorecardId))
                    .col(string(ScorecardChecks::Code))
                    .col(string(ScorecardChecks::Answer))
                    .col(big_integer_null(ScorecardChecks::ExpectedSalary))
                    .col(text(ScorecardChecks::Note))
                    .col(text(ScorecardChecks::Subject))
                    .col(boolean(ScorecardChecks::Failed))
                    .primary_key(
                        Index::create()
                            .col(ScorecardChecks::ScorecardId)
                            .col(ScorecardChecks::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ScorecardChecks::Table, ScorecardChecks::ScorecardId)
                            .to(Alias::new("scorecards"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScorecardChecks::Table).to_owned())
            .await
    }
}
