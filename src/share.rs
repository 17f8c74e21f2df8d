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
        let pixmap = render(self.svg(card).as_bytes(), CARD_SIZE, &self.options)?;
        match indexed_png(&pixmap) {
            Some(png) => Ok(png),
            None => pixmap.encode_png().map_err(|e| e.to_string()),
        }
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
        let words = Words::measure(self, title);
        let mut last = (TITLE_SIZES[0], Vec::new());
        for size in TITLE_SIZES {
            let lines = words.lines(size);
            // A single word too long for a line shrinks the title too.
            if lines.len() <= 3 && lines.iter().all(|l| words.width(l, size) <= TITLE_WIDTH) {
                return (size, lines.iter().map(|l| words.join(l)).collect());
            }
            last = (size, lines);
        }
        let (size, mut lines) = last;
        lines.truncate(3);
        let mut lines: Vec<String> = lines.iter().map(|l| words.join(l)).collect();
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

/// A title's words, each measured once: a line's width is the sum of its words and spaces, scaled
/// to the size tried. Laying out every candidate line instead made wrapping the slowest part of
/// drawing a card.
struct Words<'a> {
    words: Vec<&'a str>,
    /// Each word's width at [`Words::REFERENCE`] pixels.
    widths: Vec<f32>,
    space: f32,
}

impl<'a> Words<'a> {
    /// The font size the words are measured at.
    const REFERENCE: f32 = 100.0;

    fn measure(drawer: &Drawer, title: &'a str) -> Words<'a> {
        let size = Self::REFERENCE as u32;
        let words: Vec<&str> = title.split_whitespace().collect();
        let widths = words.iter().map(|w| drawer.width(w, size)).collect();
        let space = drawer.width("x x", size) - drawer.width("xx", size);
        Words {
            words,
            widths,
            space,
        }
    }

    /// Words `range` set on one line at `size` pixels.
    fn width(&self, range: &std::ops::Range<usize>, size: u32) -> f32 {
        let words: f32 = self.widths[range.clone()].iter().sum();
        let spaces = range.len().saturating_sub(1) as f32 * self.space;
        (words + spaces) * size as f32 / Self::REFERENCE
    }

    /// Words set greedily on lines no wider than the title's width; a word wider than a line
    /// gets a line of its own.
    fn lines(&self, size: u32) -> Vec<std::ops::Range<usize>> {
        let mut lines = Vec::new();
        let mut start = 0;
        for end in 1..=self.words.len() {
            if end - start > 1 && self.width(&(start..end), size) > TITLE_WIDTH {
                lines.push(start..end - 1);
                start = end - 1;
            }
        }
        if start < self.words.len() {
            lines.push(start..self.words.len());
        }
        lines
    }

    fn join(&self, range: &std::ops::Range<usize>) -> String {
        self.words[range.clone()].join(" ")
    }
}

/// An SVG drawn to a PNG of `size` pixels, scaled to fit (an icon's square).
pub fn icon_png(svg: &[u8], size: u32) -> Result<Vec<u8>, String> {
    render(svg, (size, size), &usvg::Options::default())?
        .encode_png()
        .map_err(|e| e.to_string())
}

fn render(
    svg: &[u8],
    (width, height): (u32, u32),
    options: &usvg::Options,
) -> Result<tiny_skia::Pixmap, String> {
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
    Ok(pixmap)
}

/// An opaque picture (a card: flat colours and the shades of smoothed edges) as a PNG with a
/// palette: about half the bytes of the full-colour PNG. Exact when it has at most 256 colours;
/// else its shades are rounded, a bit at a time, until they fit (a title of many letters has more
/// shades of its edges than that). `None` for a picture with transparency.
fn indexed_png(pixmap: &tiny_skia::Pixmap) -> Option<Vec<u8>> {
    if pixmap.data().chunks_exact(4).any(|px| px[3] != 255) {
        return None;
    }
    let (palette, indices) = (0..=4).find_map(|bits| palette_of(pixmap, bits))?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette.concat());
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&indices).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// The palette and each pixel's index in it, with the lowest `bits` of every channel rounded
/// away; `None` when that leaves more than 256 colours.
fn palette_of(pixmap: &tiny_skia::Pixmap, bits: u32) -> Option<(Vec<[u8; 3]>, Vec<u8>)> {
    let round = |c: u8| {
        let step = 1u16 << bits;
        let rounded = (u16::from(c) + step / 2) / step * step;
        rounded.min(255) as u8
    };
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut slots: std::collections::HashMap<[u8; 3], u8> = std::collections::HashMap::new();
    let mut indices = Vec::with_capacity(pixmap.data().len() / 4);
    let mut last: Option<([u8; 3], u8)> = None;
    for px in pixmap.data().chunks_exact(4) {
        let rgb = [px[0], px[1], px[2]];
        // Runs of one colour are the rule: skip the lookup for them.
        let index = match last {
            Some((colour, index)) if colour == rgb => index,
            _ => {
                let key = rgb.map(round);
                match slots.get(&key) {
                    Some(&index) => index,
                    None => {
                        let index = u8::try_from(palette.len()).ok()?;
                        palette.push(key);
                        slots.insert(key, index);
                        index
                    }
                }
            }
        };
        last = Some((rgb, index));
        indices.push(index);
    }
    Some((palette, indices))
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
    fn a_card_is_written_with_a_palette_and_looks_the_same() {
        let drawer = Drawer::new(TEMPLATE, &[FONT]);
        for title in [
            "Kawung",
            "Perajin muda belajar pewarna alam dari para sesepuh Kanigoro: Quick brown fox, jumps!",
        ] {
            let card = card(title);
            let pixmap =
                render(drawer.svg(&card).as_bytes(), CARD_SIZE, &drawer.options).expect("drawn");
            let png = drawer.png(&card).expect("drawn");
            let full = pixmap.encode_png().expect("encoded");
            assert!(
                png.len() * 3 < full.len() * 2,
                "{} vs {}",
                png.len(),
                full.len()
            );
            let decoded = image::load_from_memory(&png).expect("a PNG");
            assert!(
                matches!(decoded, image::DynamicImage::ImageRgb8(_)),
                "{title}"
            );
            let most = decoded
                .to_rgba8()
                .as_raw()
                .iter()
                .zip(pixmap.data())
                .map(|(a, b)| a.abs_diff(*b))
                .max();
            assert!(most <= Some(8), "{title}: a channel is off by {most:?}");
        }
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
