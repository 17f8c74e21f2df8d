//! Tera: the theme's templates compiled once, canting's filters, and template errors as
//! diagnostics that name the template file.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_i18n::t;
use tera::{Kwargs, State, Tera};

use crate::diagnostic::Diagnostic;
use crate::i18n::{Strings, rupiah};
use crate::model::{Lang, Slug};
use crate::theme::Theme;

/// Tera with the theme's templates and canting's filters.
pub(super) fn templates(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    register_filters(&mut tera, Arc::new(theme.strings.clone()));
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    tera.add_raw_templates(templates).map_err(|e| {
        vec![
            Diagnostic::error(t!("render.templates_unreadable", why = e))
                .file(crate::folders::THEMES)
                .hint(t!("render.templates_unreadable_hint")),
        ]
    })?;
    Ok(tera)
}

/// The filters Tera 2 dropped that themes want, and a few of canting's own.
fn register_filters(tera: &mut Tera, strings: Arc<BTreeMap<Lang, Strings>>) {
    tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State| {
        Slug::from_name(s).to_string()
    });
    tera.register_filter("urlencode", |s: &str, _: Kwargs, _: &State| {
        crate::escape::urlencode(s)
    });
    tera.register_filter("rupiah", |n: u64, _: Kwargs, _: &State| rupiah(n));
    tera.register_filter(
        "date",
        move |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let lang: Option<&str> = kwargs.get("lang")?;
            let date = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
                .map_err(|_| tera::Error::message(t!("render.not_a_date", value = s)))?;
            let strings = lang
                .and_then(|l| strings.iter().find(|(k, _)| k.as_str() == l))
                .or_else(|| strings.iter().next())
                .map(|(_, s)| s);
            Ok(strings.map_or_else(|| date.to_string(), |s| s.date(date)))
        },
    );
}

/// A template that failed to render, named with its file in the theme folder.
pub(super) fn template_error(template: &str, e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostic::error(t!(
        "render.template_failed",
        template = template,
        why = message
    ))
    .file(format!("{}/templates/{template}", crate::folders::THEMES))
    .hint(t!("render.template_failed_hint"))
}
