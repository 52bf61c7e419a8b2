//! The probation plan of a started hire: its milestones (the first week, the two-month check,
//! the result at the end) and the KPIs recorded for each month of it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProbationMilestones {
    Table,
    Id,
    ApplicationId,
    Code,
    DueOn,
    DoneAt,
    DoneBy,
    Result,
    Note,
}

#[derive(DeriveIden)]
enum ProbationKpis {
    Table,
    Id,
    ApplicationId,
    Month,
    ChurnPercent,
    Nps,
    ClientLifetimeMonths,
    ReceivablesPercent,
    RecordedBy,
}

fn application_fk<C: IntoIden + 'static, T: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Alias::new("applications"), Alias::new("id"))
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
                        .table(ProbationMilestones::Table)
                        .col(pk_auto(ProbationMilestones::Id))
                        .col(integer(ProbationMilestones::ApplicationId))
                        .col(string(ProbationMilestones::Code))
                        .col(date(ProbationMilestones::DueOn))
                        .col(timestamp_with_time_zone_null(ProbationMilestones::DoneAt))
                        .col(integer_null(ProbationMilestones::DoneBy))
                        .col(string_null(ProbationMilestones::Result))
                        .col(text_null(ProbationMilestones::Note))
                        .foreign_key(&mut application_fk(
                            ProbationMilestones::Table,
                            ProbationMilestones::ApplicationId,
                        ))
                        .foreign_key(&mut user_fk(
                            ProbationMilestones::Table,
                            ProbationMilestones::DoneBy,
                        )),
                )
                .to_owned(),
            )
            .await?;
        // One plan per hire: a lazy first read racing the start cannot make a second one.
        manager
            .create_index(
                Index::create()
                    .name("idx_probation_milestones_application_code")
                    .table(ProbationMilestones::Table)
                    .col(ProbationMilestones::ApplicationId)
                    .col(ProbationMilestones::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Follow-ups look for open milestones past their day.
        manager
            .create_index(
                Index::create()
                    .name("idx_probation_milestones_due")
                    .table(ProbationMilestones::Table)
                    .col(ProbationMilestones::DueOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(ProbationKpis::Table)
                        .col(pk_auto(ProbationKpis::Id))
                        .col(integer(ProbationKpis::ApplicationId))
                        .col(integer(ProbationKpis::Month))
                        .col(integer_null(ProbationKpis::ChurnPercent))
                        .col(integer_null(ProbationKpis::Nps))
                        .col(integer_null(ProbationKpis::ClientLifetimeMonths))
                        .col(integer_null(ProbationKpis::ReceivablesPercent))
                        .col(integer_null(ProbationKpis::RecordedBy))
                        .foreign_key(&mut application_fk(
                            ProbationKpis::Table,
                            ProbationKpis::ApplicationId,
                        ))
                        .foreign_key(&mut user_fk(
                            ProbationKpis::Table,
                            ProbationKpis::RecordedBy,
                        )),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_probation_kpis_application_month")
                    .table(ProbationKpis::Table)
                    .col(ProbationKpis::ApplicationId)
                    .col(ProbationKpis::Month)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["probation_kpis", "probation_milestones"]).await
    }
}
