//! After an edit, for `canting serve`: the bodies, cards and site-wide values worked out again
//! where they can have changed, and only the HTML files that show a change rendered again.
//!
//! A file is rendered again when:
//! - it is a changed page's own (its page, flyer, redirects): the edited page, the pages whose
//!   references from others changed, the translations of a page that came or went;
//! - it shows, by the [`Record`](super::record::Record), a page whose card changed;
//! - it lists a section, a term or a taxonomy whose pages, order or introduction changed, or is the
//!   home page, calendar or printable catalogue of such a list;
//! - its language's site-wide values (menu, sections) changed, or the way share cards are drawn;
//! - it is new. Files of pages that are gone are removed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Value;

use super::jobs::{self, Job, Planned};
use super::links::{self, Body, intro_bodies};
use super::promotion::Scope;
use super::record::Urls;
use super::{Prepared, all_globals, preview};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Lang, PageKey, Section, Slug};
use crate::output::Staging;
use crate::site::{PageId, Site};
use crate::theme::Theme;

/// What the rest of a site shows of its structure, taken before an edit to compare with after it:
/// each section's pages in order, each term's pages, the references followed backwards, the home
/// page's and sections' `_index` pages.
pub struct Outline {
    /// Every page's identity and language, by source file.
    pages: HashMap<PathBuf, (PageKey, Lang)>,
    lists: HashMap<(Section, Lang), Vec<PathBuf>>,
    terms: HashMap<(&'static str, Lang), Vec<TermPages>>,
    /// (the page's key, which list) → the slugs that refer to it.
    backlinks: HashMap<(PageKey, &'static str), Vec<Slug>>,
    indexes: HashMap<(Option<Section>, Lang), String>,
}

impl Outline {
    /// The outline of `site`.
    pub fn of(site: &Site) -> Outline {
        let mut lists: HashMap<(Section, Lang), Vec<PathBuf>> = HashMap::new();
        for page in &site.pages {
            lists
                .entry((page.key.section.clone(), page.lang.clone()))
                .or_default()
                .push(page.file.clone());
        }
        let terms = site
            .taxonomies
            .iter()
            .map(|t| {
                let terms = t
                    .terms
                    .iter()
                    .map(|(slug, term)| TermPages {
                        slug: slug.clone(),
                        name: term.name.clone(),
                        files: files(site, &term.pages),
                    })
                    .collect();
                ((t.kind.name(), t.lang.clone()), terms)
            })
            .collect();
        let links = &site.links;
        let mut backlinks = HashMap::new();
        for (section, name, map) in [
            (Section::Motifs, "made_by", &links.made_by),
            (Section::Workshops, "exhibits_at", &links.exhibits_at),
            (Section::Workshops, "created", &links.created),
        ] {
            for (slug, from) in map {
                let key = PageKey {
                    section: section.clone(),
                    slug: slug.clone(),
                };
                backlinks.insert((key, name), from.clone());
            }
        }
        Outline {
            pages: site
                .pages
                .iter()
                .map(|p| (p.file.clone(), (p.key.clone(), p.lang.clone())))
                .collect(),
            lists,
            terms,
            backlinks,
            indexes: site
                .indexes
                .iter()
                .map(|(key, index)| (key.clone(), format!("{index:?}")))
                .collect(),
        }
    }
}

/// A term as its pages show it: its name and its pages, in order.
#[derive(PartialEq)]
struct TermPages {
    slug: Slug,
    name: String,
    files: Vec<PathBuf>,
}

fn files(site: &Site, ids: &[PageId]) -> Vec<PathBuf> {
    ids.iter().map(|&id| site.pages[id].file.clone()).collect()
}

/// What an update after an edit did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Update {
    /// HTML files rendered again.
    pub rendered: usize,
    /// HTML files removed: their pages are gone.
    pub removed: usize,
}

/// Who may wait for the pages an update renders again: the preview's visitors. Pages are
/// rendered in small batches, those asked for first, so that the page in a browser is up to date
/// at once even when a change reaches every page of a language (its words, its menu).
pub trait Visitors: Sync {
    /// Before any is written: every file (its path in the output) about to be rendered again.
    fn expect(&self, paths: &[String]);
    /// The files asked for since the last call, rendered next.
    fn asked(&self) -> Vec<String>;
    /// These files are written (or, when rendering failed, will not be).
    fn written(&self, paths: &[String]);
}

/// Files rendered between two looks at what visitors asked for: a few hundredths of a second.
const BATCH: usize = 64;

/// What changed between two outlines and two preparations, as the files to render again need it.
struct Changes<'a> {
    /// Pages (of the new site) whose own files show something new.
    pages: HashSet<PageId>,
    lists: HashSet<&'a (Section, Lang)>,
    /// (taxonomy, language, term): `None` for the taxonomy's own page.
    terms: HashSet<(&'static str, Lang, Option<Slug>)>,
    indexes: HashSet<&'a (Option<Section>, Lang)>,
    languages: HashSet<Lang>,
    everything: bool,
}

impl Prepared {
    /// The outline of `site` before an edit: kept from the last update, worked out at the first.
    pub fn outline_before(&mut self, site: &Site) -> Outline {
        self.outline.take().unwrap_or_else(|| Outline::of(site))
    }

