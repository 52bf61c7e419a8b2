//! The interview checklist and scorecards: a versioned question bank with follow-up probes,
//! position kits, interviews with their interviewers and kit, and independent scorecards.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_index, drop_tables, user_fk, with_timestamps};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    Code,
    Version,
    Competency,
    Kind,
    Interviews,
    Minutes,
    TextRu,
    TextEn,
    StrongRu,
    StrongEn,
    RedFlagsRu,
    RedFlagsEn,
    JuniorRu,
    JuniorEn,
    MiddleRu,
    MiddleEn,
    SeniorRu,
    SeniorEn,
    Active,
    SupersededBy,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum QuestionFollowUps {
    Table,
    Id,
    QuestionId,
    Code,
    Rank,
    WhenRu,
    WhenEn,
    TextRu,
    TextEn,
}

#[derive(DeriveIden)]
enum PositionCompetencies {
    Table,
    PositionId,
    Competency,
}

#[derive(DeriveIden)]
enum PositionKitQuestions {
    Table,
    PositionId,
    Kind,
    QuestionCode,
    Rank,
}

#[derive(DeriveIden)]
enum Interviews {
    Table,
    Id,
    ApplicationId,
    Kind,
    ScheduledAt,
    DurationMinutes,
    Place,
    Status,
    CreatedBy,
}

#[derive(DeriveIden)]
enum InterviewInterviewers {
    Table,
    InterviewId,
    UserId,
}

#[derive(DeriveIden)]
enum InterviewQuestions {
    Table,
    InterviewId,
    QuestionId,
    Rank,
}

#[derive(DeriveIden)]
enum Scorecards {
    Table,
    Id,
    InterviewId,
    InterviewerId,
    Status,
    Recommendation,
    Strengths,
    Concerns,
    Notes,
    SubmittedAt,
    ReminderSentAt,
}

#[derive(DeriveIden)]
enum ScorecardAnswers {
    Table,
    ScorecardId,
    QuestionId,
    Score,
    Notes,
    FollowUpsAsked,
}

#[derive(DeriveIden)]
enum ScorecardRatings {
    Table,
    ScorecardId,
    Competency,
    Score,
}

