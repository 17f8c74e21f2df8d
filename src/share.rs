//! Pictures drawn from SVG at build time: the share card of a page that has no photo of its own
//! (1200×630, from the theme's `share/card.svg`) and the site's icon at the sizes phones ask for.
//!
//! Text is set with the fonts the theme ships under `share/`, loaded from their bytes: system fonts
//! are never looked at, so a card comes out the same on every machine. Cards are cached in
//! `.canting-cache/share` by a hash of everything they are drawn from. This module knows neither
//! pages nor sites: the caller says what a card shows.

use std::path::Path;

use resvg::tiny_skia;
use resvg::usvg;

/// A share card's size in pixels, the same as a photo's share picture.
pub const CARD_SIZE: (u32, u32) = crate::images::SHARE_SIZE;

/// How wide a title line may be, in the card's pixels; the default template leaves 80 on each side.
const TITLE_WIDTH: f32 = 1040.0;

/// Title sizes tried in turn, largest first, until the title fits on three lines.
const TITLE_SIZES: [u32; 3] = [72, 60, 50];

/// What one share card shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Card {
    /// The page's own title.
    pub title: String,
    /// What kind of page it is, in the page's language ("Rumah batik", "Calendar").
    pub kind: String,
    /// The site's name in the page's language.
    pub site: String,
    /// The page's language code, for the SVG's `xml:lang`.
    pub lang: String,
}

/// Draws share cards from a template and the fonts it is set in.
pub struct Drawer {
    template: String,
    options: usvg::Options<'static>,
    /// Hash of the template and the fonts, the part of every cache key that is the same for all cards.
    fingerprint: blake3::Hash,
}

