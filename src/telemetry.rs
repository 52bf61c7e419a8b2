//! Structured logs: human-readable by default, JSON with `HIRELOOP_LOG_FORMAT=json`; the level
//! from `RUST_LOG` (default `info`). Each request's span carries its request id.

use tracing_subscriber::{EnvFilter, fmt};

pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let json = std::env::var("HIRELOOP_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = fmt().with_env_filter(filter).with_target(false);
    // A second init (as in tests) is harmless: the first subscriber stays.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
