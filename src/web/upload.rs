//! Multipart bodies read field by field: the file under one name, every other field as text,
//! so a form refused for its file can show the rest again.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::http::StatusCode;

use crate::error::{AppError, AppResult};
use crate::files::{MAX_CV_BYTES, Upload};
use crate::web::i18n::Message;

/// Reads a multipart body: the file in `file_field` (absent or empty → `None`) and every other
/// field as text. A body over the limit is 413, whatever part of it was being read.
pub async fn read_upload(
    multipart: Multipart,
    file_field: &str,
) -> AppResult<(Option<Upload>, HashMap<String, String>)> {
    let (upload, fields) = read_upload_keeping(multipart, file_field).await;
    Ok((upload?, fields))
}

/// Like [`read_upload`], but the text fields read are returned even when the file cannot be
/// taken, so that a form refused for its file shows them again. A file over the limit does
/// not stop the reading of the fields after it.
pub async fn read_upload_keeping(
    multipart: Multipart,
    file_field: &str,
) -> (AppResult<Option<Upload>>, HashMap<String, String>) {
    read_upload_limited(multipart, file_field, MAX_CV_BYTES).await
}

/// [`read_upload_keeping`] with a file size limit of its own (a logo is smaller than a CV).
pub async fn read_upload_limited(
    mut multipart: Multipart,
    file_field: &str,
    max_bytes: usize,
) -> (AppResult<Option<Upload>>, HashMap<String, String>) {
    let mut upload = Ok(None);
    let mut fields = HashMap::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return (Err(multipart_error(err.status())), fields),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == file_field {
            let filename = field.file_name().unwrap_or_default().to_owned();
            let bytes = match field.bytes().await {
                Ok(bytes) => bytes,
                Err(err) => return (Err(multipart_error(err.status())), fields),
            };
            if bytes.len() > max_bytes {
                upload = Err(AppError::PayloadTooLarge);
            } else if !bytes.is_empty() && upload.is_ok() {
                upload = Ok(Some(Upload {
                    filename,
                    bytes: bytes.to_vec(),
                }));
            }
        } else {
            match field.text().await {
                Ok(text) => {
                    fields.insert(name, text);
                }
                Err(err) => return (Err(multipart_error(err.status())), fields),
            }
        }
    }
    (upload, fields)
}

fn multipart_error(status: StatusCode) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest(Message::new("error-multipart"))
    }
}
