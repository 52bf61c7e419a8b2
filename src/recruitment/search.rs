//! Candidate search through an index. `candidates.search_text` holds the lower-cased name,
//! contacts and company; a search is "contains this text". On PostgreSQL a pg_trgm GIN index
//! serves `LIKE '%…%'` as written; SQLite cannot index LIKE, so there the text goes through
//! the FTS5 trigram table `candidates_fts` (migration 16), kept in step by triggers.

use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, DbBackend};

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
