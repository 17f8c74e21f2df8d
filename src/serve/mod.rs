//! `canting serve`: the site on this computer, rebuilt and reloaded after every change.
//!
//! The site is built into a temporary folder (never `public/`) and served from there over HTTP on
//! loopback unless told otherwise. A watcher rebuilds after each change: a change of one file
//! under `content/` (a page, a photo) renders again only the pages that show it, from the record
//! the build keeps of what each page shows, so that it shows in the browser at once; a change of
//! the settings or the theme rebuilds the whole site, while the previous build keeps being served. Browsers learn
//! about both through server-sent events (`live.js`, added to every HTML page served), which
//! reload the page or show the problem over it. A build that fails never stops the server.

mod http;
mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::build::Report;
use crate::diagnostic::Diagnostic;

/// What `canting serve` is asked to do; the command line fills it from its flags.
pub struct Options {
    /// The site's folder, the one that holds `site.yaml`.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port to listen on.
    pub port: u16,
    /// Build and serve pages marked `draft: true` too.
    pub drafts: bool,
}

/// What happened, for the command line to tell.
pub enum Notice {
    /// The server listens at this address.
    Listening(SocketAddr),
    /// The whole site was built (or failed to build: see the report).
    Built(Report),
    /// A file's change was taken in by rendering again the pages that show it.
    Updated {
        /// The changed file, relative to the site root.
        file: PathBuf,
        /// How long taking it in took, until every page that shows it was written.
        elapsed: Duration,
        /// HTML pages rendered again.
        pages: usize,
        /// Warnings about the page after the edit.
        warnings: Vec<Diagnostic>,
    },
    /// An edit left an error; the previous version is still served.
    Problem(Vec<Diagnostic>),
    /// Photos processed so far, of how many.
    Photos {
        /// Photos finished, successfully or not.
        done: usize,
        /// Photos the build has to process.
        total: usize,
    },
}

/// What the browsers are told.
#[derive(Clone, Debug)]
enum Signal {
    Reload,
    /// The problem as text, shown over the page until it is fixed.
    Problem(String),
}

/// What the HTTP side reads and the rebuilding side writes.
struct Shared {
    /// The folder the last successful build went to.
    site_dir: PathBuf,
    live: RwLock<Live>,
    signals: broadcast::Sender<Signal>,
    /// Held while the site is being rebuilt, so that stopping waits for the build in progress
    /// instead of removing the folder it is writing into.
    building: Mutex<()>,
    /// Held while the whole site is built again, when files are missing for a moment.
    whole: Mutex<()>,
    /// Pages an update is rendering again: a request for one waits for it.
    pending: Mutex<Pending>,
    /// Told each time pending pages are written.
    written: Condvar,
}

#[derive(Default)]
struct Pending {
    /// Paths in the output.
    paths: HashSet<String>,
    /// Pending paths that a browser asked for, to render first.
    asked: Vec<String>,
}

/// How long a request waits for its page before it is answered with the old one.
const PATIENCE: Duration = Duration::from_secs(30);

impl Shared {
    /// Waits until no path of `paths` (in the output) is pending, asking for them to be rendered
    /// first. Returns at once when none is pending.
    fn wait_for(&self, paths: &[String]) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        let mine: Vec<String> = paths
            .iter()
            .filter(|p| pending.paths.contains(*p))
            .cloned()
            .collect();
        if mine.is_empty() {
            return;
        }
        pending.asked.extend(mine.iter().cloned());
        let started = std::time::Instant::now();
        while mine.iter().any(|p| pending.paths.contains(p)) && started.elapsed() < PATIENCE {
            pending = match self.written.wait_timeout(pending, PATIENCE) {
                Ok((guard, _)) => guard,
                Err(_) => return,
            };
        }
    }

    /// Marks `paths` pending without telling the browsers: files about to be written again.
    fn hold(&self, paths: &[String]) {
        if let Ok(mut pending) = self.pending.lock() {
            pending.paths.extend(paths.iter().cloned());
        }
    }

    /// Whether any of `paths` is pending.
    fn is_pending(&self, paths: &[String]) -> bool {
        self.pending
            .lock()
            .is_ok_and(|pending| paths.iter().any(|p| pending.paths.contains(p)))
    }
}