    /// Takes in `site`, linked again after the files `edited` (paths from the site root) changed,
    /// and renders again the HTML files that show a change into `staging`; `before` is the
    /// outline of the site as it was. Broken links in a text or templates that fail are returned
    /// as errors, and the preparation is then unusable: build the whole site instead.
    pub fn update(
        &mut self,
        before: &Outline,
        site: &Site,
        theme: &Theme,
        edited: &[PathBuf],
        staging: &Staging,
        visitors: &dyn Visitors,
    ) -> Result<Update, Vec<Diagnostic>> {
        let mut steps = crate::timing::Steps::start();
        let after = Outline::of(site);
        steps.step("outline after");
        let old_bodies = std::mem::take(&mut self.bodies);
        let old_ids: HashMap<&PathBuf, PageId> =
            self.files.iter().enumerate().map(|(i, f)| (f, i)).collect();
        let gone: Vec<&PathBuf> = self
            .files
            .iter()
            .filter(|f| !after.pages.contains_key(*f))
            .collect();
        let added: Vec<PageId> = (0..site.pages.len())
            .filter(|&id| !old_ids.contains_key(&site.pages[id].file))
            .collect();
        let came_or_went: HashSet<&PageKey> = gone
            .iter()
            .filter_map(|f| before.pages.get(*f).map(|(key, _)| key))
            .chain(added.iter().map(|&id| &site.pages[id].key))
            .collect();

        let urls = Urls::of(site);
        let (bodies, rewritten) =
            bodies_after(old_bodies, site, &urls, edited, &old_ids, &came_or_went)?;
        steps.step("bodies");
        let mut errors = Vec::new();
        let intros = intro_bodies(site, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let jobs = jobs::plan(site, jobs::all(site))?;
        steps.step("jobs");
        let share_cards = preview::ShareCards::for_jobs(site, jobs.iter().map(|p| &p.job));
        steps.step("share cards mode");
        let globals = all_globals(site, theme);
        steps.step("globals");
        let mut changes = Changes {
            pages: rewritten,
            lists: after
                .lists
                .iter()
                .filter(|(key, files)| before.lists.get(key) != Some(files))
                .map(|(key, _)| key)
                .collect(),
            terms: HashSet::new(),
            indexes: after
                .indexes
                .iter()
                .filter(|(key, index)| {
                    before.indexes.get(*key) != Some(index)
                        || self.intros.get(*key) != intros.get(*key)
                })
                .map(|(key, _)| key)
                .collect(),
            languages: globals
                .iter()
                .filter(|(lang, g)| {
                    self.globals
                        .get(*lang)
                        .is_none_or(|old| old.site != g.site || old.words != g.words)
                })
                .map(|(lang, _)| lang.clone())
                .collect(),
            everything: share_cards != self.share_cards,
        };
        changes.note_terms(site, before, &after);
        changes.note_pages(before, &after, site, edited, &came_or_went);

        // A card shows its page and may borrow the photo of a page linked with it: only the cards
        // of pages that changed, and of pages shown beside them, can have changed. Words and the
        // way share cards are drawn reach every card.
        let all = changes.everything || !changes.languages.is_empty();
        let near: HashSet<PathBuf> = if all {
            HashSet::new()
        } else {
            let changed: Vec<PathBuf> = changes
                .pages
                .iter()
                .map(|&id| site.pages[id].file.clone())
                .chain(gone.iter().map(|f| (*f).clone()))
                .collect();
            self.record.around(&changed)
        };
        let old_cards = std::mem::take(&mut self.cards);
        // An edited page counts as shown anew wherever it is shown: besides its card, a page may
        // show more of it (the home page's photo of the first workshop), and a photo changed in
        // place keeps its card as it was.
        let mut changed_cards: Vec<PathBuf> = gone.iter().map(|f| (*f).clone()).collect();
        changed_cards.extend(edited.iter().cloned());
        // A page that came or went changes which language's version other pages show.
        for key in &came_or_went {
            changed_cards.extend(
                site.translations(key)
                    .iter()
                    .map(|&id| site.pages[id].file.clone()),
            );
        }
        let cards: Vec<Value> = (0..site.pages.len())
            .into_par_iter()
            .map(|id| {
                let page = &site.pages[id];
                let old = old_ids.get(&page.file).map(|&old| &old_cards[old]);
                let again = all
                    || old.is_none()
                    || changes.pages.contains(&id)
                    || near.contains(&page.file);
                match old {
                    Some(old) if !again => old.clone(),
                    _ => super::page_card(site, theme, id, &bodies[id], share_cards),
                }
            })
            .collect();
        for (id, card) in cards.iter().enumerate() {
            let file = &site.pages[id].file;
            if old_ids.get(file).is_none_or(|&old| old_cards[old] != *card) {
                changed_cards.push(file.clone());
            }
        }
        steps.step("cards");
        steps.step("changes");
        let showing: HashSet<&String> = self.record.showing(&changed_cards).collect();
        let (stale, fresh): (Vec<Planned>, Vec<Planned>) =
            jobs.into_par_iter().partition(|Planned { job, path }| {
                changes.everything
                    || !self.record.has(path)
                    || showing.contains(path)
                    || changes.languages.contains(&job.lang(site))
                    || changes.reach(site, job)
            });
        let paths: HashSet<&String> = stale.iter().chain(&fresh).map(|p| &p.path).collect();
        let gone_files: Vec<String> = self
            .record
            .paths()
            .filter(|p| !paths.contains(*p))
            .cloned()
            .collect();
        drop(paths);

        let due = changes.promotion(site);
        self.due = std::mem::replace(&mut self.due, Scope::All).and(due);
        self.bodies = bodies;
        self.intros = intros;
        self.cards = cards;
        self.globals = globals;
        self.share_cards = share_cards;
        self.files = site.pages.iter().map(|p| p.file.clone()).collect();
        steps.step("stale files found");
        // Before the render: a deleted page is gone from the preview at once, not after the
        // pages that listed it are written again.
        for path in &gone_files {
            // A file that cannot be removed is only a page the preview still serves by mistake.
            let _ = staging.remove(path);
            if let Some(card) = self.record.forget(path) {
                let _ = staging.remove(&card);
            }
        }
        steps.step("gone files removed");
        let rendered = stale.len();
        let drawn = self.render_for(visitors, site, theme, stale, &urls, staging)?;
        steps.step("rendered");
        preview::write_cards(site, theme, staging, drawn)?;
        steps.step("share cards drawn");
        self.outline = Some(after);
        Ok(Update {
            rendered,
            removed: gone_files.len(),
        })
    }
}

impl Prepared {
    /// Renders `jobs` in batches, first those `visitors` ask for; the share cards they need.
    fn render_for(
        &mut self,
        visitors: &dyn Visitors,
        site: &Site,
        theme: &Theme,
        mut left: Vec<Planned>,
        urls: &Urls,
        staging: &Staging,
    ) -> Result<Vec<(String, crate::share::Card)>, Vec<Diagnostic>> {
        let paths: Vec<String> = left.iter().map(|p| p.path.clone()).collect();
        visitors.expect(&paths);
        let mut drawn = Vec::new();
        while !left.is_empty() {
            let asked = visitors.asked();
            if !asked.is_empty() {
                // A stable sort: the asked ones first, the rest in their order.
                left.sort_by_key(|p| !asked.contains(&p.path));
            }
            let rest = left.split_off(left.len().min(BATCH));
            let batch = std::mem::replace(&mut left, rest);
            let result = self.render_jobs(site, theme, &batch, Some(urls), staging);
            let paths: Vec<String> = batch.into_iter().map(|p| p.path).collect();
            visitors.written(&paths);
            match result {
                Ok(cards) => drawn.extend(cards),
                Err(errors) => {
                    // Nobody may wait for pages that will not come.
                    let paths: Vec<String> = left.into_iter().map(|p| p.path).collect();
                    visitors.written(&paths);
                    return Err(errors);
                }
            }
        }
        Ok(drawn)
    }
}

/// The bodies of the new site: the old ones where the page's file did not change and none of
/// the pages it links to came or went, the others rendered again. Also the pages rendered
/// again, whose own files show it.
fn bodies_after(
    old: Vec<Body>,
    site: &Site,
    urls: &Urls,
    edited: &[PathBuf],
    old_ids: &HashMap<&PathBuf, PageId>,
    came_or_went: &HashSet<&PageKey>,
) -> Result<(Vec<Body>, HashSet<PageId>), Vec<Diagnostic>> {
    let mut old: Vec<Option<Body>> = old.into_iter().map(Some).collect();
    let kept: Vec<Option<Body>> = site
        .pages
        .iter()
        .map(|page| {
            let old_id = *old_ids.get(&page.file)?;
            let body = old[old_id].take()?;
            let still = !edited.contains(&page.file)
                && !body.links.iter().any(|k| came_or_went.contains(k));
            still.then_some(body)
        })
        .collect();
    let rewritten: HashSet<PageId> = (0..kept.len()).filter(|&id| kept[id].is_none()).collect();
    let mut fresh: HashMap<PageId, Body> = rewritten
        .par_iter()
        .map(|&id| (id, links::body(site, Some(urls), id)))
        .collect();
    let errors: Vec<Diagnostic> = fresh.values().flat_map(|b| b.errors.clone()).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let bodies = kept
        .into_iter()
        .enumerate()
        .map(|(id, body)| body.or_else(|| fresh.remove(&id)))
        .collect::<Option<Vec<Body>>>()
        .unwrap_or_default();
    Ok((bodies, rewritten))
}

impl<'a> Changes<'a> {
    /// Taxonomies whose terms changed, and the terms whose pages changed. A term that came or went
    /// in one language changes its pages in the others too: their language links.
    fn note_terms(&mut self, site: &Site, before: &Outline, after: &Outline) {
        let keys: HashSet<&(&'static str, Lang)> =
            before.terms.keys().chain(after.terms.keys()).collect();
        for key in keys {
            let old = before.terms.get(key).map_or(&[][..], Vec::as_slice);
            let new = after.terms.get(key).map_or(&[][..], Vec::as_slice);
            if old == new {
                continue;
            }
            self.terms.insert((key.0, key.1.clone(), None));
            for term in new.iter().filter(|t| !old.contains(t)) {
                self.terms
                    .insert((key.0, key.1.clone(), Some(term.slug.clone())));
            }
            let slugs = |terms: &[TermPages]| -> HashSet<Slug> {
                terms.iter().map(|t| t.slug.clone()).collect()
            };
            for slug in slugs(old).symmetric_difference(&slugs(new)) {
                for lang in &site.config.languages {
                    self.terms
                        .insert((key.0, lang.code.clone(), Some(slug.clone())));
                }
            }
        }
    }

    /// Pages whose own files show something new besides their text: the edited ones, those whose
    /// references from other pages changed, and the translations of a page that came or went
    /// (their language links).
    fn note_pages(
        &mut self,
        before: &Outline,
        after: &Outline,
        site: &Site,
        edited: &[PathBuf],
        came_or_went: &HashSet<&PageKey>,
    ) {
        let mut keys: HashSet<&PageKey> = came_or_went.clone();
        for (key, from) in &after.backlinks {
            if before.backlinks.get(key) != Some(from) {
                keys.insert(&key.0);
            }
        }
        for (key, _) in before
            .backlinks
            .keys()
            .filter(|k| !after.backlinks.contains_key(*k))
        {
            keys.insert(key);
        }
        for key in keys {
            self.pages.extend(site.translations(key));
        }
        for (id, page) in site.pages.iter().enumerate() {
            if edited.contains(&page.file) {
                self.pages.insert(id);
            }
        }
    }

    /// The files besides HTML pages to make again: those of the pages whose own files changed,
    /// and every language's (a language's feeds, open data and search index also show the pages
    /// of others that it lacks).
    fn promotion(&self, site: &Site) -> Scope {
        if self.everything {
            return Scope::All;
        }
        Scope::Only {
            pages: self
                .pages
                .iter()
                .map(|&id| site.pages[id].file.clone())
                .collect(),
            langs: site
                .config
                .languages
                .iter()
                .map(|l| l.code.clone())
                .collect(),
        }
    }

    /// Whether `job` shows one of the changes besides the cards the record knows it shows.
    fn reach(&self, site: &Site, job: &Job) -> bool {
        let list = |section: Section, lang: &Lang| self.lists.contains(&(section, lang.clone()));
        let index =
            |section: Option<Section>, lang: &Lang| self.indexes.contains(&(section, lang.clone()));
        match job {
            Job::Page(id) | Job::Flyer(id) | Job::Alias(id, _) => self.pages.contains(id),
            Job::Home(lang) => index(None, lang) || self.lists.iter().any(|(_, l)| l == lang),
            Job::Listing { section, lang, .. } => {
                list(section.clone(), lang) || index(Some(section.clone()), lang)
            }
            Job::Taxonomy(i) => {
                let t = &site.taxonomies[*i];
                self.terms.contains(&(t.kind.name(), t.lang.clone(), None))
            }
            Job::Term { taxonomy, term, .. } => {
                let t = &site.taxonomies[*taxonomy];
                self.terms
                    .contains(&(t.kind.name(), t.lang.clone(), Some(term.clone())))
            }
            Job::Calendar(lang) => list(Section::Events, lang),
            Job::Catalogue(lang) => {
                list(Section::Workshops, lang)
                    || list(Section::Motifs, lang)
                    || self.pages.iter().any(|&id| {
                        let page = &site.pages[id];
                        &page.lang == lang
                            && matches!(page.kind, Kind::Workshop(_) | Kind::Motif(_))
                    })
            }
            Job::Search(_) | Job::NotFound => false,
        }
    }
}
