//! Candidate search through an index. `candidates.search_text` holds the lower-cased name,
//! contacts and company; a search is "contains this text". On PostgreSQL a pg_trgm GIN index
//! serves `LIKE '%…%'` as written; SQLite cannot index LIKE, so there the text goes through
//! the FTS5 trigram table `candidates_fts` (migration 16), kept in step by triggers.

use sea_orm::sea_query::{Alias, Expr, JoinType, SimpleExpr};
use sea_orm::{ColumnTrait, DbBackend, QueryFilter, QuerySelect, Select};

use crate::entities::candidate;

/// The trigram index finds substrings of three characters or more; shorter ones are scanned.
const INDEXED_FROM_CHARS: usize = 3;

/// A condition on `candidates` that holds when its search text contains `needle`
/// (already lower-cased by the caller).
pub fn contains(backend: DbBackend, needle: &str) -> SimpleExpr {
    if backend == DbBackend::Sqlite && needle.chars().count() >= INDEXED_FROM_CHARS {
        Expr::cust_with_values(
            "candidates.id IN (SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ?)",
            [phrase(needle)],
        )
    } else {
        candidate::Column::SearchText.contains(needle)
    }
}

/// Narrows a list of people, newest first, to those whose search text contains `needle`;
/// returns the query and what "newest first" must order by. On SQLite the FTS table is joined
/// and the order is its rowid: FTS5 then hands over matches newest first and the page stops at
/// its last row (a name matching 7,000 people costs a page, not 7,000 rows). With `IN (…)`
/// SQLite collected every match first, and ordering by `candidates.id` sorted them all.
pub fn narrow(
    query: Select<candidate::Entity>,
    backend: DbBackend,
    needle: &str,
) -> (Select<candidate::Entity>, Expr) {
    if backend == DbBackend::Sqlite && needle.chars().count() >= INDEXED_FROM_CHARS {
        let mut query = query;
        QuerySelect::query(&mut query).join(
            JoinType::InnerJoin,
            Alias::new("candidates_fts"),
            Expr::cust("candidates_fts.rowid = candidates.id"),
        );
        let query = query.filter(Expr::cust_with_values(
            "candidates_fts MATCH ?",
            [phrase(needle)],
        ));
        (query, Expr::cust("candidates_fts.rowid"))
    } else {
        (
            query.filter(contains(backend, needle)),
            Expr::col((candidate::Entity, candidate::Column::Id)),
        )
    }
}

/// The needle as one FTS5 phrase: quoted, inner quotes doubled, so no character of it is
/// read as query syntax (AND, OR, NEAR, *, column filters).
fn phrase(needle: &str) -> String {
    format!("\"{}\"", needle.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_needle_is_one_phrase_whatever_it_contains() {
        assert_eq!(phrase("ivan"), "\"ivan\"");
        assert_eq!(phrase("a\"b OR c*"), "\"a\"\"b OR c*\"");
    }
}
