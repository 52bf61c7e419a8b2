//! Small schema helpers shared by the migrations.

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveIden)]
enum Stamp {
    CreatedAt,
    UpdatedAt,
}

/// `created_at` and `updated_at` in UTC; the app sets both, the defaults are a backstop.
pub fn with_timestamps(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(timestamp_with_time_zone(Stamp::CreatedAt).default(Expr::current_timestamp()))
        .col(timestamp_with_time_zone(Stamp::UpdatedAt).default(Expr::current_timestamp()))
}

/// A foreign key to `users.id` that survives the user's removal by clearing itself.
pub fn user_fk<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Alias::new("users"), Alias::new("id"))
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

/// Drops tables in the order given (dependents first).
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(Alias::new(*table)).to_owned())
            .await?;
    }
    Ok(())
}

/// Runs hand-written statements in order: what the schema builder cannot say (triggers,
/// virtual tables, extensions) differs between SQLite and PostgreSQL anyway.
pub async fn execute_all(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// A plain (non-unique) index over `columns`.
pub async fn create_index<T, C>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr>
where
    T: IntoIden + 'static,
    C: IntoIden + 'static,
{
    let mut index = Index::create().name(name).table(table).to_owned();
    for column in columns {
        index.col(column);
    }
    manager.create_index(index).await
}
