//! The preview stays true: after a series of random edits of every kind a volunteer makes, every
//! file `canting serve` serves equals the one a fresh `canting build` of the same folder writes,
//! and the addresses of pages that are gone answer 404.
//!
//! The site is the fixture `two-languages-every-section` (paginated listings, two languages, pages
//! in one language only), given a phone photo from the sample, section introductions and its own
//! copy of the theme's words; the sample itself takes most of a minute to build the first time in
//! a debug build. The preview is compared with a fresh build every few edits and after the last.
//!
//! The series is drawn from a seed that the test prints; `CANTING_EDITS_SEED=N` replays (or tries)
//! another, `CANTING_EDITS=N` adds N random edits to one of each kind (default 6), and
//! `CANTING_EDITS_CHECK_EVERY=N` compares every N edits (default 4; 1 after every edit).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{self, Fixture, Preview};

/// Long enough for a debug build of a small site on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);
/// After the first event that follows an edit, how long the preview must stay quiet before the
/// edit counts as taken in: a save seen in two batches gives two events.
const QUIET: Duration = Duration::from_millis(400);
/// The seed of the series when `CANTING_EDITS_SEED` does not say.
const SEED: u64 = 13;
/// Every kind of edit once, and this many more drawn at random.
const EXTRA_EDITS: usize = 6;
/// The preview is compared with a fresh build after this many edits, and after the last.
const CHECK_EVERY: usize = 4;
/// What the preview adds to every HTML page it serves (`src/serve/http.rs`), after the problem
/// box if there is one.
const LIVE_SCRIPT: &str = "<script src=\"/__canting/live.js\"></script>";

#[test]
fn a_preview_after_random_edits_equals_a_fresh_full_build() {
    let seed = env_number("CANTING_EDITS_SEED").unwrap_or(SEED);
    println!("seed {seed} (replay with CANTING_EDITS_SEED={seed})");
    let fixture = Fixture::new("two-languages-every-section");
    let root = fixture.root();
    prepare(&root);
    let server = Preview::start(&root, &[], PATIENCE);
    let events = server.events();
    // What it printed on starting is not about an edit.
    let _ = server.stdout.try_iter().count();
    let mut check = Checkpoint {
        root: root.clone(),
        work: root.parent().expect("the fixture's folder").to_path_buf(),
        base: format!("--base-url=http://127.0.0.1:{}/", server.port),
        day: site_day(),
        count: 0,
        previous: PathBuf::new(),
        log: Vec::new(),
        seed,
    };
    check.previous = check.build();
    let first = check.previous.clone();

    let mut edits = Edits {
        root: root.clone(),
        rng: Rng(seed),
        n: 0,
        photos: sample_photos(),
        gone: Vec::new(),
        server: &server,
    };
    let mut kinds: Vec<Kind> = Kind::ALL.to_vec();
    let extra = env_number("CANTING_EDITS").map_or(EXTRA_EDITS, |n| n as usize);
    for _ in 0..extra {
        let kind = *edits.rng.pick(&Kind::ALL);
        kinds.push(kind);
    }
    edits.rng.shuffle(&mut kinds);
    let every = env_number("CANTING_EDITS_CHECK_EVERY").map_or(CHECK_EVERY, |n| n.max(1) as usize);
    for (i, kind) in kinds.iter().enumerate() {
        late(&events, &check.log);
        let written = Instant::now();
        let mut kind = *kind;
        // A draw that changes nothing is drawn again; a kind with nothing to edit right now (no
        // page that nothing links to, say) gives way to the next one that has.
        let what = loop {
            match (0..5).find_map(|_| edits.apply(kind)) {
                Some(what) => break what,
                None => kind = Kind::ALL[(kind as usize + 1) % Kind::ALL.len()],
            }
        };
        let said = settle(&events, &server, &check.log, &what, written);
        println!("{:>2}. {kind:?}: {what} → {said}", i + 1);
        check.log.push(format!("{kind:?}: {what}"));
        if (i + 1) % every == 0 || i + 1 == kinds.len() {
            check.compare(&server, &events, &edits.gone);
        }
    }
    // The comparisons prove something only if the edits changed the site.
    let changed = files(&check.previous)
        .iter()
        .filter(|f| std::fs::read(first.join(f)).ok() != std::fs::read(check.previous.join(f)).ok())
        .count();
    assert!(changed > 20, "the edits changed only {changed} files");
    println!("the edits changed {changed} files of the site");
}

