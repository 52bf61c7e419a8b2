//! Secrets at rest: a password the app must use again (the agency mailbox's, the hh.ru tokens
//! next) is sealed with XChaCha20-Poly1305 under one key before it reaches the database, and
//! read back only where it is used. The key comes from `HIRELOOP_SECRET_KEY`; the embedded
//! default (SQLite) makes one in a file beside its database on first start. Several instances
//! on PostgreSQL must share one key, so there a missing key refuses to start.
//!
//! [`Secret`] never prints: `Debug` and `Display` say `***`, it is not `Serialize`, and its text
//! is reached only through [`Secret::expose`].

use std::fmt;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// The prefix of a sealed value: the scheme, so that a later one can be told apart.
const SEALED_PREFIX: &str = "v1:";
const NONCE_LEN: usize = 24;
/// The key file's name, beside the SQLite database.
pub const KEY_FILE: &str = "secret.key";

/// A text that must not be seen: shown as `***` wherever it is printed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The text itself, for the one place that uses it (a login).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A secret as it arrives in a request: deserialised straight into a [`Secret`], so it never
/// prints.
#[derive(Clone, Debug, Default)]
pub struct SecretInput(pub Secret);

impl<'de> serde::Deserialize<'de> for SecretInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self(Secret::new(
            <String as serde::Deserialize>::deserialize(d)?,
        )))
    }
}

/// Why a secret could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the stored secret is not in a form this version reads")]
    Malformed,
    /// A wrong key, or a value changed after it was sealed: the cipher tells them apart from
    /// nothing, which is the point.
    #[error("the stored secret does not open with this key (another key, or changed)")]
    Rejected,
    #[error("the secret key must be 32 bytes in base64")]
    BadKey,
}

/// The key secrets are sealed with: 32 bytes, never printed.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

impl SecretKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Reads 32 bytes written in standard base64 (surrounding spaces ignored).
    pub fn from_base64(text: &str) -> Result<Self, SecretError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| SecretError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SecretError::BadKey)?;
        Ok(Self(bytes))
    }

    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&Key::from(self.0))
    }

    /// Seals `secret` under a fresh random nonce: `v1:` + base64(nonce ‖ ciphertext ‖ tag).
    pub fn seal(&self, secret: &Secret) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher()
            .encrypt(&XNonce::from(nonce), secret.expose().as_bytes())
            .expect("sealing into memory cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}", STANDARD.encode(out))
    }

    /// Opens what [`SecretKey::seal`] made; another key or any changed byte is refused.
    pub fn open(&self, sealed: &str) -> Result<Secret, SecretError> {
        let encoded = sealed
            .strip_prefix(SEALED_PREFIX)
            .ok_or(SecretError::Malformed)?;
        let bytes = STANDARD
            .decode(encoded)
            .map_err(|_| SecretError::Malformed)?;
        if bytes.len() < NONCE_LEN {
            return Err(SecretError::Malformed);
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SecretError::Malformed)?;
        let plain = self
            .cipher()
            .decrypt(&XNonce::from(nonce), body)
            .map_err(|_| SecretError::Rejected)?;
        String::from_utf8(plain)
            .map(Secret)
            .map_err(|_| SecretError::Malformed)
    }
}

/// The folder a SQLite URL's database file lives in (`sqlite://data/hireloop.db?mode=rwc` →
/// `data`); `None` for other databases and for in-memory SQLite.
pub fn sqlite_folder(database_url: &str) -> Option<PathBuf> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path.contains(":memory:") {
        return None;
    }
    Some(
        Path::new(path)
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from(".")),
    )
}

/// The key to run with: the configured one; else, for a SQLite file, the one in its folder
/// (made on first start, readable by the owner only); else a refusal that says what to set.
pub fn resolve_key(
    configured: Option<&SecretKey>,
    database_url: &str,
) -> anyhow::Result<SecretKey> {
    if let Some(key) = configured {
        return Ok(key.clone());
    }
    match sqlite_folder(database_url) {
        Some(folder) => key_file(&folder.join(KEY_FILE)),
        None if database_url.starts_with("sqlite:") => Ok(SecretKey::generate()),
        None => anyhow::bail!(
            "HIRELOOP_SECRET_KEY is not set: with PostgreSQL every instance must seal secrets \
             with the same key. Make one with `openssl rand -base64 32` and give it to every \
             instance as HIRELOOP_SECRET_KEY."
        ),
    }
}

