//! The letter on paper: A4 with 20 mm margins, the agency's letterhead on the first page, text
//! wrapped at spaces to the column (a word longer than a line, such as a link, between
//! characters), new pages when the text runs long, and a footer with the page number on each.
//!
//! Two passes: [`flow`] places every line on a page (pure geometry, tested without a PDF), then
//! [`super::pdf::draw`] writes them with krilla.

use super::fonts::Measure;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm.
pub const MARGIN: f32 = 56.69;
/// Kept free above the bottom margin for the footer.
const FOOTER_SPACE: f32 = 24.0;
/// The labels' column in rows of terms.
const LABEL_WIDTH: f32 = 150.0;
/// The logo's box in the letterhead; a logo keeps its proportions inside it.
const LOGO_MAX: (f32, f32) = (160.0, 56.0);
const LINE_SPACING: f32 = 1.4;

pub const BLACK: Colour = Colour(0x22, 0x22, 0x22);
pub const GREY: Colour = Colour(0x66, 0x66, 0x66);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// `#rrggbb`, or `fallback` when it is not one.
    pub fn from_hex(hex: &str, fallback: Colour) -> Colour {
        let digits = hex.trim().trim_start_matches('#');
        let channel = |i: usize| {
            digits
                .get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
        };
        match (digits.len(), channel(0), channel(2), channel(4)) {
            (6, Some(r), Some(g), Some(b)) => Colour(r, g, b),
            _ => fallback,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub colour: Colour,
}

impl Style {
    pub const fn new(size: f32, weight: Weight, colour: Colour) -> Style {
        Style {
            size,
            weight,
            colour,
        }
    }

    fn line_height(&self) -> f32 {
        self.size * LINE_SPACING
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The top of the first page: the logo, and beside it the agency's name and legal details.
pub struct Letterhead {
    /// PNG bytes; a logo that does not read as a PNG is left out rather than failing the letter.
    pub logo: Option<Vec<u8>>,
    pub name: String,
    /// Legal name, address: small, under the name.
    pub details: Vec<String>,
    pub accent: Colour,
}

/// A piece of the letter's body, in reading order.
pub enum Block {
    Text {
        text: String,
        style: Style,
        align: Align,
        after: f32,
    },
    /// A label and its value side by side; the value wraps in its own column.
    Row {
        label: String,
        value: String,
        after: f32,
    },
    /// A clickable address, in the accent colour.
    Link { url: String, after: f32 },
}

/// Everything a letter is made of.
pub struct Sheet {
    pub title: String,
    pub author: String,
    pub lang: &'static str,
    pub head: Letterhead,
    pub blocks: Vec<Block>,
    /// Left at the bottom of each page; the page number goes on the right.
    pub footer: String,
}

/// Something placed on a page; `y` is the baseline for text and the top edge otherwise.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Colour,
    },
    Logo {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        url: String,
    },
}

/// Where the next line goes; starts a new page when the line would run into the footer.
struct Cursor {
    pages: Vec<Vec<Item>>,
    y: f32,
}

impl Cursor {
    fn room_for(&mut self, height: f32) {
        if self.y + height > PAGE_HEIGHT - MARGIN - FOOTER_SPACE {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn place(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }
}

/// Places the sheet's letterhead, blocks and footers on as many pages as they need.
pub fn flow(sheet: &Sheet, measure: &Measure, logo_size: Option<(u32, u32)>) -> Vec<Vec<Item>> {
    let column = PAGE_WIDTH - 2.0 * MARGIN;
    let mut cursor = Cursor {
        pages: vec![Vec::new()],
        y: MARGIN,
    };
    head(sheet, measure, logo_size, &mut cursor);
    let body = Style::new(10.5, Weight::Regular, BLACK);
    for block in &sheet.blocks {
        match block {
            Block::Text {
                text,
                style,
                align,
                after,
            } => {
                for line in measure.wrap(text, style, column) {
                    cursor.room_for(style.line_height());
                    let x = match align {
                        Align::Left => MARGIN,
                        Align::Right => PAGE_WIDTH - MARGIN - measure.width(&line, style),
                    };
                    place_line(&mut cursor, x, line, *style);
                }
                cursor.y += after;
            }
            Block::Row {
                label,
                value,
                after,
            } => {
                let label_style = Style::new(body.size, Weight::Bold, BLACK);
                let labels = measure.wrap(label, &label_style, LABEL_WIDTH - 8.0);
                let values = measure.wrap(value, &body, column - LABEL_WIDTH);
                for i in 0..labels.len().max(values.len()) {
                    cursor.room_for(body.line_height());
                    if let Some(label) = labels.get(i) {
                        place_text(&mut cursor, MARGIN, label.clone(), label_style);
                    }
                    let value = values.get(i).cloned().unwrap_or_default();
                    place_line(&mut cursor, MARGIN + LABEL_WIDTH, value, body);
                }
                cursor.y += after;
            }
            Block::Link { url, after } => {
                let style = Style::new(body.size, Weight::Regular, sheet.head.accent);
                for line in measure.wrap(url, &style, column) {
                    cursor.room_for(style.line_height());
                    cursor.place(Item::Link {
                        x: MARGIN,
                        y: cursor.y,
                        width: measure.width(&line, &style),
                        height: style.line_height(),
                        url: url.clone(),
                    });
                    place_line(&mut cursor, MARGIN, line, style);
                }
                cursor.y += after;
            }
        }
    }
    let mut pages = cursor.pages;
    footers(sheet, measure, &mut pages);
    pages
}

/// Text on the current line, without moving down.
fn place_text(cursor: &mut Cursor, x: f32, text: String, style: Style) {
    if !text.is_empty() {
        let y = cursor.y + style.size;
        cursor.place(Item::Text { x, y, text, style });
    }
}

/// Text on the current line, then down one line.
fn place_line(cursor: &mut Cursor, x: f32, text: String, style: Style) {
    place_text(cursor, x, text, style);
    cursor.y += style.line_height();
}

/// The letterhead: the logo on the left, the name and details beside it, a rule in the
/// agency's accent colour under both.
fn head(sheet: &Sheet, measure: &Measure, logo_size: Option<(u32, u32)>, cursor: &mut Cursor) {
    let column = PAGE_WIDTH - 2.0 * MARGIN;
    let top = cursor.y;
    let mut text_x = MARGIN;
    let mut logo_bottom = top;
    if let Some((w, h)) = logo_size.filter(|(w, h)| *w > 0 && *h > 0) {
        let scale = (LOGO_MAX.0 / w as f32).min(LOGO_MAX.1 / h as f32);
        let (width, height) = (w as f32 * scale, h as f32 * scale);
        cursor.place(Item::Logo {
            x: MARGIN,
            y: top,
            width,
            height,
        });
        text_x = MARGIN + width + 16.0;
        logo_bottom = top + height;
    }
    let name_style = Style::new(15.0, Weight::Bold, BLACK);
    let detail_style = Style::new(9.0, Weight::Regular, GREY);
    let width = MARGIN + column - text_x;
    for line in measure.wrap(&sheet.head.name, &name_style, width) {
        place_line(cursor, text_x, line, name_style);
    }
    for detail in sheet.head.details.iter().filter(|d| !d.trim().is_empty()) {
        for line in measure.wrap(detail, &detail_style, width) {
            place_line(cursor, text_x, line, detail_style);
        }
    }
    cursor.y = cursor.y.max(logo_bottom) + 10.0;
    cursor.place(Item::Rect {
        x: MARGIN,
        y: cursor.y,
        width: column,
        height: 1.5,
        colour: sheet.head.accent,
    });
    cursor.y += 24.0;
}

fn footers(sheet: &Sheet, measure: &Measure, pages: &mut [Vec<Item>]) {
    let style = Style::new(8.0, Weight::Regular, GREY);
    let count = pages.len();
    let y = PAGE_HEIGHT - MARGIN + style.size;
    for (index, page) in pages.iter_mut().enumerate() {
        let number = format!("{} / {count}", index + 1);
        let number_width = measure.width(&number, &style);
        let room = PAGE_WIDTH - 2.0 * MARGIN - number_width - 12.0;
        page.push(Item::Text {
            x: MARGIN,
            y,
            text: measure.fit(&sheet.footer, &style, room),
            style,
        });
        page.push(Item::Text {
            x: PAGE_WIDTH - MARGIN - number_width,
            y,
            text: number,
            style,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(blocks: Vec<Block>) -> Sheet {
        Sheet {
            title: "Предложение о работе".into(),
            author: "Агентство Север".into(),
            lang: "ru",
            head: Letterhead {
                logo: None,
                name: "Агентство Север".into(),
                details: vec!["ООО «Север»".into(), "Москва, ул. Тверская, 1".into()],
                accent: Colour::from_hex("#1f5fbf", BLACK),
            },
            blocks,
            footer: "Предложение о работе".into(),
        }
    }

    fn inside_a4(pages: &[Vec<Item>]) -> bool {
        pages.iter().flatten().all(|item| match item {
            Item::Text { x, y, .. } => {
                *x >= MARGIN - 0.01 && *x < PAGE_WIDTH - MARGIN && *y <= PAGE_HEIGHT - MARGIN + 9.0
            }
            _ => true,
        })
    }

    #[test]
    fn terms_longer_than_a_page_continue_on_the_next_with_numbered_footers() {
        let terms =
            "Пункт договора, который повторяется, чтобы текст занял больше страницы. ".repeat(120);
        let pages = flow(
            &sheet(vec![Block::Row {
                label: "Другие условия".into(),
                value: terms,
                after: 0.0,
            }]),
            &Measure::new(),
            None,
        );
        assert!(pages.len() >= 2, "{} pages", pages.len());
        assert!(inside_a4(&pages));
        let last = pages.last().unwrap();
        let numbered = last
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if *text == format!("{n} / {n}", n = pages.len())));
        assert!(numbered);
    }

    #[test]
    fn a_logo_keeps_its_proportions_inside_its_box() {
        let pages = flow(&sheet(Vec::new()), &Measure::new(), Some((400, 100)));
        let logo = pages[0]
            .iter()
            .find_map(|i| match i {
                Item::Logo { width, height, .. } => Some((*width, *height)),
                _ => None,
            })
            .unwrap();
        assert!((logo.0 - 160.0).abs() < 0.01 && (logo.1 - 40.0).abs() < 0.01);
        let name_x = pages[0]
            .iter()
            .find_map(|i| match i {
                Item::Text { x, text, .. } if text == "Агентство Север" => Some(*x),
                _ => None,
            })
            .unwrap();
        assert!(name_x > MARGIN + 160.0, "the name stands beside the logo");
    }

    #[test]
    fn an_accent_that_is_not_a_colour_falls_back() {
        assert_eq!(Colour::from_hex("#1F5FBF", BLACK), Colour(0x1f, 0x5f, 0xbf));
        assert_eq!(Colour::from_hex("red", GREY), GREY);
        assert_eq!(Colour::from_hex("#12345", GREY), GREY);
    }
}
