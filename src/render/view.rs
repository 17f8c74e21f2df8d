//! What templates see: small serialisable views built once from the linked site.
//!
//! Listings get [`Card`]s (title, URL, summary, photo), never whole pages with their bodies: a
//! listing of a thousand workshops stays cheap to build and to render.

use serde::Serialize;
use tera::Value;

use crate::contact::Phone;
use crate::escape::urlencode;
use crate::i18n::{Strings, rupiah};
use crate::markdown::shorten;
use crate::model::{
    CtaTarget, Dye, EventStatus, Kind, Lang, Layout, Page, PageKey, Photo, Section, Slug,
};
use crate::site::{PageId, Site, TaxonomyKind};

use super::preview::ShareCards;

const CARD_SUMMARY_CHARS: usize = 160;
const DESCRIPTION_CHARS: usize = 200;

#[derive(Serialize)]
pub(crate) struct Card<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: String,
    pub summary: String,
    /// The page's own photo, as a small crop.
    pub cover: Option<PhotoView>,
    /// What the card shows: the page's own photo, else one borrowed or its share card.
    pub picture: PhotoView,
    /// One line under the title: a district, an origin, dates and venue.
    pub subtitle: Option<String>,
    pub status: Option<EventStatus>,
    pub status_label: Option<&'a str>,
    /// An exhibition's last day (`2026-12-07`), so the calendar page can tell past from upcoming
    /// on the visitor's own day.
    pub last_day: Option<String>,
}

#[derive(Serialize, Clone)]
pub(crate) struct PhotoView {
    /// The fallback (JPEG or PNG) the `<img>` loads where `srcset` is not understood.
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `srcset` lists for `<picture>`: the WebP versions and the fallbacks. Absent for a photo
    /// the pipeline did not make (the theme then shows the file as it is).
    pub webp_srcset: Option<String>,
    pub srcset: Option<String>,
    /// The largest variant already made, which a visitor opens to look at the photo closely.
    pub large: Option<LargeView>,
}

/// The largest published variant of a photo.
#[derive(Serialize, Clone)]
pub(crate) struct LargeView {
    pub url: String,
    pub webp: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Serialize)]
pub(crate) struct LinkView {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub(crate) struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub current: bool,
    /// False when the page has no version in that language and the link leads to its home.
    pub translated: bool,
    /// `id_ID`, `en_US`: the form Open Graph wants.
    pub locale: String,
}

/// The Open Graph locale of a language code.
pub(crate) fn og_locale(lang: &Lang) -> String {
    match lang.as_str() {
        "id" => "id_ID".into(),
        "en" => "en_US".into(),
        "jv" | "su" | "mad" => format!("{}_ID", lang.as_str()),
        other => other.to_string(),
    }
}

pub(crate) fn kind_name(kind: &Kind) -> &'static str {
    kind.name()
}

/// A photo in every published width, for full-width places (covers, galleries).
pub(crate) fn photo(site: &Site, p: &Photo) -> PhotoView {
    let Some(processed) = site.photos.get(&p.path.0) else {
        return unprocessed(site, p);
    };
    let webp_srcset = processed
        .variants
        .iter()
        .map(|v| format!("{} {}w", site.asset_url(&v.path), v.width))
        .collect::<Vec<_>>()
        .join(", ");
    // Browsers without WebP get the one fallback, a middle size: sharp on phones, light on
    // mobile data.
    let fallback = &processed.fallback;
    PhotoView {
        url: site.asset_url(&fallback.path),
        width: Some(fallback.width),
        height: Some(fallback.height),
        webp_srcset: Some(webp_srcset),
        srcset: None,
        // Opened larger: the widest WebP, else the same fallback.
        large: processed.variants.last().map(|v| LargeView {
            url: site.asset_url(&fallback.path),
            webp: site.asset_url(&v.path),
            width: v.width,
            height: v.height,
        }),
    }
}

