//! Linking: pages that know their translations, references resolved and linked back, taxonomies.

use std::collections::{BTreeMap, HashMap};

use rust_i18n::t;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Diagnostic, suggest};
use crate::i18n::Strings;
use crate::model::{IndexPage, Kind, Lang, Page, PageKey, Section, Slug};

/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// The whole site once linked: its settings, every page in every language, and what refers to what.
pub struct Site {
    /// The site's folder, where `site.yaml` is.
    pub root: std::path::PathBuf,
    /// The checked `site.yaml`.
    pub config: Config,
    /// Sorted by section, then date (newest first; an exhibition's first day), weight and title.
    pub pages: Vec<Page>,
    /// The `_index` pages, by section (`None` for the home page) and language.
    pub indexes: HashMap<(Option<Section>, Lang), IndexPage>,
    /// Files under `content/` published as they are, photos included.
    pub assets: Vec<crate::model::AssetPath>,
    /// Drafts left out of this build: references to them are warnings, not errors.
    drafts: std::collections::HashSet<PageKey>,
    by_key: HashMap<PageKey, Vec<PageId>>,
    /// Content file (`motifs/kawung.en.md`) → page, for links written in Markdown.
    by_file: HashMap<String, PageId>,
    /// References followed backwards, for "made by" and "exhibits at" lists.
    pub links: Backlinks,
    /// One taxonomy per language and kind, each with every term its pages use.
    pub taxonomies: Vec<Taxonomy>,
    /// What the photo pipeline made of each photo, by its path under `content/`; filled in by the
    /// build before rendering.
    pub photos: HashMap<String, crate::images::Processed>,
}

/// The other direction of every reference.
#[derive(Default)]
pub struct Backlinks {
    /// Motif → workshops that list it in `motifs`.
    pub made_by: HashMap<Slug, Vec<Slug>>,
    /// Workshop → events that list it in `workshops`.
    pub exhibits_at: HashMap<Slug, Vec<Slug>>,
    /// Workshop → motifs whose `creator` it is.
    pub created: HashMap<Slug, Vec<Slug>>,
}

/// A way of grouping pages that gets its own listing pages: each term gets one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKind {
    /// Workshops by their `district`.
    District,
    /// Workshops by their `techniques`.
    Technique,
    /// Motifs by their `colors`.
    Colour,
    /// Any page by its `tags`.
    Tag,
}

impl TaxonomyKind {
    /// Every kind, in the order the site lists them.
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::District,
        TaxonomyKind::Technique,
        TaxonomyKind::Colour,
        TaxonomyKind::Tag,
    ];

    /// The folder in URLs and the key of its UI strings.
    pub fn name(self) -> &'static str {
        match self {
            TaxonomyKind::District => "districts",
            TaxonomyKind::Technique => "techniques",
            TaxonomyKind::Colour => "colours",
            TaxonomyKind::Tag => "tags",
        }
    }

    fn terms_of(self, page: &Page) -> Vec<String> {
        match (self, &page.kind) {
            (TaxonomyKind::District, Kind::Workshop(w)) => w.district.iter().cloned().collect(),
            (TaxonomyKind::Technique, Kind::Workshop(w)) => {
                w.techniques.iter().map(|t| t.name().to_string()).collect()
            }
            (TaxonomyKind::Colour, Kind::Motif(m)) => m.colors.clone(),
            (TaxonomyKind::Tag, _) => page.tags.clone(),
            _ => Vec::new(),
        }
    }
}

/// The terms of one kind in one language, with their pages.
pub struct Taxonomy {
    /// What the pages are grouped by.
    pub kind: TaxonomyKind,
    /// The language of the pages.
    pub lang: Lang,
    /// By term slug.
    pub terms: BTreeMap<Slug, Term>,
}

/// One value of a taxonomy (a district, a colour, a tag) and the pages that have it.
pub struct Term {
    /// The term as first written on a page; its slug is its key in [`Taxonomy::terms`].
    pub name: String,
    /// Pages with the term, in [`Site::pages`] order.
    pub pages: Vec<PageId>,
}

