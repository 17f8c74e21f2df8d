//! `canting serve` driven for real: a server on a free port, pages fetched over HTTP, files
//! changed on disk, reloads and problems read from the event stream.

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{self, Fixture, Preview};

/// Long enough for a debug build of a small site on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// The next event called `name`, skipping others.
fn next(events: &Receiver<(String, String)>, name: &str) -> String {
    let started = Instant::now();
    loop {
        let left = PATIENCE.saturating_sub(started.elapsed());
        let (event, data) = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no `{name}` event within {PATIENCE:?}"));
        if event == name {
            return data;
        }
    }
}

fn append(path: PathBuf, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(text.as_bytes()).expect("append");
}

fn replace(path: PathBuf, from: &str, to: &str) {
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn an_edit_reloads_the_browser_with_the_new_text() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let (status, page) = server.get("/motifs/kawung/");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/__canting/live.js\"></script></body>"));
    let (status, script) = server.get("/__canting/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    let events = server.events();
    append(
        site.root().join("content/motifs/kawung.id.md"),
        "\nKalimat baru dari relawan.\n",
    );
    next(&events, "reload");
    let (_, page) = server.get("/motifs/kawung/");
    assert!(page.contains("Kalimat baru dari relawan."));
    // The site was not built again: the message names the edited file.
    let updated = server
        .stdout
        .iter()
        .find(|line| line.contains(" updated in "))
        .expect("a line about the update");
    assert!(
        updated.starts_with("content/motifs/kawung.id.md updated in"),
        "{updated}"
    );
    assert!(!site.output().exists(), "serve never writes public/");
}

#[test]
fn a_changed_title_renders_again_only_the_pages_that_show_it() {
    let site = Fixture::new("two-languages-every-section");
    let built = support::build_site(&site.root(), &[]);
    let total: usize = number_after(&built.stdout, "Built ");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let events = server.events();
    replace(
        site.root().join("content/motifs/kawung.id.md"),
        "title: Kawung",
        "title: Kawung Baru",
    );
    next(&events, "reload");
    // The page itself, the motifs' listing with its card, a workshop that makes it, its term page.
    for path in [
        "/motifs/kawung/",
        "/motifs/",
        "/workshops/melati/",
        "/colours/coklat-soga/",
    ] {
        let (status, page) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("Kawung Baru"), "{path} shows the new title");
    }
    let updated = server
        .stdout
        .iter()
        .find(|line| line.contains(" updated in "))
        .expect("a line about the update");
    assert!(
        updated.starts_with("content/motifs/kawung.id.md updated in"),
        "{updated}"
    );
    let rendered: usize = number_after(&updated, "ms (");
    assert!(
        (4..total / 2).contains(&rendered),
        "{rendered} of {total} pages rendered again: {updated}"
    );
}

/// The number written right after `after` in `line`.
fn number_after(line: &str, after: &str) -> usize {
    let rest = &line[line.find(after).expect(after) + after.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().expect("a number")
}

#[test]
fn broken_yaml_shows_over_the_page_and_the_page_comes_back_once_fixed() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let events = server.events();
    let file = site.root().join("content/motifs/kawung.id.md");
    replace(file.clone(), "title:", "title: [Kawung");

    let problem = next(&events, "problem");
    let problem: serde_json::Value = serde_json::from_str(&problem).expect("JSON");
    let text = problem["text"].as_str().expect("text");
    // The unclosed `[` is named on the line where it opens.
    assert!(text.contains("content/motifs/kawung.id.md:2:"), "{text}");
    // The previous page is still served, with the problem over it (also without JavaScript).
    let (status, page) = server.get("/motifs/kawung/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"canting-problem\""));
    assert!(page.contains("content/motifs/kawung.id.md:2:"));
    let (_, other) = server.get("/");
    assert!(
        other.contains("id=\"canting-problem\""),
        "every page shows it"
    );

    replace(file, "title: [Kawung", "title:");
    next(&events, "reload");
    let (status, page) = server.get("/motifs/kawung/");
    assert_eq!(status, 200);
    assert!(!page.contains("canting-problem"));
}