impl Drawer {
    /// A drawer for `template` (an SVG with `{{title_size}}`, `{{title_1}}`…`{{title_3}}`,
    /// `{{kind}}`, `{{site}}` and `{{lang}}` in it) set in `fonts` (TrueType or OpenType files).
    pub fn new(template: &str, fonts: &[&[u8]]) -> Drawer {
        let mut options = usvg::Options::default();
        let mut hasher = blake3::Hasher::new();
        hasher.update(template.as_bytes());
        let db = options.fontdb_mut();
        for font in fonts {
            hasher.update(&(font.len() as u64).to_le_bytes());
            hasher.update(font);
            db.load_font_data(font.to_vec());
        }
        // Whatever family a template names, text is set in the theme's own first font.
        let first = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone());
        if let Some(family) = first {
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family.clone());
            options.font_family = family;
        }
        Drawer {
            template: template.to_string(),
            options,
            fingerprint: hasher.finalize(),
        }
    }

    /// The template filled in for `card`: the title wrapped on up to three lines, shrunk until it
    /// fits and cut with "…" when even the smallest size does not.
    pub fn svg(&self, card: &Card) -> String {
        let (size, lines) = self.wrap(&card.title);
        let line = |i: usize| lines.get(i).map_or("", String::as_str);
        let xml = crate::escape::xml;
        fill(
            &self.template,
            &[
                ("title_size", size.to_string()),
                ("title_1", xml(line(0))),
                ("title_2", xml(line(1))),
                ("title_3", xml(line(2))),
                ("kind", xml(&card.kind)),
                ("site", xml(&card.site)),
                ("lang", xml(&card.lang)),
            ],
        )
    }

    /// The card as a PNG of [`CARD_SIZE`].
    pub fn png(&self, card: &Card) -> Result<Vec<u8>, String> {
        render_png(self.svg(card).as_bytes(), CARD_SIZE, &self.options)
    }

    /// The card as a PNG, from `cache` when it was drawn before from the same template, fonts and
    /// texts; a newly drawn card is stored there (a cache that cannot be written is only slower).
    pub fn cached_png(&self, card: &Card, cache: &Path) -> Result<Vec<u8>, String> {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.fingerprint.as_bytes());
        for text in [&card.title, &card.kind, &card.site, &card.lang] {
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        hasher.update(&CARD_SIZE.0.to_le_bytes());
        hasher.update(&CARD_SIZE.1.to_le_bytes());
        let file = cache.join(format!("{}.png", &hasher.finalize().to_hex()[..32]));
        if let Ok(bytes) = std::fs::read(&file) {
            return Ok(bytes);
        }
        let png = self.png(card)?;
        if std::fs::create_dir_all(cache).is_ok() {
            // Written beside and renamed, so a build running alongside never reads half a file.
            let part = file.with_extension(format!("{}.part", std::process::id()));
            if std::fs::write(&part, &png).is_ok() && std::fs::rename(&part, &file).is_err() {
                let _ = std::fs::remove_file(&part);
            }
        }
        Ok(png)
    }

    /// The largest title size at which `title` fits on three lines, and its lines.
    fn wrap(&self, title: &str) -> (u32, Vec<String>) {
        // No three lines hold more than this many characters, even of the narrowest: measuring a
        // longer title (a whole text pasted into `title:`) would only take time.
        const MOST: usize = 600;
        let cut: String;
        let title = match title.char_indices().nth(MOST) {
            Some((end, _)) => {
                cut = format!("{}…", &title[..end]);
                &cut
            }
            None => title,
        };
        let words: Vec<&str> = title.split_whitespace().collect();
        let mut last = (TITLE_SIZES[0], Vec::new());
        for size in TITLE_SIZES {
            let lines = self.lines(&words, size);
            // A single word too long for a line shrinks the title too.
            if lines.len() <= 3 && lines.iter().all(|l| self.width(l, size) <= TITLE_WIDTH) {
                return (size, lines);
            }
            last = (size, lines);
        }
        let (size, mut lines) = last;
        lines.truncate(3);
        let mut third = lines.pop().unwrap_or_default();
        loop {
            let candidate = format!("{third}…");
            if third.is_empty() || self.width(&candidate, size) <= TITLE_WIDTH {
                lines.push(candidate);
                break;
            }
            third.pop();
            third = third.trim_end().to_string();
        }
        (size, lines)
    }

    /// Words set greedily on lines no wider than the title's width; a word wider than a line gets
    /// a line of its own.
    fn lines(&self, words: &[&str], size: u32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in words {
            let candidate = if current.is_empty() {
                (*word).to_string()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || self.width(&candidate, size) <= TITLE_WIDTH {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, (*word).to_string()));
                // More than three lines will not be drawn: the fourth only needs to exist.
                if lines.len() > 3 {
                    break;
                }
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// How wide `text` is set in the title's font at `size` pixels, measured by laying it out.
    fn width(&self, text: &str, size: u32) -> f32 {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4000\" height=\"200\">\
             <text x=\"0\" y=\"100\" font-weight=\"bold\" font-size=\"{size}\">{}</text></svg>",
            crate::escape::xml(text)
        );
        usvg::Tree::from_str(&svg, &self.options)
            .map(|tree| tree.root().abs_bounding_box().width())
            .unwrap_or(f32::MAX)
    }
}

/// An SVG drawn to a PNG of `size` pixels, scaled to fit (an icon's square, a card's 1200×630).
pub fn icon_png(svg: &[u8], size: u32) -> Result<Vec<u8>, String> {
    render_png(svg, (size, size), &usvg::Options::default())
}

fn render_png(
    svg: &[u8],
    (width, height): (u32, u32),
    options: &usvg::Options,
) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_data(svg, options).map_err(|e| e.to_string())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or_else(|| "empty picture".to_string())?;
    let view = tree.size();
    let scale_x = width as f32 / view.width();
    let scale_y = height as f32 / view.height();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale_x, scale_y),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// `template` with each `{{name}}` replaced by its value, in one pass: a value that itself
