//! Search ignores the difference between `ё` and `е`: the stored search text is folded the
//! way the search box's text is (`domain::search::fold`). On SQLite the FTS table follows by
//! its update trigger.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE candidates SET search_text = REPLACE(search_text, 'ё', 'е') \
                 WHERE search_text LIKE '%ё%'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Folding loses which letters were `ё`; the folded text still finds everyone.
        Ok(())
    }
}