/// The small crop a card shows.
pub(crate) fn thumb(site: &Site, p: &Photo) -> PhotoView {
    match site.photos.get(&p.path.0) {
        Some(processed) => {
            let (t, fallback) = (&processed.thumb, &processed.thumb_fallback);
            PhotoView {
                url: site.asset_url(&fallback.path),
                width: Some(t.width),
                height: Some(t.height),
                webp_srcset: Some(format!("{} {}w", site.asset_url(&t.path), t.width)),
                srcset: None,
                large: None,
            }
        }
        None => unprocessed(site, p),
    }
}

fn unprocessed(site: &Site, p: &Photo) -> PhotoView {
    PhotoView {
        url: site.asset_url(&p.path.0),
        width: None,
        height: None,
        webp_srcset: None,
        srcset: None,
        large: None,
    }
}

/// The absolute URL of a page's share picture: the 1200×630 crop, else the cover itself.
pub(crate) fn share_image(site: &Site, p: &Photo) -> String {
    let path = site
        .photos
        .get(&p.path.0)
        .and_then(|processed| processed.share.clone())
        .unwrap_or_else(|| p.path.0.clone());
    site.config.absolute(&site.asset_url(&path))
}

/// Summary for cards and descriptions: the `summary` field, else the first paragraph.
pub(crate) fn summary_text(page: &Page, first_paragraph: Option<&str>, max: usize) -> String {
    page.summary
        .as_deref()
        .or(first_paragraph)
        .map(|s| shorten(s.trim(), max))
        .unwrap_or_default()
}

pub(crate) fn card<'a>(
    site: &'a Site,
    id: PageId,
    first_paragraph: Option<&str>,
    strings: &'a Strings,
    share_cards: ShareCards,
) -> Card<'a> {
    let page = &site.pages[id];
    let last_day = match &page.kind {
        Kind::Event(e) => Some(e.last_day().to_string()),
        _ => None,
    };
    let (subtitle, status) = match &page.kind {
        Kind::Workshop(w) => (w.district.clone(), None),
        Kind::Motif(m) => (m.origin.clone(), None),
        Kind::Event(e) => {
            let when = strings.when(e.start, e.end);
            let line = match &e.venue {
                Some(v) => format!("{when} · {v}"),
                None => when,
            };
            (Some(line), Some(e.status))
        }
        Kind::News(_) => (page.date.map(|d| strings.date(d)), None),
        Kind::Page(_) => (None, None),
    };
    Card {
        kind: kind_name(&page.kind),
        title: &page.title,
        url: site.url(id),
        summary: summary_text(page, first_paragraph, CARD_SUMMARY_CHARS),
        cover: page.cover.as_ref().map(|p| thumb(site, p)),
        picture: card_picture(site, id, share_cards),
        subtitle,
        status_label: status.and_then(|s| status_label(s, strings)),
        status,
        last_day,
    }
}

/// The picture of a card: the page's picture ([`Site::picture`]: its own, else a linked page's),
/// always the small crop, else its generated share card.
fn card_picture(site: &Site, id: PageId, share_cards: ShareCards) -> PhotoView {
    if let Some(photo) = site.picture(id) {
        return thumb(site, photo);
    }
    PhotoView {
        url: super::preview::card_url(site, &super::jobs::Job::Page(id), share_cards),
        width: Some(crate::share::CARD_SIZE.0),
        height: Some(crate::share::CARD_SIZE.1),
        webp_srcset: None,
        srcset: None,
        large: None,
    }
}

fn status_label(status: EventStatus, strings: &Strings) -> Option<&str> {
    match status {
        EventStatus::Scheduled => None,
        EventStatus::Cancelled => Some(strings.get("status_cancelled")),
        EventStatus::Postponed => Some(strings.get("status_postponed")),
    }
}

