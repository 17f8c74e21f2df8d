//! The content model, described once: for each section, the fields a page's front matter may
//! have, with their type, whether they are required, their fixed values, what they reference, an
//! example and a one-line hint in every language.
//!
//! Everything else is derived from this description: the parser's known keys and its "did you
//! mean" (`content::parse`), the fixed values it accepts (the `ALL` lists of `model`, which this
//! module names), the field list of `canting new`'s archetypes (`scaffold`), the browser editor's
//! configuration (`editor`), and the tests that hold the open-data columns, the raw structs of the
//! parser and the field tables of the READMEs and guides to it.
//!
//! Labels and hints are messages: `schema.<key>` and `schema.<key>_hint` in
//! `src/messages/schema.yml`, in Indonesian and English.

use rust_i18n::t;

use crate::model::{Dye, EventStatus, Layout, Section, Technique};

/// What a field holds, which decides how it is checked, edited and shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Type {
    /// One line of text.
    Text,
    /// Text that may run over several lines.
    LongText,
    /// A day, `YYYY-MM-DD`.
    Date,
    /// A day, or a day and a time: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
    DateTime,
    /// A year, four digits.
    Year,
    /// A whole number.
    Whole,
    /// `true` or `false`.
    Bool,
    /// A list of short texts.
    TextList,
    /// A page's address (lower-case letters, digits, dashes).
    Slug,
    /// Old addresses of the page, each starting with `/`.
    Paths,
    /// One of fixed values.
    Choice(Values),
    /// Any of fixed values.
    Choices(Values),
    /// The slug of one page of a section, named by its folder (`workshops`).
    Reference(&'static str),
    /// The slugs of pages of a section, named by its folder (`motifs`).
    References(&'static str),
    /// `folder/slug` of pages of any of these sections (`workshops/sekar-wijaya`).
    Featured(&'static [&'static str]),
    /// A photo beside the page, or its path from `content/` starting with `/`.
    Photo,
    /// A list of photos.
    Photos,
    /// A web address, `https://…`.
    Url,
    /// A telephone or WhatsApp number.
    Phone,
    /// An e-mail address.
    Email,
    /// A point on the map: `{lat, lon}`.
    Location,
    /// The point of the cover to keep in view: `{x, y}`, each 0 to 1.
    Focus,
    /// A group of sub-fields.
    Group(&'static [Field]),
    /// A list of groups of sub-fields.
    GroupList(&'static [Field]),
}

/// A set of fixed values; [`Values::names`] are spelled by the `ALL` lists of `model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// `model::Technique`.
    Techniques,
    /// `model::Dye`.
    Dyes,
    /// `model::EventStatus`.
    EventStatus,
    /// `model::Layout`.
    Layout,
}

impl Values {
    /// Every set, for tests and the messages check.
    pub const ALL: [Values; 4] = [
        Values::Techniques,
        Values::Dyes,
        Values::EventStatus,
        Values::Layout,
    ];

    /// The values as front matter writes them.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Values::Techniques => crate::model::names(&Technique::ALL),
            Values::Dyes => crate::model::names(&Dye::ALL),
            Values::EventStatus => crate::model::names(&EventStatus::ALL),
            Values::Layout => crate::model::names(&Layout::ALL),
        }
    }

    /// The message key stem of the set: a value's label is `schema.value_<stem>_<name>`.
    pub fn stem(self) -> &'static str {
        match self {
            Values::Techniques => "technique",
            Values::Dyes => "dye",
            Values::EventStatus => "status",
            Values::Layout => "layout",
        }
    }

    /// The label of `name` in the current language (`natural` → "pewarna alam").
    pub fn label(self, name: &str) -> String {
        t!(format!("schema.value_{}_{name}", self.stem())).into_owned()
    }
}

/// What an archetype shows as a field's example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// YAML written as it is, in every language.
    Yaml(&'static str),
    /// Text in the page's language: the message `schema.<key>_example`, quoted for YAML.
    Text,
    /// The page's name, as typed for `canting new`.
    Title,
    /// Today's date.
    Today,
    /// A date a month from today (an exhibition that is still upcoming).
    NextMonth,
    /// The page's slug.
    Slug,
}

