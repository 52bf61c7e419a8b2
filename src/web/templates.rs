//! minijinja templates: embedded in the binary, or read from disk and reloaded on change when
//! `Config::template_autoreload` is on (debug builds of `hireloop serve`).

use minijinja::{Environment, UndefinedBehavior};
use minijinja_autoreload::AutoReloader;
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::web::i18n;

pub enum Templates {
    Embedded(Environment<'static>),
    Reloading(AutoReloader),
}

impl Templates {
    pub fn new(autoreload: bool) -> Self {
        if !autoreload {
            let mut env = Environment::new();
            minijinja_embed::load_templates!(&mut env);
            configure(&mut env);
            return Templates::Embedded(env);
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        Templates::Reloading(AutoReloader::new(move |notifier| {
            let mut env = Environment::new();
            env.set_loader(minijinja::path_loader(dir));
            configure(&mut env);
            notifier.watch_path(dir, true);
            Ok(env)
        }))
    }

    pub fn render<S: Serialize>(&self, name: &str, context: S) -> AppResult<String> {
        let result = match self {
            Templates::Embedded(env) => env.get_template(name).and_then(|t| t.render(context)),
            Templates::Reloading(reloader) => reloader
                .acquire_env()
                .and_then(|env| env.get_template(name).and_then(|t| t.render(context))),
        };
        result.map_err(|err| AppError::Internal(anyhow::anyhow!("template {name}: {err:#}")))
    }
}

fn configure(env: &mut Environment<'static>) {
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.add_function("t", i18n::template_function);
    env.add_function("typed", crate::web::kept::typed);
    env.add_function("typed_all", crate::web::kept::typed_all);
    env.add_function("typed_errors", crate::web::kept::typed_errors);
    env.add_function("typed_form", crate::web::kept::typed_form);
    env.add_filter("money", money_filter);
    env.add_function("money_range", money_range);
    env.add_filter("localtime", crate::web::dates::localtime);
    env.add_filter("localdate", crate::web::dates::localdate);
    // The same limits the operations check, for the forms' `maxlength`.
    env.add_global(
        "limits",
        minijinja::context! {
            line => crate::domain::text::LINE_MAX,
            link => crate::domain::text::LINK_MAX,
            text => crate::domain::text::TEXT_MAX,
        },
    );
}

/// 180000 → "180 000" in Russian style: for code that draws figures outside a page's language
/// (the market chart's axes).
pub(crate) fn money(value: i64) -> String {
    crate::domain::money::amount(value, crate::domain::money::Style::Russian)
}

fn style_of(state: &minijinja::State) -> crate::domain::money::Style {
    let english = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(|s| s == "en"))
        == Some(true);
    crate::domain::money::Style::english(english)
}

/// `{{ amount | money }}`: grouped the way the page's language writes numbers;
/// `{{ amount | money(currency) }}` with the currency as that language puts it («150 000 ₽»,
/// "RUB 150,000").
fn money_filter(state: &minijinja::State, value: i64, currency: Option<String>) -> String {
    match currency.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(currency) => crate::domain::money::with_currency(value, currency, style_of(state)),
        None => crate::domain::money::amount(value, style_of(state)),
    }
}

/// `{{ money_range(min, max, currency) }}`: «от 90 000 до 150 000 ₽» or "RUB 90,000–150,000".
fn money_range(state: &minijinja::State, min: i64, max: i64, currency: String) -> String {
    crate::domain::money::range(min, max, &currency, style_of(state))
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(180000), "180\u{a0}000");
        assert_eq!(money(1234567), "1\u{a0}234\u{a0}567");
        assert_eq!(money(999), "999");
        assert_eq!(money(-40229), "-40\u{a0}229");
    }
}
