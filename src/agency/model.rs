//! The agency as candidates meet it: its name, legal details for letters, logo, accent colour,
//! default language and time zone. Stored as one setting so every instance reads the same
//! values; each instance keeps the last read in memory ([`AgencyCache`]) because every public
//! page and every email needs it, and refreshes it on its own save and on a short timer.

use std::sync::{Arc, RwLock};

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use crate::admin::settings;
use crate::error::{AppError, AppResult, FieldError};
use crate::web::i18n::{Lang, Message};

/// The settings key of the agency's face.
pub const KEY: &str = "agency";
/// The zone of an agency that has not chosen one: where the agencies this serves work.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Moscow;
/// The accent of an agency that has not chosen one.
pub const DEFAULT_ACCENT: &str = "#1f4e79";

/// The stored logo: its content hash names it in URLs, so a new logo is a new address and
/// browsers may cache each one for good.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct LogoRef {
    pub hash: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Agency {
    /// The name candidates know the agency by (pages, email sender name, signatures).
    pub name: String,
    /// The legal entity on letters (offer letters), e.g. «ООО «Ромашка»».
    pub legal_name: String,
    /// The postal address on letters.
    pub address: String,
    /// `#rrggbb`.
    pub accent_color: String,
    /// The language of people whose own is not known.
    pub default_lang: Lang,
    /// IANA zone of people without one of their own.
    pub time_zone: String,
    pub logo: Option<LogoRef>,
}

impl Default for Agency {
    fn default() -> Self {
        Self {
            name: String::new(),
            legal_name: String::new(),
            address: String::new(),
            accent_color: DEFAULT_ACCENT.into(),
            default_lang: Lang::Ru,
            time_zone: DEFAULT_ZONE.name().into(),
            logo: None,
        }
    }
}

impl Agency {
    /// The name to show: the one set, or the sender's display name until one is set (an
    /// agency that configured mail already signs with its name there). Never the product's
    /// own name: with neither, the answer is empty and pages say "Careers" instead.
    pub fn display_name(&self, fallback: &str) -> String {
        let name = if self.name.trim().is_empty() {
            fallback.trim()
        } else {
            self.name.trim()
        };
        if name.to_lowercase().contains("hireloop") {
            String::new()
        } else {
            name.to_owned()
        }
    }

    pub fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(DEFAULT_ZONE)
    }

    /// Today on the agency's calendar: the day a start or an exam is "in the future" against.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.zone()).date_naive()
    }

    /// The logo's public path, if there is a logo.
    pub fn logo_path(&self) -> Option<String> {
        self.logo
            .as_ref()
            .map(|logo| format!("/agency/logo/{}.png", logo.hash))
    }
}

/// What an admin sends to change the agency's face (the logo travels apart, as a file).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AgencyFields {
    pub name: String,
    pub legal_name: String,
    pub address: String,
    pub accent_color: String,
    pub default_lang: String,
    pub time_zone: String,
}

/// `#abc` or `#aabbcc`, as `#aabbcc` in lower case.
pub fn parse_colour(value: &str) -> Option<String> {
    let hex = value.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase(),
        )
        .map(|h| format!("#{h}")),
        _ => None,
    }
}

impl AgencyFields {
    /// The agency these fields describe (keeping `current`'s logo), or every field's error.
    pub fn apply(self, current: &Agency) -> Result<Agency, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            errors.push(FieldError::new("name", Message::new("field-required")));
        } else if name.chars().count() > 120 {
            errors.push(FieldError::new(
                "name",
                Message::new("agency-name-too-long"),
            ));
        }
        let legal_name = self.legal_name.trim().to_owned();
        let address = self.address.trim().to_owned();
        for (field, value, limit) in [("legal_name", &legal_name, 200), ("address", &address, 400)]
        {
            if value.chars().count() > limit {
                errors.push(FieldError::new(
                    field,
                    Message::new("agency-field-too-long"),
                ));
            }
        }
        let accent_color = if self.accent_color.trim().is_empty() {
            Some(DEFAULT_ACCENT.to_owned())
        } else {
            parse_colour(&self.accent_color)
        };
        if accent_color.is_none() {
            errors.push(FieldError::new(
                "accent_color",
                Message::new("agency-colour-invalid"),
            ));
        }
        let default_lang = Lang::parse(&self.default_lang);
        if default_lang.is_none() {
            errors.push(FieldError::new(
                "default_lang",
                Message::new("field-lang-invalid"),
            ));
        }
        let time_zone = if self.time_zone.trim().is_empty() {
            DEFAULT_ZONE.name().to_owned()
        } else {
            self.time_zone.trim().to_owned()
        };
        if time_zone.parse::<Tz>().is_err() {
            errors.push(FieldError::new(
                "time_zone",
                Message::new("profile-timezone-invalid"),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Agency {
            name,
            legal_name,
            address,
            accent_color: accent_color.unwrap_or_default(),
            default_lang: default_lang.unwrap_or_default(),
            time_zone,
            logo: current.logo.clone(),
        })
    }
}

/// Reads the agency from the database.
pub async fn load<C: ConnectionTrait>(db: &C) -> AppResult<Agency> {
    settings::load(db, KEY).await
}

