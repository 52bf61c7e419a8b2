//! A position profile's Markdown fields read as lines to say aloud: the requirement lines as
//! must-haves (a block marked as a plus left out) and a field's first paragraph as one
//! sentence, without list markers or emphasis. The phone-screen script is written from these.

/// A spoken line longer than this is cut at a word: it is said, not read out in full.
const MAX_SPOKEN_CHARS: usize = 280;

/// The profile's requirement lines as must-haves. The profile keeps requirements as one
/// Markdown field with no must-have mark, so every line is one; only a block under a heading
/// that says the lines are a plus («Будет плюсом:», "Nice to have:") is left out.
pub fn must_haves(requirements: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut optional = false;
    for raw in requirements.lines() {
        let line = raw.trim();
        let is_heading = line.starts_with('#') || line.ends_with(':');
        if is_heading {
            let lower = line.to_lowercase();
            optional = ["плюс", "желательн", "nice to have", "a plus", "bonus"]
                .iter()
                .any(|w| lower.contains(w));
            continue;
        }
        let bare = bare_line(line);
        if !optional && !bare.is_empty() {
            lines.push(bare);
        }
    }
    lines
}

/// A line without its list marker, emphasis or closing full stop.
pub fn bare_line(line: &str) -> String {
    let mut line = line
        .trim_start_matches(['-', '*', '+', '•', '·', '—', '–', '●'])
        .trim();
    if let Some((n, rest)) = line.split_once(['.', ')'])
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        line = rest.trim();
    }
    line.replace("**", "")
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_owned()
}

/// A profile field as one spoken sentence: its first paragraph, list items joined, cut at a
/// word when long.
pub fn spoken(text: &str) -> String {
    let paragraph = text.trim().split("\n\n").next().unwrap_or("");
    let parts: Vec<String> = paragraph
        .lines()
        .filter(|l| !l.trim().starts_with('#'))
        .map(bare_line)
        .filter(|l| !l.is_empty())
        .collect();
    let joined = parts.join("; ");
    if joined.chars().count() <= MAX_SPOKEN_CHARS {
        return if joined.is_empty() || joined.ends_with(['.', '!', '?']) {
            joined
        } else {
            format!("{joined}.")
        };
    }
    let cut: String = joined.chars().take(MAX_SPOKEN_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_lines_lose_their_markers_and_a_block_marked_as_a_plus_is_left_out() {
        let typed = "Обязательно:\n- **Год** работы с клиентами;\n2. Excel.\n\nБудет плюсом:\n- 1С\n\n## Must have\n* Amo";
        assert_eq!(
            must_haves(typed),
            ["Год работы с клиентами", "Excel", "Amo"]
        );
        assert_eq!(must_haves("Nice to have:\n- Figma"), Vec::<String>::new());
    }

    #[test]
    fn a_long_profile_field_is_cut_at_a_word_for_the_pitch() {
        let long = "слово ".repeat(100);
        let said = spoken(&long);
        assert!(said.ends_with('…'));
        assert!(said.chars().count() <= MAX_SPOKEN_CHARS + 1);
        assert_eq!(
            spoken("- Первое\n- Второе\n\nДругой абзац"),
            "Первое; Второе."
        );
    }
}
