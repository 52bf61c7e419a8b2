//! `/admin/agency`: the agency's face in one form — name, legal details for letters, logo,
//! accent colour, default language and time zone — with a preview of the header candidates see.

use axum::body::Bytes;
use axum::extract::Multipart;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::logo;
use super::model::{self, AgencyFields};
use crate::domain::access::Action;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::Page;
use crate::web::confirm::{self, Confirmation};
use crate::web::context::FlashKind;
use crate::web::i18n::Message;

const PATH: &str = "/admin/agency";
/// The form's name for the kept input.
const FORM: &str = "agency";

#[derive(Serialize)]
struct SettingsPage {
    agency: super::Agency,
    logo_path: Option<String>,
    /// (value, label) pairs for the select; a zone set over the API outside the list is kept.
    zones: Vec<(String, String)>,
    max_logo_kb: usize,
    /// The form token in the action's query: a multipart body is not read for it.
    csrf_query: String,
}

pub async fn show(page: Page) -> AppResult<Response> {
    page.require(Action::Administer)?;
    let agency = model::load(&page.state.db).await?;
    let context = SettingsPage {
        logo_path: agency.logo_path(),
        zones: zone_options(&agency.time_zone),
        agency,
        max_logo_kb: logo::MAX_BYTES / 1024,
        csrf_query: serde_urlencoded::to_string([(
            "_csrf",
            crate::web::csrf::token(&page.session).await?,
        )])
        .unwrap_or_default(),
    };
    Ok(page
        .render("admin/agency.html", context)
        .await?
        .into_response())
}

fn zone_options(current: &str) -> Vec<(String, String)> {
    let mut zones: Vec<(String, String)> = crate::web::dates::ZONES
        .iter()
        .map(|z| (z.to_string(), z.to_string()))
        .collect();
    if !crate::web::dates::ZONES.contains(&current) {
        zones.insert(0, (current.to_owned(), current.to_owned()));
    }
    zones
}

/// Saves the fields and, when a file was chosen, the logo — both checked before either is kept.
pub async fn save(
    page: Page,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    // Access before the body: a refused visitor learns nothing from how it was sent.
    let user = page.require(Action::Administer)?.clone();
    let multipart = multipart.map_err(|_| AppError::UnsupportedMediaType)?;
    let (upload, fields) =
        crate::web::upload::read_upload_limited(multipart, "logo", logo::MAX_BYTES).await;
    let value = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let request = AgencyFields {
        name: value("name"),
        legal_name: value("legal_name"),
        address: value("address"),
        accent_color: value("accent_color"),
        default_lang: value("default_lang"),
        time_zone: value("time_zone"),
    };
    let db = &page.state.db;
    let current = model::load(db).await?;
    let mut errors = request.clone().apply(&current).err().unwrap_or_default();
    let prepared = match upload {
        Ok(Some(file)) => match logo::prepare(&file.bytes) {
            Ok(prepared) => Some(prepared),
            Err(message) => {
                errors.push(FieldError::new("logo", message));
                None
            }
        },
        Ok(None) => None,
        Err(AppError::PayloadTooLarge) => {
            errors.push(FieldError::new(
                "logo",
                Message::new("agency-logo-too-large"),
            ));
            None
        }
        Err(other) => return Err(other),
    };
    if !errors.is_empty() {
        return page
            .show_again_with(PATH, FORM, AppError::Validation(errors), &fields)
            .await;
    }
    model::save(db, &page.state.agency, user.id, request).await?;
    if let Some(prepared) = &prepared {
        model::set_logo(db, &page.state.agency, user.id, Some(prepared)).await?;
    }
    page.flash(FlashKind::Success, Message::new("agency-saved"))
        .await?;
    Ok(Redirect::to(PATH).into_response())
}

/// Takes the logo off (after asking: the file is not kept); the name stands alone in headers
/// and letters.
pub async fn remove_logo(page: Page, body: Bytes) -> AppResult<Response> {
    let user = page.require(Action::Administer)?.clone();
    let pairs = confirm::pairs(&body)?;
    if !confirm::is_confirmed(&pairs) {
        return Confirmation::new(
            &page,
            Message::new("agency-logo-remove-title"),
            "/admin/agency/logo/remove",
        )
        .says(&page, Message::new("agency-logo-remove-says"))
        .confirm_label(&page, Message::new("agency-logo-remove"))
        .back(PATH, false)
        .render(&page)
        .await;
    }
    model::set_logo(&page.state.db, &page.state.agency, user.id, None).await?;
    page.flash(FlashKind::Success, Message::new("agency-logo-removed"))
        .await?;
    Ok(Redirect::to(PATH).into_response())
}
