//! The agency's values and the CEO's cultural-fit evidence about them: the list the agency
//! keeps (`/settings/values`), the values an interview was scheduled to ask about (frozen like
//! its questions, so renaming or removing a value later leaves past interviews as they were),
//! and the CEO's 1–5 score with a note per value on a scorecard.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AgencyValues {
    Table,
    Id,
    Code,
    Name,
    Description,
    Theme,
    Rank,
}

#[derive(DeriveIden)]
enum InterviewValues {
    Table,
    InterviewId,
    ValueCode,
    Name,
    Description,
    Theme,
    Rank,
}

#[derive(DeriveIden)]
enum ScorecardValueRatings {
    Table,
    ScorecardId,
    ValueCode,
    Score,
    Note,
}

fn cascade<C: IntoIden + 'static>(
    from: impl IntoIden + 'static,
    column: C,
    to: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(AgencyValues::Table)
                        .col(pk_auto(AgencyValues::Id))
                        .col(string_uniq(AgencyValues::Code))
                        .col(string(AgencyValues::Name))
                        .col(text(AgencyValues::Description))
                        // A theme of the values question bank (seed-data/values.toml), or none.
                        .col(string_null(AgencyValues::Theme))
                        .col(integer(AgencyValues::Rank)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InterviewValues::Table)
                    .col(integer(InterviewValues::InterviewId))
                    .col(string(InterviewValues::ValueCode))
                    .col(string(InterviewValues::Name))
                    .col(text(InterviewValues::Description))
                    .col(string_null(InterviewValues::Theme))
                    .col(integer(InterviewValues::Rank))
                    .primary_key(
                        Index::create()
                            .col(InterviewValues::InterviewId)
                            .col(InterviewValues::ValueCode),
                    )
                    .foreign_key(&mut cascade(
                        InterviewValues::Table,
                        InterviewValues::InterviewId,
                        "interviews",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScorecardValueRatings::Table)
                    .col(integer(ScorecardValueRatings::ScorecardId))
                    .col(string(ScorecardValueRatings::ValueCode))
                    .col(integer(ScorecardValueRatings::Score))
                    .col(text(ScorecardValueRatings::Note))
                    .primary_key(
                        Index::create()
                            .col(ScorecardValueRatings::ScorecardId)
                            .col(ScorecardValueRatings::ValueCode),
                    )
                    .foreign_key(&mut cascade(
                        ScorecardValueRatings::Table,
                        ScorecardValueRatings::ScorecardId,
                        "scorecards",
                    ))
                    .to_owned(),
            )
            .await?;
        // "Has a CEO interview used this value?" is asked by code before a removal.
        manager
            .create_index(
                Index::create()
                    .name("idx_interview_values_code")
                    .table(InterviewValues::Table)
                    .col(InterviewValues::ValueCode)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "scorecard_value_ratings",
                "interview_values",
                "agency_values",
            ],
        )
        .await
    }
}