/// Comparisons of the preview with fresh builds, along the series.
struct Checkpoint {
    root: PathBuf,
    /// Where the fresh builds go.
    work: PathBuf,
    /// `--base-url=` the preview's address.
    base: String,
    /// The day it was in the site's time zone when the preview started.
    day: u64,
    /// How many fresh builds so far.
    count: usize,
    /// The last fresh build.
    previous: PathBuf,
    /// The edits so far.
    log: Vec<String>,
    seed: u64,
}

impl Checkpoint {
    /// A fresh `canting build` of the site for the preview's address.
    fn build(&mut self) -> PathBuf {
        self.count += 1;
        let out = self.work.join(format!("build-{}", self.count));
        let root = self.root.to_str().expect("utf-8");
        let out_s = out.to_str().expect("utf-8");
        let built = support::canting(&["build", "--root", root, "--output", out_s, &self.base]);
        assert!(
            built.status.success(),
            "the full build failed:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        out
    }

    /// Waits until the preview has taken every edit so far in, builds the site afresh and
    /// compares: every file of the build is served alike, and what is gone since the last
    /// comparison (or was deleted) is not served.
    fn compare(
        &mut self,
        server: &Preview,
        events: &Receiver<(String, String)>,
        deleted: &[String],
    ) {
        // Every earlier change is taken in once a change made after them is served: the
        // watcher hands changes over in the order they were made.
        let marker = format!("Penanda {} {}.", self.seed, self.count);
        append(
            &self.root.join("content/_index.id.md"),
            &format!("\n{marker}\n"),
        );
        let started = Instant::now();
        while !server.get("/").1.contains(&marker) {
            late(events, &self.log);
            assert!(
                started.elapsed() < PATIENCE,
                "the preview never showed an edit; after:\n{}",
                self.log.join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let fresh = self.build();
        let mismatches = compare(server, &fresh);
        let kept = BTreeSet::from_iter(files(&fresh));
        let mut gone: Vec<String> = files(&self.previous)
            .into_iter()
            .filter(|f| !kept.contains(f))
            .map(|f| url_of(&f))
            .chain(deleted.iter().cloned())
            .collect();
        gone.sort();
        gone.dedup();
        let stale: Vec<String> = gone
            .iter()
            .filter(|url| server.get_bytes(url).0 != 404)
            .map(|url| format!("{url} is still served; a fresh build has no such file"))
            .collect();
        let problems: Vec<&String> = mismatches.iter().chain(&stale).collect();
        let midnight = if site_day() == self.day {
            ""
        } else {
            "\n(the run crossed midnight in the site's time zone: pages that tell upcoming \
             events from past ones may differ for that reason alone; run it again)"
        };
        assert!(
            problems.is_empty(),
            "after these edits (seed {}):\n{}\n\n{} difference(s) between the preview and a \
             fresh build; the first:\n{}{midnight}",
            self.seed,
            self.log.join("\n"),
            problems.len(),
            problems
                .iter()
                .take(6)
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join("\n\n")
        );
        // What it printed about the marker is not about the next edit.
        let _ = server.stdout.try_iter().count();
        println!(
            "    = {} files of a fresh build served alike; {} addresses gone answer 404",
            kept.len(),
            gone.len()
        );
        self.previous = fresh;
    }
}

/// The fixture made closer to a real catalogue: a workshop's cover is a phone photo from the
/// sample, sections have introductions, and the site has its own copy of the theme's words (as
/// a site that changed one of them has).
fn prepare(root: &Path) {
    let sekar = root.join("content/workshops/sekar");
    std::fs::remove_file(sekar.join("cover.png")).expect("remove the PNG cover");
    std::fs::copy(
        support::sample_root().join("content/workshops/kembang-kopi/cover.jpg"),
        sekar.join("cover.jpg"),
    )
    .expect("copy a photo");
    for lang in ["id", "en"] {
        let page = sekar.join(format!("index.{lang}.md"));
        let text = read(&page).replace("cover: cover.png", "cover: cover.jpg");
        write(&page, &text);
    }
    for (file, text) in [
        (
            "workshops/_index.id.md",
            "---\ntitle: Rumah Batik\n---\nRumah batik anggota.\n",
        ),
        (
            "workshops/_index.en.md",
            "---\ntitle: Workshops\n---\nOur members' workshops.\n",
        ),
        (
            "events/_index.id.md",
            "---\ntitle: Pameran\n---\nPameran dan acara.\n",
        ),
    ] {
        write(&root.join("content").join(file), text);
    }
    let words = root.join("themes/batik/i18n");
    std::fs::create_dir_all(&words).expect("mkdir");
    for lang in ["id", "en"] {
        let file = format!("{lang}.yaml");
        let text = read(&support::sample_root().join("themes/batik/i18n").join(&file));
        for key in WORDS {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(&format!("{key}: ")) && !l.contains(": \"")),
                "`{key}` is a plain line of {file}"
            );
        }
        write(&words.join(file), &text);
    }
}

/// Theme strings the pages show, each a plain `key: Words` line in both languages' files.
const WORDS: [&str; 9] = [
    "home",
    "workshops",
    "motifs",
    "events",
    "news",
    "districts",
    "techniques",
    "contact",
    "district",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Title,
    Date,
    Reference,
    Taxonomy,
    Weight,
    NewPage,
    DeletedPage,
    Photo,
    Translation,
    Intro,
}

impl Kind {
    const ALL: [Kind; 11] = [
        Kind::Body,
        Kind::Title,
        Kind::Date,
        Kind::Reference,
        Kind::Taxonomy,
        Kind::Weight,
        Kind::NewPage,
        Kind::DeletedPage,
        Kind::Photo,
        Kind::Translation,
        Kind::Intro,
    ];
}

struct Edits<'a> {
    root: PathBuf,
    rng: Rng,
    /// How many edits so far, to make every new text and slug unique.
    n: usize,
    /// The sample's photos, for replacing one with another.
    photos: Vec<Vec<u8>>,
    /// The addresses of pages deleted.
    gone: Vec<String>,
    server: &'a Preview,
}

