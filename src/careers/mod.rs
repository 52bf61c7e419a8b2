//! The agency's careers site, open to everyone: `/careers` lists the open positions (by city and
//! work format), `/jobs/{slug}` shows one with its application form — or says the vacancy is
//! closed — and `GET /api/v1/public/positions` gives the same list to other sites. Pages speak
//! the visitor's language, or the one a shared link names with `?lang=`.

pub mod api;
pub mod apply;
pub mod jsonld;
pub mod model;
pub mod pages;
pub mod share;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use serde::Deserialize;

use crate::app::AppState;
use crate::recruitment::UPLOAD_LIMIT;
use crate::web::Page;
use crate::web::i18n::Lang;

pub fn router() -> Router<AppState> {
    let uploads = Router::new()
        .route("/jobs/{slug}", get(pages::show).post(apply::apply))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    Router::new()
        .route("/careers", get(pages::careers))
        .route("/jobs/{slug}/consent", get(pages::consent))
        .merge(uploads)
}

/// `?lang=` on a careers link.
#[derive(Deserialize, Default)]
pub struct LinkLang {
    pub lang: Option<String>,
}

/// A link that names its language (`?lang=en`) is read in it whatever the visitor's browser
/// or session prefers, so a shared link shows what the sharer saw. Anything but `ru` or `en`
/// is ignored: a link is not a form to refuse.
pub fn link_lang(page: &mut Page, lang: Option<&str>) {
    if let Some(lang) = lang.and_then(Lang::parse) {
        page.lang = lang;
    }
}