/// Saves the agency's face from `fields` (the logo stays as it is) and refreshes this
/// instance's copy at once.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    cache: &AgencyCache,
    actor: i32,
    fields: AgencyFields,
) -> AppResult<Agency> {
    let current = load(db).await?;
    let agency = fields.apply(&current).map_err(AppError::Validation)?;
    settings::store(db, actor, KEY, &agency).await?;
    cache.set(agency.clone());
    Ok(agency)
}

/// Puts `logo` (or no logo) on the agency.
pub async fn set_logo<C: ConnectionTrait>(
    db: &C,
    cache: &AgencyCache,
    actor: i32,
    logo: Option<&super::logo::PreparedLogo>,
) -> AppResult<Agency> {
    let mut agency = load(db).await?;
    match logo {
        Some(logo) => {
            super::logo::store(db, actor, logo).await?;
            agency.logo = Some(logo.reference.clone());
        }
        None => {
            super::logo::clear(db, actor).await?;
            agency.logo = None;
        }
    }
    settings::store(db, actor, KEY, &agency).await?;
    cache.set(agency.clone());
    Ok(agency)
}

/// The accent darkened until the header's text on it (white, and the pale grey of its muted
/// parts) reads at WCAG AA (4.5:1), and so it on white too: an agency may pick a light brand
/// colour without making its pages unreadable.
pub fn readable_accent(colour: &str) -> String {
    let Some(hex) = parse_colour(colour) else {
        return DEFAULT_ACCENT.into();
    };
    let channel = |i: usize| u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0);
    let mut rgb = [channel(0), channel(1), channel(2)];
    for _ in 0..40 {
        if contrast_with_muted(rgb) >= 4.5 {
            break;
        }
        rgb = rgb.map(|c| (f32::from(c) * 0.9) as u8);
    }
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

fn luminance(rgb: [u8; 3]) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// Contrast against `#cfdcea`, the lightest text the header puts on the brand colour
/// (app.css `.whoami .muted`); white contrasts more.
fn contrast_with_muted(rgb: [u8; 3]) -> f32 {
    (luminance([0xcf, 0xdc, 0xea]) + 0.05) / (luminance(rgb) + 0.05)
}

/// Each instance's copy of the agency, read often (every public page, every email) and changed
/// rarely. Another instance's change reaches this one within [`AgencyCache::REFRESH`].
#[derive(Clone, Default)]
pub struct AgencyCache(Arc<RwLock<Arc<Agency>>>);

impl AgencyCache {
    pub const REFRESH: std::time::Duration = std::time::Duration::from_secs(15);

    pub fn new(agency: Agency) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(agency))))
    }

    /// The agency as last read.
    pub fn get(&self) -> Arc<Agency> {
        match self.0.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set(&self, agency: Agency) {
        let fresh = Arc::new(agency);
        match self.0.write() {
            Ok(mut current) => *current = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }

    /// Reads the agency again from the database.
    pub async fn refresh<C: ConnectionTrait>(&self, db: &C) -> AppResult<Arc<Agency>> {
        self.set(load(db).await?);
        Ok(self.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_both_lengths_and_refused_otherwise() {
        assert_eq!(parse_colour("#1F5FBF").as_deref(), Some("#1f5fbf"));
        assert_eq!(parse_colour(" #abc ").as_deref(), Some("#aabbcc"));
        assert_eq!(parse_colour("1f5fbf"), None);
        assert_eq!(parse_colour("#12345"), None);
        assert_eq!(parse_colour("#ggg"), None);
    }

    #[test]
    fn an_agency_without_settings_works_in_moscow_in_russian() {
        let agency = Agency::default();
        assert_eq!(agency.zone(), chrono_tz::Europe::Moscow);
        assert_eq!(agency.default_lang, Lang::Ru);
        assert_eq!(agency.display_name("Агентство Север"), "Агентство Север");
        assert_eq!(
            agency.display_name("Hireloop"),
            "",
            "never the product's name"
        );
    }

    #[test]
    fn a_light_accent_is_darkened_until_it_reads_and_a_dark_one_is_kept() {
        assert_eq!(readable_accent(DEFAULT_ACCENT), DEFAULT_ACCENT);
        for light in ["#ffd400", "#1f5fbf"] {
            let dark = readable_accent(light);
            assert_ne!(dark, light);
            let rgb = [1, 3, 5].map(|i| u8::from_str_radix(&dark[i..i + 2], 16).unwrap());
            assert!(contrast_with_muted(rgb) >= 4.5, "{dark}");
            assert!((1.05 / (luminance(rgb) + 0.05)) >= 4.5, "white on {dark}");
        }
    }

    #[test]
    fn fields_are_checked_together() {
        let fields = AgencyFields {
            name: " ".into(),
            accent_color: "red".into(),
            default_lang: "de".into(),
            time_zone: "Mars/Olympus".into(),
            ..Default::default()
        };
        let errors = fields.apply(&Agency::default()).unwrap_err();
        let names: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(names, ["name", "accent_color", "default_lang", "time_zone"]);
    }
}
