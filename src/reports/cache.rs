//! The funnel and the sources report both read the same few hundred groups of applications, and
//! reading them means going through every application of the period. Each instance keeps the
//! groups it last read per filter together with the applications' data version they were read
//! at (migration 19: every write to `applications` moves it, in the writing transaction). A
//! request reads the version first and uses the cached groups only when it has not moved, so an
//! answer is never older than the data the request could see. The cache only saves work: it is
//! per instance, bounded, and nothing is lost when it is dropped.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use super::filter::Filter;
use super::funnel::{Group, groups};
use crate::error::AppResult;

/// Distinct filters kept; past that the oldest-read half is dropped. Managers look at a few
/// ranges and positions, not hundreds.
const MAX_FILTERS: usize = 256;

#[derive(Default)]
pub struct GroupCache {
    entries: Mutex<HashMap<Filter, Entry>>,
    /// Orders reads, for dropping the least recently read filters.
    reads: AtomicU64,
}

struct Entry {
    version: i64,
    groups: Arc<Vec<Group>>,
    last_read: u64,
}

/// The applications' data version as this request's snapshot sees it.
pub async fn applications_version(db: &DatabaseConnection) -> AppResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM data_versions WHERE name = 'applications'",
        ))
        .await?;
    Ok(match row {
        Some(row) => row
            .try_get_by_index::<i64>(0)
            .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))?,
        None => 0,
    })
}

impl GroupCache {
    /// The groups of `filter`: from the cache when no application was written since they were
    /// read, else read again (the version is read before the rows, so a write that lands in
    /// between only makes the next request read again).
    pub async fn groups(
        &self,
        db: &DatabaseConnection,
        filter: Filter,
    ) -> AppResult<Arc<Vec<Group>>> {
        let version = applications_version(db).await?;
        if let Some(cached) = self.fresh(filter, version) {
            return Ok(cached);
        }
        let fresh = Arc::new(groups(db, filter).await?);
        self.keep(filter, version, fresh.clone());
        Ok(fresh)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Filter, Entry>> {
        // A panic while holding the lock cannot leave an entry half-written: use what is there.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn fresh(&self, filter: Filter, version: i64) -> Option<Arc<Vec<Group>>> {
        let tick = self.reads.fetch_add(1, Ordering::Relaxed);
        let mut entries = self.lock();
        let entry = entries.get_mut(&filter).filter(|e| e.version == version)?;
        entry.last_read = tick;
        Some(entry.groups.clone())
    }

    fn keep(&self, filter: Filter, version: i64, groups: Arc<Vec<Group>>) {
        let tick = self.reads.fetch_add(1, Ordering::Relaxed);
        let mut entries = self.lock();
        if entries.len() >= MAX_FILTERS && !entries.contains_key(&filter) {
            let mut reads: Vec<u64> = entries.values().map(|e| e.last_read).collect();
            reads.sort_unstable();
            let cut = reads[reads.len() / 2];
            entries.retain(|_, e| e.last_read > cut);
        }
        // Two requests may read the same filter at once; the newer version wins.
        match entries.get(&filter) {
            Some(kept) if kept.version > version => {}
            _ => {
                entries.insert(
                    filter,
                    Entry {
                        version,
                        groups,
                        last_read: tick,
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(position: i32) -> Filter {
        Filter {
            position_id: Some(position),
            ..Filter::default()
        }
    }

    #[test]
    fn a_moved_version_is_a_miss_and_the_newer_read_is_kept() {
        let cache = GroupCache::default();
        cache.keep(filter(1), 5, Arc::new(Vec::new()));
        assert!(cache.fresh(filter(1), 5).is_some());
        assert!(cache.fresh(filter(1), 6).is_none());
        assert!(cache.fresh(filter(2), 5).is_none());
        cache.keep(filter(1), 7, Arc::new(Vec::new()));
        cache.keep(filter(1), 6, Arc::new(Vec::new()));
        assert!(
            cache.fresh(filter(1), 7).is_some(),
            "an older read does not replace a newer one"
        );
    }

    #[test]
    fn the_cache_stays_bounded_and_keeps_what_was_read_last() {
        let cache = GroupCache::default();
        for position in 0..MAX_FILTERS as i32 {
            cache.keep(filter(position), 1, Arc::new(Vec::new()));
        }
        assert!(cache.fresh(filter(0), 1).is_some());
        cache.keep(filter(-1), 1, Arc::new(Vec::new()));
        let len = cache.lock().len();
        assert!(len <= MAX_FILTERS / 2 + 2, "{len} entries kept");
        assert!(
            cache.fresh(filter(0), 1).is_some(),
            "the one just read stays"
        );
        assert!(cache.fresh(filter(-1), 1).is_some());
    }
}
