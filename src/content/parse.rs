//! One Markdown file → one typed page: front matter split off, read as YAML, checked.

use std::collections::HashSet;

use rust_i18n::t;
use serde::Deserialize;

use super::fields::Checker;
use super::{Place, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Cta, CtaTarget, Dye, Event, EventStatus, IndexPage, Kind, Layout, Motif, NamedLink, News, Page,
    PageKey, Plain, PriceRange, Section, Slug, Technique, Workshop,
};
use crate::schema::{self, Values};
use crate::yaml::{Document, Scalar};

pub(crate) enum Parsed {
    Page(Box<Page>),
    Index(IndexPage),
}

type Outcome = Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>>;

/// An empty value (`draft:` or `draft: null`, as a CMS writes a field nobody filled in) is the
/// same as leaving the field out.
fn null_is_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

#[derive(Deserialize)]
struct CommonFields {
    title: Option<Scalar>,
    summary: Option<String>,
    date: Option<Scalar>,
    #[serde(default, deserialize_with = "null_is_default")]
    draft: bool,
    slug: Option<String>,
    cover: Option<String>,
    focus: Option<FocusFields>,
    #[serde(default, deserialize_with = "null_is_default")]
    images: Vec<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    tags: Vec<Scalar>,
    weight: Option<i64>,
    #[serde(default, deserialize_with = "null_is_default")]
    aliases: Vec<String>,
}

#[derive(Deserialize, Clone, Copy)]
struct FocusFields {
    x: f32,
    y: f32,
}

#[derive(Deserialize, Clone, Copy)]
struct RawLocation {
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct WorkshopFields {
    district: Option<String>,
    village: Option<String>,
    address: Option<String>,
    location: Option<RawLocation>,
    whatsapp: Option<Scalar>,
    phone: Option<Scalar>,
    email: Option<String>,
    instagram: Option<String>,
    facebook: Option<String>,
    tiktok: Option<String>,
    website: Option<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    marketplace: Vec<NamedLinkFields>,
    #[serde(default, deserialize_with = "null_is_default")]
    techniques: Vec<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    dyes: Vec<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    motifs: Vec<String>,
    price_range: Option<PriceFields>,
    opening_hours: Option<String>,
    founded: Option<i32>,
    accepts_visits: Option<bool>,
    classes: Option<bool>,
}

#[derive(Deserialize)]
struct NamedLinkFields {
    name: String,
    url: String,
}

#[derive(Deserialize)]
struct PriceFields {
    min: u64,
    max: u64,
}

#[derive(Deserialize)]
struct MotifFields {
    origin: Option<String>,
    meaning: Option<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    colors: Vec<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    elements: Vec<String>,
    created: Option<i32>,
    creator: Option<String>,
}

#[derive(Deserialize)]
struct EventFields {
    start: Option<Scalar>,
    end: Option<Scalar>,
    venue: Option<String>,
    address: Option<String>,
    location: Option<RawLocation>,
    organizer: Option<String>,
    #[serde(default, deserialize_with = "null_is_default")]
    workshops: Vec<String>,
    registration: Option<String>,
    free: Option<bool>,
    status: Option<String>,
}

#[derive(Deserialize)]
struct NewsFields {
    author: Option<String>,
}

#[derive(Deserialize)]
struct PageFields {
    layout: Option<String>,
    cta: Option<CtaFields>,
    #[serde(default, deserialize_with = "null_is_default")]
    featured: Vec<String>,
    campaign: Option<String>,
    menu: Option<i64>,
}

#[derive(Deserialize)]
struct CtaFields {
    label: Option<String>,
    whatsapp: Option<Scalar>,
    url: Option<String>,
}

pub(crate) fn parse(source: &SourceFile, text: &str, known: &HashSet<&str>) -> Outcome {
    let (front, body, body_line) =
        split_front_matter(text).ok_or_else(|| vec![super::no_front_matter(&source.file, text)])?;
    let doc = Document::parse(&source.file, front, 2).map_err(|d| vec![d])?;
    let section = match &source.place {
        Place::Page(key) => Some(key.section.clone()),
        Place::SectionIndex(s) => Some(s.clone()),
        Place::Home => None,
    };
    // The keys come from the content model's description; a section of the site's own has the
    // common fields only, like the home page and the listings.
    let common_keys = schema::common_keys();
    let known_fields: Vec<&str> = match (&source.place, &section) {
        (Place::Page(_), Some(s)) if schema::SECTIONS.contains(s) => schema::keys(s),
        _ => common_keys.clone(),
    };
    let mut check = Checker::new(&doc, &source.dir, known);
    check.warnings.extend(doc.unknown_fields(&known_fields));
    let extra = doc.extra(&known_fields);

    let common: CommonFields = doc.deserialize(&common_keys)?;
    let title = common
        .title
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty());
    if title.is_none() {
        check.errors.push(
            doc.error_at("title", t!("content.no_title"))
                .hint(t!("content.no_title_hint")),
        );
    }
    let title = title.unwrap_or_default();

