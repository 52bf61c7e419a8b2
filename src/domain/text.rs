//! What a typed value may hold, and how long it may be. A name or a title ends up in email
//! headers (`To: "Name" <…>`, `Subject:`), on the board and in exports, so it is one line of
//! visible characters: no CR/LF that could forge a header, no bidi overrides that make a name
//! read backwards, nothing that looks blank. Free text (notes, duties, bodies) keeps its line
//! breaks and tabs but refuses the rest of the same. The limits for each kind live here, so
//! forms (`maxlength`) and the API refuse the same thing.

/// The kind of a typed field, which decides what it may contain and its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// Names, titles, subjects, companies: one line, may end up in an email header.
    Line,
    /// An address or a place: one line, long enough for a meeting link.
    Link,
    /// Notes, duties, requirements, letters: several lines.
    Text,
}

/// Longest name, title or subject, in characters.
pub const LINE_MAX: usize = 200;
/// Longest address or meeting link, in characters.
pub const LINK_MAX: usize = 2_000;
/// Longest free text, in characters: a long position profile or letter fits several times.
pub const TEXT_MAX: usize = 20_000;

impl TextKind {
    pub const fn max_chars(self) -> usize {
        match self {
            TextKind::Line => LINE_MAX,
            TextKind::Link => LINK_MAX,
            TextKind::Text => TEXT_MAX,
        }
    }
}

/// Why a value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// A control character: a line break in a name, a NUL anywhere.
    ControlCharacter,
    /// A bidi override or isolate (U+202A–U+202E, U+2066–U+2069).
    BidiControl,
    /// Only spaces and zero-width characters: looks blank, is not.
    Invisible,
    /// More characters than the kind allows.
    TooLong { max: usize },
}

impl TextProblem {
    /// The locale key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            TextProblem::ControlCharacter => "text-control-character",
            TextProblem::BidiControl => "text-bidi-control",
            TextProblem::Invisible => "text-invisible",
            TextProblem::TooLong { .. } => "field-too-long",
        }
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// C0, DEL and C1 (`char::is_control`), plus the Unicode line and paragraph separators, which
/// break a line as surely as LF does.
fn is_line_breaking_or_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters that show nothing: spaces of every width and the zero-width family.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// Checks a value as typed. An empty value passes: whether a field is required is the
/// caller's rule.
pub fn check(kind: TextKind, value: &str) -> Result<(), TextProblem> {
    if value.is_empty() {
        return Ok(());
    }
    let allowed_control = |c: char| kind == TextKind::Text && matches!(c, '\n' | '\r' | '\t');
    if value
        .chars()
        .any(|c| is_line_breaking_or_control(c) && !allowed_control(c))
    {
        return Err(TextProblem::ControlCharacter);
    }
    if value.chars().any(is_bidi_control) {
        return Err(TextProblem::BidiControl);
    }
    if value.chars().all(is_invisible) {
        return Err(TextProblem::Invisible);
    }
    let max = kind.max_chars();
    if value.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_name_passes_in_any_script() {
        for name in [
            "Анна Петрова",
            "Eve O'Neil",
            "José-María",
            "محمد",
            "李雷",
            "",
        ] {
            assert_eq!(check(TextKind::Line, name), Ok(()), "{name}");
        }
    }

    #[test]
    fn a_name_that_would_forge_an_email_header_is_refused() {
        assert_eq!(
            check(TextKind::Line, "Eve\r\nBcc: x@example.com"),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check(TextKind::Line, "Eve\nBcc"),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check(TextKind::Line, "Eve\0"),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check(TextKind::Line, "Eve\u{85}x"),
            Err(TextProblem::ControlCharacter),
            "C1 next line"
        );
        assert_eq!(
            check(TextKind::Line, "Eve\u{2028}x"),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check(TextKind::Line, "a\tb"),
            Err(TextProblem::ControlCharacter)
        );
    }

    #[test]
    fn bidi_overrides_and_isolates_are_refused_everywhere() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            let value = format!("invoice{c}fdp.exe");
            assert_eq!(check(TextKind::Line, &value), Err(TextProblem::BidiControl));
            assert_eq!(check(TextKind::Text, &value), Err(TextProblem::BidiControl));
        }
    }

    #[test]
    fn a_value_of_only_invisible_characters_is_refused() {
        for value in ["\u{200B}", " \u{200B}\u{FEFF} ", "\u{3164}", "\u{00A0}"] {
            assert_eq!(
                check(TextKind::Line, value),
                Err(TextProblem::Invisible),
                "{value:?}"
            );
        }
        assert_eq!(check(TextKind::Line, "Анна\u{200B}"), Ok(()));
    }

    #[test]
    fn free_text_keeps_line_breaks_and_tabs_but_not_nul() {
        assert_eq!(
            check(TextKind::Text, "First line\r\nSecond\tline\n"),
            Ok(())
        );
        assert_eq!(
            check(TextKind::Text, "notes\0"),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check(TextKind::Text, "bell\u{7}"),
            Err(TextProblem::ControlCharacter)
        );
    }

    #[test]
    fn a_meeting_link_is_one_line_but_may_be_long() {
        let link = format!(
            "https://teams.example.com/l/meetup-join/{}",
            "a".repeat(300)
        );
        assert_eq!(check(TextKind::Link, &link), Ok(()));
        assert_eq!(
            check(TextKind::Link, "https://x.ru\r\nBcc: y"),
            Err(TextProblem::ControlCharacter)
        );
    }

    #[test]
    fn each_kind_has_its_own_length_limit() {
        let line = "я".repeat(LINE_MAX);
        assert_eq!(check(TextKind::Line, &line), Ok(()));
        assert_eq!(
            check(TextKind::Line, &format!("{line}я")),
            Err(TextProblem::TooLong { max: LINE_MAX })
        );
        let text = "x".repeat(TEXT_MAX);
        assert_eq!(check(TextKind::Text, &text), Ok(()));
        assert_eq!(
            check(TextKind::Text, &format!("{text}x")),
            Err(TextProblem::TooLong { max: TEXT_MAX })
        );
    }
}
