//! The scheduled hh.ru round, run on every instance (each part claims its own work, so two
//! instances never do the same thing twice): responses fetched when the last sync is older
//! than `hh_poll`, then the statuses that are due sent back, the vacancies of closed positions
//! archived, and the saved resume searches that are due. The round looks ten times per poll period, so a status waits for hh a tenth
//! of it at most (a minute by default).

use std::time::Duration;

use anyhow::Context;

use super::{archive, pushes, search_runs, sync};
use crate::app::AppState;

/// How often the round looks, for a poll period of `hh_poll`.
pub fn tick(hh_poll: Duration) -> Duration {
    (hh_poll / 10).max(Duration::from_secs(1))
}

/// One round. Each part runs whatever the other did; a failure is logged by the job runner
/// and the next round tries again.
pub async fn scheduled(state: AppState) -> anyhow::Result<()> {
    let synced = sync::scheduled(&state, state.config.mail.hh_poll).await;
    if let Ok(Some(done)) = &synced
        && done.imported + done.updated > 0
    {
        tracing::info!(
            imported = done.imported,
            updated = done.updated,
            "responses fetched from hh.ru"
        );
    }
    let pushed = pushes::push_due(&state).await;
    if let Ok(sent) = pushed
        && sent > 0
    {
        tracing::info!(sent, "statuses sent to hh.ru");
    }
    // Vacancies still live on hh whose positions closed while hh did not answer: caught up
    // by the instance whose sync ran this period, so once per period and by one instance.
    let archived = if matches!(synced, Ok(Some(_))) {
        archive::archive_closed(&state).await
    } else {
        Ok(0)
    };
    if let Ok(count) = archived
        && count > 0
    {
        tracing::info!(count, "vacancies of closed positions archived on hh.ru");
    }
    // Saved resume searches whose day has come (each claimed by one instance).
    let searched = search_runs::run_due(&state).await;
    if let Ok(ran) = searched
        && ran > 0
    {
        tracing::info!(ran, "saved hh.ru resume searches run");
    }
    synced
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("fetching responses from hh.ru")?;
    pushed
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("sending statuses to hh.ru")?;
    searched
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("running saved hh.ru resume searches")?;
    archived
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("archiving the vacancies of closed positions on hh.ru")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_round_looks_ten_times_per_poll() {
        assert_eq!(tick(Duration::from_secs(600)), Duration::from_secs(60));
        assert_eq!(tick(Duration::from_millis(100)), Duration::from_secs(1));
    }
}
