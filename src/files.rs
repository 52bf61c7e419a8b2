//! Private files (CVs now, offer letters later) behind one interface: a local folder by
//! default, S3-compatible storage by URL (build with `--features s3`) so several instances share
//! the same files. Nothing here is ever served from a public folder: downloads go through an
//! authorised handler. Uploads are checked by their content, not by their name.

use std::sync::Arc;

use anyhow::Context;
use chrono::Utc;
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use sha2::{Digest, Sha256};

use crate::entities::stored_file;
use crate::error::{AppError, AppResult};

/// The largest CV accepted.
pub const MAX_CV_BYTES: usize = 10 * 1024 * 1024;

/// A document type accepted as a CV, recognised from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    Pdf,
    Docx,
    Odt,
}

impl DocumentKind {
    pub fn content_type(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocumentKind::Odt => "application/vnd.oasis.opendocument.text",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "pdf",
            DocumentKind::Docx => "docx",
            DocumentKind::Odt => "odt",
        }
    }

    /// What the bytes are, whatever the file is called: a `.pdf` that is really an `.exe` is
    /// refused.
    pub fn sniff(bytes: &[u8]) -> Option<DocumentKind> {
        if infer::archive::is_pdf(bytes) && bytes.starts_with(b"%PDF") {
            Some(DocumentKind::Pdf)
        } else if infer::doc::is_docx(bytes) {
            Some(DocumentKind::Docx)
        } else if infer::odf::is_odt(bytes) {
            Some(DocumentKind::Odt)
        } else {
            None
        }
    }
}

/// Where file bytes live. Cheap to clone.
#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    prefix: StorePath,
}

impl FileStore {
    /// `s3://bucket/prefix` (with the `s3` feature; credentials from the usual AWS_*
    /// variables), `file:///absolute/dir`, or a plain folder path, created if missing.
    pub fn from_url(location: &str) -> anyhow::Result<Self> {
        if location.contains("://") && !location.starts_with("file://") {
            let url =
                url::Url::parse(location).with_context(|| format!("file store URL {location}"))?;
            let (store, prefix) = object_store::parse_url_opts(&url, std::env::vars())
                .with_context(|| {
                    format!("file store {location} (is the `s3` feature built in?)")
                })?;
            return Ok(Self {
                store: Arc::from(store),
                prefix,
            });
        }
        let dir = location.strip_prefix("file://").unwrap_or(location);
        std::fs::create_dir_all(dir).with_context(|| format!("creating the file folder {dir}"))?;
        let store = LocalFileSystem::new_with_prefix(dir)
            .with_context(|| format!("opening the file folder {dir}"))?;
        Ok(Self {
            store: Arc::new(store),
            prefix: StorePath::default(),
        })
    }

    fn path(&self, key: &str) -> StorePath {
        self.prefix.clone().join(key)
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.store
            .put(&self.path(key), PutPayload::from(bytes))
            .await
            .with_context(|| format!("storing file {key}"))?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let result = self
            .store
            .get(&self.path(key))
            .await
            .with_context(|| format!("reading file {key}"))?;
        Ok(result.bytes().await?.to_vec())
    }

    /// Removes a file; one that is already gone is not an error.
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(err).with_context(|| format!("deleting file {key}")),
        }
    }
}

/// An upload as it arrived: the name the user gave it and its bytes.
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// Checks a CV (size, then type by content), stores its bytes and records it. The bytes are
/// written before the row so that a row never points at nothing; a failed insert leaves an
/// orphan file, which is harmless and private.
pub async fn store_cv<C: ConnectionTrait>(
    db: &C,
    files: &FileStore,
    actor_id: Option<i32>,
    upload: Upload,
) -> AppResult<stored_file::Model> {
    store_document(db, files, actor_id, upload, "cv").await
}

/// The largest intern programme material accepted: the same as a CV.
pub const MAX_MATERIAL_BYTES: usize = MAX_CV_BYTES;

/// Checks a programme material (a PDF, DOCX or ODT of at most [`MAX_MATERIAL_BYTES`]) as a CV
/// is checked, and stores it under `materials/`.
pub async fn store_material<C: ConnectionTrait>(
    db: &C,
    files: &FileStore,
    actor_id: Option<i32>,
    upload: Upload,
) -> AppResult<stored_file::Model> {
    store_document(db, files, actor_id, upload, "materials").await
}