/// Everything a page's own template shows.
#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub description: String,
    pub url: String,
    pub permalink: String,
    pub lang: &'a str,
    pub content: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub cover: Option<PhotoView>,
    pub images: Vec<PhotoView>,
    pub tags: Vec<LinkView>,
    pub extra: &'a serde_json::Value,
    pub section_url: String,
    pub section_title: String,
    /// Absolute URL of the photo that share previews show.
    pub image: Option<String>,
    /// Plain share links (WhatsApp, Facebook, X, Telegram): no third-party scripts.
    pub share: Vec<LinkView>,
    /// The page's QR code (SVG), for workshops, motifs, exhibitions and campaigns.
    pub qr: Option<String>,
    /// A short absolute address that is easy to type from a flyer (workshops).
    pub short_url: Option<String>,
    pub workshop: Option<WorkshopView<'a>>,
    pub motif: Option<MotifView<'a>>,
    pub event: Option<EventView<'a>>,
    pub news: Option<NewsView<'a>>,
    pub plain: Option<PlainView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct ContactView {
    pub url: String,
    pub display: String,
}

#[derive(Serialize)]
pub(crate) struct WorkshopView<'a> {
    pub district: Option<LinkView>,
    pub village: Option<&'a str>,
    pub address: Option<&'a str>,
    pub map_url: Option<String>,
    pub whatsapp: Option<ContactView>,
    pub phone: Option<ContactView>,
    pub email: Option<ContactView>,
    pub instagram: Option<ContactView>,
    pub facebook: Option<ContactView>,
    pub tiktok: Option<ContactView>,
    pub website: Option<ContactView>,
    pub marketplace: Vec<LinkView>,
    pub techniques: Vec<LinkView>,
    pub dyes: Vec<&'a str>,
    pub price: Option<String>,
    pub opening_hours: Option<&'a str>,
    pub founded: Option<i32>,
    pub accepts_visits: Option<bool>,
    pub classes: Option<bool>,
    pub motifs: Vec<Value>,
    pub events: Vec<Value>,
    pub created_motifs: Vec<Value>,
}

#[derive(Serialize)]
pub(crate) struct MotifView<'a> {
    pub origin: Option<&'a str>,
    pub meaning: Option<&'a str>,
    pub colors: Vec<LinkView>,
    pub elements: &'a [String],
    pub created: Option<i32>,
    pub creator: Option<Value>,
    pub workshops: Vec<Value>,
}

#[derive(Serialize)]
pub(crate) struct EventView<'a> {
    pub when: String,
    pub start_iso: String,
    pub end_iso: Option<String>,
    pub status: EventStatus,
    pub status_label: Option<&'a str>,
    pub upcoming: bool,
    pub venue: Option<&'a str>,
    pub address: Option<&'a str>,
    pub map_url: Option<String>,
    pub organizer: Option<&'a str>,
    pub registration: Option<&'a str>,
    pub free: Option<bool>,
    pub workshops: Vec<Value>,
    /// The event's own iCalendar file, and an "Add to Google Calendar" link.
    pub ics: String,
    pub google_calendar: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct NewsView<'a> {
    pub author: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct PlainView<'a> {
    pub layout: Layout,
    pub cta: Option<LinkView>,
    pub featured: Vec<Value>,
    pub campaign: Option<&'a str>,
}

/// Looks up the prebuilt card of another page, in the wanted language where it exists.
pub(crate) struct Cards<'a> {
    pub site: &'a Site,
    pub cards: &'a [Value],
}

impl Cards<'_> {
    fn of(&self, section: Section, slugs: &[Slug], lang: &Lang) -> Vec<Value> {
        slugs
            .iter()
            .filter_map(|slug| {
                let key = PageKey {
                    section: section.clone(),
                    slug: slug.clone(),
                };
                self.site.find(&key, lang).map(|id| self.cards[id].clone())
            })
            .collect()
    }

    fn key(&self, key: &PageKey, lang: &Lang) -> Option<Value> {
        self.site.find(key, lang).map(|id| self.cards[id].clone())
    }
}

fn map_url(lat: f64, lon: f64) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
}

