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
    /// Checks a code: two or three lower-case ASCII letters; the error is a message for the volunteer.
    pub fn parse(code: &str) -> Result<Lang, String> {
        let ok = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
        if ok {
            Ok(Lang(code.to_string()))
        } else {
            Err(t!("model.lang_code", code = code).into_owned())
        }
    }

    /// The code as written in `site.yaml`, e.g. `id`.
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
    /// The IANA name from `site.yaml`, e.g. `Asia/Jakarta`.
    pub name: &'static str,
    /// The zone's offset from UTC, the same all year.
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

    /// Finds a zone among the ones canting knows; the error lists them.
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
    /// Checks that `text` is already a slug; the error suggests the slug made from it.
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

    /// The slug as it appears in URLs.
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
    /// `content/workshops/`: batik makers.
    Workshops,
    /// `content/motifs/`: batik patterns.
    Motifs,
    /// `content/events/`: exhibitions, classes and markets, with dates.
    Events,
    /// `content/news/`: dated posts.
    News,
    /// `content/pages/`: standalone pages such as `about` and campaigns, served from the site root.
    Pages,
    /// Any other folder of `content/`, by its name, which must be a slug.
    Other(Slug),
}

impl Section {
    /// The section of a folder of `content/`; an unknown folder must have a slug for a name.
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

    /// The folder under `content/` the section's pages live in.
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
    /// The folder the page is in.
    pub section: Section,
    /// The slug of the file name (or of the folder, for `<slug>/index.md`), without the language
    /// suffix; the same in every translation.
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

    /// Whether the file has one of [`Self::PHOTO_EXTENSIONS`], in any case.
    pub fn is_photo(&self) -> bool {
        self.0.rsplit_once('.').is_some_and(|(_, ext)| {
            Self::PHOTO_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        })
    }
}

/// A photo a page uses, by its path under `content/`; the photo pipeline (`images`) publishes it.
#[derive(Debug, Clone, Serialize)]
pub struct Photo {
    /// Where the original is, under `content/`.
    pub path: AssetPath,
}

/// A page of `content/` once parsed and checked: the fields every kind has, and in `kind` the ones
/// of its section.
#[derive(Debug, Clone)]
pub struct Page {
    /// Which page it is, shared by its translations.
    pub key: PageKey,
    /// The language of this translation, from the file name or the site's default.
    pub lang: Lang,
    /// The source file, relative to the site root, for messages.
    pub file: PathBuf,
    /// The folder of the source file relative to `content/`, which relative paths start from.
    pub dir: String,
    /// The slug in the URL (the `slug` field, else the file's).
    pub url_slug: Slug,
    /// The `title` field; required.
    pub title: String,
    /// The `summary` field as written.
    pub summary: Option<String>,
    /// The `summary`, else the first paragraph of the text as plain text: what previews, feeds
    /// and calendars describe the page with.
    pub description: Option<String>,
    /// The `date` field: when a news post was published or a page written.
    pub date: Option<NaiveDate>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// The `cover` field: the photo that stands for the page in listings and previews.
    pub cover: Option<Photo>,
    /// The point of the cover to keep in view when it is cropped, (0, 0) top left to (1, 1).
    pub focus: Option<(f32, f32)>,
    /// The `images` field: the page's gallery, in the order written.
    pub images: Vec<Photo>,
    /// The `tags` field, as written.
    pub tags: Vec<String>,
    /// Orders pages of the same date in a listing, lower first; 0 when not given.
    pub weight: i64,
    /// Old paths of the page, each of which gets a page that redirects to it.
    pub aliases: Vec<String>,
    /// Fields under `extra:`, handed to templates as they are.
    pub extra: serde_json::Value,
    /// The Markdown after the front matter, not yet rendered.
    pub body: String,
    /// Line of the file on which the Markdown body starts.
    pub body_line: usize,
    /// The fields that belong to the page's section.
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

/// The fields that depend on a page's section.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A page of `content/workshops/`.
    Workshop(Box<Workshop>),
    /// A page of `content/motifs/`.
    Motif(Motif),
    /// A page of `content/events/`.
    Event(Box<Event>),
    /// A page of `content/news/`.
    News(News),
    /// A page of `content/pages/` or of any other folder.
    Page(Plain),
}