    let key = match &source.place {
        Place::Page(key) => key.clone(),
        Place::Home | Place::SectionIndex(_) => {
            let index = IndexPage {
                section,
                lang: source.lang.clone(),
                file: source.file.clone(),
                dir: source.dir.clone(),
                title,
                summary: common.summary,
                body: body.to_string(),
                body_line,
                extra,
            };
            return check.finish(Parsed::Index(index));
        }
    };

    let date = common.date.as_ref().and_then(|d| check.date("date", &d.0));
    let kind = match key.section {
        Section::Workshops => workshop(&doc, &mut check)?,
        Section::Motifs => motif(&doc, &mut check)?,
        Section::Events => event(&doc, &mut check)?,
        Section::News => {
            let fields: NewsFields = doc.deserialize(&schema::keys(&Section::News))?;
            if common.date.is_none() {
                check.errors.push(
                    doc.error_at("date", t!("content.news_needs_date"))
                        .hint(t!("content.news_needs_date_hint")),
                );
            }
            Kind::News(News {
                author: fields.author,
            })
        }
        Section::Pages => page(&doc, &mut check)?,
        Section::Other(_) => Kind::Page(Plain {
            layout: Layout::Page,
            cta: None,
            featured: Vec::new(),
            campaign: None,
            menu: None,
        }),
    };
    let url_slug = match &common.slug {
        Some(s) => Slug::parse(s).unwrap_or_else(|why| {
            check.errors.push(doc.error_at("slug", why));
            key.slug.clone()
        }),
        None => key.slug.clone(),
    };
    let cover = common
        .cover
        .as_deref()
        .and_then(|c| check.photo("cover", c));
    let images = common
        .images
        .iter()
        .filter_map(|i| check.photo("images", i))
        .collect();
    let aliases = common
        .aliases
        .iter()
        .filter_map(|a| check.alias(a))
        .collect();
    let page = Page {
        key,
        lang: source.lang.clone(),
        file: source.file.clone(),
        dir: source.dir.clone(),
        url_slug,
        title,
        description: description(common.summary.as_deref(), body),
        summary: common.summary.filter(|s| !s.trim().is_empty()),
        date,
        draft: common.draft,
        cover,
        focus: common.focus.and_then(|f| check.focus(f.x, f.y)),
        images,
        tags: common
            .tags
            .into_iter()
            .map(|t| t.0.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        weight: common.weight.unwrap_or(0),
        aliases,
        extra,
        body: body.to_string(),
        body_line,
        kind,
    };
    check.finish(Parsed::Page(Box::new(page)))
}

/// The page's `summary`, else the first paragraph of its Markdown.
fn description(summary: Option<&str>, body: &str) -> Option<String> {
    summary
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| crate::markdown::first_paragraph_of(body))
}

/// Splits `---\nYAML\n---\nMarkdown`; returns the YAML, the Markdown and the body's first line.
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // Line 1 is the opening `---`, the YAML starts on line 2.
            return Some((front, body, i + 3));
        }
        offset += line.len();
    }
    None
}

fn workshop(doc: &Document, check: &mut Checker) -> Result<Kind, Vec<Diagnostic>> {
    let f: WorkshopFields = doc.deserialize(&schema::keys(&Section::Workshops))?;
    let marketplace = f
        .marketplace
        .into_iter()
        .filter_map(|m| {
            check
                .url("marketplace", &m.url)
                .map(|url| NamedLink { name: m.name, url })
        })
        .collect();
    let price_range = f.price_range.map(|p| {
        if p.min > p.max {
            check.errors.push(
                doc.error_at(
                    "price_range",
                    t!("content.price_order", min = p.min, max = p.max),
                )
                .line(Some(doc.line_of_path("price_range.min")))
                .hint(t!("content.price_order_hint")),
            );
        }
        PriceRange {
            min: p.min,
            max: p.max,
        }
    });
    let w = Workshop {
        district: f.district,
        village: f.village,
        address: f.address,
        location: f
            .location
            .and_then(|l| check.location("location", l.lat, l.lon)),
        whatsapp: f.whatsapp.and_then(|p| check.phone("whatsapp", &p.0)),
        phone: f.phone.and_then(|p| check.phone("phone", &p.0)),
        email: f.email.and_then(|e| check.email("email", &e)),
        instagram: f.instagram.as_deref().map(crate::contact::handle),
        facebook: f.facebook.and_then(|u| {
            if u.contains(':') {
                check.url("facebook", &u)
            } else {
                Some(format!(
                    "https://www.facebook.com/{}",
                    crate::contact::handle(&u)
                ))
            }
        }),
        tiktok: f.tiktok.as_deref().map(crate::contact::handle),
        website: f.website.and_then(|u| check.url("website", &u)),
        marketplace,
        techniques: check.choices("techniques", &f.techniques, &Technique::ALL),
        dyes: check.choices("dyes", &f.dyes, &Dye::ALL),
        motifs: check.slugs("motifs", &f.motifs),
        price_range,
        opening_hours: f.opening_hours,
        founded: f.founded.and_then(|y| check.year("founded", y)),
        accepts_visits: f.accepts_visits,
        classes: f.classes,
    };
    Ok(Kind::Workshop(Box::new(w)))
}

