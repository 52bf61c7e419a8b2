//! Background work that one bad job cannot stop. Every job — an outbox round, one email, an
//! import, a daily round — runs in its own tokio task; an error or a panic ends that job only,
//! is logged once with its cause, and the loops that schedule work go on.
//!
//! [`Jobs`] is the handle schedules submit their jobs through, and so can a test (a panicking
//! job, then one that should still run).

use std::future::Future;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How a job ended when it did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum JobFailed {
    #[error("{0:#}")]
    Error(anyhow::Error),
    #[error("panicked: {0}")]
    Panicked(String),
    #[error("cancelled")]
    Cancelled,
}

/// Runs `work` in a task of its own and waits for it. A panic inside comes back as
/// [`JobFailed::Panicked`] with its message instead of unwinding into the caller.
pub async fn isolated<T, F>(work: F) -> Result<T, JobFailed>
where
    T: Send + 'static,
    F: Future<Output = anyhow::Result<T>> + Send + 'static,
{
    match tokio::spawn(work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err(JobFailed::Error(err)),
        Err(join) if join.is_panic() => Err(JobFailed::Panicked(panic_message(join.into_panic()))),
        Err(_) => Err(JobFailed::Cancelled),
    }
}

/// [`isolated`], logging a failure once under the job's name; `None` when it failed.
pub async fn logged<T, F>(name: &str, work: F) -> Option<T>
where
    T: Send + 'static,
    F: Future<Output = anyhow::Result<T>> + Send + 'static,
{
    match isolated(work).await {
        Ok(value) => Some(value),
        Err(failed @ JobFailed::Panicked(_)) => {
            tracing::error!(job = name, cause = %failed, "background job panicked");
            None
        }
        Err(failed) => {
            tracing::warn!(job = name, cause = %failed, "background job failed");
            None
        }
    }
}

/// The text a panic carried (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(text) => (*text).to_owned(),
            Err(_) => "a panic without a message".to_owned(),
        },
    }
}

/// The app's runner of background jobs: a handle to submit work to, cheap to clone. Every job
/// already runs in a task of its own ([`isolated`]), so the handle holds no state.
#[derive(Clone, Copy, Debug, Default)]
pub struct Jobs;

impl Jobs {
    /// Starts `work` under `name` in the background; the receiver says whether it succeeded.
    pub fn submit<F>(&self, name: &str, work: F) -> oneshot::Receiver<bool>
    where
        F: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let (done, outcome) = oneshot::channel();
        let name = name.to_owned();
        tokio::spawn(async move {
            let _ = done.send(logged(&name, work).await.is_some());
        });
        outcome
    }

    /// Runs `work` and waits until it ends: true when it succeeded.
    pub async fn run<F>(&self, name: &str, work: F) -> bool
    where
        F: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        logged(name, work).await.is_some()
    }

    /// Runs a fresh job from `make` every `period` (the first at once), one at a time: a
    /// round that fails or panics is logged and the next one comes on time.
    pub fn every<M, F>(&self, name: &'static str, period: Duration, make: M) -> JoinHandle<()>
    where
        M: Fn() -> F + Send + 'static,
        F: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let jobs = *self;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                jobs.run(name, make()).await;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_job_is_reported_as_failed_and_the_next_job_still_runs() {
        let jobs = Jobs;
        let boom = jobs.run("boom", async { panic!("bad value") }).await;
        assert!(!boom);
        let next = jobs.run("next", async { Ok(()) }).await;
        assert!(next, "the runner survived the panic");
    }

    #[tokio::test]
    async fn isolated_work_gives_the_panic_message_back() {
        let failed = isolated(async {
            if true {
                panic!("header {}", "To");
            }
            Ok(())
        })
        .await;
        match failed {
            Err(JobFailed::Panicked(message)) => assert_eq!(message, "header To"),
            other => panic!("expected a panic, got {other:?}"),
        }
    }
}