impl Kind {
    /// The kind's name for templates and the search index: `workshop`, `motif`, `event`,
    /// `news`, `campaign` or `page`.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Workshop(_) => "workshop",
            Kind::Motif(_) => "motif",
            Kind::Event(_) => "event",
            Kind::News(_) => "news",
            Kind::Page(p) if p.layout == Layout::Campaign => "campaign",
            Kind::Page(_) => "page",
        }
    }
}

/// A point on the map, in decimal degrees; checked to be on Earth.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Location {
    /// Latitude, -90 to 90, south negative.
    pub lat: f64,
    /// Longitude, -180 to 180, west negative.
    pub lon: f64,
}

/// A link with the name to show for it, e.g. a shop on a marketplace.
#[derive(Debug, Clone, Serialize)]
pub struct NamedLink {
    /// What the link is called on the page.
    pub name: String,
    /// The address, checked as a URL.
    pub url: String,
}

/// How a batik is made; a taxonomy of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Technique {
    /// Drawn by hand with a canting.
    Tulis,
    /// Stamped with a copper block (`cap`).
    Cap,
    /// Stamped and drawn by hand.
    Kombinasi,
    /// Printed, not waxed.
    Printing,
    /// Dyed by pressing leaves and flowers into the cloth.
    Ecoprint,
}

impl Technique {
    /// Each technique with the name it has in front matter and URLs.
    pub const ALL: [(&'static str, Technique); 5] = [
        ("tulis", Technique::Tulis),
        ("cap", Technique::Cap),
        ("kombinasi", Technique::Kombinasi),
        ("printing", Technique::Printing),
        ("ecoprint", Technique::Ecoprint),
    ];

    /// The technique's name in front matter and URLs, e.g. `tulis`.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(n, _)| n)
    }
}

/// Where a workshop's dyes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dye {
    /// Dyes from plants, bark or roots.
    Natural,
    /// Manufactured dyes.
    Synthetic,
}

