//! `site.yaml`: the site's settings.

use std::path::Path;

use rust_i18n::t;
use serde::Deserialize;

use crate::contact::{self, Phone};
use crate::diagnostic::{Diagnostic, io_reason};
use crate::folders::SITE_FILE;
use crate::model::{Lang, TimeZone};
use crate::yaml::{Document, Scalar};

const FIELDS: &[&str] = &[
    "title",
    "base_url",
    "default_language",
    "languages",
    "theme",
    "timezone",
    "organization",
    "paginate",
    "images",
    "editor",
    "search",
    "extra",
];

/// The checked `site.yaml`: everything a build needs to know about the site as a whole.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name, for `<title>` and feeds; required and never blank.
    pub title: String,
    /// Where the site is published; every absolute URL starts with it.
    pub base_url: BaseUrl,
    /// The default language first, then the others in the order `site.yaml` lists them.
    pub languages: Vec<Language>,
    /// The folder under `themes/` to render with; `batik` when not given.
    pub theme: String,
    /// The zone event times are read in; `Asia/Jakarta` when not given.
    pub timezone: TimeZone,
    /// Who runs the site; its `name` is the site's title when not given.
    pub organization: Organization,
    /// Entries per page of a listing; 24 when not given, never 0.
    pub paginate: usize,
    /// Widths and qualities of the published photos.
    pub images: ImageSettings,
    /// The browser editor at `/admin/` (`editor:` in `site.yaml`).
    pub editor: EditorSettings,
    /// Whether the build writes the search index and the catalogue filters' data (`search:` in
    /// `site.yaml`; on when not given).
    pub search: bool,
    /// Fields under `extra:`, handed to templates as they are.
    pub extra: serde_json::Value,
}

/// The `editor:` settings of `site.yaml`: whether a build writes the browser editor at
/// `/admin/`, which GitHub repository and branch it saves to, and which CMS it loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorSettings {
    /// `enabled: false` leaves `/admin/` out of the build.
    pub enabled: bool,
    /// `owner/name` of the GitHub repository; without it the page says what to set.
    pub repo: Option<String>,
    /// The branch the editor saves to.
    pub branch: String,
    /// `sveltia` (the default) or `decap`.
    pub cms: String,
    /// Where the CMS program is loaded from; the CMS's own CDN when not set.
    pub script: Option<String>,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            enabled: true,
            repo: None,
            branch: "main".into(),
            cms: "sveltia".into(),
            script: None,
        }
    }
}

/// The smallest `images.originals` that makes sense: no smaller than a variant.
const ORIGINALS_MIN: u32 = 480;
/// The largest `images.originals`, the same as the widest variant.
const ORIGINALS_MAX: u32 = 8192;

#[derive(Debug, Clone, PartialEq, Eq)]
/// The `images:` settings of `site.yaml`: which photo variants are made, at what quality.
pub struct ImageSettings {
    /// The widths of the variants the theme lists in `srcset`.
    pub widths: Vec<u32>,
    /// WebP quality, 0–100.
    pub quality: u8,
    /// Quality of the JPEG fallback, the thumbnail, the share picture and a re-encoded original,
    /// 0–100.
    pub jpeg_quality: u8,
    /// The longest side, in pixels, of the photos themselves when the site publishes them
    /// (`originals: 2400`); `None`, the default, publishes only the smaller copies.
    pub originals: Option<u32>,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 75,
            jpeg_quality: 80,
            originals: None,
        }
    }
}

/// One of the site's languages, from `languages:` in `site.yaml`.
#[derive(Debug, Clone)]
pub struct Language {
    /// The code, which is also the folder of the language's URLs (none for the default).
    pub code: Lang,
    /// The language's own name, for the language switcher; the code when not given.
    pub name: String,
    /// The site's title in this language; the site's `title` when not given.
    pub title: String,
}

/// The association that runs the site: `organization:` in `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Organization {
    /// Its name; the site's title when not given.
    pub name: String,
    /// Its WhatsApp number, checked.
    pub whatsapp: Option<Phone>,
    /// Its e-mail address, checked.
    pub email: Option<String>,
    /// Its Instagram handle, without the `@`.
    pub instagram: Option<String>,
    /// Its postal address, as written.
    pub address: Option<String>,
}

