//! What each fuzz target does with its input, shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/`) and the stable replay of the committed corpus (`tests/it/fuzz.rs`).
//! Each function must return for any bytes: a panic, a hang or a crash is a finding.

use std::io::Cursor;
use std::path::Path;

use canting::markdown::{self, Link};
use canting::schema;
use canting::yaml::Document;

/// Front matter split from a page, read as YAML, every field of every section looked up and read
/// as data, as a page's parser does.
pub(crate) fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((front, _body, line)) = canting::content::split_front_matter(text) else {
        return;
    };
    let Ok(doc) = Document::parse(Path::new("content/a.id.md"), front, line.max(2)) else {
        return;
    };
    for section in &schema::SECTIONS {
        let keys = schema::keys(section);
        let _ = doc.unknown_fields(&keys);
        for key in &keys {
            let _ = doc.line_of_path(&format!("{key}.min"));
            let _ = doc.line_of_path(&format!("{key}[1].url"));
        }
        let _ = doc.deserialize::<serde_json::Value>(&keys);
    }
}

/// `site.yaml` read by canting's own loader, from a folder made once.
pub(crate) fn site_yaml(data: &[u8]) {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().expect("a temporary folder");
    }
    DIR.with(|dir| {
        std::fs::write(dir.path().join("site.yaml"), data).expect("written");
        let _ = canting::config::load(dir.path());
    });
}

/// Markdown rendered with links rewritten the ways canting rewrites them: to another page, to a
/// file beside the page (resolved as canting resolves it), off the site, or broken.
pub(crate) fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let resolve = |url: &str| {
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Link::External
        } else if url.starts_with('#') || url.contains(':') {
            Link::Unchanged
        } else {
            match canting::content::resolve("workshops/sekar", url) {
                Some(target) if target.ends_with(".md") => Link::Internal(format!("/{target}/")),
                Some(target) => Link::Internal(format!("/{target}")),
                None => Link::outside(url, url.ends_with(".md")),
            }
        }
    };
    let (rendered, _) = markdown::render(text, &resolve);
    let _ = markdown::first_paragraph_of(text);
    let _ = rendered.first_paragraph.map(|p| markdown::shorten(&p, 160));
}

/// WhatsApp and telephone numbers, web and e-mail addresses, social handles, the site's address.
pub(crate) fn contact(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(phone) = canting::contact::Phone::parse(&text) {
        let _ = format!("{phone:?}");
    }
    let _ = canting::contact::check_url(&text);
    let _ = canting::contact::check_email(&text);
    let _ = canting::contact::handle(&text);
    let _ = canting::contact::country_code(&text);
    let _ = canting::config::BaseUrl::parse(&text);
}

/// A photo decoded with the limits canting's photo pipeline sets.
pub(crate) fn photo(data: &[u8]) {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(canting::images::MAX_SIDE);
    limits.max_image_height = Some(canting::images::MAX_SIDE);
    limits.max_alloc = Some(canting::images::MAX_ALLOC);
    let Ok(mut reader) = image::ImageReader::new(Cursor::new(data)).with_guessed_format() else {
        return;
    };
    reader.limits(limits);
    let _ = reader.decode();
}

/// A target: bytes in, nothing out; it must return for any input.
pub(crate) type Target = fn(&[u8]);

/// Every target by name, for the replay.
pub(crate) const TARGETS: [(&str, Target); 5] = [
    ("front_matter", front_matter),
    ("site_yaml", site_yaml),
    ("markdown", markdown),
    ("contact", contact),
    ("photo", photo),
];