fn motif(doc: &Document, check: &mut Checker) -> Result<Kind, Vec<Diagnostic>> {
    let f: MotifFields = doc.deserialize(&schema::keys(&Section::Motifs))?;
    Ok(Kind::Motif(Motif {
        origin: f.origin,
        meaning: f.meaning,
        colors: f.colors,
        elements: f.elements,
        created: f.created.and_then(|y| check.year("created", y)),
        creator: f
            .creator
            .and_then(|c| check.slugs("creator", &[c]).into_iter().next()),
    }))
}

fn event(doc: &Document, check: &mut Checker) -> Result<Kind, Vec<Diagnostic>> {
    let f: EventFields = doc.deserialize(&schema::keys(&Section::Events))?;
    let Some(start) = f.start.as_ref().and_then(|s| check.when("start", &s.0)) else {
        if f.start.is_none() {
            check.errors.push(
                doc.error_at("start", t!("content.event_needs_start"))
                    .hint(t!("content.event_needs_start_hint")),
            );
        }
        return Err(std::mem::take(&mut check.errors));
    };
    let end = f.end.as_ref().and_then(|e| check.when("end", &e.0));
    if let Some(end) = end
        && end.date() < start.date()
    {
        check.errors.push(
            doc.error_at(
                "end",
                t!(
                    "content.event_ends_before",
                    end = end.date(),
                    start = start.date()
                ),
            )
            .hint(t!("content.event_ends_before_hint")),
        );
    }
    let status = match f.status.as_deref().map(str::trim) {
        None => EventStatus::Scheduled,
        Some("canceled") => EventStatus::Cancelled,
        Some(name) if let Some((_, s)) = EventStatus::ALL.iter().find(|(n, _)| *n == name) => *s,
        Some(other) => {
            check.errors.push(
                doc.error_at("status", t!("content.not_a_status", value = other))
                    .hint(crate::diagnostic::suggest(
                        other,
                        Values::EventStatus.names(),
                        &t!("content.status_hint"),
                    )),
            );
            EventStatus::Scheduled
        }
    };
    Ok(Kind::Event(Box::new(Event {
        start,
        end,
        venue: f.venue,
        address: f.address,
        location: f
            .location
            .and_then(|l| check.location("location", l.lat, l.lon)),
        organizer: f.organizer,
        workshops: check.slugs("workshops", &f.workshops),
        registration: f.registration.and_then(|u| check.url("registration", &u)),
        free: f.free,
        status,
    })))
}