#[test]
fn a_site_that_starts_broken_is_served_once_it_is_fixed() {
    let site = Fixture::new("two-languages-every-section");
    let file = site.root().join("content/events/pameran.id.md");
    replace(file.clone(), "start:", "start: 2026-02-30\nx_start:");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let (status, page) = server.get("/");
    assert_eq!(status, 404);
    assert!(page.contains("content/events/pameran.id.md"), "{page}");
    let events = server.events();
    replace(file, "start: 2026-02-30\nx_start:", "start:");
    next(&events, "reload");
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(!page.contains("canting-problem"));
}

#[test]
fn templates_and_site_settings_rebuild_everything() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let events = server.events();
    replace(
        site.root().join("site.yaml"),
        "title: Katalog Uji }",
        "title: Katalog Baru }",
    );
    next(&events, "reload");
    let (_, page) = server.get("/404.html");
    assert!(page.contains("Katalog Baru"), "{page}");

    let base = site.root().join("themes/batik/templates");
    std::fs::create_dir_all(&base).expect("mkdir");
    std::fs::write(
        base.join("404.html"),
        "<!doctype html><html lang=\"id\"><title>x</title><body>Halaman hilang dari tema situs</body></html>",
    )
    .expect("write");
    next(&events, "reload");
    let (status, page) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(page.contains("Halaman hilang dari tema situs"), "{page}");
}

#[test]
fn a_changed_photo_is_published_again() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let page = |server: &Preview| server.get("/workshops/sekar/").1;
    let first = page(&server);
    // The fixture's cover is 30 pixels wide: its one variant is its own width.
    assert!(first.contains("cover-30.webp"), "{first}");
    let events = server.events();
    // A volunteer replaces the cover with a phone photo of 800 pixels.
    site.remove("content/workshops/sekar/cover.png");
    site.write_bytes(
        "content/workshops/sekar/cover.jpg",
        &support::phone_jpeg(800, 600, 1),
    );
    for lang in ["id", "en"] {
        replace(
            site.root()
                .join(format!("content/workshops/sekar/index.{lang}.md")),
            "cover: cover.png",
            "cover: cover.jpg",
        );
    }
    next(&events, "reload");
    let after = page(&server);
    assert!(
        after.contains("cover-800.jpg") && !after.contains("cover-30"),
        "{after}"
    );
    assert_eq!(server.get("/workshops/sekar/cover-480.webp").0, 200);
}

#[test]
fn building_public_beside_the_preview_does_not_rebuild_it() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let events = server.events();
    let built = support::canting(&["build", "--root", site.root().to_str().expect("utf-8")]);
    assert!(built.status.success());
    // A change that counts afterwards is the first thing the browser hears of.
    append(site.root().join("content/motifs/kawung.id.md"), "\nLagi.\n");
    let (event, _) = events.recv_timeout(PATIENCE).expect("an event");
    assert_eq!(event, "reload");
    let updated = server
        .stdout
        .iter()
        .find(|line| line.contains(" updated in ") || line.contains("Site built"))
        .expect("a line about the rebuild");
    assert!(
        updated.starts_with("content/motifs/kawung.id.md updated in"),
        "{updated}"
    );
}

#[test]
fn paths_outside_the_site_are_not_found() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    for path in [
        "/../site.yaml",
        "/../../etc/passwd",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/motifs/..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
        "/%252e%252e/site.yaml",
        "/.canting-output",
        "/content/motifs/kawung.id.md",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("base_url"), "{path} showed site.yaml");
    }
    assert_eq!(server.get("/motifs/kawung/").0, 200);
    assert_eq!(server.get("/motifs/kawung").0, 301);
}