/// A page of `content/`: its section, its slug, its Markdown files (one a language) and its
/// folder if it is a bundle.
#[derive(Debug, Clone)]
struct Page {
    section: String,
    slug: String,
    files: Vec<PathBuf>,
    bundle: Option<PathBuf>,
}

const WORDS_FOR_TEXT: [&str; 8] = [
    "Lestari", "Gandrung", "Kembang", "Sekar", "Indah", "Parang", "Truntum", "Soga",
];

impl Edits<'_> {
    /// Makes one edit of `kind` to a random suitable file, and says what it did; `None` when no
    /// file suits it now.
    fn apply(&mut self, kind: Kind) -> Option<String> {
        self.n += 1;
        match kind {
            Kind::Body => self.body(),
            Kind::Title => self.title(),
            Kind::Date => self.date(),
            Kind::Reference => self.reference(),
            Kind::Taxonomy => self.taxonomy(),
            Kind::Weight => self.weight(),
            Kind::NewPage => self.new_page(),
            Kind::DeletedPage => self.delete_page(),
            Kind::Photo => self.photo(),
            Kind::Translation => self.translation(),
            Kind::Intro => self.intro(),
        }
    }

    fn word(&mut self) -> String {
        format!("{} {}", self.rng.pick(&WORDS_FOR_TEXT), self.n)
    }

    fn pages(&self, sections: &[&str]) -> Vec<Page> {
        pages(&self.root)
            .into_iter()
            .filter(|p| sections.is_empty() || sections.contains(&p.section.as_str()))
            .collect()
    }

    /// A random Markdown file of the pages of `sections` (any section when empty).
    fn page_file(&mut self, sections: &[&str]) -> Option<PathBuf> {
        let files: Vec<PathBuf> = self
            .pages(sections)
            .into_iter()
            .flat_map(|p| p.files)
            .collect();
        (!files.is_empty()).then(|| self.rng.pick(&files).clone())
    }

    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Sets (or removes, with `None`) a front matter field of `file`; `None` when that changes
    /// nothing, so that every edit is one.
    fn set(&mut self, file: &Path, key: &str, value: Option<String>) -> Option<String> {
        let text = read(file);
        let changed = set_field(&text, key, value.as_deref());
        if changed == text {
            return None;
        }
        write(file, &changed);
        Some(match value {
            Some(v) => format!("{} {key}: {v}", self.rel(file)),
            None => format!("{} without {key}", self.rel(file)),
        })
    }

    fn body(&mut self) -> Option<String> {
        let file = self.page_file(&[])?;
        let sentence = format!("Kalimat baru {} dari relawan.", self.word());
        append(&file, &format!("\n{sentence}\n"));
        Some(format!("{} + {sentence:?}", self.rel(&file)))
    }

    fn title(&mut self) -> Option<String> {
        let file = self.page_file(&[])?;
        let title = format!("Judul {}", self.word());
        self.set(&file, "title", Some(title))
    }

    fn date(&mut self) -> Option<String> {
        let file = self.page_file(&["news", "events"])?;
        let year = *self.rng.pick(&[2020, 2025, 2026, 2027, 2099]);
        let (month, day) = (1 + self.rng.below(12), 1 + self.rng.below(28));
        let date = format!("{year}-{month:02}-{day:02}");
        if file.starts_with(self.root.join("content/news")) {
            return self.set(&file, "date", Some(date));
        }
        // An exhibition's start and end in one save, so that the end never comes first.
        let text = read(&file);
        let mut changed = set_field(&text, "start", Some(&date));
        let mut said = format!("{} start: {date}", self.rel(&file));
        if field(&text, "end").is_some() {
            let end = format!("{year}-{month:02}-{:02}", day + self.rng.below(3));
            changed = set_field(&changed, "end", Some(&end));
            said.push_str(&format!(", end: {end}"));
        }
        (changed != text)
            .then(|| write(&file, &changed))
            .map(|()| said)
    }

    /// Adds or removes one reference: a workshop's motif, an exhibition's workshop, or a
    /// motif's creator.
    fn reference(&mut self) -> Option<String> {
        let slugs = |edits: &Self, section: &str| -> Vec<String> {
            edits
                .pages(&[section])
                .into_iter()
                .map(|p| p.slug)
                .collect()
        };
        match self.rng.below(3) {
            0 => {
                let file = self.page_file(&["workshops"])?;
                let motifs = slugs(self, "motifs");
                self.toggle(&file, "motifs", &motifs)
            }
            1 => {
                let file = self.page_file(&["events"])?;
                let workshops = slugs(self, "workshops");
                self.toggle(&file, "workshops", &workshops)
            }
            _ => {
                let file = self.page_file(&["motifs"])?;
                let mut workshops: Vec<Option<String>> =
                    slugs(self, "workshops").into_iter().map(Some).collect();
                workshops.push(None);
                let creator = self.rng.pick(&workshops).clone();
                self.set(&file, "creator", creator)
            }
        }
    }

    /// Adds one of `choices` to the list `key` of `file`, or removes it when it is there.
    fn toggle(&mut self, file: &Path, key: &str, choices: &[String]) -> Option<String> {
        let choice = self.rng.pick(choices).clone();
        let mut list = field(&read(file), key)
            .map(|v| list(&v))
            .unwrap_or_default();
        if let Some(at) = list.iter().position(|x| *x == choice) {
            list.remove(at);
        } else {
            list.push(choice);
        }
        let value = (!list.is_empty()).then(|| format!("[{}]", list.join(", ")));
        self.set(file, key, value)
    }

    fn taxonomy(&mut self) -> Option<String> {
        let (sections, key, terms): (&[&str], &str, &[&str]) = match self.rng.below(4) {
            0 => (
                &["workshops"],
                "district",
                &["Kademangan", "Sanankulon", "Wlingi", "Garum"],
            ),
            1 => (
                &["workshops"],
                "techniques",
                &["tulis", "cap", "kombinasi", "ecoprint"],
            ),
            2 => (
                &["motifs"],
                "colors",
                &["coklat soga", "biru indigo", "merah bata"],
            ),
            _ => (
                &["workshops", "motifs", "events", "news"],
                "tags",
                &["pewarna-alam", "klasik", "kursus"],
            ),
        };
        let file = self.page_file(sections)?;
        if key == "district" {
            let district = self.rng.pick(terms).to_string();
            return self.set(&file, key, Some(district));
        }
        let chosen: Vec<&str> = terms
            .iter()
            .copied()
            .filter(|_| self.rng.below(2) == 0)
            .collect();
        let value = (!chosen.is_empty()).then(|| format!("[{}]", chosen.join(", ")));
        self.set(&file, key, value)
    }

    fn weight(&mut self) -> Option<String> {
        let file = self.page_file(&["workshops", "motifs"])?;
        let weight = (self.rng.below(4) > 0).then(|| (1 + self.rng.below(5)).to_string());
        self.set(&file, "weight", weight)
    }

    /// A copy of a page under a new slug, in the default language alone or in all of its.
    fn new_page(&mut self) -> Option<String> {
        let pages = self.pages(&[]);
        let page = self.rng.pick(&pages).clone();
        let slug = format!("baru-{}", self.n);
        let every_language = self.rng.below(2) == 0;
        let dir = self.root.join("content").join(&page.section);
        let title = format!("Salinan {}", self.word());
        let mut written = Vec::new();
        // Photos first, so that no moment has a page whose cover is missing.
        if let Some(bundle) = &page.bundle {
            std::fs::create_dir_all(dir.join(&slug)).expect("mkdir");
            for entry in sorted_entries(bundle) {
                if entry.extension().is_some_and(|e| e != "md") {
                    let name = entry.file_name().expect("a name");
                    std::fs::copy(&entry, dir.join(&slug).join(name)).expect("copy");
                }
            }
        }
        for file in &page.files {
            let lang = lang_of(file);
            if lang != "id" && !every_language {
                continue;
            }
            let to = match &page.bundle {
                Some(_) => dir.join(&slug).join(format!("index.{lang}.md")),
                None => dir.join(format!("{slug}.{lang}.md")),
            };
            write(&to, &set_field(&read(file), "title", Some(&title)));
            written.push(self.rel(&to));
        }
        (!written.is_empty()).then(|| format!("{} (copy of {})", written.join(" + "), page.slug))
    }

    /// Deletes a page that no other file names, in every language, after checking that the
    /// preview serves it.
    fn delete_page(&mut self) -> Option<String> {
        let others = |page: &Page| -> String {
            let mut text = String::new();
            for file in markdown_files(&self.root.join("content")) {
                if !page.files.contains(&file) {
                    text.push_str(&read(&file));
                }
            }
            text
        };
        let candidates: Vec<Page> = self
            .pages(&[])
            .into_iter()
            .filter(|p| !mentions(&others(p), &p.slug))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let page = self.rng.pick(&candidates).clone();
        let urls: Vec<String> = page
            .files
            .iter()
            .map(|f| page_url(&page.section, &page.slug, lang_of(f)))
            .collect();
        for (file, url) in page.files.iter().zip(&urls) {
            if field(&read(file), "draft").as_deref() != Some("true") {
                self.wait_until_served(url);
            }
        }
        // The text first: a page never lacks its photo.
        for file in &page.files {
            std::fs::remove_file(file).expect("remove");
        }
        if let Some(bundle) = &page.bundle {
            std::fs::remove_dir_all(bundle).expect("remove the bundle");
        }
        self.gone.extend(urls.iter().cloned());
        Some(format!(
            "{} deleted ({})",
            page.files
                .iter()
                .map(|f| self.rel(f))
                .collect::<Vec<_>>()
                .join(" + "),
            urls.join(" ")
        ))
    }

    /// Waits until the preview answers `url` with 200: the page to delete is one it knows.
    fn wait_until_served(&self, url: &str) {
        let started = Instant::now();
        while self.server.get_bytes(url).0 != 200 {
            assert!(
                started.elapsed() < PATIENCE,
                "the preview never served {url}, a page that exists"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn photo(&mut self) -> Option<String> {
        let photos: Vec<PathBuf> = walk(&self.root.join("content"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
            .collect();
        if photos.is_empty() {
            return None;
        }
        let file = self.rng.pick(&photos).clone();
        let now = std::fs::read(&file).expect("read the photo");
        let others: Vec<&Vec<u8>> = self.photos.iter().filter(|p| **p != now).collect();
        let photo = (*self.rng.pick(&others)).clone();
        std::fs::write(&file, &photo).expect("write the photo");
        Some(format!(
            "{} replaced by another photo ({} bytes)",
            self.rel(&file),
            photo.len()
        ))
    }

    fn translation(&mut self) -> Option<String> {
        let lang = *self.rng.pick(&["id", "en"]);
        let key = *self.rng.pick(&WORDS);
        let file = self.root.join(format!("themes/batik/i18n/{lang}.yaml"));
        let text = read(&file);
        let prefix = format!("{key}: ");
        let word = self.word();
        let changed: Vec<String> = text
            .lines()
            .map(|l| match l.strip_prefix(&prefix) {
                Some(value) => format!("{prefix}{value} {word}"),
                None => l.to_string(),
            })
            .collect();
        write(&file, &(changed.join("\n") + "\n"));
        Some(format!("{} {key} + {word:?}", self.rel(&file)))
    }

    fn intro(&mut self) -> Option<String> {
        let content = self.root.join("content");
        let intros: Vec<PathBuf> = walk(&content)
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("_index."))
            })
            .collect();
        let file = self.rng.pick(&intros).clone();
        let sentence = format!("Pengantar baru {}.", self.word());
        append(&file, &format!("\n{sentence}\n"));
        Some(format!("{} + {sentence:?}", self.rel(&file)))
    }
}

/// Waits until the preview has taken an edit in: its first event, then none for [`QUIET`] or
/// twice as long as the first took (a save seen in two batches is rebuilt twice). Fails with the
/// problem when the last event is one. Says what the preview printed meanwhile.
///
/// Only the comparisons rely on nothing but order (see [`Checkpoint::compare`]); this wait keeps
/// the edits apart and names the edit a problem follows.
fn settle(
    events: &Receiver<(String, String)>,
    server: &Preview,
    log: &[String],
    what: &str,
    written: Instant,
) -> String {
    let (mut event, mut data) = events.recv_timeout(PATIENCE).unwrap_or_else(|_| {
        panic!(
            "no reload within {PATIENCE:?} after: {what}\nafter:\n{}",
            log.join("\n")
        )
    });
    let quiet = QUIET.max(written.elapsed() * 2).min(Duration::from_secs(3));
    loop {
        match events.recv_timeout(quiet) {
            Ok((e, d)) => (event, data) = (e, d),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream ended"),
        }
    }
    assert!(
        event != "problem",
        "the preview reports a problem after: {what}\n{data}\nafter:\n{}",
        log.join("\n")
    );
    let said: Vec<String> = server.stdout.try_iter().collect();
    said.join(" / ")
}

/// Events that arrived after an edit was taken to be in: a problem among them is the last
/// edit's.
fn late(events: &Receiver<(String, String)>, log: &[String]) {
    for (event, data) in events.try_iter() {
        assert!(
            event != "problem",
            "the preview reports a problem:\n{data}\nafter:\n{}",
            log.join("\n")
        );
    }
}

/// Every file of a built site, relative to it, but the marker that says the folder is canting's
/// output (hidden: the preview never serves hidden files).
fn files(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter_map(|p| {
            p.strip_prefix(dir)
                .ok()
                .and_then(|p| p.to_str())
                .map(String::from)
        })
        .filter(|rel| rel != ".canting-output")
        .collect()
}

/// The address the preview serves a file of the output at: a folder's `index.html` as the
/// folder, the way links and browsers ask for it.
fn url_of(rel: &str) -> String {
    let path = rel.strip_suffix("index.html").unwrap_or(rel);
    let encoded: String = path
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("/{encoded}")
}

/// Each file of the fresh build against what the preview serves at its address; one text per
/// difference.
fn compare(server: &Preview, built: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for rel in files(built) {
        let url = url_of(&rel);
        let want = std::fs::read(built.join(&rel)).expect("read the build");
        let (status, got) = server.get_bytes(&url);
        if status != 200 {
            out.push(format!("{url}: the preview answers {status}"));
            continue;
        }
        let (want, got) = if rel.ends_with(".html") {
            match strip_injected(&got) {
                Ok(got) => (want, got),
                Err(why) => {
                    out.push(format!("{url}: {why}"));
                    continue;
                }
            }
        } else if rel.ends_with(".ics") {
            (without_dtstamp(&want), without_dtstamp(&got))
        } else {
            (want, got)
        };
        if want != got {
            out.push(format!("{url}:\n{}", first_difference(&want, &got)));
        }
    }
    out
}

/// A served page without what the preview added to it: the live-reload script right before the
/// last `</body>` (or at the end). A problem box before it is a failure of its own.
fn strip_injected(served: &[u8]) -> Result<Vec<u8>, String> {
    let text = String::from_utf8_lossy(served);
    if text.contains("id=\"canting-problem\"") {
        return Err("the preview shows a problem over the page".into());
    }
    let at = match text.rfind("</body>") {
        Some(body) => body
            .checked_sub(LIVE_SCRIPT.len())
            .filter(|&s| text[s..].starts_with(LIVE_SCRIPT)),
        None => text.len().checked_sub(LIVE_SCRIPT.len()),
    }
    .filter(|&s| text[s..].starts_with(LIVE_SCRIPT))
    .ok_or("the live-reload script is not where the preview puts it")?;
    Ok(format!("{}{}", &text[..at], &text[at + LIVE_SCRIPT.len()..]).into_bytes())
}

/// A calendar file without its `DTSTAMP` lines, the moment the file was written, which RFC 5545
/// requires and which differs between any two builds.
fn without_dtstamp(ics: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(ics)
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("DTSTAMP:"))
        .collect::<String>()
        .into_bytes()
}