fn page(doc: &Document, check: &mut Checker) -> Result<Kind, Vec<Diagnostic>> {
    let f: PageFields = doc.deserialize(&schema::keys(&Section::Pages))?;
    let layout = match f.layout.as_deref().map(str::trim) {
        None => Layout::Page,
        Some(name) if let Some((_, l)) = Layout::ALL.iter().find(|(n, _)| *n == name) => *l,
        Some(other) => {
            check.errors.push(
                doc.error_at("layout", t!("content.not_a_layout", value = other))
                    .hint(crate::diagnostic::suggest(
                        other,
                        Values::Layout.names(),
                        &t!("content.layout_hint"),
                    )),
            );
            Layout::Page
        }
    };
    let cta = f.cta.and_then(|c| {
        let label = c.label.filter(|l| !l.trim().is_empty());
        let target = match (c.whatsapp, c.url) {
            (Some(w), None) => check.phone("cta", &w.0).map(CtaTarget::WhatsApp),
            (None, Some(u)) => check.url("cta", &u).map(CtaTarget::Url),
            _ => {
                check.errors.push(
                    doc.error_at("cta", t!("content.cta_target"))
                        .hint(t!("content.cta_target_hint")),
                );
                None
            }
        };
        if label.is_none() {
            check.errors.push(
                doc.error_at("cta", t!("content.cta_label"))
                    .hint(t!("content.cta_label_hint")),
            );
        }
        Some(Cta {
            label: label?,
            target: target?,
        })
    });
    let featured = f
        .featured
        .iter()
        .filter_map(|r| check.reference("featured", r))
        .collect::<Vec<PageKey>>();
    let campaign = f.campaign.and_then(|c| match Slug::parse(c.trim()) {
        Ok(s) => Some(s),
        Err(why) => {
            check.errors.push(doc.error_at("campaign", why));
            None
        }
    });
    Ok(Kind::Page(Plain {
        layout,
        cta,
        featured,
        campaign,
        menu: f.menu,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field names a derived `Deserialize` struct declares, as serde hands them to
    /// `deserialize_struct`.
    fn struct_fields<T: serde::de::DeserializeOwned>() -> Vec<&'static str> {
        struct Recorder(Vec<&'static str>);
        #[derive(Debug)]
        struct Stop;
        impl std::fmt::Display for Stop {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("stop")
            }
        }
        impl std::error::Error for Stop {}
        impl serde::de::Error for Stop {
            fn custom<M: std::fmt::Display>(_: M) -> Self {
                Stop
            }
        }
        impl<'de> serde::Deserializer<'de> for &mut Recorder {
            type Error = Stop;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
                Err(Stop)
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Stop> {
                self.0.extend(fields);
                Err(Stop)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
                identifier ignored_any
            }
        }
        let mut recorder = Recorder(Vec::new());
        let _ = T::deserialize(&mut recorder);
        recorder.0
    }

    fn sorted(mut names: Vec<&'static str>) -> Vec<&'static str> {
        names.sort_unstable();
        names
    }

    fn own_keys(fields: &[schema::Field]) -> Vec<&'static str> {
        sorted(fields.iter().map(|f| f.name).collect())
    }

    fn sub_keys(section: &Section, name: &str) -> Vec<&'static str> {
        match schema::field(section, name).map(|f| f.ty) {
            Some(schema::Type::Group(fields) | schema::Type::GroupList(fields)) => own_keys(fields),
            other => panic!("{name} is not a group: {other:?}"),
        }
    }

    #[test]
    fn the_raw_structs_read_exactly_the_described_fields() {
        // Adding a field to a struct without describing it in `schema` (or the other way
        // round) fails here.
        // A section's struct reads its keys but the common ones (title, summary, date…), which
        // `CommonFields` reads for every page; news only makes `date` required.
        let common_and = |s: &Section| -> Vec<&'static str> {
            let common = schema::common_keys();
            sorted(
                schema::keys(s)
                    .into_iter()
                    .filter(|k| !common.contains(k))
                    .collect(),
            )
        };
        assert_eq!(
            sorted(struct_fields::<CommonFields>()),
            sorted(schema::common_keys())
        );
        assert_eq!(
            sorted(struct_fields::<WorkshopFields>()),
            common_and(&Section::Workshops)
        );
        assert_eq!(
            sorted(struct_fields::<MotifFields>()),
            common_and(&Section::Motifs)
        );
        assert_eq!(
            sorted(struct_fields::<EventFields>()),
            common_and(&Section::Events)
        );
        assert_eq!(
            sorted(struct_fields::<NewsFields>()),
            common_and(&Section::News)
        );
        assert_eq!(
            sorted(struct_fields::<PageFields>()),
            common_and(&Section::Pages)
        );
        assert_eq!(
            sorted(struct_fields::<NamedLinkFields>()),
            sub_keys(&Section::Workshops, "marketplace")
        );
        assert_eq!(
            sorted(struct_fields::<PriceFields>()),
            sub_keys(&Section::Workshops, "price_range")
        );
        assert_eq!(
            sorted(struct_fields::<CtaFields>()),
            sub_keys(&Section::Pages, "cta")
        );
    }

    #[test]
    fn the_recorder_sees_a_struct_s_fields() {
        assert_eq!(struct_fields::<FocusFields>(), ["x", "y"]);
        assert_eq!(struct_fields::<RawLocation>(), ["lat", "lon"]);
    }

    #[test]
    fn front_matter_lines_are_counted_from_the_file_start() {
        let (front, body, line) =
            split_front_matter("---\ntitle: A\ndate: 2026-01-01\n---\nHello\n")
                .expect("has front matter");
        assert_eq!(front, "title: A\ndate: 2026-01-01\n");
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 5);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let (front, body, _) =
            split_front_matter("\u{feff}---\r\ntitle: A\r\n---\r\nHi").expect("has front matter");
        assert_eq!(front, "title: A\r\n");
        assert_eq!(body, "Hi");
    }

    #[test]
    fn missing_front_matter_is_none() {
        assert!(split_front_matter("# Just markdown").is_none());
        assert!(split_front_matter("---\ntitle: never closed\n").is_none());
    }
}
