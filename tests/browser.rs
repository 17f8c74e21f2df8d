//! The sample site in a real browser (Debian's chromium, headless): it loads under a sub-path
//! without console errors or failed requests, the language switcher leads to the same page in
//! the other language, and axe-core finds no accessibility violations.
//!
//! Needs chromium and tests/tools/ (axe-core): `bash tests/run` installs them.

mod support;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Log, Network, Runtime};
use headless_chrome::{Browser, LaunchOptions};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Panics, telling how to get it, when something the tests need is missing.
fn require(path: &Path, what: &str) -> PathBuf {
    assert!(
        path.is_file(),
        "{what} is missing ({}): run `bash tests/run`, which installs what the tests need",
        path.display()
    );
    path.to_path_buf()
}

fn axe_source() -> String {
    let path = support::sample_root().join("tests/tools/node_modules/axe-core/axe.min.js");
    let path = require(&path, "axe-core");
    std::fs::read_to_string(path).expect("cannot read axe.min.js")
}

/// The sample site, built for and served at `http://127.0.0.1:PORT/katalog/`.
struct Site {
    /// `http://127.0.0.1:PORT/katalog/`
    base: String,
    /// The built site (TMP/katalog).
    dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Site {
    fn build() -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("canting-browser-")
            .tempdir()
            .expect("cannot create a temporary folder");
        // Serve the parent of the output, so that the site lives under /katalog/.
        let (port, _server) = support::serve(tmp.path());
        let base = format!("http://127.0.0.1:{port}/katalog/");
        let dir = tmp.path().join("katalog");
        support::build_site_to(&support::sample_root(), &dir, &["--base-url", &base])
            .assert_success();
        Site {
            base,
            dir,
            _tmp: tmp,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `SECTION/SLUG/` for the first page of a section (in file-name order).
    fn first_page(&self, section: &str) -> String {
        let mut slugs: Vec<String> = std::fs::read_dir(self.dir.join(section))
            .unwrap_or_else(|e| panic!("no {section}/ in the built site: {e}"))
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name != "page")
            .collect();
        slugs.sort();
        let slug = slugs
            .first()
            .unwrap_or_else(|| panic!("{section}/ has no pages"));
        format!("{section}/{slug}/")
    }
}

/// A headless chromium with its own fresh profile; both go away when dropped.
struct Chromium {
    browser: Browser,
    _profile: tempfile::TempDir,
}

impl Chromium {
    fn launch() -> Chromium {
        let path = require(Path::new(CHROMIUM), "chromium");
        let profile = tempfile::Builder::new()
            .prefix("canting-chromium-")
            .tempdir()
            .expect("cannot create a temporary profile folder");
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(path))
            .sandbox(false) // the tests run as root
            .headless(true)
            .user_data_dir(Some(profile.path().to_path_buf()))
            .window_size(Some((1280, 900)))
            .idle_browser_timeout(Duration::from_secs(300))
            .args(args)
            .build()
            .expect("bad launch options");
        let browser = Browser::new(options).unwrap_or_else(|e| {
            panic!("cannot start {CHROMIUM}: {e:#}; run `bash tests/run` to install it")
        });
        Chromium {
            browser,
            _profile: profile,
        }
    }

    /// A new tab that records console errors, uncaught exceptions and failed requests.
    fn tab(&self) -> (Arc<Tab>, Problems) {
        let tab = self.browser.new_tab().expect("cannot open a tab");
        tab.set_default_timeout(Duration::from_secs(30));
        let problems = Problems::default();
        let urls: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let record = problems.clone();
        tab.add_event_listener(Arc::new(move |event: &Event| match event {
            Event::LogEntryAdded(e)
                if e.params.entry.level == Log::LogEntryLevel::Error
                    && !e.params.entry.url.as_deref().is_some_and(is_favicon) =>
            {
                let entry = &e.params.entry;
                record.push(format!(
                    "console error: {} ({})",
                    entry.text,
                    entry.url.as_deref().unwrap_or("?")
                ));
            }
            Event::RuntimeConsoleAPICalled(e)
                if matches!(
                    e.params.Type,
                    Runtime::ConsoleAPICalledEventTypeOption::Error
                        | Runtime::ConsoleAPICalledEventTypeOption::Assert
                ) =>
            {
                let args: Vec<String> = e
                    .params
                    .args
                    .iter()
                    .map(|a| {
                        a.value
                            .as_ref()
                            .map(|v| v.to_string())
                            .or_else(|| a.description.clone())
                            .unwrap_or_default()
                    })
                    .collect();
                record.push(format!("console.error: {}", args.join(" ")));
            }
            Event::RuntimeExceptionThrown(e) => {
                let d = &e.params.exception_details;
                record.push(format!(
                    "uncaught exception: {} {} ({}:{})",
                    d.text,
                    d.exception
                        .as_ref()
                        .and_then(|x| x.description.clone())
                        .unwrap_or_default(),
                    d.url.as_deref().unwrap_or("?"),
                    d.line_number
                ));
            }
            Event::NetworkRequestWillBeSent(e) => {
                urls.lock()
                    .unwrap()
                    .insert(e.params.request_id.clone(), e.params.request.url.clone());
            }
            Event::NetworkResponseReceived(e) => {
                let r = &e.params.response;
                if r.status >= 400 && !is_favicon(&r.url) {
                    record.push(format!("HTTP {} for {}", r.status, r.url));
                }
            }
            Event::NetworkLoadingFailed(e) => {
                let url = urls
                    .lock()
                    .unwrap()
                    .get(&e.params.request_id)
                    .cloned()
                    .unwrap_or_else(|| format!("request {}", e.params.request_id));
                if !is_favicon(&url) {
                    record.push(format!("request failed: {url}: {}", e.params.error_text));
                }
            }
            _ => {}
        }))
        .expect("cannot listen to the tab's events");
        tab.enable_log().expect("Log.enable failed");
        tab.enable_runtime().expect("Runtime.enable failed");
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .expect("Network.enable failed");
        (tab, problems)
    }
}