pub(crate) fn page_view<'a>(
    site: &'a Site,
    id: PageId,
    content: String,
    first_paragraph: Option<&str>,
    strings: &'a Strings,
    cards: &Cards,
    today: chrono::NaiveDate,
) -> PageView<'a> {
    let page = &site.pages[id];
    let lang = &page.lang;
    let url = site.url(id);
    let term_link = |kind: TaxonomyKind, name: &str| LinkView {
        name: name.to_string(),
        url: site.taxonomy_url(kind, lang, Some(&Slug::from_name(name))),
    };
    let mut view = PageView {
        kind: kind_name(&page.kind),
        title: &page.title,
        description: summary_text(page, first_paragraph, DESCRIPTION_CHARS),
        permalink: site.config.absolute(&url),
        url,
        lang: lang.as_str(),
        content,
        date: page.date.map(|d| strings.date(d)),
        date_iso: page.date.map(|d| d.to_string()),
        cover: page.cover.as_ref().map(|p| photo(site, p)),
        images: page.images.iter().map(|p| photo(site, p)).collect(),
        tags: page
            .tags
            .iter()
            .map(|t| term_link(TaxonomyKind::Tag, t))
            .collect(),
        extra: &page.extra,
        section_url: site.section_url(&page.key.section, lang),
        section_title: site.section_title(&page.key.section, lang, strings),
        image: page.cover.as_ref().map(|p| share_image(site, p)),
        share: Vec::new(),
        qr: has_qr(&page.kind).then(|| site.asset_url(&crate::qr::file(site, id))),
        short_url: matches!(page.kind, Kind::Workshop(_)).then(|| {
            let path = super::short_path(&page.key);
            site.config
                .absolute(&format!("{}{path}", site.config.base_url.path()))
        }),
        workshop: None,
        motif: None,
        event: None,
        news: None,
        plain: None,
    };
    view.share = share_links(&page.title, &view.permalink, strings);
    let slug = &page.key.slug;
    match &page.kind {
        Kind::Workshop(w) => {
            let contact = |url: String, display: String| Some(ContactView { url, display });
            view.workshop = Some(WorkshopView {
                district: w
                    .district
                    .as_deref()
                    .map(|d| term_link(TaxonomyKind::District, d)),
                village: w.village.as_deref(),
                address: w.address.as_deref(),
                map_url: w.location.map(|l| map_url(l.lat, l.lon)),
                whatsapp: w.whatsapp.as_ref().and_then(|p| {
                    contact(
                        whatsapp_with_message(p, &page.title, &view.permalink, strings),
                        p.display(),
                    )
                }),
                phone: w
                    .phone
                    .as_ref()
                    .and_then(|p| contact(p.tel_url(), p.display())),
                email: w
                    .email
                    .as_ref()
                    .and_then(|e| contact(format!("mailto:{e}"), e.clone())),
                instagram: w.instagram.as_ref().and_then(|h| {
                    contact(format!("https://www.instagram.com/{h}/"), format!("@{h}"))
                }),
                facebook: w
                    .facebook
                    .as_ref()
                    .and_then(|u| contact(u.clone(), crate::contact::handle(u))),
                tiktok: w
                    .tiktok
                    .as_ref()
                    .and_then(|h| contact(format!("https://www.tiktok.com/@{h}"), format!("@{h}"))),
                website: w.website.as_ref().and_then(|u| {
                    let shown = u.split_once("://").map_or(u.as_str(), |(_, rest)| rest);
                    contact(u.clone(), shown.trim_end_matches('/').to_string())
                }),
                marketplace: w
                    .marketplace
                    .iter()
                    .map(|m| LinkView {
                        name: m.name.clone(),
                        url: m.url.clone(),
                    })
                    .collect(),
                techniques: w
                    .techniques
                    .iter()
                    .map(|t| LinkView {
                        name: strings.technique(t.name()),
                        url: site.taxonomy_url(
                            TaxonomyKind::Technique,
                            lang,
                            Some(&Slug::from_name(t.name())),
                        ),
                    })
                    .collect(),
                dyes: w
                    .dyes
                    .iter()
                    .map(|d| match d {
                        Dye::Natural => strings.get("dye_natural"),
                        Dye::Synthetic => strings.get("dye_synthetic"),
                    })
                    .collect(),
                price: w.price_range.map(|p| {
                    if p.min == p.max {
                        rupiah(p.min)
                    } else {
                        format!("{} – {}", rupiah(p.min), rupiah(p.max))
                    }
                }),
                opening_hours: w.opening_hours.as_deref(),
                founded: w.founded,
                accepts_visits: w.accepts_visits,
                classes: w.classes,
                motifs: cards.of(Section::Motifs, &w.motifs, lang),
                events: cards.of(
                    Section::Events,
                    site.links.exhibits_at.get(slug).map_or(&[], Vec::as_slice),
                    lang,
                ),
                created_motifs: cards.of(
                    Section::Motifs,
                    site.links.created.get(slug).map_or(&[], Vec::as_slice),
                    lang,
                ),
            });
        }
        Kind::Motif(m) => {
            view.motif = Some(MotifView {
                origin: m.origin.as_deref(),
                meaning: m.meaning.as_deref(),
                colors: m
                    .colors
                    .iter()
                    .map(|c| term_link(TaxonomyKind::Colour, c))
                    .collect(),
                elements: &m.elements,
                created: m.created,
                creator: m.creator.as_ref().and_then(|c| {
                    cards.key(
                        &PageKey {
                            section: Section::Workshops,
                            slug: c.clone(),
                        },
                        lang,
                    )
                }),
                workshops: cards.of(
                    Section::Workshops,
                    site.links.made_by.get(slug).map_or(&[], Vec::as_slice),
                    lang,
                ),
            });
        }
        Kind::Event(e) => {
            view.event = Some(EventView {
                when: strings.when(e.start, e.end),
                start_iso: iso(e.start),
                end_iso: e.end.map(iso),
                status: e.status,
                status_label: status_label(e.status, strings),
                upcoming: e.last_day() >= today,
                venue: e.venue.as_deref(),
                address: e.address.as_deref(),
                map_url: e.location.map(|l| map_url(l.lat, l.lon)),
                organizer: e.organizer.as_deref(),
                registration: e.registration.as_deref(),
                free: e.free,
                workshops: cards.of(Section::Workshops, &e.workshops, lang),
                ics: site.asset_url(&crate::calendar::event_file(site, id)),
                google_calendar: Some(crate::calendar::google_calendar_url(site, id)),
            });
        }
        Kind::News(n) => {
            view.news = Some(NewsView {
                author: n.author.as_deref(),
            });
        }
        Kind::Page(p) => {
            view.plain = Some(PlainView {
                layout: p.layout,
                cta: p.cta.as_ref().map(|c| LinkView {
                    name: c.label.clone(),
                    url: match &c.target {
                        CtaTarget::WhatsApp(phone) => {
                            whatsapp_with_message(phone, &page.title, &view.permalink, strings)
                        }
                        CtaTarget::Url(u) => match &p.campaign {
                            Some(name) => with_utm(u, "website", "campaign", name.as_str()),
                            None => u.clone(),
                        },
                    },
                }),
                featured: p
                    .featured
                    .iter()
                    .filter_map(|k| cards.key(k, lang))
                    .collect(),
                campaign: p.campaign.as_ref().map(Slug::as_str),
            });
        }
    }
    view
}

