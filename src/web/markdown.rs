//! Markdown written by the team (profile fields, vacancy texts) as safe HTML: pulldown-cmark
//! reads it, ammonia keeps only harmless tags and attributes, so a pasted `<script>` or a
//! `javascript:` link never reaches a candidate's browser.

use pulldown_cmark::{Options, Parser, html};

/// `text` (Markdown) as sanitised HTML.
pub fn to_html(text: &str) -> String {
    let parser = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    let mut unsafe_html = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .clean(&unsafe_html)
        .to_string()
}

/// `text` (Markdown) as plain text with its structure kept: list items as "— item", headings
/// and paragraphs on their own lines. For emails' text parts and for search-engine data.
pub fn to_plain(text: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out = String::with_capacity(text.len());
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::Start(Tag::Item) => out.push_str("— "),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::List(_)) => {}
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_headings_become_html() {
        let html = to_html("## Что предстоит делать\n\n- вести клиентов\n- писать отчёты\n");
        assert!(html.contains("<h2>Что предстоит делать</h2>"), "{html}");
        assert!(html.contains("<li>вести клиентов</li>"), "{html}");
    }

    #[test]
    fn scripts_and_script_links_are_dropped() {
        let html = to_html(
            "<script>alert(1)</script>\n\n[клик](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn plain_text_keeps_the_list_shape() {
        assert_eq!(
            to_plain("Мы ищем:\n\n- опыт\n- внимание"),
            "Мы ищем:\n— опыт\n— внимание"
        );
    }
}