/// Reads the key at `path`, or writes a new one there (mode 0600) when there is none.
pub fn key_file(path: &Path) -> anyhow::Result<SecretKey> {
    use anyhow::Context;
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the secret key {}", path.display()))?;
        return SecretKey::from_base64(&text)
            .with_context(|| format!("the secret key in {}", path.display()));
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating {}", folder.display()))?;
    }
    let key = SecretKey::generate();
    write_owner_only(path, &key.to_base64())
        .with_context(|| format!("writing the secret key {}", path.display()))?;
    tracing::info!(path = %path.display(), "created the key that seals stored secrets");
    Ok(key)
}

#[cfg(unix)]
fn write_owner_only(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_owner_only(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_again_with_its_key() {
        let key = SecretKey::generate();
        let sealed = key.seal(&Secret::new("пароль от ящика"));
        assert!(!sealed.contains("пароль"));
        assert_eq!(key.open(&sealed).unwrap().expose(), "пароль от ящика");
    }

    #[test]
    fn the_same_secret_seals_differently_each_time() {
        let key = SecretKey::generate();
        let secret = Secret::new("same");
        assert_ne!(key.seal(&secret), key.seal(&secret));
    }

    #[test]
    fn another_key_cannot_open_a_sealed_secret() {
        let sealed = SecretKey::generate().seal(&Secret::new("hunter2"));
        assert!(matches!(
            SecretKey::generate().open(&sealed),
            Err(SecretError::Rejected)
        ));
    }

    #[test]
    fn a_changed_byte_is_refused() {
        let key = SecretKey::generate();
        let sealed = key.seal(&Secret::new("hunter2"));
        let mut bytes = STANDARD.decode(&sealed[SEALED_PREFIX.len()..]).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("{SEALED_PREFIX}{}", STANDARD.encode(bytes));
        assert!(matches!(key.open(&tampered), Err(SecretError::Rejected)));
        assert!(matches!(key.open("hunter2"), Err(SecretError::Malformed)));
    }

    #[test]
    fn secrets_and_keys_never_print() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret}"), "***");
        assert!(!format!("{secret:?}").contains("hunter2"));
        let key = SecretKey::from_bytes([7; 32]);
        assert!(!format!("{key:?}").contains(&key.to_base64()));
    }

    #[test]
    fn a_key_must_be_32_bytes_of_base64() {
        let key = SecretKey::generate();
        assert!(SecretKey::from_base64(&key.to_base64()).is_ok());
        assert!(SecretKey::from_base64("c2hvcnQ=").is_err());
        assert!(SecretKey::from_base64("not base64 at all!").is_err());
    }

    #[test]
    fn the_embedded_default_makes_a_key_file_once_and_reuses_it() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("app.db").display());
        let first = resolve_key(None, &url).unwrap();
        let path = dir.path().join(KEY_FILE);
        assert!(path.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = resolve_key(None, &url).unwrap();
        let sealed = first.seal(&Secret::new("x"));
        assert_eq!(again.open(&sealed).unwrap().expose(), "x");
    }

    #[test]
    fn postgres_without_a_key_refuses_to_start() {
        let refused = resolve_key(None, "postgres://app@db/hireloop").unwrap_err();
        assert!(refused.to_string().contains("HIRELOOP_SECRET_KEY"));
        let key = SecretKey::generate();
        assert!(resolve_key(Some(&key), "postgres://app@db/hireloop").is_ok());
    }

    #[test]
    fn the_key_sits_beside_the_sqlite_file() {
        assert_eq!(
            sqlite_folder("sqlite://data/hireloop.db?mode=rwc"),
            Some(PathBuf::from("data"))
        );
        assert_eq!(sqlite_folder("sqlite::memory:"), None);
        assert_eq!(sqlite_folder("postgres://x@y/z"), None);
    }
}
