//! The one-month intern programme: the template admins edit, each intern's plan made from it,
//! department rotations with their scorecards, exam attempts, the defence panel's grades, the
//! decision at the end, and one-time links a new user sets their password through.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgrammeItems {
    Table,
    Id,
    Code,
    Week,
    Rank,
    Kind,
    Department,
    DueOffset,
    Track,
    TitleRu,
    TitleEn,
    AboutRu,
    AboutEn,
    Retired,
}

#[derive(DeriveIden)]
enum Internships {
    Table,
    Id,
    InternId,
    MentorId,
    ApplicationId,
    GroupName,
    StartDate,
    ExamTrack,
    ExamOn,
    ProjectPlan,
    ProjectPlanAt,
    MentorNotes,
    Status,
    Outcome,
    OutcomeDepartment,
    OutcomeReason,
    DecidedAt,
    DecidedBy,
    CreatedBy,
    Version,
}

#[derive(DeriveIden)]
enum InternshipItems {
    Table,
    Id,
    InternshipId,
    Code,
    Week,
    Rank,
    Kind,
    Department,
    TitleRu,
    TitleEn,
    AboutRu,
    AboutEn,
    DueOn,
    DoneAt,
    DoneBy,
    SignedOffAt,
    SignedOffBy,
}

#[derive(DeriveIden)]
enum Rotations {
    Table,
    Id,
    InternshipId,
    Week,
    Department,
    OwnerId,
    Scores,
    Notes,
    ScoredAt,
    ScoredBy,
}