/// One field of the front matter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// The key in the front matter.
    pub name: &'static str,
    /// The stem of its messages: label `schema.<key>`, hint `schema.<key>_hint`.
    pub key: &'static str,
    /// What it holds.
    pub ty: Type,
    /// Whether a page without it is an error.
    pub required: bool,
    /// The example an archetype shows.
    pub example: Example,
    /// When set, a heading (`schema.group_<group>`) goes before this field in an archetype.
    pub group: Option<&'static str>,
}

impl Field {
    const fn new(name: &'static str, key: &'static str, ty: Type, example: Example) -> Field {
        Field {
            name,
            key,
            ty,
            required: false,
            example,
            group: None,
        }
    }

    const fn required(mut self) -> Field {
        self.required = true;
        self
    }

    const fn group(mut self, group: &'static str) -> Field {
        self.group = Some(group);
        self
    }

    /// The field's label in the current language.
    pub fn label(&self) -> String {
        t!(format!("schema.{}", self.key)).into_owned()
    }

    /// The field's one-line hint in the current language.
    pub fn hint(&self) -> String {
        t!(format!("schema.{}_hint", self.key)).into_owned()
    }

    /// Whether its value is text a translation changes (a name, a description), rather than a
    /// value every language shares (a number, a date, a reference, a photo).
    pub fn translated(&self) -> bool {
        matches!(self.ty, Type::Text | Type::LongText | Type::TextList)
            || matches!(self.ty, Type::Group(fields) | Type::GroupList(fields)
                if fields.iter().any(Field::translated))
    }

    /// The fixed values it takes, if any.
    pub fn values(&self) -> Option<Values> {
        match self.ty {
            Type::Choice(v) | Type::Choices(v) => Some(v),
            _ => None,
        }
    }
}

use Example::{Text as Txt, Yaml};
use Type::*;

/// The fields every page has, after its section's own ([`fields`] puts them together; a section
/// that declares one of these names itself, such as `date` for news, replaces it).
pub const COMMON: &[Field] = &[
    Field::new("date", "date", Date, Example::Today).group("common"),
    Field::new("cover", "cover", Photo, Yaml("cover.jpg")),
    Field::new("focus", "focus", Focus, Yaml("{x: 0.5, y: 0.3}")),
    Field::new(
        "images",
        "images",
        Photos,
        Yaml("[photo-1.jpg, photo-2.jpg]"),
    ),
    Field::new(
        "tags",
        "tags",
        TextList,
        Yaml("[natural-dyes, batik-classes]"),
    ),
    Field::new("weight", "weight", Whole, Yaml("10")),
    Field::new("slug", "slug", Type::Slug, Example::Slug),
    Field::new("aliases", "aliases", Paths, Yaml("[/old-name/]")),
    Field::new("draft", "draft", Bool, Yaml("true")),
];

const LOCATION: Field = Field::new(
    "location",
    "location",
    Location,
    Yaml("{lat: -8.0163, lon: 112.2154}"),
);

const NAMED_LINK: &[Field] = &[
    Field::new("name", "marketplace_name", Text, Yaml("Tokopedia")),
    Field::new(
        "url",
        "marketplace_url",
        Url,
        Yaml("\"https://www.tokopedia.com/shopname\""),
    ),
];

const PRICE: &[Field] = &[
    Field::new("min", "price_min", Whole, Yaml("150000")),
    Field::new("max", "price_max", Whole, Yaml("2500000")),
];

const CTA: &[Field] = &[
    Field::new("label", "cta_label", Text, Txt),
    Field::new(
        "whatsapp",
        "cta_whatsapp",
        Phone,
        Yaml("\"0812-3456-7890\""),
    ),
    Field::new("url", "cta_url", Url, Yaml("https://example.org/")),
];

