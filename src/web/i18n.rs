//! Russian and English. All UI text lives in `templates/locales/{ru,en}/*.ftl` (Fluent, which
//! knows Russian plural forms); code refers to messages by key.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use axum::http::HeaderMap;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./templates/locales",
        fallback_language: "en",
        // Fluent wraps arguments in bidi isolation marks by default; they show up as junk in
        // plain-text emails and form values.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static RU: LazyLock<LanguageIdentifier> = LazyLock::new(|| "ru".parse().expect("valid langid"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("valid langid"));

/// A language the product speaks. Russian is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    /// The first language we speak from an `Accept-Language` header, by the client's order
    /// of preference.
    pub fn from_accept_language(headers: &HeaderMap) -> Option<Lang> {
        let header = headers
            .get(axum::http::header::ACCEPT_LANGUAGE)?
            .to_str()
            .ok()?;
        let mut offers: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let primary = tag.split('-').next()?;
                let lang = Lang::parse(primary)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0));
        offers.first().map(|(_, lang)| *lang)
    }

    /// Of a record's Russian and English versions, the one in this language.
    pub fn pick<T>(self, ru: T, en: T) -> T {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }

    /// The text of `key` in this language.
    pub fn text(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    pub fn render(self, message: &Message) -> String {
        if message.args.is_empty() {
            return self.text(message.key);
        }
        let args: HashMap<Cow<'static, str>, FluentValue> = message
            .args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.to_fluent(self)))
            .collect();
        LOCALES.lookup_with_args(self.id(), message.key, &args)
    }

    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }
}

/// A message key with its arguments, resolved in the reader's language when shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// A day, written as the reader's language writes days when the message is shown.
    Date(chrono::NaiveDate),
}

impl Arg {
    fn to_fluent(&self, lang: Lang) -> FluentValue<'static> {
        match self {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Date(day) => {
                FluentValue::from(crate::web::dates::format_date(*day, lang == Lang::En))
            }
        }
    }
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn with_number(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, Arg::Number(value)));
        self
    }

    /// A day, shown in the reader's way («15 декабря 2026», "15 December 2026").
    pub fn with_date(mut self, name: &'static str, day: chrono::NaiveDate) -> Self {
        self.args.push((name, Arg::Date(day)));
        self
    }
}

/// The minijinja function `t(key, **args)`: the text of `key` in the page's `lang`.
pub fn template_function(
    state: &minijinja::State,
    key: &str,
    kwargs: minijinja::value::Kwargs,
) -> Result<String, minijinja::Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or_default();
    let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    for name in kwargs.args() {
        let value: minijinja::Value = kwargs.get(name)?;
        let fluent = match i64::try_from(value.clone()) {
            Ok(n) if value.is_number() => FluentValue::from(n),
            _ => FluentValue::from(value.to_string()),
        };
        args.insert(Cow::Owned(name.to_owned()), fluent);
    }
    kwargs.assert_all_used()?;
    Ok(LOCALES.lookup_complete(lang.id(), key, Some(&args)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: &str) -> Vec<String> {
        let dir = format!("{}/templates/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let mut keys = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =")
                    && !key.starts_with([' ', '#', '-', '.', '*', '['])
                    && !key.is_empty()
                {
                    keys.push(key.trim().to_owned());
                }
            }
        }
        keys.sort();
        keys
    }

    #[test]
    fn russian_and_english_locales_have_the_same_keys() {
        assert_eq!(keys("ru"), keys("en"));
    }

    #[test]
    fn no_key_is_defined_twice_across_the_locale_files() {
        let mut all = keys("en");
        let count = all.len();
        all.dedup();
        assert_eq!(
            all.len(),
            count,
            "a key repeats; Fluent refuses to load such a bundle"
        );
    }

    #[test]
    fn accept_language_picks_the_preferred_language_we_speak() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "accept-language",
            "de-DE,en;q=0.8,ru;q=0.5".parse().unwrap(),
        );
        assert_eq!(Lang::from_accept_language(&headers), Some(Lang::En));
        headers.insert(
            "accept-language",
            "ru-RU,ru;q=0.9,en;q=0.8".parse().unwrap(),
        );
        assert_eq!(Lang::from_accept_language(&headers), Some(Lang::Ru));
        headers.insert("accept-language", "fr".parse().unwrap());
        assert_eq!(Lang::from_accept_language(&headers), None);
    }

    #[test]
    fn russian_plurals_follow_the_one_few_many_rule() {
        let m = |n| Message::new("login-attempts-left").with_number("count", n);
        assert!(Lang::Ru.render(&m(1)).contains("попытка"));
        assert!(Lang::Ru.render(&m(3)).contains("попытки"));
        assert!(Lang::Ru.render(&m(5)).contains("попыток"));
    }
}