#[test]
fn serve_speaks_indonesian_when_asked() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &["--lang", "id"], PATIENCE);
    assert!(
        server
            .address_line
            .starts_with("Situs bisa dilihat di http://127.0.0.1:"),
        "{}",
        server.address_line
    );
}

/// The preview folders of process `pid`, wherever the preview keeps them (a RAM disk when there
/// is one, else the temporary folder).
fn preview_folders(pid: u32) -> Vec<PathBuf> {
    let prefix = format!("canting-serve-{pid}-");
    [PathBuf::from("/dev/shm"), std::env::temp_dir()]
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flat_map(|entries| entries.flatten())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

#[test]
fn every_way_of_stopping_removes_the_preview_folder() {
    let fixture = Fixture::new("two-languages-every-section");
    for signal in ["INT", "TERM", "HUP"] {
        let preview = Preview::start(&fixture.root(), &[], PATIENCE);
        let pid = preview.pid();
        assert_eq!(preview_folders(pid).len(), 1, "one folder while it runs");
        let status = preview.stop(signal);
        assert!(status.success(), "SIG{signal}: {status}");
        assert!(
            preview_folders(pid).is_empty(),
            "SIG{signal} left {:?}",
            preview_folders(pid)
        );
    }
}

#[test]
fn a_preview_removes_the_folder_of_one_that_died() {
    // No process has this id (the largest a pid can be is far smaller): its preview died.
    let dead = 4_294_967_294_u32;
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let left = base.join(format!("canting-serve-{dead}-left"));
    std::fs::create_dir_all(left.join("site")).expect("a dead preview's folder");
    std::fs::write(left.join("site/index.html"), "old").expect("write");
    let fixture = Fixture::new("two-languages-every-section");
    let preview = Preview::start(&fixture.root(), &[], PATIENCE);
    assert!(!left.exists(), "the dead preview's folder is removed");
    drop(preview);
}

/// How many files the process `pid` has open, as Linux reports it.
fn open_files(pid: u32) -> Option<usize> {
    Some(std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count())
}

#[test]
fn pages_keep_answering_while_the_whole_site_is_rebuilt() {
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let events = server.events();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let paths = [
        "/events/",
        "/workshops/",
        "/",
        "/motifs/kawung/",
        "/en/calendar/",
    ];
    let mut open_before = None;
    let failures: Vec<String> = thread::scope(|scope| {
        let clients: Vec<_> = paths
            .iter()
            .map(|path| {
                let (port, stop) = (server.port, &stop);
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    let mut asked = 0;
                    // Bounded: at most 2,000 requests a client, and only while the edits last.
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) && asked < 2_000 {
                        let (status, _) = support::preview::get(port, path);
                        asked += 1;
                        if status != 200 {
                            failed.push(format!("{path}: {status}"));
                        }
                    }
                    (asked, failed)
                })
            })
            .collect();
        // A title in site.yaml rebuilds the whole site, swapping the new one in.
        for round in 0..6 {
            replace(
                site.root().join("site.yaml"),
                if round % 2 == 0 {
                    "title: Katalog Uji }"
                } else {
                    "title: Katalog Dua }"
                },
                if round % 2 == 0 {
                    "title: Katalog Dua }"
                } else {
                    "title: Katalog Uji }"
                },
            );
            next(&events, "reload");
            if round == 0 {
                open_before = open_files(server.pid());
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let mut failures = Vec::new();
        for client in clients {
            let (asked, failed) = client.join().expect("client");
            assert!(asked > 0, "every client asked at least once");
            failures.extend(failed);
        }
        failures
    });
    assert!(failures.is_empty(), "failed during rebuilds: {failures:?}");
    if let (Some(before), Some(after)) = (open_before, open_files(server.pid())) {
        assert!(
            after <= before + 8,
            "open files grew from {before} to {after}"
        );
    }
}