fn fk_cascade<T, C, U, D>(from: T, column: C, to: U, to_column: D) -> ForeignKeyCreateStatement
where
    T: IntoIden + 'static,
    C: IntoIden + 'static,
    U: IntoIden + 'static,
    D: IntoIden + 'static,
{
    ForeignKey::create()
        .from(from, column)
        .to(to, to_column)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Questions::Table)
                    .col(pk_auto(Questions::Id))
                    .col(string(Questions::Code))
                    .col(integer(Questions::Version))
                    .col(string(Questions::Competency))
                    .col(string(Questions::Kind))
                    .col(string(Questions::Interviews))
                    .col(integer(Questions::Minutes))
                    .col(text(Questions::TextRu))
                    .col(text(Questions::TextEn))
                    .col(text(Questions::StrongRu))
                    .col(text(Questions::StrongEn))
                    .col(text(Questions::RedFlagsRu))
                    .col(text(Questions::RedFlagsEn))
                    .col(text_null(Questions::JuniorRu))
                    .col(text_null(Questions::JuniorEn))
                    .col(text_null(Questions::MiddleRu))
                    .col(text_null(Questions::MiddleEn))
                    .col(text_null(Questions::SeniorRu))
                    .col(text_null(Questions::SeniorEn))
                    .col(boolean(Questions::Active).default(true))
                    .col(integer_null(Questions::SupersededBy))
                    .col(integer_null(Questions::CreatedBy))
                    .col(timestamp_with_time_zone(Questions::CreatedAt))
                    .foreign_key(&mut user_fk(Questions::Table, Questions::CreatedBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_questions_code_version")
                    .table(Questions::Table)
                    .col(Questions::Code)
                    .col(Questions::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_questions_competency",
            Questions::Table,
            [Questions::Competency],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(QuestionFollowUps::Table)
                    .col(pk_auto(QuestionFollowUps::Id))
                    .col(integer(QuestionFollowUps::QuestionId))
                    .col(string(QuestionFollowUps::Code))
                    .col(integer(QuestionFollowUps::Rank))
                    .col(text(QuestionFollowUps::WhenRu))
                    .col(text(QuestionFollowUps::WhenEn))
                    .col(text(QuestionFollowUps::TextRu))
                    .col(text(QuestionFollowUps::TextEn))
                    .foreign_key(&mut fk_cascade(
                        QuestionFollowUps::Table,
                        QuestionFollowUps::QuestionId,
                        Questions::Table,
                        Questions::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_question_follow_ups_question",
            QuestionFollowUps::Table,
            [QuestionFollowUps::QuestionId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PositionCompetencies::Table)
                    .col(integer(PositionCompetencies::PositionId))
                    .col(string(PositionCompetencies::Competency))
                    .primary_key(
                        Index::create()
                            .col(PositionCompetencies::PositionId)
                            .col(PositionCompetencies::Competency),
                    )
                    .foreign_key(&mut fk_cascade(
                        PositionCompetencies::Table,
                        PositionCompetencies::PositionId,
                        Alias::new("positions"),
                        Alias::new("id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PositionKitQuestions::Table)
                    .col(integer(PositionKitQuestions::PositionId))
                    .col(string(PositionKitQuestions::Kind))
                    .col(string(PositionKitQuestions::QuestionCode))
                    .col(integer(PositionKitQuestions::Rank))
                    .primary_key(
                        Index::create()
                            .col(PositionKitQuestions::PositionId)
                            .col(PositionKitQuestions::Kind)
                            .col(PositionKitQuestions::QuestionCode),
                    )
                    .foreign_key(&mut fk_cascade(
                        PositionKitQuestions::Table,
                        PositionKitQuestions::PositionId,
                        Alias::new("positions"),
                        Alias::new("id"),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Interviews::Table)
                        .col(pk_auto(Interviews::Id))
                        .col(integer(Interviews::ApplicationId))
                        .col(string(Interviews::Kind))
                        .col(timestamp_with_time_zone(Interviews::ScheduledAt))
                        .col(integer(Interviews::DurationMinutes))
                        .col(text(Interviews::Place))
                        .col(string(Interviews::Status))
                        .col(integer_null(Interviews::CreatedBy))
                        .foreign_key(&mut fk_cascade(
                            Interviews::Table,
                            Interviews::ApplicationId,
                            Alias::new("applications"),
                            Alias::new("id"),
                        ))
                        .foreign_key(&mut user_fk(Interviews::Table, Interviews::CreatedBy)),
                )
                .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_interviews_application",
            Interviews::Table,
            [Interviews::ApplicationId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(InterviewInterviewers::Table)
                    .col(integer(InterviewInterviewers::InterviewId))
                    .col(integer(InterviewInterviewers::UserId))
                    .primary_key(
                        Index::create()
                            .col(InterviewInterviewers::InterviewId)
                            .col(InterviewInterviewers::UserId),
                    )
                    .foreign_key(&mut fk_cascade(
                        InterviewInterviewers::Table,
                        InterviewInterviewers::InterviewId,
                        Interviews::Table,
                        Interviews::Id,
                    ))
                    .foreign_key(&mut fk_cascade(
                        InterviewInterviewers::Table,
                        InterviewInterviewers::UserId,
                        Alias::new("users"),
                        Alias::new("id"),
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_interview_interviewers_user",
            InterviewInterviewers::Table,
            [InterviewInterviewers::UserId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(InterviewQuestions::Table)
                    .col(integer(InterviewQuestions::InterviewId))
                    .col(integer(InterviewQuestions::QuestionId))
                    .col(integer(InterviewQuestions::Rank))
                    .primary_key(
                        Index::create()
                            .col(InterviewQuestions::InterviewId)
                            .col(InterviewQuestions::QuestionId),
                    )
                    .foreign_key(&mut fk_cascade(
                        InterviewQuestions::Table,
                        InterviewQuestions::InterviewId,
                        Interviews::Table,
                        Interviews::Id,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InterviewQuestions::Table, InterviewQuestions::QuestionId)
                            .to(Questions::Table, Questions::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                with_timestamps(
                    Table::create()
                        .table(Scorecards::Table)
                        .col(pk_auto(Scorecards::Id))
                        .col(integer(Scorecards::InterviewId))
                        .col(integer(Scorecards::InterviewerId))
                        .col(string(Scorecards::Status))
                        .col(string_null(Scorecards::Recommendation))
                        .col(text(Scorecards::Strengths))
                        .col(text(Scorecards::Concerns))
                        .col(text(Scorecards::Notes))
                        .col(timestamp_with_time_zone_null(Scorecards::SubmittedAt))
                        .col(timestamp_with_time_zone_null(Scorecards::ReminderSentAt))
                        .foreign_key(&mut fk_cascade(
                            Scorecards::Table,
                            Scorecards::InterviewId,
                            Interviews::Table,
                            Interviews::Id,
                        ))
                        .foreign_key(&mut fk_cascade(
                            Scorecards::Table,
                            Scorecards::InterviewerId,
                            Alias::new("users"),
                            Alias::new("id"),
                        )),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_scorecards_interview_interviewer")
                    .table(Scorecards::Table)
                    .col(Scorecards::InterviewId)
                    .col(Scorecards::InterviewerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScorecardAnswers::Table)
                    .col(integer(ScorecardAnswers::ScorecardId))
                    .col(integer(ScorecardAnswers::QuestionId))
                    .col(integer_null(ScorecardAnswers::Score))
                    .col(text(ScorecardAnswers::Notes))
                    .col(text(ScorecardAnswers::FollowUpsAsked))
                    .primary_key(
                        Index::create()
                            .col(ScorecardAnswers::ScorecardId)
                            .col(ScorecardAnswers::QuestionId),
                    )
                    .foreign_key(&mut fk_cascade(
                        ScorecardAnswers::Table,
                        ScorecardAnswers::ScorecardId,
                        Scorecards::Table,
                        Scorecards::Id,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ScorecardAnswers::Table, ScorecardAnswers::QuestionId)
                            .to(Questions::Table, Questions::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScorecardRatings::Table)
                    .col(integer(ScorecardRatings::ScorecardId))
                    .col(string(ScorecardRatings::Competency))
                    .col(integer(ScorecardRatings::Score))
                    .primary_key(
                        Index::create()
                            .col(ScorecardRatings::ScorecardId)
                            .col(ScorecardRatings::Competency),
                    )
                    .foreign_key(&mut fk_cascade(
                        ScorecardRatings::Table,
                        ScorecardRatings::ScorecardId,
                        Scorecards::Table,
                        Scorecards::Id,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "scorecard_ratings",
                "scorecard_answers",
                "scorecards",
                "interview_questions",
                "interview_interviewers",
                "interviews",
                "position_kit_questions",
                "position_competencies",
                "question_follow_ups",
                "questions",
            ],
        )
        .await
    }
}
