//! The browser editor driven for real: Decap CMS (the npm package, not the CDN) in headless
//! Chromium, saving through decap-server into a local git repository that holds a copy of the
//! sample site. A volunteer's two everyday jobs are done through the editor's own forms (a new
//! workshop in both languages with a photo and two motifs; an exhibition's new date), then
//! `canting build` runs on the repository and the new pages, the photo, the motifs' links back
//! and the new date are in the output, without a warning about the files the editor wrote.
//!
//! It also takes the screenshots of the editor for the volunteers' guide
//! (`CANTING_UPDATE_SCREENSHOTS=1` puts them in docs/screenshots/).
//!
//! Needs chromium, node and tests/tools/ (decap-cms, decap-server): ignored under plain
//! `cargo test`; `bash tests/run` installs them and runs it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;

use crate::browser::{self, Chromium, Screen};
use crate::support;

/// A laptop's window for the editor's screenshots.
const LAPTOP: Screen = Screen {
    name: "laptop",
    width: 1280,
    height: 800,
    mobile: false,
};

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("no free port")
        .port()
}

/// decap-server (`MODE=git`: every save is a commit) on the repository; killed when dropped.
struct DecapServer {
    child: Child,
    port: u16,
}

impl DecapServer {
    fn start(repo: &Path) -> DecapServer {
        let tools = support::sample_root().join("tests/tools/node_modules");
        let script = tools.join("decap-server/dist/index.js");
        assert!(
            script.is_file(),
            "decap-server is missing ({}): run `bash tests/run`, which installs it",
            script.display()
        );
        let port = free_port();
        let child = Command::new("node")
            .arg(&script)
            .current_dir(repo)
            .env("MODE", "git")
            .env("GIT_REPO_DIRECTORY", repo)
            .env("PORT", port.to_string())
            .env("BIND_HOST", "127.0.0.1")
            .env("LOG_LEVEL", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs decap-server");
        let server = DecapServer { child, port };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "decap-server did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }
}

impl Drop for DecapServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Relawan",
            "-c",
            "user.email=relawan@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A copy of the sample site as a git repository on branch `main`, with the editor set to Decap
/// CMS loaded from `admin/decap/` (the npm package, linked in by `build`).
fn sample_repository(repo: &Path) {
    let root = support::sample_root();
    std::fs::create_dir_all(repo).expect("mkdir");
    for dir in ["content", "themes"] {
        if root.join(dir).is_dir() {
            support::copy_dir(&root.join(dir), &repo.join(dir));
        }
    }
    let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    std::fs::write(
        repo.join("site.yaml"),
        format!(
            "{yaml}editor:\n  repo: pembatikblitar/katalog\n  branch: main\n  cms: decap\n  \
             script: decap/decap-cms.js\n"
        ),
    )
    .expect("write site.yaml");
    std::fs::write(repo.join(".gitignore"), "/.canting-cache/\n").expect("write .gitignore");
    git(repo, &["init", "-q"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "Katalog"]);
}

/// `canting build` of the repository into `out`; asserts it succeeded.
fn build(repo: &Path, out: &Path) -> support::Build {
    let build = support::build_site_to(repo, out, &[]);
    build.assert_success();
    build
}

/// Points the built editor at decap-server (`local_backend`) and links the npm package's
/// `dist/` in as `admin/decap/`.
fn use_local_backend(out: &Path, server: &DecapServer) {
    let file = out.join("admin/config.yml");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("config.yml")).expect("JSON");
    config["local_backend"] = serde_json::json!({
        "url": format!("http://127.0.0.1:{}/api/v1", server.port),
    });
    std::fs::write(&file, config.to_string()).expect("write config.yml");
    let dist = support::sample_root().join("tests/tools/node_modules/decap-cms/dist");
    assert!(
        dist.join("decap-cms.js").is_file(),
        "decap-cms is missing ({}): run `bash tests/run`, which installs it",
        dist.display()
    );
    std::os::unix::fs::symlink(&dist, out.join("admin/decap")).expect("symlink");
}

/// Runs `js` (which may await) until it returns something other than `""`/`false`/`null`, for
/// at most `secs` seconds; panics saying `what` otherwise.
fn wait_for(tab: &Tab, what: &str, js: &str, secs: u64) -> String {
    let start = Instant::now();
    loop {
        let value = browser::eval(tab, &format!("(async () => {{ {COMMON} {js} }})()"));
        if !matches!(value.as_str(), "" | "false" | "null") {
            return value;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            panic!("{what}: not within {secs} s\n{}", dump(tab));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Runs `js` with the helpers once and returns its value.
fn run(tab: &Tab, js: &str) -> String {
    browser::eval(tab, &format!("(async () => {{ {COMMON} {js} }})()"))
}

/// What the page shows: its headings, labels, buttons and inputs, for a failing test's message.
fn dump(tab: &Tab) -> String {
    run(
        tab,
        "return location.href + '\\n' + [...document.querySelectorAll('h1,h2,h3,label,button,a,input,select,textarea,[role=button]')]
           .filter(visible).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
             + (e.htmlFor ? '[for=' + e.htmlFor + ']' : '') + ' ' + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60).replace(/\\n/g, ' | '))
           .join('\\n') + '\\nMESSAGES: ' + JSON.stringify(document.body.innerText.match(/.{0,80}(rror|equired|must|match|ublish).{0,80}/g));",
    )
}

/// Helpers every script gets.
const COMMON: &str = r#"
const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
const byText = (sel, text) => [...document.querySelectorAll(sel)].filter(visible)
    .filter(e => e.innerText && e.innerText.trim() === text);
"#;

/// A photo as a volunteer's phone would give it: a JPEG of 1200×900.
fn photo(path: &Path) {
    let rgb: Vec<u8> = (0..1200u32 * 900)
        .flat_map(|i| [(i % 1200 / 5) as u8, (i / 1200 / 4) as u8, 90])
        .collect();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode(&rgb, 1200, 900, image::ExtendedColorType::Rgb8)
        .expect("encode JPEG");
    std::fs::write(path, jpeg).expect("write the photo");
}

/// Types `text` into the `nth` field whose id starts with `NAME-field-` (0: Indonesian, 1:
/// English), replacing what it held, as a keyboard would.
fn type_into(tab: &Tab, name: &str, nth: usize, text: &str) {
    wait_for(
        tab,
        &format!("the field {name} #{nth}"),
        &format!(
            "const e = [...document.querySelectorAll('[id^=\"{name}-field-\"]')][{nth}];
             if (!e) return false; e.scrollIntoView({{block: 'center'}}); e.focus(); e.select && e.select();
             return document.activeElement === e;"
        ),
        10,
    );
    tab.send_character(text)
        .unwrap_or_else(|e| panic!("cannot type into {name}: {e:#}"));
}

/// Picks `title` in the `nth` relation field `NAME` (a react-select): types it and chooses the
/// option the CMS offers.
fn pick(tab: &Tab, name: &str, nth: usize, title: &str) {
    type_into(tab, name, nth, title);
    wait_for(
        tab,
        &format!("the option {title} in {name}"),
        &format!(
            "const o = [...document.querySelectorAll('[id*=\"-option-\"]')].filter(visible)
               .find(o => o.innerText.trim() === {title:?});
             if (!o) return false; o.click(); return true;"
        ),
        15,
    );
}

/// Clicks the visible button or link (or ARIA button) whose text is `text`.
fn click(tab: &Tab, text: &str) {
    wait_for(
        tab,
        &format!("the button {text}"),
        &format!(
            "const b = byText('button, a, [role=button], [role=menuitem], span', {text:?})[0];
             if (!b) return false; b.click(); return true;"
        ),
        15,
    );
}

/// Publishes the open entry (Publish → Publish now) and waits for the CMS to say it is saved
/// (decap-server commits it).
fn publish(tab: &Tab) {
    click(tab, "Publish");
    click(tab, "Publish now");
    wait_for(
        tab,
        "the CMS to say the entry is published",
        "return /Entry (saved|published)/.test(document.body.innerText);",
        30,
    );
}

/// Opens a hash route of the editor (`#/collections/…`) and waits for a field named `field`.
fn route(tab: &Tab, hash: &str, field: &str) {
    run(tab, &format!("location.hash = {hash:?}; return '';"));
    wait_for(
        tab,
        &format!("{hash}: the field {field}"),
        &format!("return document.querySelector('[id^=\"{field}-field-\"]') != null;"),
        30,
    );
}

/// The files an `<img>`'s `src` and `srcset` name on a page of the site built for
/// `https://example.org/katalog/` into `out`.
fn images_of(out: &Path, page: &str) -> Vec<PathBuf> {
    let html = std::fs::read_to_string(out.join(page))
        .unwrap_or_else(|e| panic!("{page} is not in the built site: {e}"));
    let doc = scraper::Html::parse_document(&html);
    let img = scraper::Selector::parse("main img, main source").expect("selector");
    let mut files = Vec::new();
    for e in doc.select(&img) {
        let v = e.value();
        let mut urls: Vec<&str> = v.attr("src").into_iter().collect();
        for part in v.attr("srcset").unwrap_or("").split(',') {
            urls.extend(part.split_whitespace().next());
        }
        for url in urls {
            let rel = url
                .strip_prefix("https://example.org/katalog/")
                .or_else(|| url.strip_prefix("/katalog/"))
                .unwrap_or_else(|| panic!("{page}: an image outside the site: {url}"));
            files.push(out.join(rel));
        }
    }
    files
}

#[test]
#[ignore = "needs Chromium: run `bash tests/run`"]
fn a_volunteer_adds_a_workshop_and_moves_an_exhibition_in_decap_cms() {
    let tmp = tempfile::Builder::new()
        .prefix("canting-cms-")
        .tempdir()
        .expect("tempdir");
    let repo = tmp.path().join("katalog");
    let out = tmp.path().join("public");
    sample_repository(&repo);
    build(&repo, &out);
    let server = DecapServer::start(&repo);
    use_local_backend(&out, &server);
    let (port, _http) = support::serve(&out);
    let jpeg = tmp.path().join("kain-cahaya-kelud.jpg");
    photo(&jpeg);

    let chromium = Chromium::launch();
    let (tab, _problems) = chromium.tab();
    // Leaving an entry the CMS counts as changed asks first (`window.confirm`): say yes.
    let weak = Arc::downgrade(&tab);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        if let (Event::PageJavascriptDialogOpening(_), Some(tab)) = (event, weak.upgrade()) {
            let _ = tab.get_dialog().accept(None);
        }
    }))
    .expect("cannot listen to the tab's dialogs");
    browser::emulate_screen_size(&tab, LAPTOP);
    browser::open(&tab, &format!("http://127.0.0.1:{port}/admin/"));
    // With decap-server there is no sign-in: the collections show at once (or after "Login").
    wait_for(
        &tab,
        "the editor's collections",
        "byText('button', 'Login').forEach(b => b.click());
         return document.querySelector('a[href*=\"collections/workshops/entries/\"]') != null;",
        40,
    );
    browser::save_screenshot(&tab, LAPTOP, "editor-list-laptop");

    // A new workshop, in Indonesian and in English.
    route(&tab, "#/collections/workshops/new", "title");
    type_into(&tab, "title", 0, "Batik Cahaya Kelud");
    type_into(&tab, "summary", 0, "Bengkel batik tulis baru di Kanigoro.");
    type_into(&tab, "district", 0, "Kanigoro");
    pick(&tab, "motifs", 0, "Kawung");
    pick(&tab, "motifs", 0, "Kendi Gandrung");
    // The cover: the media library uploads the photo beside the page and chooses it.
    click(&tab, "Choose an image");
    let input = tab
        .wait_for_element("input[type=file]")
        .expect("the media library's file input");
    input
        .set_input_files(&[jpeg.to_str().expect("utf-8 path")])
        .expect("upload the photo");
    click(&tab, "Choose selected");
    wait_for(
        &tab,
        "the chosen cover",
        "return document.body.innerText.includes('Choose different image');",
        20,
    );
    // The English side, once the photo and the motifs have settled in the form.
    std::thread::sleep(Duration::from_secs(1));
    type_into(
        &tab,
        "summary",
        1,
        "A new hand-drawn batik workshop in Kanigoro.",
    );
    type_into(&tab, "district", 1, "Kanigoro");
    type_into(&tab, "title", 1, "Batik Cahaya Kelud");
    run(&tab, "document.activeElement.blur(); return '';");
    browser::save_screenshot(&tab, LAPTOP, "editor-workshop-laptop");
    publish(&tab);

    // An exhibition moves a week later: from the list of exhibitions, as a volunteer goes.
    wait_for(
        &tab,
        "the exhibition in the list",
        "if (!location.hash.startsWith('#/collections/events')) {
           location.hash = '#/collections/events'; return false;
         }
         const a = document.querySelector('a[href$=\"/entries/pameran-batik-desember-2026\"]');
         if (!a) return false; a.click(); return true;",
        30,
    );
    wait_for(
        &tab,
        "the exhibition's form",
        "return [...document.querySelectorAll('[id^=\"start-field-\"]')].some(e => e.value.startsWith('2026-12-05'));",
        30,
    );
    type_into(&tab, "start", 0, "2026-12-12T09:00");
    type_into(&tab, "end", 0, "2026-12-14T21:00");
    for (name, value) in [("start", "2026-12-12T09:00"), ("end", "2026-12-14T21:00")] {
        wait_for(
            &tab,
            &format!("the {name} field to hold {value}"),
            &format!(
                "const e = document.querySelector('[id^=\"{name}-field-\"]');
                 return e != null && e.value === {value:?};"
            ),
            10,
        );
    }
    publish(&tab);
    // Saved means committed with the new date: wait for it before the browser goes.
    let saved = repo.join("content/events/pameran-batik-desember-2026.id.md");
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&saved).is_ok_and(|t| t.contains("2026-12-12")) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the exhibition's new date was not saved to {}",
            saved.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }

    // The editor on a phone.
    browser::emulate_screen_size(&tab, browser::PHONE);
    run(
        &tab,
        "location.hash = '#/collections/workshops'; return '';",
    );
    wait_for(
        &tab,
        "the workshops on a phone",
        "return byText('h2', 'Batik Cahaya Kelud').length > 0;",
        30,
    );
    // The "Entry saved" notices would cover the pictures.
    run(
        &tab,
        "document.querySelectorAll('.Toastify').forEach(e => e.remove()); return '';",
    );
    browser::save_screenshot(&tab, browser::PHONE, "editor-list-phone");
    route(&tab, "#/collections/workshops/new", "title");
    run(
        &tab,
        "document.querySelectorAll('.Toastify').forEach(e => e.remove()); return '';",
    );
    browser::save_screenshot(&tab, browser::PHONE, "editor-workshop-phone");
    drop(tab);
    drop(chromium);
    drop(server);

    // decap-server committed both saves, with the photo beside the new page.
    let log = git(&repo, &["log", "--name-only", "--format=%s", "-2"]);
    for file in [
        "content/workshops/batik-cahaya-kelud/index.id.md",
        "content/workshops/batik-cahaya-kelud/index.en.md",
        "content/workshops/batik-cahaya-kelud/kain-cahaya-kelud.jpg",
        "content/events/pameran-batik-desember-2026.id.md",
        "content/events/pameran-batik-desember-2026.en.md",
    ] {
        assert!(log.contains(file), "{file} is not committed:\n{log}");
    }

    let build = build(&repo, &out);
    // No warning about the files the editor wrote (the sample's own warnings name none).
    support::assert_silent_about(
        &build.stderr,
        &["batik-cahaya-kelud", "pameran-batik-desember"],
    );
    for (lang, prefix, title) in [
        ("id", "", "Batik Cahaya Kelud"),
        ("en", "en/", "Batik Cahaya Kelud"),
    ] {
        let page = format!("{prefix}workshops/batik-cahaya-kelud/index.html");
        let html = std::fs::read_to_string(out.join(&page))
            .unwrap_or_else(|e| panic!("the new workshop in {lang} ({page}): {e}"));
        assert!(html.contains(title), "{page} has no title");
        let images = images_of(&out, &page);
        assert!(!images.is_empty(), "{page} shows no photo");
        for file in images {
            assert!(
                file.is_file(),
                "{page}: {} is not in the output",
                file.display()
            );
        }
        for motif in ["kawung", "kendi-gandrung"] {
            let page = format!("{prefix}motifs/{motif}/index.html");
            let html = std::fs::read_to_string(out.join(&page)).expect("the motif's page");
            assert!(
                html.contains(&format!(
                    "href=\"/katalog/{prefix}workshops/batik-cahaya-kelud/\""
                )),
                "{page} does not link back to the new workshop"
            );
        }
    }
    let event = std::fs::read_to_string(out.join("events/pameran-batik-desember-2026/index.html"))
        .expect("the exhibition's page");
    assert!(
        event.contains("datetime=\"2026-12-12T09:00\"")
            && event.contains("12 Desember 2026, 09.00 – 14 Desember 2026, 21.00"),
        "the exhibition does not show its new date"
    );
    assert!(
        !event.contains("2026-12-05T09:00"),
        "the exhibition shows its old date"
    );
}
