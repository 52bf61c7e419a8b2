//! Inputs of the import: the upload (multipart from the page or the API, or a bare text/csv
//! body with its choices in the query), and the ticks on the preview.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

use super::model::ImportUpload;
use super::reader::{Encoding, MAX_BYTES};
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::Message;

/// The upload's choices, as multipart fields or query parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadChoices {
    /// `auto` (default), `utf-8` or `windows-1251`.
    pub encoding: Option<String>,
    /// Put everyone on the long-list of this position.
    pub position_id: Option<String>,
    /// `true`: the recruiter confirms the people consented to processing; required.
    pub consent: Option<String>,
    /// The wording they agreed to; the current one when omitted.
    pub consent_text_version: Option<String>,
}

fn truthy(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("1" | "true" | "on" | "yes"))
}

impl UploadChoices {
    fn from_fields(fields: &HashMap<String, String>) -> Self {
        Self {
            encoding: fields.get("encoding").cloned(),
            position_id: fields.get("position_id").cloned(),
            consent: fields.get("consent").cloned(),
            consent_text_version: fields.get("consent_text_version").cloned(),
        }
    }

    /// With the file: the upload, or the fields that cannot be read.
    pub fn into_upload(self, filename: String, bytes: Vec<u8>) -> AppResult<ImportUpload> {
        let mut errors = Vec::new();
        let encoding =
            Encoding::parse(self.encoding.as_deref().unwrap_or("")).unwrap_or_else(|_| {
                errors.push(FieldError::new(
                    "encoding",
                    Message::new("import-encoding-invalid"),
                ));
                None
            });
        let position_id = match self.position_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match text.parse::<i32>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "position_id",
                        Message::new("field-position-unknown"),
                    ));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(ImportUpload {
            filename,
            bytes,
            encoding,
            position_id,
            consent: truthy(self.consent.as_deref()),
            consent_text_version: self.consent_text_version,
        })
    }
}

/// Reads a multipart upload: field `file` and the choices beside it.
pub async fn read_multipart(
    mut multipart: Multipart,
) -> AppResult<(UploadChoices, String, Vec<u8>)> {
    let mut file = None;
    let mut fields = HashMap::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return Err(multipart_error(err.status())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let filename = field.file_name().unwrap_or("import.csv").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|err| multipart_error(err.status()))?;
            if bytes.len() > MAX_BYTES {
                return Err(AppError::PayloadTooLarge);
            }
            file = Some((filename, bytes.to_vec()));
        } else {
            let text = field
                .text()
                .await
                .map_err(|err| multipart_error(err.status()))?;
            fields.insert(name, text);
        }
    }
    let (filename, bytes) = file.unwrap_or_else(|| ("import.csv".to_owned(), Vec::new()));
    Ok((UploadChoices::from_fields(&fields), filename, bytes))
}

fn multipart_error(status: StatusCode) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest(Message::new("error-multipart"))
    }
}

/// The preview form: which rows were shown (`line`), which are ticked (`tick`), and what to do.
pub struct ChoiceForm {
    pub action: String,
    pub shown: Vec<i32>,
    pub ticked: Vec<i32>,
}

impl ChoiceForm {
    /// From the form's pairs; repeated keys are why this is not a derived struct. A line that
    /// is not a number, or a tick on a line the form did not show, is refused rather than
    /// dropped: the recruiter would otherwise import other rows than the ones they ticked.
    pub fn from_pairs(pairs: &[(String, String)]) -> AppResult<Self> {
        let mut unknown = None;
        let mut numbers = |key: &str| -> Vec<i32> {
            pairs
                .iter()
                .filter(|(k, _)| k == key)
                .filter_map(|(_, v)| match v.trim().parse() {
                    Ok(line) => Some(line),
                    Err(_) => {
                        unknown.get_or_insert_with(|| v.clone());
                        None
                    }
                })
                .collect()
        };
        let shown = numbers("line");
        let ticked = numbers("tick");
        if unknown.is_none() {
            unknown = ticked
                .iter()
                .find(|line| !shown.contains(line))
                .map(i32::to_string);
        }
        if let Some(value) = unknown {
            let message = Message::new("import-tick-unknown").with("value", value);
            return Err(AppError::Validation(vec![FieldError::new("tick", message)]));
        }
        Ok(Self {
            action: pairs
                .iter()
                .find(|(k, _)| k == "action")
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            shown,
            ticked,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn ticks_on_shown_lines_are_read() {
        let form = ChoiceForm::from_pairs(&pairs(&[
            ("line", "2"),
            ("line", "3"),
            ("tick", "3"),
            ("action", "save"),
        ]))
        .unwrap();
        assert_eq!((form.shown, form.ticked), (vec![2, 3], vec![3]));
        assert_eq!(form.action, "save");
    }

    #[test]
    fn a_tick_that_is_not_a_line_number_is_refused_not_dropped() {
        let word = ChoiceForm::from_pairs(&pairs(&[("line", "2"), ("tick", "две")]));
        assert!(matches!(word, Err(AppError::Validation(_))));
        let elsewhere = ChoiceForm::from_pairs(&pairs(&[("line", "2"), ("tick", "7")]));
        assert!(matches!(elsewhere, Err(AppError::Validation(_))));
    }
}
