//! The typed catalogue: what a page is once its file has been read and checked.
//!
//! Everything here has been validated at the edge (`content`); the stages after it trust these types.

use std::fmt;
use std::path::PathBuf;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use rust_i18n::t;
use serde::Serialize;

use crate::contact::Phone;

/// A language code from `site.yaml` (`id`, `en`, `jv`…).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Lang(String);

impl Lang {
    pub fn parse(code: &str) -> Result<Lang, String> {
        let ok = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
        if ok {
            Ok(Lang(code.to_string()))
        } else {
            Err(t!("model.lang_code", code = code).into_owned())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The zone in which event times without an offset are read. Indonesia's zones keep one offset
/// all year, which is what lets a calendar file describe them exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone {
    pub name: &'static str,
    pub offset: FixedOffset,
    /// `WIB`, `WITA`, `WIT`, `UTC`.
    pub abbreviation: &'static str,
}

impl TimeZone {
    const KNOWN: [(&'static str, i32, &'static str); 5] = [
        ("Asia/Jakarta", 7, "WIB"),
        ("Asia/Pontianak", 7, "WIB"),
        ("Asia/Makassar", 8, "WITA"),
        ("Asia/Jayapura", 9, "WIT"),
        ("UTC", 0, "UTC"),
    ];

    pub fn parse(name: &str) -> Result<TimeZone, String> {
        Self::KNOWN
            .iter()
            .find(|(n, _, _)| *n == name.trim())
            .and_then(|&(name, hours, abbreviation)| {
                Some(TimeZone {
                    name,
                    offset: FixedOffset::east_opt(hours * 3600)?,
                    abbreviation,
                })
            })
            .ok_or_else(|| {
                let names: Vec<&str> = Self::KNOWN.iter().map(|(n, _, _)| *n).collect();
                t!("model.timezone", name = name, names = names.join(", ")).into_owned()
            })
    }
}

/// The part of a URL that names a page: lower-case ASCII letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, String> {
        let ok = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if ok {
            Ok(Slug(text.to_string()))
        } else {
            Err(t!("model.slug", text = text, slug = Slug::from_name(text)).into_owned())
        }
    }

    /// A slug made from any name: accents folded, spaces and punctuation to dashes.
    pub fn from_name(name: &str) -> Slug {
        let mut out = String::with_capacity(name.len());
        for c in name.chars().flat_map(fold_accent) {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed = out.trim_end_matches('-');
        if trimmed.is_empty() {
            Slug("item".into())
        } else {
            Slug(trimmed.to_string())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        other => other,
    };
    std::iter::once(folded)
}

/// The folders of `content/` that mean something, and any other the site adds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Workshops,
    Motifs,
    Events,
    News,
    Pages,
    Other(Slug),
}

impl Section {
    pub fn from_folder(name: &str) -> Result<Section, String> {
        Ok(match name {
            "workshops" => Section::Workshops,
            "motifs" => Section::Motifs,
            "events" => Section::Events,
            "news" => Section::News,
            "pages" => Section::Pages,
            other => Section::Other(Slug::parse(other)?),
        })
    }

    pub fn folder(&self) -> &str {
        match self {
            Section::Workshops => "workshops",
            Section::Motifs => "motifs",
            Section::Events => "events",
            Section::News => "news",
            Section::Pages => "pages",
            Section::Other(slug) => slug.as_str(),
        }
    }

    /// Pages (`about`, campaigns) live at the site root rather than under `/pages/`.
    pub fn url_prefix(&self) -> &str {
        match self {
            Section::Pages => "",
            other => other.folder(),
        }
    }
}

/// A page's identity across languages: translations share it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageKey {
    pub section: Section,
    pub slug: Slug,
}

impl fmt::Display for PageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.section.folder(), self.slug)
    }
}

/// A file under `content/`, by its path relative to that folder (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct AssetPath(pub String);