/// A workshop (`content/workshops/`).
pub const WORKSHOP: &[Field] = &[
    Field::new("title", "workshop_title", Text, Example::Title).required(),
    Field::new("summary", "workshop_summary", LongText, Txt),
    Field::new("district", "district", Text, Yaml("Nglegok")).group("place"),
    Field::new("village", "village", Text, Yaml("Penataran")),
    Field::new("address", "address", Text, Txt),
    LOCATION,
    Field::new("whatsapp", "whatsapp", Phone, Yaml("\"0812-3456-7890\"")).group("contact"),
    Field::new("phone", "phone", Phone, Yaml("\"(0342) 123456\"")),
    Field::new("email", "email", Email, Yaml("workshop@example.org")),
    Field::new("instagram", "instagram", Text, Yaml("accountname")),
    Field::new("facebook", "facebook", Text, Yaml("accountname")),
    Field::new("tiktok", "tiktok", Text, Yaml("accountname")),
    Field::new("website", "website", Url, Yaml("https://example.org/")),
    Field::new(
        "marketplace",
        "marketplace",
        GroupList(NAMED_LINK),
        Yaml("[{name: Tokopedia, url: \"https://www.tokopedia.com/shopname\"}]"),
    ),
    Field::new(
        "techniques",
        "techniques",
        Choices(Values::Techniques),
        Yaml("[tulis, cap]"),
    )
    .group("products"),
    Field::new("dyes", "dyes", Choices(Values::Dyes), Yaml("[natural]")),
    Field::new(
        "motifs",
        "workshop_motifs",
        References("motifs"),
        Yaml("[sekar-jagad, kawung]"),
    ),
    Field::new(
        "price_range",
        "price_range",
        Group(PRICE),
        Yaml("{min: 150000, max: 2500000}"),
    ),
    Field::new("opening_hours", "opening_hours", Text, Txt),
    Field::new("founded", "founded", Year, Yaml("2010")),
    Field::new("accepts_visits", "accepts_visits", Bool, Yaml("true")),
    Field::new("classes", "classes", Bool, Yaml("false")),
];

/// A motif (`content/motifs/`).
pub const MOTIF: &[Field] = &[
    Field::new("title", "motif_title", Text, Example::Title).required(),
    Field::new("summary", "motif_summary", LongText, Txt),
    Field::new("origin", "origin", Text, Txt).group("motif"),
    Field::new("meaning", "meaning", LongText, Txt),
    Field::new("colors", "colors", TextList, Txt),
    Field::new("elements", "elements", TextList, Txt),
    Field::new("created", "created", Year, Yaml("2015")),
    Field::new(
        "creator",
        "creator",
        Reference("workshops"),
        Yaml("sekar-wijaya"),
    ),
];

/// An exhibition or other event (`content/events/`).
pub const EVENT: &[Field] = &[
    Field::new("title", "event_title", Text, Example::Title).required(),
    Field::new("start", "start", DateTime, Example::NextMonth).required(),
    Field::new("summary", "event_summary", LongText, Txt),
    Field::new("end", "end", DateTime, Yaml("2026-12-07")).group("event"),
    Field::new(
        "status",
        "status",
        Choice(Values::EventStatus),
        Yaml("scheduled"),
    ),
    Field::new("venue", "venue", Text, Txt),
    Field::new("address", "address", Text, Txt),
    LOCATION,
    Field::new(
        "organizer",
        "organizer",
        Text,
        Yaml("Asosiasi Pembatik Blitar"),
    ),
    Field::new(
        "workshops",
        "event_workshops",
        References("workshops"),
        Yaml("[sekar-wijaya, godong-ijo]"),
    ),
    Field::new(
        "registration",
        "registration",
        Url,
        Yaml("https://example.org/daftar"),
    ),
    Field::new("free", "free", Bool, Yaml("true")),
];

/// A news item (`content/news/`).
pub const NEWS: &[Field] = &[
    Field::new("title", "news_title", Text, Example::Title).required(),
    Field::new("date", "news_date", Date, Example::Today).required(),
    Field::new("summary", "news_summary", LongText, Txt),
    Field::new("author", "author", Text, Yaml("Nama Penulis")),
];

/// A page such as "About us" or a campaign (`content/pages/`).
pub const PAGE: &[Field] = &[
    Field::new("title", "page_title", Text, Example::Title).required(),
    Field::new("summary", "page_summary", LongText, Txt),
    Field::new("layout", "layout", Choice(Values::Layout), Yaml("page")).group("page"),
    Field::new("menu", "menu", Whole, Yaml("1")),
    Field::new("cta", "cta", Group(CTA), Txt),
    Field::new(
        "featured",
        "featured",
        Featured(&["workshops", "motifs"]),
        Yaml("[workshops/sekar-wijaya, motifs/kendi-gandrung]"),
    ),
    Field::new(
        "campaign",
        "campaign",
        Type::Slug,
        Yaml("december-exhibition"),
    ),
];

/// The home page and a section's listing (`_index.<lang>.md`): a title and an introduction.
pub const INDEX: &[Field] = &[
    Field::new("title", "index_title", Text, Example::Title).required(),
    Field::new("summary", "index_summary", LongText, Txt),
];