/// Resident memory of `pid` in kB, as Linux reports it.
fn resident_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// The full load: 8 clients, 12,000 requests, a page edited ten times a second, a traversal probe
/// in every ten requests. Minutes on a debug build, so run on demand and in CI:
/// `cargo test --test it -- --ignored serve::load_`.
#[test]
#[ignore = "load test: minutes; run in CI with `-- --ignored serve::load_`"]
fn load_8_clients_12000_requests_while_a_page_is_edited_ten_times_a_second() {
    use std::sync::atomic::{AtomicBool, Ordering};
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 12_000;
    let site = Fixture::new("two-languages-every-section");
    let server = Preview::start(&site.root(), &[], PATIENCE);
    let pages = [
        "/events/",
        "/workshops/",
        "/",
        "/motifs/kawung/",
        "/en/calendar/",
        "/news/kabar/",
    ];
    let probes = [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/motifs/..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
        "/%252e%252e/site.yaml",
        "/content/motifs/kawung.id.md",
    ];
    for path in pages {
        assert_eq!(server.get(path).0, 200, "{path} before the load");
    }
    let pid = server.pid();
    let (files_before, memory_before) = (open_files(pid), resident_kb(pid));
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let (failures, edits) = thread::scope(|scope| {
        let editor = scope.spawn(|| {
            let page = site.root().join("content/motifs/kawung.id.md");
            let original = std::fs::read_to_string(&page).expect("page");
            let mut edits = 0;
            while !done.load(Ordering::Relaxed) {
                std::fs::write(&page, format!("{original}\nSunting {edits}.\n")).expect("edit");
                edits += 1;
                thread::sleep(Duration::from_millis(100));
            }
            edits
        });
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let port = server.port;
                scope.spawn(move || {
                    let mut failed = Vec::new();
                    for i in 0..REQUESTS / CLIENTS {
                        let (path, want) = if i % 10 == 9 {
                            (probes[(i / 10 + c) % probes.len()], 404)
                        } else {
                            (pages[(i + c) % pages.len()], 200)
                        };
                        let (status, body) = support::preview::get(port, path);
                        if status != want || (want == 404 && body.contains("base_url")) {
                            failed.push(format!("{path}: {status}"));
                        }
                    }
                    failed
                })
            })
            .collect();
        let failures: Vec<String> = clients
            .into_iter()
            .flat_map(|c| c.join().expect("client"))
            .collect();
        done.store(true, Ordering::Relaxed);
        (failures, editor.join().expect("editor"))
    });
    let took = started.elapsed();
    // Let the last rebuild finish before counting what is held.
    thread::sleep(Duration::from_secs(2));
    let (files_after, memory_after) = (open_files(pid), resident_kb(pid));
    eprintln!(
        "load: {REQUESTS} requests from {CLIENTS} clients in {took:.1?}, {edits} edits, \
         {} failed; open files {files_before:?} -> {files_after:?}; resident kB \
         {memory_before:?} -> {memory_after:?}; peak {:?}",
        failures.len(),
        server.peak_memory()
    );
    assert!(failures.is_empty(), "failed under load: {failures:?}");
    if let (Some(before), Some(after)) = (files_before, files_after) {
        assert!(
            after <= before + 8,
            "open files grew from {before} to {after}"
        );
    }
    if let (Some(before), Some(after)) = (memory_before, memory_after) {
        assert!(
            after <= before * 2 + 64_000,
            "memory grew from {before} kB to {after} kB"
        );
    }
}