impl Dye {
    /// Each dye with the name it has in front matter.
    pub const ALL: [(&'static str, Dye); 2] =
        [("natural", Dye::Natural), ("synthetic", Dye::Synthetic)];
}

/// The names of a set of fixed values, as front matter writes them: `Technique::ALL`'s first
/// halves, for the content model's description (`schema`) and its messages.
pub fn names<T>(all: &[(&'static str, T)]) -> Vec<&'static str> {
    all.iter().map(|(name, _)| *name).collect()
}

/// What a workshop's pieces cost, in rupiah; `min` is never above `max`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PriceRange {
    /// The cheapest piece, in rupiah.
    pub min: u64,
    /// The dearest piece, in rupiah.
    pub max: u64,
}

/// The fields of a workshop page; each is `None` or empty when the front matter leaves it out.
#[derive(Debug, Clone, Default)]
pub struct Workshop {
    /// The district the workshop is in; a taxonomy of the site.
    pub district: Option<String>,
    /// The village the workshop is in.
    pub village: Option<String>,
    /// The street address, as written.
    pub address: Option<String>,
    /// Where the workshop is on the map.
    pub location: Option<Location>,
    /// A WhatsApp number to order or ask by.
    pub whatsapp: Option<Phone>,
    /// A telephone number.
    pub phone: Option<Phone>,
    /// An e-mail address, checked.
    pub email: Option<String>,
    /// An Instagram handle, without the `@`.
    pub instagram: Option<String>,
    /// The Facebook page as a full URL; a bare name is made into one.
    pub facebook: Option<String>,
    /// The TikTok handle, as written.
    pub tiktok: Option<String>,
    /// The workshop's own website, checked as a URL.
    pub website: Option<String>,
    /// Shops on online marketplaces.
    pub marketplace: Vec<NamedLink>,
    /// The techniques the workshop works in.
    pub techniques: Vec<Technique>,
    /// The kinds of dye the workshop uses.
    pub dyes: Vec<Dye>,
    /// Motifs the workshop makes, by their slugs in `content/motifs/`.
    pub motifs: Vec<Slug>,
    /// What its pieces cost.
    pub price_range: Option<PriceRange>,
    /// When it is open, as written.
    pub opening_hours: Option<String>,
    /// The year it was founded, between 1000 and 2100.
    pub founded: Option<i32>,
    /// Whether visitors may come to watch.
    pub accepts_visits: Option<bool>,
    /// Whether it teaches batik classes.
    pub classes: Option<bool>,
}

/// The fields of a motif page; each is `None` or empty when the front matter leaves it out.
#[derive(Debug, Clone, Default)]
pub struct Motif {
    /// Where the motif comes from, as written.
    pub origin: Option<String>,
    /// What the motif stands for, as written.
    pub meaning: Option<String>,
    /// Its usual colours, as written.
    pub colors: Vec<String>,
    /// The shapes it is made of, as written.
    pub elements: Vec<String>,
    /// The year it was created, between 1000 and 2100.
    pub created: Option<i32>,
    /// The workshop that created it, by its slug in `content/workshops/`.
    pub creator: Option<Slug>,
}

/// When an event starts or ends: a whole day, or a time (in the site's zone unless it has an offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// All of a day, with no time.
    Day(NaiveDate),
    /// A time of day, with the offset written in the file, if any.
    At(NaiveDateTime, Option<FixedOffset>),
}

impl When {
    /// The day, in the time as written.
    pub fn date(self) -> NaiveDate {
        match self {
            When::Day(d) => d,
            When::At(t, _) => t.date(),
        }
    }
}

/// Whether an event goes ahead, from its `status` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Goes ahead as announced; the default.
    Scheduled,
    /// Will not take place.
    Cancelled,
    /// Put off to a later date.
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

/// The fields of an event page.
#[derive(Debug, Clone)]
pub struct Event {
    /// When it starts; required.
    pub start: When,
    /// When it ends; `None` for an event of one day or one moment.
    pub end: Option<When>,
    /// Where it takes place, by name.
    pub venue: Option<String>,
    /// The venue's street address, as written.
    pub address: Option<String>,
    /// Where the venue is on the map.
    pub location: Option<Location>,
    /// Who organises it, as written.
    pub organizer: Option<String>,
    /// Workshops taking part, by their slugs in `content/workshops/`.
    pub workshops: Vec<Slug>,
    /// The page to register on, checked as a URL.
    pub registration: Option<String>,
    /// Whether entry is free; `None` when not said.
    pub free: Option<bool>,
    /// Whether it goes ahead.
    pub status: EventStatus,
}

impl Event {
    /// The last day the event is on.
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start).date()
    }
}

/// The fields of a news post.
#[derive(Debug, Clone, Default)]
pub struct News {
    /// Who wrote it, as written.
    pub author: Option<String>,
}

/// Where a call-to-action button leads.
#[derive(Debug, Clone)]
pub enum CtaTarget {
    /// A WhatsApp chat with this number.
    WhatsApp(Phone),
    /// Any URL.
    Url(String),
}

/// A call-to-action button on a page: its `cta` field.
#[derive(Debug, Clone)]
pub struct Cta {
    /// The text on the button; never blank.
    pub label: String,
    /// Where it leads.
    pub target: CtaTarget,
}

/// A reference in `featured`: `workshops/<slug>` or `motifs/<slug>`.
#[derive(Debug, Clone)]
pub struct Plain {
    /// How the page is laid out.
    pub layout: Layout,
    /// The page's call to action, if any.
    pub cta: Option<Cta>,
    /// Workshops and motifs to show on the page, in the order written.
    pub featured: Vec<PageKey>,
    /// The campaign the page belongs to, by slug; its links carry it as `utm_campaign`.
    pub campaign: Option<Slug>,
    /// Its place in the site menu, lower first; `None` keeps it out of the menu.
    pub menu: Option<i64>,
}

/// The `layout` of a plain page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// An ordinary page; the default.
    Page,
    /// A campaign's landing page.
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
    /// The language of this file.
    pub lang: Lang,
    /// The source file, relative to the site root, for messages.
    pub file: PathBuf,
    /// The folder of the source file relative to `content/`, which relative paths start from.
    pub dir: String,
    /// The `title` field.
    pub title: String,
    /// The `summary` field as written.
    pub summary: Option<String>,
    /// The Markdown after the front matter, not yet rendered.
    pub body: String,
    /// Line of the file on which the Markdown body starts.
    pub body_line: usize,
    /// Fields under `extra:`, handed to templates as they are.
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
