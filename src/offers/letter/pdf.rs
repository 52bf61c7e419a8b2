//! The placed pages written as a PDF with krilla: text in PT Sans (embedded as the subset the
//! letter uses, with its Unicode map, so the text can be searched and copied), the letterhead's
//! rule and logo, and the answer link clickable.

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use super::fonts::{BOLD, Measure, REGULAR};
use super::layout::{Colour, Item, PAGE_HEIGHT, PAGE_WIDTH, Sheet, Weight, flow};

fn fill(colour: Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Default::default()
    }
}

/// The sheet as a PDF.
pub fn draw(sheet: &Sheet) -> Result<Vec<u8>, String> {
    let measure = Measure::new();
    let logo = sheet.head.logo.as_ref().and_then(|png| {
        Image::from_png(png.clone().into(), true)
            .inspect_err(|e| tracing::warn!("the agency's logo is left off the letter: {e}"))
            .ok()
    });
    let pages = flow(sheet, &measure, logo.as_ref().map(Image::size));
    let regular = Font::new(REGULAR.into(), 0).ok_or("PT Sans Regular does not load")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("PT Sans Bold does not load")?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(sheet.title.clone())
            .authors(vec![sheet.author.clone()])
            .language(sheet.lang.to_owned())
            .creator("Hireloop".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("the A4 size")?;
    for items in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut links = Vec::new();
        for item in items {
            match item {
                Item::Text { x, y, text, style } => {
                    let font = match style.weight {
                        Weight::Regular => regular.clone(),
                        Weight::Bold => bold.clone(),
                    };
                    surface.set_fill(Some(fill(style.colour)));
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font,
                        style.size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Rect {
                    x,
                    y,
                    width,
                    height,
                    colour,
                } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(x, y, width, height) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(colour)));
                        surface.draw_path(&path);
                    }
                }
                Item::Logo {
                    x,
                    y,
                    width,
                    height,
                } => {
                    if let (Some(image), Some(size)) = (&logo, Size::from_wh(width, height)) {
                        surface.push_transform(&Transform::from_translate(x, y));
                        surface.draw_image(image.clone(), size);
                        surface.pop();
                    }
                }
                Item::Link {
                    x,
                    y,
                    width,
                    height,
                    url,
                } => links.push((Rect::from_xywh(x, y, width, height), url)),
            }
        }
        surface.finish();
        for (rect, url) in links {
            if let Some(rect) = rect {
                let target = Target::Action(LinkAction::new(url.clone()).into());
                page.add_annotation(Annotation::new_link(
                    LinkAnnotation::new(rect, target),
                    Some(url),
                ));
            }
        }
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("the PDF cannot be written: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offers::letter::layout::{Block, Letterhead};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_fn(width, height, |x, _| {
            image::Rgba([0x1f, 0x5f, (x % 256) as u8, 0xff])
        });
        let mut bytes = Vec::new();
        image
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    fn sheet(logo: Option<Vec<u8>>, terms: &str) -> Sheet {
        Sheet {
            title: "Предложение о работе".into(),
            author: "Агентство Север".into(),
            lang: "ru",
            head: Letterhead {
                logo,
                name: "Агентство Север".into(),
                details: vec!["ООО «Север»".into(), "Москва, ул. Тверская, 1".into()],
                accent: Colour(0x1f, 0x5f, 0xbf),
            },
            blocks: vec![Block::Row {
                label: "Другие условия".into(),
                value: terms.into(),
                after: 0.0,
            }],
            footer: "Предложение о работе".into(),
        }
    }

    fn raw(pdf: &[u8]) -> String {
        String::from_utf8_lossy(pdf).into_owned()
    }

    #[test]
    fn a_letter_embeds_the_logo_and_only_the_subset_of_pt_sans_it_uses() {
        let pdf = draw(&sheet(Some(png(300, 90)), "Гибкий график")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let raw = raw(&pdf);
        assert!(raw.contains("/Subtype/Image"));
        // A six-letter tag before the name marks an embedded subset.
        assert!(raw.contains("+PTSans-Regular") && raw.contains("+PTSans-Bold"));
        assert!(
            pdf.len() < REGULAR.len() / 4,
            "{} bytes: the fonts are subset",
            pdf.len()
        );
    }

    #[test]
    fn a_logo_that_is_not_a_png_is_left_out_and_the_letter_is_still_made() {
        let pdf = draw(&sheet(Some(b"GIF89a, not a PNG".to_vec()), "Гибкий график")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(!raw(&pdf).contains("/Subtype/Image"));
    }
}