async fn store_document<C: ConnectionTrait>(
    db: &C,
    files: &FileStore,
    actor_id: Option<i32>,
    upload: Upload,
    folder: &str,
) -> AppResult<stored_file::Model> {
    if upload.bytes.len() > MAX_CV_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let kind = DocumentKind::sniff(&upload.bytes).ok_or(AppError::UnsupportedMediaType)?;
    let sha256: String = Sha256::digest(&upload.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = format!(
        "{folder}/{}/{}.{}",
        Utc::now().format("%Y/%m"),
        crate::web::csrf::random_token(),
        kind.extension()
    );
    let size = upload.bytes.len() as i64;
    files.put(&key, upload.bytes).await?;
    let filename = clean_filename(&upload.filename, kind);
    Ok(stored_file::ActiveModel {
        storage_key: Set(key),
        filename: Set(filename),
        content_type: Set(kind.content_type().into()),
        size_bytes: Set(size),
        sha256: Set(sha256),
        uploaded_by: Set(actor_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A name safe to put in a Content-Disposition header, with the extension the content has.
pub fn clean_filename(name: &str, kind: DocumentKind) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let stem: String = stem
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';' | '\\' | '/'))
        .take(100)
        .collect();
    let stem = stem.trim();
    let stem = if stem.is_empty() { "cv" } else { stem };
    format!("{stem}.{}", kind.extension())
}

/// The Content-Disposition of a private download: always an attachment, with a plain ASCII
/// `filename` for old clients and the real (say, Cyrillic) name as RFC 5987 `filename*`.
pub fn attachment_disposition(name: &str) -> String {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let ascii_stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '(' | ')' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let ascii_stem = if ascii_stem.chars().any(|c| c.is_ascii_alphanumeric()) {
        ascii_stem.trim().to_owned()
    } else {
        "cv".to_owned()
    };
    let ascii_extension: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let fallback = if ascii_extension.is_empty() {
        ascii_stem
    } else {
        format!("{ascii_stem}.{ascii_extension}")
    };
    let mut encoded = String::new();
    for byte in name.bytes() {
        // RFC 5987 attr-char; everything else is percent-encoded.
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_download_names_travel_as_rfc_5987_with_an_ascii_fallback() {
        assert_eq!(
            attachment_disposition("Иванов резюме.pdf"),
            "attachment; filename=\"cv.pdf\"; \
             filename*=UTF-8''%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%20%D1%80%D0%B5%D0%B7%D1%8E%D0%BC%D0%B5.pdf"
        );
        assert_eq!(
            attachment_disposition("Anna Smith (CV) Иванова.docx"),
            "attachment; filename=\"Anna Smith (CV) _______.docx\"; \
             filename*=UTF-8''Anna%20Smith%20%28CV%29%20%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0.docx"
        );
    }

    /// The smallest byte strings each format is recognised by.
    pub fn docx_bytes() -> Vec<u8> {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.resize(0x1E, 0);
        bytes.extend_from_slice(b"word/document.xml");
        bytes.resize(200, 0);
        bytes
    }

    #[test]
    fn cvs_are_recognised_by_content_not_by_name() {
        assert_eq!(
            DocumentKind::sniff(b"%PDF-1.7\n1 0 obj"),
            Some(DocumentKind::Pdf)
        );
        assert_eq!(DocumentKind::sniff(&docx_bytes()), Some(DocumentKind::Docx));
        assert_eq!(DocumentKind::sniff(b"MZ\x90\x00 an exe"), None);
        assert_eq!(DocumentKind::sniff(b"plain text CV"), None);
    }

    #[test]
    fn download_names_keep_the_stem_and_take_the_real_extension() {
        assert_eq!(
            clean_filename("C:\\cv\\Иванов \"резюме\".exe", DocumentKind::Pdf),
            "Иванов резюме.pdf"
        );
        assert_eq!(clean_filename("", DocumentKind::Odt), "cv.odt");
    }
}