/// The first line where the two differ, around the first differing character.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    if want.contains('\u{fffd}') || got.contains('\u{fffd}') {
        return format!(
            "  bytes differ (fresh build {} bytes, preview {} bytes)",
            want.len(),
            got.len()
        );
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let line = (0..a.len().max(b.len()))
        .find(|&i| a.get(i) != b.get(i))
        .unwrap_or(0);
    let (x, y) = (
        a.get(line).copied().unwrap_or(""),
        b.get(line).copied().unwrap_or(""),
    );
    let at = x
        .char_indices()
        .zip(y.chars())
        .find(|((_, c), d)| c != d)
        .map_or(x.len().min(y.len()), |((i, _), _)| i);
    let around = |s: &str| -> String {
        let boundary = |mut i: usize| {
            i = i.min(s.len());
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        s[boundary(at.saturating_sub(80))..boundary(at + 120)].to_string()
    };
    format!(
        "  line {}:\n  fresh build: …{}…\n  preview:     …{}…",
        line + 1,
        around(x),
        around(y)
    )
}

/// The pages of `content/`, sorted.
fn pages(root: &Path) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for section_dir in sorted_entries(&root.join("content")) {
        if !section_dir.is_dir() {
            continue;
        }
        let section = name(&section_dir);
        for entry in sorted_entries(&section_dir) {
            let entry_name = name(&entry);
            if entry.is_dir() {
                let files: Vec<PathBuf> = sorted_entries(&entry)
                    .into_iter()
                    .filter(|f| name(f).starts_with("index.") && name(f).ends_with(".md"))
                    .collect();
                if !files.is_empty() {
                    pages.push(Page {
                        section: section.clone(),
                        slug: entry_name,
                        files,
                        bundle: Some(entry),
                    });
                }
            } else if entry_name.ends_with(".md") && !entry_name.starts_with('_') {
                let slug = entry_name.split('.').next().unwrap_or("").to_string();
                match pages
                    .iter_mut()
                    .find(|p| p.section == section && p.slug == slug)
                {
                    Some(page) => page.files.push(entry),
                    None => pages.push(Page {
                        section: section.clone(),
                        slug,
                        files: vec![entry],
                        bundle: None,
                    }),
                }
            }
        }
    }
    pages
}