/// Edit-to-reload time on a generated catalogue: run by `benches/serve.sh`. First one workshop's
/// text edited `CANTING_BENCH_EDITS` times (to the reload event, and to the page fetched), then
/// every kind of edit `CANTING_BENCH_PER_KIND` times, each from the file write to the moment a
/// page that shows the change is served with it.
#[test]
#[ignore = "benchmark: run by benches/serve.sh"]
fn bench_serve_reload() {
    let root = PathBuf::from(std::env::var("CANTING_BENCH_SITE").expect("CANTING_BENCH_SITE"));
    let number = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(default)
    };
    let edits = number("CANTING_BENCH_EDITS", 20);
    let per_kind = number("CANTING_BENCH_PER_KIND", 5);
    let workshops = root.join("content/workshops");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&workshops)
        .expect("workshops")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // A page of the default language, not the section's introduction.
            name.ends_with(".id.md") && !name.starts_with('_')
        })
        .collect();
    files.sort();
    let file = files.first().expect("a workshop").clone();
    let slug = file
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .expect("slug")
        .to_string();
    bench::prepare(&root, &file);
    let original = std::fs::read_to_string(&file).expect("read");

    let started = Instant::now();
    let server = Preview::start(&root, &[], bench::PATIENCE);
    // The first build has finished when the server says where it listens.
    println!(
        "BENCH first_build_seconds={:.2}",
        started.elapsed().as_secs_f64()
    );
    let url = format!("/workshops/{slug}/");
    let events = server.events();
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    for i in 0..edits {
        let marker = format!("Suntingan nomor {i} dari relawan.");
        let written = Instant::now();
        std::fs::write(&file, format!("{original}\n{marker}\n")).expect("write");
        next(&events, "reload");
        to_event.push(written.elapsed());
        let (_, page) = server.get(&url);
        to_page.push(written.elapsed());
        assert!(page.contains(&marker), "edit {i} shows");
        thread::sleep(Duration::from_millis(200));
    }
    // A change of the front matter (the title) shows in listings too. Each edit follows the last
    // one's reload at once, so it waits for the feeds and search index that one wrote after.
    let mut whole = Vec::new();
    for i in 0..3 {
        let title = format!("Sanggar Suntingan {i}");
        let written = Instant::now();
        std::fs::write(
            &file,
            original.replacen("title:", &format!("title: {title}\nx_was:"), 1),
        )
        .expect("write");
        next(&events, "reload");
        whole.push(written.elapsed());
        let (_, page) = server.get(&url);
        assert!(page.contains(&title), "title edit {i} shows");
    }
    bench::restore(&server, &events, &file, &original);
    println!("BENCH title_edits_back_to_back_ms {}", bench::ms(whole));
    println!("BENCH edits={edits} file={}", file.display());
    println!("BENCH save_to_reload_event_ms {}", bench::ms(to_event));
    println!("BENCH save_to_new_page_fetched_ms {}", bench::ms(to_page));

    let kinds = bench::Kinds {
        server: &server,
        events: &events,
        root: root.clone(),
        file,
        slug,
        original,
        times: per_kind,
    };
    kinds.run_all();
    let peak = server.peak_memory().unwrap_or_else(|| "unknown".into());
    println!("BENCH serve_peak_memory {peak}");
}

/// The benchmark of each kind of edit: what is written, which page shows it, and when it does.
mod bench {
    use std::path::{Path, PathBuf};
    use std::sync::mpsc::Receiver;
    use std::thread;
    use std::time::{Duration, Instant};

    use crate::support::{self, Preview};

    /// A whole build of the large catalogue on a busy machine.
    pub(super) const PATIENCE: Duration = Duration::from_secs(300);

    /// The photo given to the benchmarked workshop, beside its file.
    const COVER: &str = "bench-cover.jpg";