/// `https://example.org/katalog/`, split into the origin and the sub-path every URL starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Reads an `http://` or `https://` URL with a host and no query or fragment; the error says
    /// what is wrong with it.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or_else(|| t!("config.base_url_scheme").into_owned())?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || host.contains(['?', '#', ' ']) {
            return Err(t!("config.base_url_host").into_owned());
        }
        if path.contains(['?', '#', ' ']) {
            return Err(t!("config.base_url_chars").into_owned());
        }
        let scheme_len = text.len() - rest.len();
        let origin = format!("{}{host}", &text[..scheme_len]);
        let path = path.trim_matches('/');
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            format!("/{path}/")
        };
        Ok(BaseUrl { origin, path })
    }

    /// The sub-path every URL of the site starts with: `/` or `/katalog/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `https://example.org` (no trailing slash).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The file a URL path of the site is written to, relative to the output folder: the URL
    /// without the sub-path, and a URL that ends in `/` is its folder's `index.html`.
    /// `/katalog/motifs/kawung/` → `motifs/kawung/index.html`; `/katalog/calendar.ics` →
    /// `calendar.ics`. The one rule from addresses to files.
    pub fn output_file(&self, url: &str) -> String {
        let rel = url
            .strip_prefix(self.path())
            .unwrap_or_else(|| url.trim_start_matches('/'));
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }
}

#[derive(Deserialize)]
struct Raw {
    title: Option<String>,
    base_url: Option<String>,
    default_language: Option<String>,
    #[serde(default)]
    languages: indexmap_like::Ordered<RawLanguage>,
    theme: Option<String>,
    timezone: Option<String>,
    organization: Option<RawOrganization>,
    paginate: Option<usize>,
    images: Option<RawImages>,
    editor: Option<RawEditor>,
    search: Option<bool>,
    extra: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawEditor {
    enabled: Option<bool>,
    repo: Option<String>,
    branch: Option<String>,
    cms: Option<String>,
    script: Option<String>,
}

#[derive(Deserialize)]
struct RawImages {
    widths: Option<Vec<u32>>,
    quality: Option<u8>,
    jpeg_quality: Option<u8>,
    originals: Option<u32>,
}

#[derive(Deserialize)]
struct RawLanguage {
    name: Option<String>,
    title: Option<String>,
}

#[derive(Deserialize)]
struct RawOrganization {
    name: Option<String>,
    whatsapp: Option<Scalar>,
    email: Option<String>,
    instagram: Option<String>,
    address: Option<String>,
}

/// YAML mappings keep their order when read; this reads one into an ordered list of pairs.
mod indexmap_like {
    use serde::Deserialize;
    use serde::de::{Deserializer, MapAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    pub(crate) struct Ordered<T>(pub Vec<(String, T)>);

    impl<T> Default for Ordered<T> {
        fn default() -> Self {
            Ordered(Vec::new())
        }
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
                type Value = Ordered<T>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str(&rust_i18n::t!("config.languages_expected"))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = map.next_entry::<String, T>()? {
                        out.push((k, v));
                    }
                    Ok(Ordered(out))
                }
            }
            d.deserialize_map(V(PhantomData))
        }
    }
}

