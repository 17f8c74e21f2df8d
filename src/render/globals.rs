//! What every page of one language shares: the `site` value (title, menu, organisation and the
//! site-wide URLs) and the theme's words, worked out once per language.

use serde::Serialize;
use tera::Value;

use crate::i18n::Strings;
use crate::model::{Kind, Lang, Section};
use crate::site::{Site, TaxonomyKind};

/// What every page of one language shares: the site value and the theme's words.
pub(super) struct Globals {
    /// `site` in templates: title, menu, sections, organisation, and the site-wide URLs.
    pub site: Value,
    /// `t` in templates: the theme's words in the language.
    pub words: Value,
}

impl Globals {
    /// The globals of `lang`.
    pub(super) fn new(site: &Site, lang: &Lang, strings: &Strings) -> Globals {
        Globals {
            site: site_value(site, lang, strings),
            words: Value::from_serializable(&strings.to_json()),
        }
    }
}

/// Site-wide values for one language: title, menu, sections, organisation, and every site-wide
/// URL a template links to (feeds, calendar, printable catalogue, open data, taxonomies).
fn site_value(site: &Site, lang: &Lang, strings: &Strings) -> Value {
    #[derive(Serialize)]
    struct MenuItem {
        title: String,
        url: String,
        /// A campaign page: the theme shows it as the menu's banner.
        campaign: bool,
    }
    let language = site.config.language(lang.as_str());
    let mut menu: Vec<(i64, MenuItem)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| &p.lang == lang)
        .filter_map(|(id, p)| match &p.kind {
            Kind::Page(plain) => plain.menu.map(|w| {
                (
                    w,
                    MenuItem {
                        title: p.title.clone(),
                        url: site.url(id),
                        campaign: plain.layout == crate::model::Layout::Campaign,
                    },
                )
            }),
            _ => None,
        })
        .collect();
    menu.sort_by_key(|(w, _)| *w);
    let sections: Vec<MenuItem> = [
        Section::Workshops,
        Section::Motifs,
        Section::Events,
        Section::News,
    ]
    .iter()
    .filter(|s| {
        site.pages
            .iter()
            .any(|p| &p.key.section == *s && &p.lang == lang)
    })
    .map(|s| MenuItem {
        title: site.section_title(s, lang, strings),
        url: site.section_url(s, lang),
        campaign: false,
    })
    .collect();
    let taxonomy = |kind: TaxonomyKind| site.taxonomy_url(kind, lang, None);
    let feed = |section: Section| crate::feeds::urls(site, lang, &section).0;
    let urls = serde_json::json!({
        "news_rss": feed(Section::News),
        "events_rss": feed(Section::Events),
        "calendar": site.calendar_url(lang),
        "print": site.print_url(lang),
        "open_data": format!("{}{}", crate::opendata::folder_url(site, lang), crate::opendata::CATALOGUE),
        "districts": taxonomy(TaxonomyKind::District),
        "techniques": taxonomy(TaxonomyKind::Technique),
        "colours": taxonomy(TaxonomyKind::Colour),
        "tags": taxonomy(TaxonomyKind::Tag),
        "workshops": site.section_url(&Section::Workshops, lang),
        "motifs": site.section_url(&Section::Motifs, lang),
        "events": site.section_url(&Section::Events, lang),
        "news": site.section_url(&Section::News, lang),
        "search": site.config.search.then(|| site.search_url(lang)),
    });
    let org = &site.config.organization;
    let base = site.config.base_url.path();
    let value = serde_json::json!({
        "title": site.config.title_in(lang),
        "lang": lang.as_str(),
        "lang_name": language.map_or(lang.as_str(), |l| l.name.as_str()),
        "locale": super::view::og_locale(lang),
        "base_path": base,
        "base_url": site.config.absolute(base),
        "origin": site.config.base_url.origin(),
        "home_url": site.config.lang_root(lang),
        "css_url": format!("{base}style.css"),
        "menu": menu.into_iter().map(|(_, m)| m).collect::<Vec<_>>(),
        "sections": sections,
        "organization": {
            "name": org.name,
            "whatsapp_url": org.whatsapp.as_ref().map(|p| p.whatsapp_url()),
            "whatsapp": org.whatsapp.as_ref().map(|p| p.display()),
            "email": org.email,
            "instagram": org.instagram,
            "address": org.address,
        },
        "urls": urls,
        "extra": site.config.extra,
    });
    Value::from_serializable(&value)
}