/// The sections of the content model, in the order of the site's menu and the editor's list.
pub const SECTIONS: [Section; 5] = [
    Section::Workshops,
    Section::Motifs,
    Section::Events,
    Section::News,
    Section::Pages,
];

/// The fields a section's own pages declare, before the common ones.
pub fn own(section: &Section) -> &'static [Field] {
    match section {
        Section::Workshops => WORKSHOP,
        Section::Motifs => MOTIF,
        Section::Events => EVENT,
        Section::News => NEWS,
        Section::Pages => PAGE,
        Section::Other(_) => INDEX,
    }
}

/// Every field of a page of `section`: its own, then the common ones it does not replace.
pub fn fields(section: &Section) -> Vec<&'static Field> {
    let own = own(section);
    own.iter()
        .chain(
            COMMON
                .iter()
                .filter(|c| !own.iter().any(|f| f.name == c.name)),
        )
        .collect()
}

/// The keys a page of `section` may have.
pub fn keys(section: &Section) -> Vec<&'static str> {
    fields(section).into_iter().map(|f| f.name).collect()
}

/// The keys every page may have: `title`, `summary` and the common fields. These are the keys of
/// the home page and of a section's listing (`_index.<lang>.md`) too.
pub fn common_keys() -> Vec<&'static str> {
    INDEX.iter().chain(COMMON).map(|f| f.name).collect()
}

/// The field of `section` called `name`.
pub fn field(section: &Section, name: &str) -> Option<&'static Field> {
    fields(section).into_iter().find(|f| f.name == name)
}

/// The message keys every field, group and value uses, for the messages check.
pub fn message_keys() -> Vec<String> {
    fn add(fields: &[Field], out: &mut Vec<String>) {
        for f in fields {
            out.push(format!("schema.{}", f.key));
            out.push(format!("schema.{}_hint", f.key));
            if f.example == Example::Text {
                out.push(format!("schema.{}_example", f.key));
            }
            if let Some(g) = f.group {
                out.push(format!("schema.group_{g}"));
            }
            if let Type::Group(sub) | Type::GroupList(sub) = f.ty {
                add(sub, out);
            }
        }
    }
    let mut out = Vec::new();
    for fields in [COMMON, WORKSHOP, MOTIF, EVENT, NEWS, PAGE, INDEX] {
        add(fields, &mut out);
    }
    for values in Values::ALL {
        for name in values.names() {
            out.push(format!("schema.value_{}_{name}", values.stem()));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_named_once_per_section() {
        for section in SECTIONS {
            let mut keys = keys(&section);
            let count = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), count, "{section:?}");
        }
    }

    #[test]
    fn every_message_exists_in_indonesian_and_english() {
        for key in message_keys() {
            for locale in ["id", "en"] {
                let text = t!(&key, locale = locale);
                assert_ne!(text, key, "{key} has no {locale} text");
                assert!(!text.trim().is_empty(), "{key} is empty in {locale}");
                assert!(!text.contains('\n'), "{key} is one line in {locale}");
            }
        }
    }

    #[test]
    fn news_replaces_the_common_date_with_a_required_one() {
        let date = field(&Section::News, "date").expect("news has a date");
        assert!(date.required);
        assert!(!field(&Section::Workshops, "date").expect("common").required);
        assert_eq!(
            keys(&Section::News)
                .iter()
                .filter(|k| **k == "date")
                .count(),
            1
        );
    }

    #[test]
    fn the_readmes_and_guides_name_every_field() {
        // The field tables for volunteers are written by hand; a field described here but missing
        // from one of them fails.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for doc in [
            "README.md",
            "README.id.md",
            "docs/guide.md",
            "docs/panduan.md",
        ] {
            let text = std::fs::read_to_string(root.join(doc)).expect("readable");
            let mut missing: Vec<String> = Vec::new();
            for section in SECTIONS {
                for f in fields(&section) {
                    let name = format!("`{}`", f.name);
                    if !text.contains(&name) && !missing.contains(&name) {
                        missing.push(name);
                    }
                }
            }
            assert!(
                missing.is_empty(),
                "{doc} does not name {}",
                missing.join(", ")
            );
        }
    }

    #[test]
    fn fixed_values_come_from_the_model() {
        assert_eq!(
            Values::Techniques.names(),
            ["tulis", "cap", "kombinasi", "printing", "ecoprint"]
        );
        assert_eq!(Values::EventStatus.names()[0], "scheduled");
        assert_eq!(Values::Layout.names(), ["page", "campaign"]);
    }
}