impl Site {
    /// Links the loaded content. Broken references are errors; missing translations warnings.
    pub fn link(
        root: &std::path::Path,
        config: Config,
        content: Content,
    ) -> (Site, Vec<Diagnostic>) {
        let mut pages = content.pages;
        pages.sort_by(|a, b| {
            (
                &a.key.section,
                std::cmp::Reverse(a.sort_date()),
                a.weight,
                &a.title,
                &a.lang,
            )
                .cmp(&(
                    &b.key.section,
                    std::cmp::Reverse(b.sort_date()),
                    b.weight,
                    &b.title,
                    &b.lang,
                ))
        });
        let mut by_key: HashMap<PageKey, Vec<PageId>> = HashMap::new();
        let mut by_file = HashMap::new();
        for (id, page) in pages.iter().enumerate() {
            by_key.entry(page.key.clone()).or_default().push(id);
            let file = page
                .file
                .strip_prefix(crate::folders::CONTENT)
                .unwrap_or(&page.file)
                .to_string_lossy()
                .replace('\\', "/");
            by_file.insert(file, id);
        }
        let indexes = content
            .indexes
            .into_iter()
            .map(|i| ((i.section.clone(), i.lang.clone()), i))
            .collect();
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            pages,
            indexes,
            assets: content.assets,
            drafts: Default::default(),
            by_key,
            by_file,
            links: Backlinks::default(),
            taxonomies: Vec::new(),
            photos: HashMap::new(),
        };
        let mut diagnostics = site.check_references(&content.failed, &content.drafts);
        diagnostics.extend(site.check_translations(&content.failed));
        site.drafts = content.drafts;
        site.links = site.backlinks();
        site.taxonomies = site.build_taxonomies();
        (site, diagnostics)
    }

    /// The content this site was linked from, and its settings, to be linked again after an edit
    /// of one file (`canting serve`). Only a site without errors is linked, so no page failed.
    pub fn unlink(self) -> (Config, Content, HashMap<String, crate::images::Processed>) {
        let content = Content {
            pages: self.pages,
            indexes: self.indexes.into_values().collect(),
            assets: self.assets,
            failed: Default::default(),
            drafts: self.drafts,
        };
        (self.config, content, self.photos)
    }

    /// Every page's identity, once, in a stable order.
    pub fn keys(&self) -> impl Iterator<Item = &PageKey> {
        let mut keys: Vec<&PageKey> = self.by_key.keys().collect();
        keys.sort();
        keys.into_iter()
    }

    /// Every language's version of the page `key`, in [`Site::pages`] order; empty when there is none.
    pub fn translations(&self, key: &PageKey) -> &[PageId] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The page for `key` in `lang`, else in the default language, else in any.
    pub fn find(&self, key: &PageKey, lang: &Lang) -> Option<PageId> {
        let ids = self.translations(key);
        ids.iter()
            .find(|&&i| &self.pages[i].lang == lang)
            .or_else(|| {
                ids.iter()
                    .find(|&&i| &self.pages[i].lang == self.config.default_lang())
            })
            .or(ids.first())
            .copied()
    }

    /// The photo that stands for page `id` where a picture is needed (a share preview, a card):
    /// its cover, else the first photo of its gallery, else the first such photo of a page it is
    /// linked with: a workshop's motifs (listed, or created by it), an exhibition's workshops, a
    /// motif's makers and creator.
    pub fn picture(&self, id: PageId) -> Option<&crate::model::Photo> {
        let own = |id: PageId| {
            let page = &self.pages[id];
            page.cover.as_ref().or(page.images.first())
        };
        if let Some(photo) = own(id) {
            return Some(photo);
        }
        let page = &self.pages[id];
        let key = |section: Section, slug: &Slug| PageKey {
            section,
            slug: slug.clone(),
        };
        let related: Vec<PageKey> = match &page.kind {
            Kind::Workshop(w) => w
                .motifs
                .iter()
                .chain(self.links.created.get(&page.key.slug).into_iter().flatten())
                .map(|s| key(Section::Motifs, s))
                .collect(),
            Kind::Event(e) => e
                .workshops
                .iter()
                .map(|s| key(Section::Workshops, s))
                .collect(),
            Kind::Motif(m) => m
                .creator
                .iter()
                .chain(self.links.made_by.get(&page.key.slug).into_iter().flatten())
                .map(|s| key(Section::Workshops, s))
                .collect(),
            _ => Vec::new(),
        };
        related
            .iter()
            .filter_map(|k| self.find(k, &page.lang))
            .find_map(own)
    }

    /// The page written in a content file, by its path under `content/` (`motifs/kawung.en.md`).
    pub fn by_file(&self, rel: &str) -> Option<PageId> {
        self.by_file.get(rel).copied()
    }

    /// `/katalog/en/motifs/kawung/`
    pub fn url(&self, id: PageId) -> String {
        let page = &self.pages[id];
        let prefix = page.key.section.url_prefix();
        let root = self.config.lang_root(&page.lang);
        if prefix.is_empty() {
            format!("{root}{}/", page.url_slug)
        } else {
            format!("{root}{prefix}/{}/", page.url_slug)
        }
    }

    /// A section's listing in a language: `/katalog/en/motifs/`.
    pub fn section_url(&self, section: &Section, lang: &Lang) -> String {
        format!("{}{}/", self.config.lang_root(lang), section.folder())
    }

    /// The published file that stands for a file under `content/`: for a photo, its original when
    /// the site publishes originals, else its widest variant; any other file is published as it is.
    pub fn photo_file<'a>(&'a self, path: &'a str) -> &'a str {
        self.photos.get(path).map_or(path, |p| p.full())
    }

    /// The URL of a published file, by its path in the output folder: `/katalog/motifs/kawung.jpg`.
    pub fn asset_url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.path())
    }

    /// The exhibition calendar of a language: `/katalog/en/calendar/`.
    pub fn calendar_url(&self, lang: &Lang) -> String {
        format!("{}calendar/", self.config.lang_root(lang))
    }

    /// The printable catalogue of a language: `/katalog/en/print/`.
    pub fn print_url(&self, lang: &Lang) -> String {
        format!("{}print/", self.config.lang_root(lang))
    }

    /// `/katalog/en/search/`: a language's search page, where its index files are too.
    pub fn search_url(&self, lang: &Lang) -> String {
        format!("{}search/", self.config.lang_root(lang))
    }

    /// A taxonomy's page in a language, `/katalog/en/colours/`, or one term's,
    /// `/katalog/en/colours/indigo/`.
    pub fn taxonomy_url(&self, kind: TaxonomyKind, lang: &Lang, term: Option<&Slug>) -> String {
        let root = self.config.lang_root(lang);
        match term {
            Some(t) => format!("{root}{}/{t}/", kind.name()),
            None => format!("{root}{}/", kind.name()),
        }
    }

    /// A section's title in one language: its `_index` page's, else the theme's word for it.
    pub fn section_title(&self, section: &Section, lang: &Lang, strings: &Strings) -> String {
        self.indexes
            .get(&(Some(section.clone()), lang.clone()))
            .map(|i| i.title.clone())
            .unwrap_or_else(|| strings.get(section.folder()).to_string())
    }

    /// Pages of one section in one language, in listing order.
    pub fn section_pages(&self, section: &Section, lang: &Lang) -> Vec<PageId> {
        (0..self.pages.len())
            .filter(|&i| &self.pages[i].key.section == section && &self.pages[i].lang == lang)
            .collect()
    }

    /// Every section that has a page or an `_index` page, in order, once.
    pub fn sections(&self) -> Vec<Section> {
        let mut s: Vec<Section> = self.pages.iter().map(|p| p.key.section.clone()).collect();
        for (section, _) in self.indexes.keys() {
            if let Some(section) = section {
                s.push(section.clone());
            }
        }
        s.sort();
        s.dedup();
        s
    }

    fn slugs_of(&self, section: &Section) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .by_key
            .keys()
            .filter(|k| &k.section == section)
            .map(|k| k.slug.as_str())
            .collect();
        v.sort();
        v
    }

    fn check_references(
        &self,
        failed: &std::collections::HashSet<PageKey>,
        drafts: &std::collections::HashSet<PageKey>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for page in &self.pages {
            let mut expect = |field: &str, section: Section, slug: &Slug| {
                let key = PageKey {
                    section: section.clone(),
                    slug: slug.clone(),
                };
                if self.by_key.contains_key(&key) || failed.contains(&key) {
                    return;
                }
                if drafts.contains(&key) {
                    out.push(
                        Diagnostic::warning(t!("site.draft", key = key))
                            .file(&page.file)
                            .line(line_of(&self.root, page, field, slug.as_str()))
                            .field(field)
                            .hint(t!("site.draft_hint", key = key)),
                    );
                    return;
                }
                let message = match section {
                    Section::Workshops => t!("site.unknown_workshop", slug = slug),
                    Section::Motifs => t!("site.unknown_motif", slug = slug),
                    Section::Events => t!("site.unknown_event", slug = slug),
                    Section::News => t!("site.unknown_news", slug = slug),
                    _ => t!("site.unknown_page", slug = slug),
                };
                let hint = suggest(
                    slug.as_str(),
                    self.slugs_of(&section),
                    &t!("site.no_such_page", folder = section.folder(), slug = slug),
                );
                out.push(
                    Diagnostic::error(message)
                        .file(&page.file)
                        .line(line_of(&self.root, page, field, slug.as_str()))
                        .field(field)
                        .hint(hint),
                );
            };
            match &page.kind {
                Kind::Workshop(w) => {
                    for m in &w.motifs {
                        expect("motifs", Section::Motifs, m);
                    }
                }
                Kind::Motif(m) => {
                    if let Some(c) = &m.creator {
                        expect("creator", Section::Workshops, c);
                    }
                }
                Kind::Event(e) => {
                    for w in &e.workshops {
                        expect("workshops", Section::Workshops, w);
                    }
                }
                Kind::Page(p) => {
                    for f in &p.featured {
                        expect("featured", f.section.clone(), &f.slug);
                    }
                }
                Kind::News(_) => {}
            }
        }
        out
    }

    fn check_translations(&self, failed: &std::collections::HashSet<PageKey>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut keys: Vec<&PageKey> = self.by_key.keys().collect();
        keys.sort();
        // A page whose other version failed to load is reported as that error, not as missing.
        for key in keys.into_iter().filter(|k| !failed.contains(*k)) {
            let ids = &self.by_key[key];
            for lang in &self.config.languages {
                if ids.iter().all(|&i| self.pages[i].lang != lang.code) {
                    let first = &self.pages[ids[0]];
                    out.push(
                        Diagnostic::warning(t!(
                            "site.no_translation",
                            key = key,
                            language = lang.name
                        ))
                        .file(&first.file)
                        .hint(t!("site.no_translation_hint", code = lang.code)),
                    );
                }
            }
        }
        out
    }

    fn backlinks(&self) -> Backlinks {
        let mut links = Backlinks::default();
        let default = self.config.default_lang();
        // References are the same in every language; read them from one version of each page.
        let mut seen = std::collections::HashSet::new();
        for page in &self.pages {
            if !seen.insert(&page.key) {
                continue;
            }
            let Some(id) = self.find(&page.key, default) else {
                continue;
            };
            let page = &self.pages[id];
            match &page.kind {
                Kind::Workshop(w) => {
                    for m in &w.motifs {
                        links
                            .made_by
                            .entry(m.clone())
                            .or_default()
                            .push(page.key.slug.clone());
                    }
                }
                Kind::Event(e) => {
                    for w in &e.workshops {
                        links
                            .exhibits_at
                            .entry(w.clone())
                            .or_default()
                            .push(page.key.slug.clone());
                    }
                }
                Kind::Motif(m) => {
                    if let Some(c) = &m.creator {
                        links
                            .created
                            .entry(c.clone())
                            .or_default()
                            .push(page.key.slug.clone());
                    }
                }
                _ => {}
            }
        }
        for list in links
            .made_by
            .values_mut()
            .chain(links.exhibits_at.values_mut())
            .chain(links.created.values_mut())
        {
            list.sort();
            list.dedup();
        }
        links
    }

    fn build_taxonomies(&self) -> Vec<Taxonomy> {
        let mut out = Vec::new();
        for lang in &self.config.languages {
            for kind in TaxonomyKind::ALL {
                let mut terms: BTreeMap<Slug, Term> = BTreeMap::new();
                for (id, page) in self.pages.iter().enumerate() {
                    if page.lang != lang.code {
                        continue;
                    }
                    for name in kind.terms_of(page) {
                        let term = terms.entry(Slug::from_name(&name)).or_insert_with(|| Term {
                            name: name.clone(),
                            pages: Vec::new(),
                        });
                        term.pages.push(id);
                    }
                }
                out.push(Taxonomy {
                    kind,
                    lang: lang.code.clone(),
                    terms,
                });
            }
        }
        out
    }
}

/// The line of `field` (at `value`) in a page's file; the file is read again, which only
/// happens when there is something to report.
pub fn line_of(root: &std::path::Path, page: &Page, field: &str, value: &str) -> Option<usize> {
    // Re-reading the file for a line number happens only on the error path.
    let text = std::fs::read_to_string(root.join(&page.file)).ok()?;
    let (front, _, _) = crate::content::split_front_matter(&text)?;
    crate::yaml::Document::parse(&page.file, front, 2)
        .ok()?
        .line_of_value(field, value)
}
