//! The agency's logo: PNG, JPEG or SVG up to 1 MB in, always a PNG out. Raster images are
//! decoded under size limits and re-encoded (metadata dropped); an SVG is rasterised with
//! resvg with every external reference refused, so no uploaded SVG is ever served, and so no
//! script in one can run. The PNG is kept in the database (one setting), so every instance
//! serves the same logo and the offer letter can embed it.

use std::io::Cursor;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::model::LogoRef;
use crate::admin::settings;
use crate::error::AppResult;
use crate::web::i18n::Message;

/// The settings key the PNG is kept under.
pub const KEY: &str = "agency_logo";
/// The largest file an admin may upload.
pub const MAX_BYTES: usize = 1024 * 1024;
/// The box a logo is scaled into: wide enough for a letterhead, small enough for a header.
const MAX_WIDTH: u32 = 800;
const MAX_HEIGHT: u32 = 400;
/// Refuse to decode images claiming more than this (a small file can claim a huge canvas).
const MAX_SOURCE_SIDE: u32 = 8000;

/// A logo ready to keep: the PNG and what the pages need to know of it.
pub struct PreparedLogo {
    pub png: Vec<u8>,
    pub reference: LogoRef,
}

#[derive(Default, Serialize, Deserialize)]
struct StoredLogo {
    hash: String,
    png_base64: String,
}

/// What kind of image the bytes are, by their content (never by the name).
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Png,
    Jpeg,
    Svg,
}

fn sniff(bytes: &[u8]) -> Option<Kind> {
    match infer::get(bytes).map(|t| t.mime_type()) {
        Some("image/png") => return Some(Kind::Png),
        Some("image/jpeg") => return Some(Kind::Jpeg),
        _ => {}
    }
    // An SVG is text whose first element is <svg>, perhaps after a declaration or a comment.
    let head = std::str::from_utf8(&bytes[..bytes.len().min(1024)]).ok()?;
    head.contains("<svg").then_some(Kind::Svg)
}

/// Checks and converts an upload; the message says what is wrong with it.
pub fn prepare(bytes: &[u8]) -> Result<PreparedLogo, Message> {
    if bytes.len() > MAX_BYTES {
        return Err(Message::new("agency-logo-too-large"));
    }
    let png = match sniff(bytes) {
        Some(Kind::Png) => raster(bytes, image::ImageFormat::Png)?,
        Some(Kind::Jpeg) => raster(bytes, image::ImageFormat::Jpeg)?,
        Some(Kind::Svg) => rasterise_svg(bytes)?,
        None => return Err(Message::new("agency-logo-wrong-type")),
    };
    let (width, height) =
        image::ImageReader::with_format(Cursor::new(&png), image::ImageFormat::Png)
            .into_dimensions()
            .map_err(|_| Message::new("agency-logo-unreadable"))?;
    let hash = hex(&Sha256::digest(&png))[..16].to_owned();
    Ok(PreparedLogo {
        png,
        reference: LogoRef {
            hash,
            width,
            height,
        },
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn raster(bytes: &[u8], format: image::ImageFormat) -> Result<Vec<u8>, Message> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|_| Message::new("agency-logo-unreadable"))?;
    let fitted = if decoded.width() > MAX_WIDTH || decoded.height() > MAX_HEIGHT {
        decoded.thumbnail(MAX_WIDTH, MAX_HEIGHT)
    } else {
        decoded
    };
    let mut png = Vec::new();
    fitted
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|_| Message::new("agency-logo-unreadable"))?;
    Ok(png)
}

fn rasterise_svg(bytes: &[u8]) -> Result<Vec<u8>, Message> {
    use resvg::{tiny_skia, usvg};
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(crate::fonts::REGULAR.to_vec());
    fonts.load_font_data(crate::fonts::BOLD.to_vec());
    let options = usvg::Options {
        // Nothing outside the file: no paths on this server, no addresses on the network.
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        font_family: crate::fonts::FAMILY.into(),
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options)
        .map_err(|_| Message::new("agency-logo-unreadable"))?;
    let size = tree.size();
    let scale = (MAX_WIDTH as f32 / size.width())
        .min(MAX_HEIGHT as f32 / size.height())
        .min(4.0);
    let width = (size.width() * scale).round().max(1.0) as u32;
    let height = (size.height() * scale).round().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Message::new("agency-logo-unreadable"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|_| Message::new("agency-logo-unreadable"))
}

/// Keeps the logo's PNG.
pub async fn store<C: ConnectionTrait>(db: &C, actor: i32, logo: &PreparedLogo) -> AppResult<()> {
    let stored = StoredLogo {
        hash: logo.reference.hash.clone(),
        png_base64: STANDARD.encode(&logo.png),
    };
    settings::store(db, actor, KEY, &stored).await
}

/// Forgets the logo's PNG.
pub async fn clear<C: ConnectionTrait>(db: &C, actor: i32) -> AppResult<()> {
    settings::store(db, actor, KEY, &StoredLogo::default()).await
}

/// The kept logo: its name and PNG bytes, if there is one.
async fn kept<C: ConnectionTrait>(db: &C) -> AppResult<Option<(String, Vec<u8>)>> {
    let stored: StoredLogo = settings::load(db, KEY).await?;
    if stored.hash.is_empty() {
        return Ok(None);
    }
    Ok(STANDARD
        .decode(stored.png_base64)
        .ok()
        .map(|png| (stored.hash, png)))
}

/// The PNG of the logo named `hash`, if that is the logo kept now.
pub async fn png<C: ConnectionTrait>(db: &C, hash: &str) -> AppResult<Option<Vec<u8>>> {
    Ok(kept(db)
        .await?
        .filter(|(kept, _)| kept == hash)
        .map(|(_, png)| png))
}

/// The PNG of the current logo, whatever its name (for letters).
pub async fn current_png<C: ConnectionTrait>(db: &C) -> AppResult<Option<Vec<u8>>> {
    Ok(kept(db).await?.map(|(_, png)| png))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="50">
  <script>alert(1)</script>
  <rect width="200" height="50" fill="#c0392b" onload="alert(2)"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <text x="10" y="35" font-size="24">Ромашка</text>
</svg>"##;

    #[test]
    fn an_svg_becomes_a_png_and_nothing_of_its_script_survives() {
        let logo = prepare(SVG.as_bytes()).expect("a valid SVG");
        assert!(logo.png.starts_with(b"\x89PNG"), "the output is a PNG");
        assert_eq!((logo.reference.width, logo.reference.height), (800, 200));
        assert!(!String::from_utf8_lossy(&logo.png).contains("alert"));
        assert_eq!(logo.reference.hash.len(), 16);
    }

    #[test]
    fn a_large_png_is_scaled_into_the_box() {
        let mut png = Vec::new();
        image::RgbImage::from_pixel(1600, 400, image::Rgb([10, 20, 30]))
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let logo = prepare(&png).unwrap();
        assert_eq!((logo.reference.width, logo.reference.height), (800, 200));
    }

    #[test]
    fn other_files_and_oversized_files_are_refused_with_a_reason() {
        assert_eq!(
            prepare(b"%PDF-1.7 not a logo")
                .err()
                .map(|m| m.key.to_owned()),
            Some("agency-logo-wrong-type".to_owned())
        );
        let big = vec![b' '; MAX_BYTES + 1];
        assert_eq!(
            prepare(&big).err().map(|m| m.key.to_owned()),
            Some("agency-logo-too-large".to_owned())
        );
    }
}
