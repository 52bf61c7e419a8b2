//! The letter's typeface, PT Sans (ParaType Free Font License, `fonts/`), compiled in: the
//! bytes krilla embeds (as a subset) and the measure of text that line wrapping needs, taken
//! with the same shaper krilla sets the text with, so a line measured to fit does fit.

use super::layout::{Style, Weight};

/// The app's one copy of the font files (`crate::fonts`), so the binary carries them once.
pub(super) static REGULAR: &[u8] = crate::fonts::REGULAR;
pub(super) static BOLD: &[u8] = crate::fonts::BOLD;

/// Text measured as krilla will set it: shaped by the same shaper with the same fonts.
pub struct Measure {
    regular: rustybuzz::Face<'static>,
    bold: rustybuzz::Face<'static>,
}

impl Measure {
    pub fn new() -> Measure {
        // The fonts are compiled in and checked by a test: they always parse.
        let face = |data| rustybuzz::Face::from_slice(data, 0).expect("PT Sans parses");
        Measure {
            regular: face(REGULAR),
            bold: face(BOLD),
        }
    }

    pub fn width(&self, text: &str, style: &Style) -> f32 {
        let face = match style.weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / face.units_per_em() as f32 * style.size
    }

    /// `text` in lines no wider than `width`: broken at spaces, keeping the author's line
    /// breaks (an empty line stays as a blank line); a word wider than a line is broken between
    /// characters.
    pub fn wrap(&self, text: &str, style: &Style, width: f32) -> Vec<String> {
        let space = self.width(" ", style);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let paragraph = paragraph.replace(['\t', '\r'], " ");
            let mut line = String::new();
            let mut used = 0.0;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let wide = self.width(word, style);
                if !line.is_empty() && used + space + wide <= width {
                    line.push(' ');
                    line.push_str(word);
                    used += space + wide;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut pieces = if wide <= width {
                    vec![word.to_owned()]
                } else {
                    self.split_word(word, style, width)
                };
                line = pieces.pop().unwrap_or_default();
                used = self.width(&line, style);
                lines.extend(pieces);
            }
            lines.push(line);
        }
        lines
    }

    /// A word too long for a line, cut between characters (never inside one).
    fn split_word(&self, word: &str, style: &Style, width: f32) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut piece = String::new();
        let mut used = 0.0;
        for c in word.chars() {
            let wide = self.width(c.encode_utf8(&mut [0; 4]), style);
            if !piece.is_empty() && used + wide > width {
                pieces.push(std::mem::take(&mut piece));
                used = 0.0;
            }
            piece.push(c);
            used += wide;
        }
        pieces.push(piece);
        pieces
    }

    /// `text` cut with an ellipsis to fit `width`.
    pub fn fit(&self, text: &str, style: &Style, width: f32) -> String {
        if self.width(text, style) <= width {
            return text.to_owned();
        }
        let mut kept: String = text.to_owned();
        while !kept.is_empty() && self.width(&format!("{kept}…"), style) > width {
            kept.pop();
        }
        format!("{}…", kept.trim_end())
    }
}

impl Default for Measure {
    fn default() -> Self {
        Measure::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offers::letter::layout::BLACK;

    fn body() -> Style {
        Style::new(10.5, Weight::Regular, BLACK)
    }

    #[test]
    fn long_text_wraps_within_the_column_and_keeps_every_word() {
        let measure = Measure::new();
        let text = "Гибкий график, ДМС со стоматологией после испытательного срока, \
                    компенсация спорта и обучения, два дня удалённой работы в неделю. "
            .repeat(5);
        let lines = measure.wrap(&text, &body(), 200.0);
        assert!(lines.len() > 5, "{lines:?}");
        assert!(lines.iter().all(|l| measure.width(l, &body()) <= 200.0));
        let rejoined = lines.join(" ");
        assert_eq!(
            rejoined.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_authors_line_breaks_stay_and_a_long_link_is_cut_between_characters() {
        let measure = Measure::new();
        let lines = measure.wrap("Первое\n\nТретье", &body(), 400.0);
        assert_eq!(lines, ["Первое", "", "Третье"]);
        let url = format!("https://hireloop.example/o/{}", "x".repeat(300));
        let lines = measure.wrap(&url, &body(), 200.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), url);
        assert!(lines.iter().all(|l| measure.width(l, &body()) <= 200.0));
    }

    #[test]
    fn pt_sans_has_a_glyph_for_every_character_of_the_letters_words() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/locales");
        let mut text = "₽$€«»–—…№\u{a0}0123456789".to_owned();
        for lang in ["ru", "en"] {
            text += &std::fs::read_to_string(format!("{dir}/{lang}/letter.ftl")).unwrap();
        }
        for data in [REGULAR, BOLD] {
            let face = rustybuzz::Face::from_slice(data, 0).unwrap();
            let missing: String = text
                .chars()
                .filter(|c| !c.is_control() && face.glyph_index(*c).is_none())
                .collect();
            assert!(missing.is_empty(), "no glyph for {missing:?}");
        }
    }
}
