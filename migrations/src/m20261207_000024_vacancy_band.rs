//! The salary band each edited vacancy text was written against, per language, so a text
//! that quotes an old band can be told apart from one that follows the current band.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::execute_all;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Positions {
    Table,
    VacancyRuBand,
    VacancyEnBand,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Positions::VacancyRuBand, Positions::VacancyEnBand] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Positions::Table)
                        .add_column(string_null(column))
                        .to_owned(),
                )
                .await?;
        }
        // Texts edited before this change were written against the band of the day; stamp them
        // with it, so only a later band change marks them stale.
        execute_all(
            manager,
            &[
                "UPDATE positions SET vacancy_ru_band = (SELECT CAST(g.salary_min AS TEXT) || '-' || \
                 CAST(g.salary_max AS TEXT) || '-' || g.currency FROM grades g WHERE g.code = positions.grade) \
                 WHERE vacancy_ru IS NOT NULL",
                "UPDATE positions SET vacancy_en_band = (SELECT CAST(g.salary_min AS TEXT) || '-' || \
                 CAST(g.salary_max AS TEXT) || '-' || g.currency FROM grades g WHERE g.code = positions.grade) \
                 WHERE vacancy_en IS NOT NULL",
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Positions::VacancyRuBand, Positions::VacancyEnBand] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Positions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
