//! What a link to a careers page shows when it is shared in a messenger or a social network:
//! the Open Graph tags, with a plain summary of the vacancy and absolute addresses.

use serde::Serialize;

use crate::web::i18n::Lang;

/// How long a shared link's description may be: what previews show before they cut it.
pub const SUMMARY_CHARS: usize = 200;

/// The `og:*` tags of a page.
#[derive(Clone, Debug, Serialize)]
pub struct OpenGraph {
    pub title: String,
    pub description: String,
    /// `website` for the list, `article` for a job page (Open Graph has no type of its own
    /// for a vacancy).
    pub kind: &'static str,
    pub url: String,
    pub image: Option<String>,
    pub site_name: String,
    pub locale: &'static str,
}

/// `ru_RU` or `en_US`, as Open Graph writes a locale.
pub fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "ru_RU",
        Lang::En => "en_US",
    }
}

/// `path` under the public address people open the site at.
pub fn absolute(public_url: &str, path: &str) -> String {
    format!("{}{path}", public_url.trim_end_matches('/'))
}

/// The start of `plain` on one line, at most `max` characters, cut between words with "…".
pub fn summary(plain: &str, max: usize) -> String {
    let flat = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '—', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_kept_whole_on_one_line() {
        assert_eq!(
            summary("Мы ищем:\n— опыт\n— внимание", 200),
            "Мы ищем: — опыт — внимание"
        );
    }

    #[test]
    fn a_long_text_is_cut_between_words_within_the_limit() {
        let text = "слово ".repeat(100);
        let cut = summary(&text, 200);
        assert!(cut.chars().count() <= 200, "{}", cut.chars().count());
        assert!(cut.ends_with("слово…"), "{cut}");
    }

    #[test]
    fn addresses_are_absolute_without_a_double_slash() {
        assert_eq!(
            absolute("https://jobs.example/", "/jobs/a"),
            "https://jobs.example/jobs/a"
        );
        assert_eq!(locale(Lang::En), "en_US");
    }
}