/// contains `{{site}}` (a page titled so) stays as written. Comments are copied as they are: a
/// title with `--` in it filled into a comment would make the SVG unreadable.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        if let Some(comment) = rest[..start].find("<!--") {
            let end = rest[comment..]
                .find("-->")
                .map_or(rest.len(), |e| comment + e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let found = after.find("}}").and_then(|end| {
            let value = values.iter().find(|(name, _)| *name == &after[..end])?;
            Some((end, &value.1))
        });
        match found {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONT: &[u8] = include_bytes!("../themes/batik/share/DejaVuSans-Bold.ttf");
    const TEMPLATE: &str = include_str!("../themes/batik/share/card.svg");

    fn card(title: &str) -> Card {
        Card {
            title: title.into(),
            kind: "Rumah batik".into(),
            site: "Batik Blitar".into(),
            lang: "id".into(),
        }
    }

    #[test]
    fn a_card_is_1200_by_630() {
        let drawer = Drawer::new(TEMPLATE, &[FONT]);
        let png = drawer.png(&card("Kalender pameran")).expect("drawn");
        let img = image::load_from_memory(&png).expect("a PNG");
        assert_eq!((img.width(), img.height()), CARD_SIZE);
    }

    #[test]
    fn a_long_title_wraps_on_three_lines_at_most() {
        let drawer = Drawer::new(TEMPLATE, &[FONT]);
        let long = "Pameran batik tulis dan batik cap dari seluruh kecamatan di Kabupaten Blitar \
                    bersama para pembatik muda dan perajin pewarna alam se-Jawa Timur tahun ini";
        let (_, lines) = drawer.wrap(long);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(drawer.width(line, 50) <= TITLE_WIDTH, "{line}");
        }
        let (size, short) = drawer.wrap("Motif Kawung");
        assert_eq!((size, short.len()), (72, 1));
        // A whole text pasted as a title is cut, and quickly: one word or many.
        let started = std::time::Instant::now();
        for huge in ["Batik ".repeat(100_000), "x".repeat(100_000)] {
            let (_, lines) = drawer.wrap(&huge);
            assert!(lines.len() <= 3 && lines.last().is_some_and(|l| l.ends_with('…')));
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        let (size, word) = drawer.wrap("Batiktulisbatikcapbatikprintingsekaligus");
        assert!(size < 72 && word.len() == 1, "{size} {word:?}");
    }

    #[test]
    fn placeholders_in_a_title_are_not_filled_in() {
        let filled = fill(
            "<t>{{title}}</t><s>{{site}}</s>{{other}}",
            &[("title", "A {{site}} B".into()), ("site", "Katalog".into())],
        );
        assert_eq!(filled, "<t>A {{site}} B</t><s>Katalog</s>{{other}}");
    }

    #[test]
    fn text_is_escaped_into_the_template() {
        let drawer = Drawer::new(TEMPLATE, &[FONT]);
        let svg = drawer.svg(&card("Sogan & <Kawung>"));
        assert!(svg.contains("Sogan &amp; &lt;Kawung&gt;"), "{svg}");
        assert!(usvg::Tree::from_str(&svg, &drawer.options).is_ok());
        // The template's comment names the placeholders: they stay unfilled there.
        let svg = drawer.svg(&card("Pameran -- <!-- ]]> \"'"));
        assert!(usvg::Tree::from_str(&svg, &drawer.options).is_ok(), "{svg}");
    }

    #[test]
    fn the_cache_returns_the_same_card() {
        let dir = tempfile::tempdir().expect("temp dir");
        let drawer = Drawer::new(TEMPLATE, &[FONT]);
        let first = drawer
            .cached_png(&card("Berita"), dir.path())
            .expect("drawn");
        assert_eq!(std::fs::read_dir(dir.path()).expect("cache").count(), 1);
        let second = drawer
            .cached_png(&card("Berita"), dir.path())
            .expect("cached");
        assert_eq!(first, second);
    }
}