    /// The benchmarked workshop gets a cover photo (the generated catalogue has none), and the
    /// site its own copy of the theme's Indonesian words, as a site that changed one has.
    pub(super) fn prepare(root: &Path, file: &Path) {
        let dir = file.parent().expect("a folder");
        std::fs::write(dir.join(COVER), &photos()[0]).expect("write the cover");
        for lang in ["id", "en"] {
            let page = dir.join(
                file.file_name()
                    .and_then(|n| n.to_str())
                    .expect("a name")
                    .replace(".id.md", &format!(".{lang}.md")),
            );
            let Ok(text) = std::fs::read_to_string(&page) else {
                continue;
            };
            let without: String = text
                .lines()
                .filter(|l| !l.starts_with("cover:"))
                .map(|l| format!("{l}\n"))
                .collect();
            let with = without.replacen("title:", &format!("cover: {COVER}\ntitle:"), 1);
            std::fs::write(&page, with).expect("write");
        }
        let words = root.join("themes/batik/i18n");
        std::fs::create_dir_all(&words).expect("mkdir");
        std::fs::copy(
            support::sample_root().join("themes/batik/i18n/id.yaml"),
            words.join("id.yaml"),
        )
        .expect("copy the theme's words");
    }

    /// The sample catalogue's photos of 960 pixels (each publishes the same variants).
    fn photos() -> Vec<Vec<u8>> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(support::sample_root().join("content"))
            .into_iter()
            .flatten()
            .map(|e| e.into_path())
            .filter(|p| p.file_name().is_some_and(|n| n == "cover.jpg"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read(p).expect("read a photo"))
            .collect()
    }