impl crate::render::Visitors for Shared {
    fn expect(&self, paths: &[String]) {
        if let Ok(mut pending) = self.pending.lock() {
            pending.paths.extend(paths.iter().cloned());
        }
        // Browsers reload now: each asks for its page, which is rendered first.
        self.signal(Signal::Reload);
    }

    fn asked(&self) -> Vec<String> {
        self.pending
            .lock()
            .map(|mut pending| std::mem::take(&mut pending.asked))
            .unwrap_or_default()
    }

    fn written(&self, paths: &[String]) {
        if let Ok(mut pending) = self.pending.lock() {
            for path in paths {
                pending.paths.remove(path);
            }
        }
        self.written.notify_all();
    }
}

#[derive(Default)]
struct Live {
    problem: Option<String>,
}

impl Shared {
    fn signal(&self, signal: Signal) {
        if let Ok(mut live) = self.live.write() {
            match &signal {
                Signal::Reload => live.problem = None,
                Signal::Problem(text) => live.problem = Some(text.clone()),
            }
        }
        // Nobody listening is fine: no browser is open yet.
        let _ = self.signals.send(signal);
    }
}

/// Serves until the process is interrupted (Ctrl+C). Errors are about the server itself (the port
/// is taken, the temporary folder cannot be made); problems of the site are notices.
pub fn run(
    options: Options,
    notify: impl Fn(Notice) + Send + Sync + 'static,
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((options.bind, options.port)))
        .map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let mut stop = {
        let _inside = runtime.enter();
        http::Stop::listen().map_err(|e| e.to_string())?
    };
    let temp = temp_dir().map_err(|e| e.to_string())?;
    let (signals, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        site_dir: temp.path().join("site"),
        live: RwLock::new(Live::default()),
        signals,
        building: Mutex::new(()),
        whole: Mutex::new(()),
        pending: Mutex::new(Pending::default()),
        written: Condvar::new(),
    });
    let notify: Arc<dyn Fn(Notice) + Send + Sync> = Arc::new(notify);
    let site = watch::Rebuilder::new(&options, address, shared.clone(), notify.clone());
    // Watching starts before the first build, so that a file saved while it runs (photos can
    // take minutes) is not missed.
    let first_build = watch::start(&options.root, site).map_err(|e| e.to_string())?;
    let (built, first_built) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = first_build.recv();
        let _ = built.send(());
    });
    let served = runtime.block_on(async {
        tokio::select! {
            _ = first_built => {
                notify(Notice::Listening(address));
                http::serve(listener, shared.clone(), &mut stop).await
            }
            // Stopped during the first build (photos can take minutes): the folder is removed
            // below while that build may still write into it; whatever it leaves is swept by
            // the next preview, as for one that was killed.
            _ = stop.asked() => Ok(()),
        }
    });
    // Held until the process ends: no rebuild starts after this.
    let _stopped = shared.building.lock();
    drop(temp);
    served.map_err(|e| e.to_string())
}

/// On a RAM disk when the system has one (Linux's `/dev/shm`): the preview is written again after
/// every change that is not a page's text, and writing thousands of pages to a disk takes longer
/// than rendering them.
///
/// Its name carries the process id (`canting-serve-<pid>-…`), so that a preview that was killed
/// without a chance to clean up (SIGKILL, a power cut) has its folder removed by the next one.
fn temp_dir() -> std::io::Result<tempfile::TempDir> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    let ram = std::path::Path::new("/dev/shm");
    if ram.is_dir() {
        sweep(ram);
        if let Ok(dir) = builder.tempdir_in(ram) {
            return Ok(dir);
        }
    }
    sweep(&std::env::temp_dir());
    builder.tempdir()
}

/// The start of every preview folder's name.
const TEMP_PREFIX: &str = "canting-serve-";

/// Removes the preview folders in `dir` whose process is no longer running.
fn sweep(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !crate::output::process_alive(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