/// Pages a visitor may reach from paper: they get a QR code.
pub(crate) fn has_qr(kind: &Kind) -> bool {
    match kind {
        Kind::Workshop(_) | Kind::Motif(_) | Kind::Event(_) => true,
        Kind::Page(p) => p.layout == Layout::Campaign,
        Kind::News(_) => false,
    }
}

/// What the printable catalogue shows of a workshop.
#[derive(Serialize)]
pub(crate) struct PrintWorkshop {
    pub title: String,
    pub cover: Option<PhotoView>,
    pub district: Option<String>,
    pub techniques: Vec<String>,
    pub whatsapp: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub short_url: String,
    pub qr: String,
}

pub(crate) fn print_workshop(site: &Site, id: PageId, strings: &Strings) -> PrintWorkshop {
    let page = &site.pages[id];
    let (district, techniques, whatsapp, phone, address) = match &page.kind {
        Kind::Workshop(w) => (
            w.district.clone(),
            w.techniques
                .iter()
                .map(|t| strings.technique(t.name()))
                .collect(),
            w.whatsapp.as_ref().map(Phone::display),
            w.phone.as_ref().map(Phone::display),
            w.address.clone(),
        ),
        _ => (None, Vec::new(), None, None, None),
    };
    let short = super::short_path(&page.key);
    PrintWorkshop {
        title: page.title.clone(),
        cover: page.cover.as_ref().map(|p| thumb(site, p)),
        district,
        techniques,
        whatsapp,
        phone,
        address,
        short_url: site
            .config
            .absolute(&format!("{}{short}", site.config.base_url.path())),
        qr: site.asset_url(&crate::qr::file(site, id)),
    }
}