    pub(super) fn ms(mut v: Vec<Duration>) -> String {
        v.sort();
        let m = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "min {:.1} median {:.1} max {:.1}",
            m(v[0]),
            m(v[v.len() / 2]),
            m(v[v.len() - 1])
        )
    }

    /// Until the preview has been quiet for a while: the last edit's rebuild is over.
    fn quiet(events: &Receiver<(String, String)>) {
        while events.recv_timeout(Duration::from_millis(300)).is_ok() {}
    }

    /// Writes `text` back to `file` and waits until the preview has taken it in.
    pub(super) fn restore(
        server: &Preview,
        events: &Receiver<(String, String)>,
        file: &Path,
        text: &str,
    ) {
        quiet(events);
        let _ = server.stdout.try_iter().count();
        std::fs::write(file, text).expect("restore");
        let _ = server.stdout.recv_timeout(PATIENCE);
        quiet(events);
    }

    pub(super) struct Kinds<'a> {
        pub(super) server: &'a Preview,
        pub(super) events: &'a Receiver<(String, String)>,
        pub(super) root: PathBuf,
        /// The benchmarked workshop's file in the default language, and its slug.
        pub(super) file: PathBuf,
        pub(super) slug: String,
        pub(super) original: String,
        /// Edits of each kind.
        pub(super) times: usize,
    }

    impl Kinds<'_> {
        /// Every kind, `times` each; prints one BENCH line a kind.
        pub(super) fn run_all(&self) {
            if self.times == 0 {
                return;
            }
            self.body();
            self.title();
            self.date();
            self.reference();
            self.taxonomy();
            self.new_and_deleted_page();
            self.photo();
            self.translation();
        }

        /// Runs `edit` (which writes and says what to wait for) `times` times; prints the
        /// delays from each write to the change being served.
        fn measure(&self, kind: &str, edit: impl Fn(usize) -> Wait) {
            let mut delays = Vec::new();
            let mut whole = 0;
            for i in 0..self.times {
                quiet(self.events);
                // The last edit's feeds and search index are written after its pages, without
                // an event; a request for the sitemap waits until they are, so the edit starts
                // on an idle server.
                let _ = self.server.get_bytes("/sitemap.xml");
                let _ = self.server.stdout.try_iter().count();
                let written = Instant::now();
                let wait = edit(i);
                loop {
                    let (status, body) = self.server.get_bytes(&wait.url);
                    if (wait.shows)(status, &body) {
                        break;
                    }
                    assert!(
                        written.elapsed() < PATIENCE,
                        "{kind} edit {i}: {} never showed the change",
                        wait.url
                    );
                    thread::sleep(Duration::from_millis(5));
                }
                delays.push(written.elapsed());
                // One line a rebuild, printed once the browser has been told (after the
                // warnings, which take a while on a large site).
                let said = self
                    .server
                    .stdout
                    .recv_timeout(PATIENCE)
                    .unwrap_or_default();
                whole += usize::from(said.starts_with("Site built"));
                quiet(self.events);
            }
            println!(
                "BENCH edit_{kind}_ms {} (n={}, whole rebuilds {whole})",
                ms(delays),
                self.times
            );
            self.restore_workshop();
        }

        fn restore_workshop(&self) {
            if std::fs::read_to_string(&self.file).ok().as_deref() != Some(&self.original) {
                restore(self.server, self.events, &self.file, &self.original);
            }
        }

        fn write(&self, file: &Path, text: &str) {
            std::fs::write(file, text).expect("write");
        }

        fn page(&self) -> String {
            format!("/workshops/{}/", self.slug)
        }

        /// The workshop's file with the front matter line `key: …` set to `value`.
        fn with_field(&self, key: &str, value: &str) -> String {
            let without: String = self
                .original
                .lines()
                .filter(|l| !l.starts_with(&format!("{key}:")))
                .map(|l| format!("{l}\n"))
                .collect();
            without.replacen("title:", &format!("{key}: {value}\ntitle:"), 1)
        }

        fn field(&self, key: &str) -> Vec<String> {
            self.original
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}:")))
                .map(|v| {
                    v.trim()
                        .trim_matches(['[', ']'])
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        }

        /// The body: the workshop's own page.
        fn body(&self) {
            self.measure("body", |i| {
                let marker = format!("Kalimat bench {i}.");
                self.write(&self.file, &format!("{}\n{marker}\n", self.original));
                Wait::contains(self.page(), marker)
            });
        }

        /// The title, as the page of a motif the workshop makes shows it in its list.
        fn title(&self) {
            let motif = self.field("motifs").into_iter().next().expect("a motif");
            self.measure("title", |i| {
                let title = format!("Sanggar Bench {i}");
                let text = self
                    .original
                    .replacen("title:", &format!("title: {title}\nx_was:"), 1);
                self.write(&self.file, &text);
                Wait::contains(format!("/motifs/{motif}/"), format!(">{title}<"))
            });
        }

        /// A news item's date, on its page.
        fn date(&self) {
            let news = first_page(&self.root.join("content/news"));
            let text = std::fs::read_to_string(&news).expect("a news item");
            let slug = slug_of(&news);
            self.measure("date", |i| {
                let date = format!("2019-03-{:02}", 10 + i);
                let changed: String = text
                    .lines()
                    .map(|l| {
                        if l.starts_with("date:") {
                            format!("date: {date}\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect();
                self.write(&news, &changed);
                Wait::contains(format!("/news/{slug}/"), format!("datetime=\"{date}\""))
            });
            restore(self.server, self.events, &news, &text);
        }

        /// A motif added to (then taken from) the workshop's list, on the motif's page.
        fn reference(&self) {
            let made = self.field("motifs");
            let link = format!("href=\"/workshops/{}/\"", self.slug);
            let mut motifs: Vec<String> = std::fs::read_dir(self.root.join("content/motifs"))
                .expect("motifs")
                .flatten()
                .map(|e| slug_of(&e.path()))
                .filter(|s| !s.starts_with('_') && !made.contains(s))
                .collect();
            motifs.sort();
            motifs.dedup();
            let motif = motifs
                .into_iter()
                .find(|s| {
                    let (status, page) = self.server.get(&format!("/motifs/{s}/"));
                    status == 200 && !page.contains(&link)
                })
                .expect("a motif the workshop does not make");
            self.measure("reference", |i| {
                let mut list = made.clone();
                if i % 2 == 0 {
                    list.push(motif.clone());
                }
                self.write(
                    &self.file,
                    &self.with_field("motifs", &format!("[{}]", list.join(", "))),
                );
                let url = format!("/motifs/{motif}/");
                if i % 2 == 0 {
                    Wait::contains(url, link.clone())
                } else {
                    Wait::lacks(url, link.clone())
                }
            });
        }

        /// A new tag, on its own new page.
        fn taxonomy(&self) {
            let tags = self.field("tags");
            let link = format!("href=\"/workshops/{}/\"", self.slug);
            self.measure("taxonomy_term", |i| {
                let tag = format!("bench-{i}");
                let mut list = tags.clone();
                list.push(tag.clone());
                self.write(
                    &self.file,
                    &self.with_field("tags", &format!("[{}]", list.join(", "))),
                );
                Wait::contains(format!("/tags/{tag}/"), link.clone())
            });
        }

        /// A copy of the workshop under a new slug (in the default language), then its deletion.
        fn new_and_deleted_page(&self) {
            let dir = self.file.parent().expect("a folder").to_path_buf();
            let new = |i: usize| dir.join(format!("bench-new-{i}.id.md"));
            self.measure("new_page", |i| {
                let title = format!("Sanggar Baru {i}");
                let text = self
                    .original
                    .replacen("title:", &format!("title: {title}\nx_was:"), 1);
                self.write(&new(i), &text);
                Wait::contains(format!("/workshops/bench-new-{i}/"), format!(">{title}<"))
            });
            self.measure("deleted_page", |i| {
                std::fs::remove_file(new(i)).expect("delete");
                Wait {
                    url: format!("/workshops/bench-new-{i}/"),
                    shows: Box::new(|status, _| status == 404),
                }
            });
        }

        /// The cover replaced by another photo, until its 480-pixel WebP is the new one.
        fn photo(&self) {
            let photos = photos();
            let cover = self.file.parent().expect("a folder").join(COVER);
            let url = format!(
                "/workshops/{}-480.webp",
                COVER.strip_suffix(".jpg").expect("jpg")
            );
            assert_eq!(self.server.get_bytes(&url).0, 200, "{url} is published");
            self.measure("photo", |i| {
                let before = self.server.get_bytes(&url).1;
                std::fs::write(&cover, &photos[(i + 1) % photos.len()]).expect("write");
                Wait {
                    url: url.clone(),
                    shows: Box::new(move |status, body| status == 200 && body != before),
                }
            });
        }

        /// The theme's word for "Contact", as the workshop's page shows it.
        fn translation(&self) {
            let words = self.root.join("themes/batik/i18n/id.yaml");
            let text = std::fs::read_to_string(&words).expect("the site's words");
            assert!(text.contains("\ncontact: Kontak\n"), "a plain line");
            self.measure("translation", |i| {
                let word = format!("Kontak {i}");
                self.write(
                    &words,
                    &text.replace("\ncontact: Kontak\n", &format!("\ncontact: {word}\n")),
                );
                Wait::contains(self.page(), format!(">{word}<"))
            });
            restore(self.server, self.events, &words, &text);
        }
    }

    /// Whether an answer (status and body) shows the change.
    type Shows = Box<dyn Fn(u16, &[u8]) -> bool>;

    /// Which address to ask for, until its answer shows the change.
    struct Wait {
        url: String,
        shows: Shows,
    }

    impl Wait {
        fn contains(url: String, text: String) -> Wait {
            Wait {
                url,
                shows: Box::new(move |status, body| {
                    status == 200 && String::from_utf8_lossy(body).contains(&text)
                }),
            }
        }

        fn lacks(url: String, text: String) -> Wait {
            Wait {
                url,
                shows: Box::new(move |status, body| {
                    status == 200 && !String::from_utf8_lossy(body).contains(&text)
                }),
            }
        }
    }

    /// The first page of a section in the default language, by name.
    fn first_page(dir: &Path) -> PathBuf {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("a section")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".id.md") && !name.starts_with('_')
            })
            .collect();
        files.sort();
        files.remove(0)
    }

    fn slug_of(path: &Path) -> String {
        path.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
            .unwrap_or("")
            .to_string()
    }
}
