//! The rebuilding side of `canting serve`: watches the site's files and rebuilds after changes.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::{Notice, Options, Shared, Signal};
use crate::build::{self, Built, Updated};
use crate::diagnostic::Diagnostic;
use crate::folders;

/// How long the files must be quiet before a rebuild: an editor's save is a few writes in a row.
const QUIET: Duration = Duration::from_millis(15);

pub(crate) struct Rebuilder {
    options: build::Options,
    built: Option<Built>,
    /// The last whole build failed, or an edit left an error after the site held in memory was
    /// changed: every change rebuilds everything until a build succeeds.
    broken: bool,
    /// The site's folder, spelled as the watcher spells changed paths.
    root: PathBuf,
    shared: Arc<Shared>,
    notify: Arc<dyn Fn(Notice) + Send + Sync>,
    /// Set when the watcher has seen a change the rebuilder has not taken yet: the feeds and
    /// search index of the last edit are then left for after it.
    waiting: Arc<AtomicBool>,
}

impl Rebuilder {
    pub(crate) fn new(
        options: &Options,
        address: SocketAddr,
        shared: Arc<Shared>,
        notify: Arc<dyn Fn(Notice) + Send + Sync>,
    ) -> Rebuilder {
        let host = if address.ip().is_unspecified() {
            SocketAddr::new([127, 0, 0, 1].into(), address.port())
        } else {
            address
        };
        let progress = notify.clone();
        Rebuilder {
            options: build::Options {
                root: options.root.clone(),
                output: shared.site_dir.clone(),
                base_url: Some(format!("http://{host}/")),
                drafts: options.drafts,
                now: chrono::Utc::now(),
                progress: Box::new(move |done, total| progress(Notice::Photos { done, total })),
            },
            built: None,
            broken: false,
            root: options
                .root
                .canonicalize()
                .unwrap_or_else(|_| options.root.clone()),
            shared,
            notify,
            waiting: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Builds the whole site into the served folder; the previous build stays served until this
    /// one has succeeded.
    pub(crate) fn build_all(&mut self) {
        let shared = self.shared.clone();
        let _whole = shared.whole.lock();
        self.options.now = chrono::Utc::now();
        // What the last build kept is not needed by this one: letting it go first halves the
        // peak memory. Should this build fail, every change rebuilds everything anyway.
        self.built = None;
        let (report, built) = build::build_keeping(&self.options);
        if built.is_some() {
            self.built = built;
            self.broken = false;
            self.shared.signal(Signal::Reload);
        } else {
            self.broken = true;
            self.shared
                .signal(Signal::Problem(problem_text(&report.diagnostics)));
        }
        (self.notify)(Notice::Built(report));
    }

    /// After files changed: one file under `content/` or one file of the theme's words is taken
    /// in by rendering again what shows it; anything else builds the whole site.
    fn changed(&mut self, paths: &[PathBuf]) {
        if let [path] = paths
            && !self.broken
            && self.update(path)
        {
            return;
        }
        self.build_all();
    }

    /// Takes in the change of one file; `false` when only a whole build can.
    fn update(&mut self, path: &Path) -> bool {
        let started = Instant::now();
        let Ok(rel) = path.strip_prefix(self.root.as_path()) else {
            return false;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let Some(built) = self.built.take() else {
            return false;
        };
        // Until the feeds, calendars and search index are written again, a request for one of
        // them waits for it, as for a page.
        let files = built.promoted();
        self.shared.hold(&files);
        let taken = self.take_in(built, &rel, started);
        crate::render::Visitors::written(&*self.shared, &files);
        taken
    }

    fn take_in(&mut self, built: Built, rel: &str, started: Instant) -> bool {
        match built.update(&self.options, rel, &*self.shared) {
            Updated::Whole(built) => {
                self.built = Some(built);
                false
            }
            Updated::Failed(errors, kept) => {
                self.broken = kept.is_none();
                self.built = kept;
                self.problem(errors);
                true
            }
            Updated::Done(mut built, update, warnings) => {
                // The browsers were told to reload as soon as the pages to write were known.
                (self.notify)(Notice::Updated {
                    file: PathBuf::from(rel),
                    elapsed: started.elapsed(),
                    pages: update.rendered,
                    warnings,
                });
                // The page in the browser is up to date; feeds, calendars and the search index
                // follow while it reloads. A save that comes in meanwhile goes first: they are
                // left, still due, for after it, so that a volunteer who saves again soon does
                // not wait for them.
                let mut steps = crate::timing::Steps::start();
                let waiting = self.waiting.clone();
                let promoted = built.promote(&self.options, &|| waiting.load(Ordering::SeqCst));
                match promoted {
                    Ok(Some(_)) => steps.step("feeds, calendars, search index"),
                    Ok(None) => steps.step("feeds, calendars, search index left for the next edit"),
                    Err(errors) => {
                        self.broken = true;
                        self.problem(errors);
                        return true;
                    }
                }
                self.built = Some(built);
                true
            }
        }
    }

    fn problem(&mut self, errors: Vec<Diagnostic>) {
        self.shared.signal(Signal::Problem(problem_text(&errors)));
        (self.notify)(Notice::Problem(errors));
    }
}

/// Each problem on a line of its own: file, line, what is wrong and what to do.
fn problem_text(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is watched besides the files at the site root (`site.yaml`): only the folders a
/// volunteer edits, so that a `public/` of thousands of folders costs no watches.
const WATCHED: [&str; 3] = [folders::CONTENT, folders::THEMES, folders::ARCHETYPES];

/// Watches the site and, on a thread of its own, builds it once and then again after changes,
/// for as long as the process runs. The receiver hears when the first build is over.
pub(crate) fn start(root: &Path, mut rebuilder: Rebuilder) -> notify::Result<mpsc::Receiver<()>> {
    let (built, first_build) = mpsc::channel();
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let waiting = rebuilder.waiting.clone();
    let root = root.canonicalize()?;
    let settings = root.join(crate::folders::SITE_FILE);
    let watched: Vec<PathBuf> = WATCHED.iter().map(|name| root.join(name)).collect();
    // At the root only `site.yaml` counts: `public/`, its staging folder and the cache come and
    // go there on every build.
    let counts = move |p: &Path| *p == settings || watched.iter().any(|f| p.starts_with(f));
    let mut debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().cloned())
            .filter(|p| counts(p) && !is_editor_file(p))
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            waiting.store(true, Ordering::SeqCst);
            let _ = tx.send(paths);
        }
    })?;
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched = Vec::new();
    let mut watch_new_folders = move |debouncer: &mut notify_debouncer_full::Debouncer<_, _>| {
        for name in WATCHED {
            let dir = root.join(name);
            if !watched.contains(&dir)
                && dir.is_dir()
                && debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                watched.push(dir);
            }
        }
    };
    watch_new_folders(&mut debouncer);
    std::thread::spawn(move || {
        rebuilder.build_all();
        let _ = built.send(());
        while let Ok(mut paths) = rx.recv() {
            // Whatever else changed meanwhile is part of the same rebuild.
            while let Ok(more) = rx.try_recv() {
                paths.extend(more);
            }
            // A change seen from here on waits in the channel, and stops this one's feeds.
            rebuilder.waiting.store(false, Ordering::SeqCst);
            paths.sort();
            paths.dedup();
            // `themes/` or `archetypes/` may have just been made.
            watch_new_folders(&mut debouncer);
            let shared = rebuilder.shared.clone();
            let Ok(_building) = shared.building.lock() else {
                break;
            };
            rebuilder.changed(&paths);
        }
    });
    Ok(first_build)
}

/// Swap, backup and temporary files that editors (and `sed -i`) write beside the file being
/// edited, or that are gone again by the time the change is seen. A deleted page still counts:
/// it has an extension.
fn is_editor_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let hidden_or_backup = name.starts_with('.') || name.ends_with('~') || name == "4913";
    let gone_temporary = !path.exists() && path.extension().is_none();
    hidden_or_backup || gone_temporary
}