/// Share links that open the app or site with the page prefilled; plain links, so no
/// third-party script ever runs on the catalogue.
fn share_links(title: &str, permalink: &str, strings: &Strings) -> Vec<LinkView> {
    let t = urlencode(title);
    let u = urlencode(permalink);
    let text = urlencode(&format!("{title} {permalink}"));
    [
        ("share_whatsapp", format!("https://wa.me/?text={text}")),
        (
            "share_facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        (
            "share_x",
            format!("https://x.com/intent/post?text={t}&url={u}"),
        ),
        (
            "share_telegram",
            format!("https://t.me/share/url?url={u}&text={t}"),
        ),
    ]
    .into_iter()
    .map(|(key, url)| LinkView {
        name: strings.get(key).to_string(),
        url,
    })
    .collect()
}

/// A click-to-chat link whose message, in the page's language, names the page the visitor saw.
pub(crate) fn whatsapp_with_message(
    phone: &Phone,
    title: &str,
    permalink: &str,
    strings: &Strings,
) -> String {
    let message = strings
        .get("whatsapp_message")
        .replace("{title}", title)
        .replace("{url}", permalink);
    format!("{}?text={}", phone.whatsapp_url(), urlencode(&message))
}

/// `url` with UTM tags, so the association can see which campaign brought a visitor.
pub(crate) fn with_utm(url: &str, source: &str, medium: &str, campaign: &str) -> String {
    let (base, fragment) = url
        .split_once('#')
        .map_or((url, None), |(b, f)| (b, Some(f)));
    let separator = if base.contains('?') { '&' } else { '?' };
    let mut out = format!(
        "{base}{separator}utm_source={}&utm_medium={}&utm_campaign={}",
        urlencode(source),
        urlencode(medium),
        urlencode(campaign)
    );
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn iso(w: crate::model::When) -> String {
    match w {
        crate::model::When::Day(d) => d.to_string(),
        crate::model::When::At(t, Some(o)) => format!("{}{o}", t.format("%Y-%m-%dT%H:%M")),
        crate::model::When::At(t, None) => t.format("%Y-%m-%dT%H:%M").to_string(),
    }
}

/// The language switcher: the same page in every language, or that language's home.
pub(crate) fn language_links<'a>(
    site: &'a Site,
    lang: &Lang,
    url_in: impl Fn(&Lang) -> Option<String>,
) -> Vec<LanguageLink<'a>> {
    site.config
        .languages
        .iter()
        .map(|l| {
            let translated = url_in(&l.code);
            LanguageLink {
                code: l.code.as_str(),
                name: &l.name,
                translated: translated.is_some(),
                url: translated.unwrap_or_else(|| site.config.lang_root(&l.code)),
                current: &l.code == lang,
                locale: og_locale(&l.code),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_tags_keep_the_query_and_fragment() {
        assert_eq!(
            with_utm("https://example.org/a", "qr", "print", "pameran-2026"),
            "https://example.org/a?utm_source=qr&utm_medium=print&utm_campaign=pameran-2026"
        );
        assert_eq!(
            with_utm("https://example.org/a?x=1#top", "qr", "print", "p"),
            "https://example.org/a?x=1&utm_source=qr&utm_medium=print&utm_campaign=p#top"
        );
    }
}
