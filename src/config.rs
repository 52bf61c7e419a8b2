//! Settings, from the command line and the environment (clap reads both).

use std::fmt;
use std::net::SocketAddr;

/// Where the embedded default keeps its database: a SQLite file under ./data.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/hireloop.db?mode=rwc";

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    /// Create the demo company on a new, empty database.
    pub demo: bool,
    /// Mark cookies `Secure`: set when Hireloop is served over TLS.
    pub secure_cookies: bool,
    /// Read templates from disk and reload them on change (development only).
    pub template_autoreload: bool,
    pub login: LoginPolicy,
    /// Where private files (CVs) are kept: a folder, or `s3://bucket/prefix`.
    pub files_url: String,
    /// Applications one address may send through the public job pages per hour.
    pub job_applications_per_hour: i32,
    /// Read the client's address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    pub mail: MailConfig,
    /// The key stored secrets are sealed with (`HIRELOOP_SECRET_KEY`); without it the embedded
    /// default keeps one beside its SQLite file, and PostgreSQL refuses to start.
    pub secret_key: Option<crate::secrets::SecretKey>,
}

/// Email: where it goes, who sends it, and how the outbox worker paces itself.
#[derive(Clone)]
pub struct MailConfig {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…:465`; `None` writes .eml files.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `Orbita hiring <jobs@orbita.example>`.
    pub from: String,
    /// Where .eml files go without SMTP.
    pub outbox_dir: String,
    pub poll: std::time::Duration,
    /// The first retry's delay; each next one waits twice as long.
    pub retry_base: std::time::Duration,
    pub max_attempts: i32,
    /// After this hour (UTC) the day's follow-up digest goes out.
    pub digest_hour_utc: u32,
    /// The address people open Hireloop at, for links in emails.
    pub public_url: String,
    /// How often the agency mailbox is read for replies.
    pub mailbox_poll: std::time::Duration,
    /// How often responses are fetched from hh.ru (statuses go back ten times as often).
    pub hh_poll: std::time::Duration,
    /// How often the webhook worker looks for deliveries that are due (their retries wait
    /// `retry_base`, doubling, like email's, and give up after `max_attempts`).
    pub webhook_poll: std::time::Duration,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Hireloop <hireloop@localhost>".into(),
            outbox_dir: "data/outbox".into(),
            poll: std::time::Duration::from_secs(5),
            retry_base: std::time::Duration::from_secs(30),
            max_attempts: 8,
            digest_hour_utc: 5,
            public_url: "http://127.0.0.1:8080".into(),
            mailbox_poll: std::time::Duration::from_secs(60),
            hh_poll: std::time::Duration::from_secs(10 * 60),
            webhook_poll: std::time::Duration::from_secs(2),
        }
    }
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("from", &self.from)
            .field("outbox_dir", &self.outbox_dir)
            .field("poll", &self.poll)
            .field("retry_base", &self.retry_base)
            .field("max_attempts", &self.max_attempts)
            .field("digest_hour_utc", &self.digest_hour_utc)
            .field("public_url", &self.public_url)
            .field("mailbox_poll", &self.mailbox_poll)
            .field("hh_poll", &self.hh_poll)
            .field("webhook_poll", &self.webhook_poll)
            .finish()
    }
}

/// Where the embedded default keeps uploaded files.
pub const DEFAULT_FILES_URL: &str = "data/files";

/// How repeated failed logins are slowed, then locked.
#[derive(Clone, Debug)]
pub struct LoginPolicy {
    /// Failures after which every further attempt is delayed.
    pub slow_after: i32,
    /// Failures after which the account is locked.
    pub lock_after: i32,
    pub lock_minutes: i64,
    /// Delay per failure beyond `slow_after`, capped at four steps.
    pub delay_step_ms: u64,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            slow_after: 3,
            lock_after: 5,
            lock_minutes: 15,
            delay_step_ms: 250,
        }
    }
}

impl Config {
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

// The database URL may hold a password; it never reaches a log in full.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("addr", &self.addr)
            .field("demo", &self.demo)
            .field("secure_cookies", &self.secure_cookies)
            .field("template_autoreload", &self.template_autoreload)
            .field("login", &self.login)
            .field("files_url", &redact_url(&self.files_url))
            .field("job_applications_per_hour", &self.job_applications_per_hour)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("mail", &self.mail)
            .field("secret_key", &self.secret_key)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/hl"),
            "postgres://app:***@db:5432/hl"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(
            redact_url("sqlite://data/hireloop.db?mode=rwc"),
            "sqlite://data/hireloop.db?mode=rwc"
        );
    }
}