/// Reads `ROOT/site.yaml`. All problems are returned together.
pub fn load(root: &Path) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let path = root.join(SITE_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            let dir = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            t!("config.not_found", file = SITE_FILE, dir = dir.display())
        } else {
            t!("config.cannot_read", file = SITE_FILE, why = io_reason(&e))
        };
        vec![
            Diagnostic::error(message)
                .file(SITE_FILE)
                .hint(t!("config.cannot_read_hint")),
        ]
    })?;
    let doc = Document::parse(Path::new(SITE_FILE), &text, 1).map_err(|d| vec![d])?;
    let mut warnings = doc.unknown_fields(FIELDS);
    let raw: Raw = doc.deserialize(FIELDS)?;
    let mut errors = Vec::new();

    let title = raw.title.unwrap_or_default();
    if title.trim().is_empty() {
        errors.push(
            doc.error_at("title", t!("config.no_title"))
                .hint(t!("config.no_title_hint")),
        );
    }
    let base_url = match raw.base_url.as_deref().map(BaseUrl::parse) {
        Some(Ok(url)) => Some(url),
        Some(Err(why)) => {
            errors.push(doc.error_at("base_url", t!("config.base_url_unusable", why = why)));
            None
        }
        None => {
            errors.push(
                doc.error_at("base_url", t!("config.base_url_missing"))
                    .hint(t!("config.base_url_missing_hint")),
            );
            None
        }
    };

    let mut languages = Vec::new();
    for (code, lang) in raw.languages.0 {
        match Lang::parse(&code) {
            Ok(l) => languages.push(Language {
                name: lang.name.unwrap_or_else(|| code.clone()),
                title: lang.title.unwrap_or_else(|| title.clone()),
                code: l,
            }),
            Err(why) => errors.push(
                Diagnostic::error(why)
                    .file(SITE_FILE)
                    .line(doc.line_of_value("languages", &code))
                    .field("languages"),
            ),
        }
    }
    let default = raw.default_language.unwrap_or_else(|| "id".into());
    match languages.iter().position(|l| l.code.as_str() == default) {
        Some(i) => {
            let lang = languages.remove(i);
            languages.insert(0, lang);
        }
        None if languages.is_empty() => match Lang::parse(&default) {
            Ok(code) => languages.push(Language {
                code,
                name: default.clone(),
                title: title.clone(),
            }),
            Err(why) => errors.push(doc.error_at("default_language", why)),
        },
        None => errors.push(
            doc.error_at(
                "default_language",
                t!("config.default_language_unlisted", code = default),
            )
            .hint(t!("config.default_language_unlisted_hint")),
        ),
    }

    let mut organization = Organization::default();
    if let Some(org) = raw.organization {
        organization.name = org.name.unwrap_or_else(|| title.clone());
        organization.address = org.address;
        organization.instagram = org.instagram.as_deref().map(contact::handle);
        if let Some(w) = org.whatsapp {
            match Phone::parse(&w.0) {
                Ok(p) => organization.whatsapp = Some(p),
                Err(why) => errors.push(
                    Diagnostic::error(t!("config.whatsapp", number = w.0, why = why))
                        .file(SITE_FILE)
                        .line(Some(doc.line_of_path("organization.whatsapp")))
                        .field("organization.whatsapp")
                        .hint(t!("fields.whatsapp_hint")),
                ),
            }
        }
        if let Some(e) = org.email {
            match contact::check_email(&e) {
                Ok(e) => organization.email = Some(e),
                Err(why) => errors.push(
                    Diagnostic::error(t!("config.email", email = e, why = why))
                        .file(SITE_FILE)
                        .line(Some(doc.line_of_path("organization.email")))
                        .field("organization.email"),
                ),
            }
        }
    } else {
        organization.name = title.clone();
    }

    let timezone = match TimeZone::parse(raw.timezone.as_deref().unwrap_or("Asia/Jakarta")) {
        Ok(zone) => Some(zone),
        Err(why) => {
            errors.push(doc.error_at("timezone", why));
            None
        }
    };
    let paginate = raw.paginate.unwrap_or(24);
    if paginate == 0 {
        errors.push(doc.error_at("paginate", t!("config.paginate")));
    }
    let mut images = ImageSettings::default();
    if let Some(raw) = raw.images {
        if let Some(widths) = raw.widths {
            if widths.is_empty() || widths.iter().any(|w| !(16..=8192).contains(w)) {
                errors.push(
                    doc.error_at("images", t!("config.image_widths"))
                        .hint(t!("config.image_widths_hint")),
                );
            }
            images.widths = widths;
        }
        if let Some(side) = raw.originals {
            if !(ORIGINALS_MIN..=ORIGINALS_MAX).contains(&side) {
                errors.push(
                    doc.error_at(
                        "images",
                        t!(
                            "config.image_originals",
                            min = ORIGINALS_MIN,
                            max = ORIGINALS_MAX
                        ),
                    )
                    .hint(t!("config.image_originals_hint")),
                );
            }
            images.originals = Some(side);
        }
        for (name, value, target) in [
            ("quality", raw.quality, &mut images.quality),
            ("jpeg_quality", raw.jpeg_quality, &mut images.jpeg_quality),
        ] {
            match value {
                Some(q) if (1..=100).contains(&q) => *target = q,
                Some(_) => errors.push(
                    doc.error_at("images", t!("config.image_quality", name = name))
                        .hint(t!("config.image_quality_hint")),
                ),
                None => {}
            }
        }
    }
    let mut editor = EditorSettings::default();
    if let Some(raw) = raw.editor {
        let text = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        editor.enabled = raw.enabled.unwrap_or(true);
        editor.repo = text(raw.repo);
        if let Some(repo) = &editor.repo
            && (repo.split('/').count() != 2 || repo.contains(char::is_whitespace))
        {
            errors.push(
                doc.error_at("editor", t!("config.editor_repo", repo = repo))
                    .hint(t!("config.editor_repo_hint")),
            );
        }
        editor.branch = text(raw.branch).unwrap_or(editor.branch);
        editor.script = text(raw.script);
        match text(raw.cms).as_deref() {
            None => {}
            Some(cms @ ("sveltia" | "decap")) => editor.cms = cms.to_string(),
            Some(other) => errors.push(
                doc.error_at("editor", t!("config.editor_cms", cms = other))
                    .hint(t!("config.editor_cms_hint")),
            ),
        }
    }
    let extra = raw.extra.unwrap_or_default();

    match (errors.is_empty(), base_url, timezone) {
        (true, Some(base_url), Some(timezone)) => {
            warnings.extend(errors);
            Ok((
                Config {
                    title,
                    base_url,
                    languages,
                    theme: raw.theme.unwrap_or_else(|| "batik".into()),
                    timezone,
                    organization,
                    paginate,
                    images,
                    editor,
                    search: raw.search.unwrap_or(true),
                    extra,
                },
                warnings,
            ))
        }
        _ => {
            errors.extend(warnings);
            Err(errors)
        }
    }
}