/// Chromium asks for /favicon.ico at the root of the server, outside the site.
fn is_favicon(url: &str) -> bool {
    url.ends_with("/favicon.ico")
}

/// What went wrong in a tab: console errors, exceptions, failed requests.
#[derive(Clone, Default)]
struct Problems(Arc<Mutex<Vec<String>>>);

impl Problems {
    fn push(&self, problem: String) {
        self.0.lock().unwrap().push(problem);
    }

    #[track_caller]
    fn assert_none(&self, while_doing: &str) {
        let problems = self.0.lock().unwrap();
        assert!(
            problems.is_empty(),
            "{while_doing}: {} problem(s) in the browser:\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
}

/// Loads `url` and waits until the page and everything it loads has finished.
fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .and_then(|t| t.wait_until_navigated())
        .unwrap_or_else(|e| panic!("cannot open {url}: {e:#}"));
    wait_loaded(tab);
}

fn wait_loaded(tab: &Tab) {
    eval(
        tab,
        "new Promise(done => document.readyState === 'complete' ? done('') \
         : addEventListener('load', () => done('')))",
    );
}

/// Runs JavaScript (awaiting a promise) and returns its result as a string.
fn eval(tab: &Tab, js: &str) -> String {
    let result = tab
        .evaluate(js, true)
        .unwrap_or_else(|e| panic!("JavaScript failed: {e:#}\n{}", short(js)));
    match result.value {
        Some(serde_json::Value::String(s)) => s,
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn short(s: &str) -> String {
    s.chars().take(200).collect()
}

fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/".into(), |i| rest[i..].to_string())
}

#[test]
fn home_page_loads_under_a_sub_path_without_errors() {
    let site = Site::build();
    let chromium = Chromium::launch();
    let (tab, problems) = chromium.tab();
    open(&tab, &site.url(""));
    assert_eq!(path_of(&tab.get_url()), "/katalog/");
    assert_eq!(eval(&tab, "document.documentElement.lang"), "id");
    // The stylesheet was found and applied.
    let sheets = eval(
        &tab,
        "String([...document.styleSheets].filter(s => s.cssRules.length > 0).length)",
    );
    assert_ne!(sheets, "0", "no stylesheet was applied to the home page");
    // Every image (lazy ones too) and every link of the page leads to something that exists.
    let broken = eval(
        &tab,
        r#"(async () => {
            const urls = new Set();
            for (const img of document.images) urls.add(img.src);
            for (const a of document.querySelectorAll('a[href]')) {
                const u = new URL(a.href);
                if (u.origin === location.origin) urls.add(u.origin + u.pathname);
            }
            const bad = [];
            for (const u of urls) {
                const r = await fetch(u);
                if (!r.ok) bad.push(r.status + ' ' + u);
            }
            return bad.join('\n');
        })()"#,
    );
    assert!(
        broken.is_empty(),
        "the home page links to missing files:\n{broken}"
    );
    problems.assert_none("opening the home page");
}