impl AssetPath {
    /// The kinds of photo canting publishes through its photo pipeline.
    pub const PHOTO_EXTENSIONS: [&'static str; 5] = ["jpg", "jpeg", "png", "webp", "gif"];

    pub fn is_photo(&self) -> bool {
        self.0.rsplit_once('.').is_some_and(|(_, ext)| {
            Self::PHOTO_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        })
    }
}

/// A photo a page uses, by its path under `content/`; the photo pipeline (`images`) publishes it.
#[derive(Debug, Clone, Serialize)]
pub struct Photo {
    pub path: AssetPath,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub key: PageKey,
    pub lang: Lang,
    /// The source file, relative to the site root, for messages.
    pub file: PathBuf,
    /// The folder of the source file relative to `content/`, which relative paths start from.
    pub dir: String,
    /// The slug in the URL (the `slug` field, else the file's).
    pub url_slug: Slug,
    pub title: String,
    pub summary: Option<String>,
    /// The `summary`, else the first paragraph of the text as plain text: what previews, feeds
    /// and calendars describe the page with.
    pub description: Option<String>,
    pub date: Option<NaiveDate>,
    pub draft: bool,
    pub cover: Option<Photo>,
    /// The point of the cover to keep in view when it is cropped, (0, 0) top left to (1, 1).
    pub focus: Option<(f32, f32)>,
    pub images: Vec<Photo>,
    pub tags: Vec<String>,
    pub weight: i64,
    pub aliases: Vec<String>,
    pub extra: serde_json::Value,
    pub body: String,
    /// Line of the file on which the Markdown body starts.
    pub body_line: usize,
    pub kind: Kind,
}

impl Page {
    /// The date a listing sorts by: an exhibition's first day, else the page's `date`.
    pub fn sort_date(&self) -> Option<NaiveDate> {
        match &self.kind {
            Kind::Event(e) => Some(e.start.date()),
            _ => self.date,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Kind {
    Workshop(Box<Workshop>),
    Motif(Motif),
    Event(Box<Event>),
    News(News),
    Page(Plain),
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NamedLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Technique {
    Tulis,
    Cap,
    Kombinasi,
    Printing,
    Ecoprint,
}

impl Technique {
    pub const ALL: [(&'static str, Technique); 5] = [
        ("tulis", Technique::Tulis),
        ("cap", Technique::Cap),
        ("kombinasi", Technique::Kombinasi),
        ("printing", Technique::Printing),
        ("ecoprint", Technique::Ecoprint),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(n, _)| n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dye {
    Natural,
    Synthetic,
}

impl Dye {
    pub const ALL: [(&'static str, Dye); 2] =
        [("natural", Dye::Natural), ("synthetic", Dye::Synthetic)];
}

/// The names of a set of fixed values, as front matter writes them: `Technique::ALL`'s first
/// halves, for the content model's description (`schema`) and its messages.
pub fn names<T>(all: &[(&'static str, T)]) -> Vec<&'static str> {
    all.iter().map(|(name, _)| *name).collect()
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct PriceRange {
    pub min: u64,
    pub max: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Workshop {
    pub district: Option<String>,
    pub village: Option<String>,
    pub address: Option<String>,
    pub location: Option<Location>,
    pub whatsapp: Option<Phone>,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    pub instagram: Option<String>,
    pub facebook: Option<String>,
    pub tiktok: Option<String>,
    pub website: Option<String>,
    pub marketplace: Vec<NamedLink>,
    pub techniques: Vec<Technique>,
    pub dyes: Vec<Dye>,
    pub motifs: Vec<Slug>,
    pub price_range: Option<PriceRange>,
    pub opening_hours: Option<String>,
    pub founded: Option<i32>,
    pub accepts_visits: Option<bool>,
    pub classes: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct Motif {
    pub origin: Option<String>,
    pub meaning: Option<String>,
    pub colors: Vec<String>,
    pub elements: Vec<String>,
    pub created: Option<i32>,
    pub creator: Option<Slug>,
}

/// When an event starts or ends: a whole day, or a time (in the site's zone unless it has an offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(NaiveDate),
    At(NaiveDateTime, Option<FixedOffset>),
}

impl When {
    pub fn date(self) -> NaiveDate {
        match self {
            When::Day(d) => d,
            When::At(t, _) => t.date(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Scheduled,
    Cancelled,
    Postponed,
}

impl EventStatus {
    /// The values `status` takes, the default (`scheduled`) first. `canceled` is read as
    /// `cancelled` too, but is not offered.
    pub const ALL: [(&'static str, EventStatus); 3] = [
        ("scheduled", EventStatus::Scheduled),
        ("cancelled", EventStatus::Cancelled),
        ("postponed", EventStatus::Postponed),
    ];
}

#[derive(Debug, Clone)]
pub struct Event {
    pub start: When,
    pub end: Option<When>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub location: Option<Location>,
    pub organizer: Option<String>,
    pub workshops: Vec<Slug>,
    pub registration: Option<String>,
    pub free: Option<bool>,
    pub status: EventStatus,
}

impl Event {
    /// The last day the event is on.
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start).date()
    }
}

#[derive(Debug, Clone, Default)]
pub struct News {
    pub author: Option<String>,
}

#[derive(Debug, Clone)]
pub enum CtaTarget {
    WhatsApp(Phone),
    Url(String),
}

#[derive(Debug, Clone)]
pub struct Cta {
    pub label: String,
    pub target: CtaTarget,
}

/// A reference in `featured`: `workshops/<slug>` or `motifs/<slug>`.
#[derive(Debug, Clone)]
pub struct Plain {
    pub layout: Layout,
    pub cta: Option<Cta>,
    pub featured: Vec<PageKey>,
    pub campaign: Option<Slug>,
    pub menu: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    Page,
    Campaign,
}

impl Layout {
    /// The values `layout` takes, the default (`page`) first.
    pub const ALL: [(&'static str, Layout); 2] =
        [("page", Layout::Page), ("campaign", Layout::Campaign)];
}

/// `_index.<lang>.md`: the title and introduction of the home page or of a section's listing.
#[derive(Debug, Clone)]
pub struct IndexPage {
    /// `None` for the home page.
    pub section: Option<Section>,
    pub lang: Lang,
    pub file: PathBuf,
    pub dir: String,
    pub title: String,
    pub summary: Option<String>,
    pub body: String,
    pub body_line: usize,
    pub extra: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_names_fold_accents() {
        assert_eq!(
            Slug::from_name("Batik Sekar Arum").as_str(),
            "batik-sekar-arum"
        );
        assert_eq!(Slug::from_name("Café  Démo — Ñ!").as_str(), "cafe-demo-n");
        assert_eq!(Slug::from_name("***").as_str(), "item");
    }

    #[test]
    fn slugs_refuse_what_cannot_be_in_a_url() {
        assert!(Slug::parse("kendi-gandrung").is_ok());
        let err = Slug::parse("Kendi Gandrung").expect_err("spaces");
        assert!(err.contains("`kendi-gandrung`"), "{err}");
        assert!(Slug::parse("../etc").is_err());
    }

    #[test]
    fn indonesian_time_zones_are_known() {
        let wib = TimeZone::parse("Asia/Jakarta").expect("known");
        assert_eq!(wib.offset.local_minus_utc(), 7 * 3600);
        assert_eq!(
            TimeZone::parse("Asia/Makassar")
                .expect("known")
                .abbreviation,
            "WITA"
        );
        assert!(TimeZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn languages_are_short_codes() {
        assert!(Lang::parse("id").is_ok());
        assert!(Lang::parse("ID").is_err());
        assert!(Lang::parse("indonesian").is_err());
    }
}