/// A page's address in a language (`id` is the site's default, at the root).
fn page_url(section: &str, slug: &str, lang: &str) -> String {
    let prefix = if lang == "id" {
        String::new()
    } else {
        format!("/{lang}")
    };
    match section {
        "pages" => format!("{prefix}/{slug}/"),
        _ => format!("{prefix}/{section}/{slug}/"),
    }
}

/// The language of a page's file, from its name (`kawung.en.md`, `index.id.md`).
fn lang_of(file: &Path) -> &str {
    file.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').nth_back(1))
        .expect("a language in the name")
}

/// Whether `text` names `slug` as a word of its own (in a list, a link, a field).
fn mentions(text: &str, slug: &str) -> bool {
    text.match_indices(slug).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + slug.len()..].chars().next();
        let apart = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-'));
        apart(before) && apart(after)
    })
}

/// The value of the front matter line `key: value`, if there is one.
fn field(text: &str, key: &str) -> Option<String> {
    let prefix = format!("{key}:");
    front_matter(text)
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(|v| v.trim().to_string())
}

fn front_matter(text: &str) -> &str {
    let rest = text.strip_prefix("---\n").expect("front matter");
    &rest[..rest.find("\n---").expect("the end of the front matter")]
}

/// `text` with the front matter line of `key` set to `value` (added after the first line when
/// there is none), or removed with `None`.
fn set_field(text: &str, key: &str, value: Option<&str>) -> String {
    let front = front_matter(text);
    let body = &text["---\n".len() + front.len()..];
    let prefix = format!("{key}:");
    let mut lines: Vec<String> = front
        .lines()
        .filter(|l| !l.starts_with(&prefix))
        .map(String::from)
        .collect();
    if let Some(value) = value {
        let at = front
            .lines()
            .position(|l| l.starts_with(&prefix))
            .unwrap_or(1)
            .min(lines.len());
        lines.insert(at, format!("{key}: {value}"));
    }
    format!("---\n{}{body}", lines.join("\n"))
}

/// The items of an inline YAML list, `[a, b]`.
fn list(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The sample catalogue's photos.
fn sample_photos() -> Vec<Vec<u8>> {
    walk(&support::sample_root().join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .map(|p| std::fs::read(p).expect("read a photo"))
        .collect()
}

/// The day it is in the site's time zone (Asia/Jakarta, UTC+7), which decides which events are
/// upcoming.
fn site_day() -> u64 {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    (secs + 7 * 3600) / 86_400
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// Every file below `dir`, sorted.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn append(path: &Path, text: &str) {
    let now = read(path);
    write(path, &format!("{now}{text}"));
}

/// splitmix64: a few lines, the same series on every machine for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}