impl Config {
    /// The default language: the first of [`Config::languages`].
    pub fn default_lang(&self) -> &Lang {
        &self.languages[0].code
    }

    /// The settings of the language with this code, if the site has it.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code.as_str() == code)
    }

    /// The site's title in a language: that language's `title`, else the site's.
    pub fn title_in(&self, lang: &Lang) -> &str {
        self.language(lang.as_str())
            .map_or(self.title.as_str(), |l| l.title.as_str())
    }

    /// The URL path of a language's root: `/katalog/` or `/katalog/en/`.
    pub fn lang_root(&self, lang: &Lang) -> String {
        if lang == self.default_lang() {
            self.base_url.path().to_string()
        } else {
            format!("{}{}/", self.base_url.path(), lang)
        }
    }

    /// `path` (which starts with the base URL's sub-path) as a full URL, with the origin.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.origin())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_sub_path() {
        let u = BaseUrl::parse("https://example.org/katalog").expect("valid");
        assert_eq!(u.origin(), "https://example.org");
        assert_eq!(u.path(), "/katalog/");
        assert_eq!(
            BaseUrl::parse("https://example.org").expect("valid").path(),
            "/"
        );
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }

    #[test]
    fn urls_become_files_under_the_output_folder() {
        let u = BaseUrl::parse("https://example.org/katalog/").expect("valid");
        assert_eq!(u.output_file("/katalog/"), "index.html");
        assert_eq!(
            u.output_file("/katalog/en/motifs/kawung/"),
            "en/motifs/kawung/index.html"
        );
        assert_eq!(u.output_file("/katalog/calendar.ics"), "calendar.ics");
        assert_eq!(u.output_file("/katalog/404.html"), "404.html");
    }
}
