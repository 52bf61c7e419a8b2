//! Shared HTTP plumbing: request context, templates, language, CSRF, sessions, errors, assets.

pub mod assets;
pub mod client;
pub mod confirm;
pub mod context;
pub mod csrf;
pub mod dates;
pub mod errors;
pub mod health;
pub mod i18n;
pub mod idempotency;
pub mod json;
pub mod kept;
pub mod list;
pub mod markdown;
pub mod openapi;
pub mod rate_limit;
pub mod recipient;
pub mod session_store;
pub mod tabular;
pub mod templates;
pub mod upload;

pub use context::{AuthUser, FlashKind, Page};
pub use json::ApiJson;

/// A local path to return to after a form, never another site: `/x` yes, `//evil` or
/// `https://evil` no.
pub fn safe_return_path(candidate: Option<&str>) -> String {
    match candidate {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/profile")), "/profile");
        assert_eq!(safe_return_path(Some("//evil.example")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(Some("/\\evil")), "/");
        assert_eq!(safe_return_path(None), "/");
    }
}