/// Follows the language switcher's link to `lang` and checks that it leads to `expected_path`.
fn switch_language(tab: &Tab, lang: &str, expected_path: &str) {
    let selector = format!("nav.langs a[hreflang=\"{lang}\"]");
    tab.find_element(&selector)
        .unwrap_or_else(|e| {
            panic!(
                "no language switcher link {selector} on {}: {e:#}",
                tab.get_url()
            )
        })
        .click()
        .unwrap_or_else(|e| panic!("cannot click {selector}: {e:#}"));
    std::thread::sleep(Duration::from_millis(200));
    tab.wait_until_navigated()
        .unwrap_or_else(|e| panic!("the language switcher did not navigate: {e:#}"));
    wait_loaded(tab);
    assert_eq!(path_of(&tab.get_url()), expected_path);
    assert_eq!(eval(tab, "document.documentElement.lang"), lang);
    let canonical = eval(tab, "document.querySelector('link[rel=canonical]').href");
    assert_eq!(
        path_of(&canonical),
        expected_path,
        "the canonical link of {expected_path}"
    );
    let current = eval(
        tab,
        "document.querySelector('nav.langs [aria-current]').textContent",
    );
    assert!(!current.is_empty(), "no current language is marked");
}

#[test]
fn language_switcher_leads_to_the_same_page_in_the_other_language() {
    let site = Site::build();
    let chromium = Chromium::launch();
    let (tab, problems) = chromium.tab();

    open(&tab, &site.url(""));
    let title_id = eval(&tab, "document.title");
    switch_language(&tab, "en", "/katalog/en/");
    let title_en = eval(&tab, "document.title");
    assert_ne!(
        title_id, title_en,
        "the English home page has the Indonesian title"
    );
    assert_eq!(eval(&tab, "document.title"), "Blitar Batik Catalogue");
    let skip = eval(&tab, "document.querySelector('.skip').textContent");
    let menu = eval(&tab, "document.querySelector('nav.menu').textContent");
    assert!(
        menu.contains("Workshops") || menu.contains("Events"),
        "the English menu is not in English: {menu:?} (skip link {skip:?})"
    );
    switch_language(&tab, "id", "/katalog/");

    let workshop = site.first_page("workshops");
    open(&tab, &site.url(&workshop));
    let h1_id = eval(&tab, "document.querySelector('h1').textContent");
    let contact_id = eval(&tab, "document.querySelector('#h-contact').textContent");
    switch_language(&tab, "en", &format!("/katalog/en/{workshop}"));
    let h1_en = eval(&tab, "document.querySelector('h1').textContent");
    let contact_en = eval(&tab, "document.querySelector('#h-contact').textContent");
    assert!(!h1_en.is_empty(), "the English workshop page has no h1");
    assert_ne!(
        contact_id, contact_en,
        "the English workshop page's headings are not translated (h1 {h1_id:?} / {h1_en:?})"
    );
    switch_language(&tab, "id", &format!("/katalog/{workshop}"));
    problems.assert_none("switching languages");
}

#[test]
fn axe_finds_no_accessibility_violations() {
    let axe = axe_source();
    let site = Site::build();
    let mut pages = vec![
        String::new(),
        "workshops/".into(),
        site.first_page("workshops"),
        "motifs/".into(),
        site.first_page("motifs"),
        "events/".into(),
        site.first_page("events"),
        "news/".into(),
        site.first_page("news"),
        "about/".into(),
        "pameran-desember/".into(),
        "tags/".into(),
        site.first_page("tags"),
        site.first_page("districts"),
        "404.html".into(),
        "en/".into(),
        format!("en/{}", site.first_page("workshops")),
        format!("en/{}", site.first_page("events")),
    ];
    pages.dedup();

    let chromium = Chromium::launch();
    let (tab, problems) = chromium.tab();
    let mut report = Vec::new();
    let mut total = 0;
    for page in &pages {
        let url = site.url(page);
        open(&tab, &url);
        eval(&tab, &format!("{axe}\n;''"));
        let json = eval(
            &tab,
            r#"axe.run().then(r => JSON.stringify(r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
            }))))"#,
        );
        let violations: Vec<serde_json::Value> = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("axe gave no result on {url}: {e}: {}", short(&json)));
        println!("axe: {} violation(s) on /katalog/{page}", violations.len());
        total += violations.len();
        for v in &violations {
            report.push(format!(
                "/katalog/{page}: {} ({}): {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("")
            ));
            for n in v["nodes"].as_array().into_iter().flatten() {
                report.push(format!(
                    "    at {}: {}",
                    n["target"].as_str().unwrap_or("?"),
                    n["summary"].as_str().unwrap_or("").replace('\n', " ")
                ));
            }
        }
    }
    assert!(
        total == 0,
        "axe found {total} violation(s) on {} pages:\n{}",
        pages.len(),
        report.join("\n")
    );
    problems.assert_none("checking accessibility");
}