#[derive(DeriveIden)]
enum ExamAttempts {
    Table,
    Id,
    InternshipId,
    Exam,
    Attempt,
    TakenOn,
    Score,
    MaxScore,
    PassPercent,
    Passed,
    Notes,
    GradedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DefenceGrades {
    Table,
    Id,
    InternshipId,
    GraderId,
    Criterion,
    Score,
    Notes,
}

#[derive(DeriveIden)]
enum PasswordLinks {
    Table,
    Id,
    UserId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Department,
}

/// A column that belongs to an internship and goes with it.
fn internship_fk<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Internships::Table, Internships::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A person the row is about (not merely who touched it): removing them removes the row.
fn person_fk<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Alias::new("users"), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn unique_index<T, C>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr>
where
    T: IntoIden + 'static,
    C: IntoIden + 'static,
{
    let mut index = Index::create().name(name).table(table).unique().to_owned();
    for column in columns {
        index.col(column);
    }
    manager.create_index(index).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(ProgrammeItems::Table)
                        .col(pk_auto(ProgrammeItems::Id))
                        .col(string_uniq(ProgrammeItems::Code))
                        .col(integer(ProgrammeItems::Week))
                        .col(integer(ProgrammeItems::Rank))
                        .col(string(ProgrammeItems::Kind))
                        .col(string(ProgrammeItems::Department))
                        .col(integer(ProgrammeItems::DueOffset))
                        .col(string_null(ProgrammeItems::Track))
                        .col(string(ProgrammeItems::TitleRu))
                        .col(string(ProgrammeItems::TitleEn))
                        .col(text(ProgrammeItems::AboutRu))
                        .col(text(ProgrammeItems::AboutEn))
                        .col(boolean(ProgrammeItems::Retired).default(false)),
                )
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Internships::Table)
                        .col(pk_auto(Internships::Id))
                        .col(integer(Internships::InternId))
                        .col(integer(Internships::MentorId))
                        .col(integer_null(Internships::ApplicationId))
                        .col(string(Internships::GroupName))
                        .col(date(Internships::StartDate))
                        .col(string(Internships::ExamTrack))
                        .col(date_null(Internships::ExamOn))
                        .col(text(Internships::ProjectPlan))
                        .col(timestamp_with_time_zone_null(Internships::ProjectPlanAt))
                        .col(text(Internships::MentorNotes))
                        .col(string(Internships::Status))
                        .col(string_null(Internships::Outcome))
                        .col(string_null(Internships::OutcomeDepartment))
                        .col(text_null(Internships::OutcomeReason))
                        .col(timestamp_with_time_zone_null(Internships::DecidedAt))
                        .col(integer_null(Internships::DecidedBy))
                        .col(integer_null(Internships::CreatedBy))
                        .col(integer(Internships::Version).default(1))
                        .foreign_key(&mut person_fk(Internships::Table, Internships::InternId))
                        .foreign_key(
                            ForeignKey::create()
                                .from(Internships::Table, Internships::MentorId)
                                .to(Alias::new("users"), Alias::new("id")),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(Internships::Table, Internships::ApplicationId)
                                .to(Alias::new("applications"), Alias::new("id"))
                                .on_delete(ForeignKeyAction::SetNull),
                        )
                        .foreign_key(&mut user_fk(Internships::Table, Internships::DecidedBy))
                        .foreign_key(&mut user_fk(Internships::Table, Internships::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_internships_intern",
            Internships::Table,
            [Internships::InternId],
        )
        .await?;
        create_index(
            manager,
            "idx_internships_mentor",
            Internships::Table,
            [Internships::MentorId],
        )
        .await?;
        // One programme per hire: a second enrolment of the same application is a duplicate.
        unique_index(
            manager,
            "idx_internships_application",
            Internships::Table,
            [Internships::ApplicationId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(InternshipItems::Table)
                    .col(pk_auto(InternshipItems::Id))
                    .col(integer(InternshipItems::InternshipId))
                    .col(string(InternshipItems::Code))
                    .col(integer(InternshipItems::Week))
                    .col(integer(InternshipItems::Rank))
                    .col(string(InternshipItems::Kind))
                    .col(string(InternshipItems::Department))
                    .col(string(InternshipItems::TitleRu))
                    .col(string(InternshipItems::TitleEn))
                    .col(text(InternshipItems::AboutRu))
                    .col(text(InternshipItems::AboutEn))
                    .col(date(InternshipItems::DueOn))
                    .col(timestamp_with_time_zone_null(InternshipItems::DoneAt))
                    .col(integer_null(InternshipItems::DoneBy))
                    .col(timestamp_with_time_zone_null(InternshipItems::SignedOffAt))
                    .col(integer_null(InternshipItems::SignedOffBy))
                    .foreign_key(&mut internship_fk(
                        InternshipItems::Table,
                        InternshipItems::InternshipId,
                    ))
                    .foreign_key(&mut user_fk(
                        InternshipItems::Table,
                        InternshipItems::DoneBy,
                    ))
                    .foreign_key(&mut user_fk(
                        InternshipItems::Table,
                        InternshipItems::SignedOffBy,
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_internship_items_internship",
            InternshipItems::Table,
            [InternshipItems::InternshipId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Rotations::Table)
                    .col(pk_auto(Rotations::Id))
                    .col(integer(Rotations::InternshipId))
                    .col(integer(Rotations::Week))
                    .col(string(Rotations::Department))
                    .col(integer_null(Rotations::OwnerId))
                    .col(text_null(Rotations::Scores))
                    .col(text(Rotations::Notes))
                    .col(timestamp_with_time_zone_null(Rotations::ScoredAt))
                    .col(integer_null(Rotations::ScoredBy))
                    .foreign_key(&mut internship_fk(
                        Rotations::Table,
                        Rotations::InternshipId,
                    ))
                    .foreign_key(&mut user_fk(Rotations::Table, Rotations::OwnerId))
                    .foreign_key(&mut user_fk(Rotations::Table, Rotations::ScoredBy))
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_rotations_internship_department",
            Rotations::Table,
            [
                Rotations::InternshipId.into_iden(),
                Rotations::Department.into_iden(),
            ],
        )
        .await?;
        create_index(
            manager,
            "idx_rotations_owner",
            Rotations::Table,
            [Rotations::OwnerId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExamAttempts::Table)
                    .col(pk_auto(ExamAttempts::Id))
                    .col(integer(ExamAttempts::InternshipId))
                    .col(string(ExamAttempts::Exam))
                    .col(integer(ExamAttempts::Attempt))
                    .col(date(ExamAttempts::TakenOn))
                    .col(integer(ExamAttempts::Score))
                    .col(integer(ExamAttempts::MaxScore))
                    .col(integer(ExamAttempts::PassPercent))
                    .col(boolean(ExamAttempts::Passed))
                    .col(text(ExamAttempts::Notes))
                    .col(integer_null(ExamAttempts::GradedBy))
                    .col(
                        timestamp_with_time_zone(ExamAttempts::CreatedAt)
                            .default(Expr::current_timestamp()),
                    )
                    .foreign_key(&mut internship_fk(
                        ExamAttempts::Table,
                        ExamAttempts::InternshipId,
                    ))
                    .foreign_key(&mut user_fk(ExamAttempts::Table, ExamAttempts::GradedBy))
                    .to_owned(),
            )
            .await?;
        // Two examiners recording at once cannot both write attempt N.
        unique_index(
            manager,
            "idx_exam_attempts_number",
            ExamAttempts::Table,
            [
                ExamAttempts::InternshipId.into_iden(),
                ExamAttempts::Exam.into_iden(),
                ExamAttempts::Attempt.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(DefenceGrades::Table)
                        .col(pk_auto(DefenceGrades::Id))
                        .col(integer(DefenceGrades::InternshipId))
                        .col(integer(DefenceGrades::GraderId))
                        .col(string(DefenceGrades::Criterion))
                        .col(integer(DefenceGrades::Score))
                        .col(text(DefenceGrades::Notes))
                        .foreign_key(&mut internship_fk(
                            DefenceGrades::Table,
                            DefenceGrades::InternshipId,
                        ))
                        .foreign_key(&mut person_fk(
                            DefenceGrades::Table,
                            DefenceGrades::GraderId,
                        )),
                )
                .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_defence_grades_one_per_criterion",
            DefenceGrades::Table,
            [
                DefenceGrades::InternshipId.into_iden(),
                DefenceGrades::GraderId.into_iden(),
                DefenceGrades::Criterion.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordLinks::Table)
                    .col(pk_auto(PasswordLinks::Id))
                    .col(integer(PasswordLinks::UserId))
                    .col(string_uniq(PasswordLinks::TokenHash))
                    .col(timestamp_with_time_zone(PasswordLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordLinks::UsedAt))
                    .col(
                        timestamp_with_time_zone(PasswordLinks::CreatedAt)
                            .default(Expr::current_timestamp()),
                    )
                    .foreign_key(&mut person_fk(PasswordLinks::Table, PasswordLinks::UserId))
                    .to_owned(),
            )
            .await?;

        // Where a person works after a transfer (or a promotion) at the end of the programme.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_null(Users::Department))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::Department)
                    .to_owned(),
            )
            .await?;
        drop_tables(
            manager,
            &[
                "password_links",
                "defence_grades",
                "exam_attempts",
                "rotations",
                "internship_items",
                "internships",
                "programme_items",
            ],
        )
        .await
    }
}
