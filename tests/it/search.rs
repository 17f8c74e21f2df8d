//! Search and the catalogue filters: the index files the build writes, and (in headless
//! Chromium, ignored like the other browser tests) what a visitor sees when typing a prefix, a
//! word without its accent, an Indonesian word form or a typo, when combining filters, reloading
//! a filtered address and moving through results with the keyboard.

use std::path::Path;

use crate::browser::{Chromium, axe_source, eval, open};
use crate::support;

/// A copy of the sample catalogue with one accented name, built for and served under
/// `http://127.0.0.1:PORT/katalog/`.
struct Sample {
    base: String,
    _tmp: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable").flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}

impl Sample {
    fn build() -> Sample {
        let tmp = tempfile::Builder::new()
            .prefix("canting-search-")
            .tempdir()
            .expect("tempdir");
        let root = tmp.path().join("site");
        let sample = support::sample_root();
        copy_dir(&sample.join("content"), &root.join("content"));
        copy_dir(&sample.join("themes"), &root.join("themes"));
        std::fs::copy(sample.join("site.yaml"), root.join("site.yaml")).expect("copy");
        let file = root.join("content/workshops/omah-soga-penataran/index.id.md");
        let text = std::fs::read_to_string(&file).expect("readable");
        let text = text.replacen(
            "title: Omah Soga Penataran",
            "title: Omah Sóga Penataran",
            1,
        );
        std::fs::write(&file, text).expect("writable");
        let (port, _server) = support::serve(tmp.path());
        let base = format!("http://127.0.0.1:{port}/katalog/");
        support::build_site_to(&root, &tmp.path().join("katalog"), &["--base-url", &base])
            .assert_success();
        Sample { base, _tmp: tmp }
    }
}

/// Types `query` into the search page's box and waits until the status line answers; the
/// results' titles, in order.
fn type_query(tab: &headless_chrome::browser::tab::Tab, query: &str) -> Vec<String> {
    eval(
        tab,
        &format!(
            r#"(async () => {{
                const input = document.getElementById('q');
                const status = document.getElementById('search-status');
                status.textContent = '';
                input.focus();
                input.value = {query};
                input.dispatchEvent(new Event('input', {{bubbles: true}}));
                for (let i = 0; i < 100 && !status.textContent; i++) await new Promise(r => setTimeout(r, 50));
                return JSON.stringify([...document.querySelectorAll('#search-results .result-title')].map(e => e.textContent));
            }})()"#,
            query = serde_json::to_string(query).expect("json")
        ),
    )
    .pipe(|json| serde_json::from_str(&json).expect("a list of titles"))
}

/// The accessibility violations axe-core finds on the page as it is now, one a line.
fn axe_violations(tab: &headless_chrome::browser::tab::Tab) -> String {
    eval(tab, &format!("{}\n;''", axe_source()));
    eval(
        tab,
        "axe.run().then(r => r.violations.map(v => v.id + ': ' + v.help + ' at ' + \
         v.nodes.map(n => n.target.join(' ')).join(', ')).join('\\n'))",
    )
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl Pipe for String {}

#[test]
#[ignore = "needs Chromium: run `bash tests/run`"]
fn search_finds_prefixes_unaccented_words_word_forms_and_typos() {
    let site = Sample::build();
    let chromium = Chromium::launch();
    let (tab, problems) = chromium.tab();
    open(&tab, &format!("{}search/", site.base));
    let loaded = eval(
        &tab,
        "JSON.stringify(performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.json')))",
    );
    assert_eq!(loaded, "[]", "nothing of the index loads before a search");

    let prefix = type_query(&tab, "kend");
    assert_eq!(
        prefix.first().map(String::as_str),
        Some("Kendi Gandrung"),
        "{prefix:?}"
    );
    let shown = eval(
        &tab,
        "(() => { const r = document.querySelector('#search-results li'); \
         return [r.querySelector('.result-kind').textContent, !!r.querySelector('img'), \
         !!r.querySelector('.result-summary'), r.querySelector('a').pathname].join('|'); })()",
    );
    assert_eq!(
        shown, "Motif|true|true|/katalog/motifs/kendi-gandrung/",
        "kind, thumbnail, summary, link"
    );

    let accent = type_query(&tab, "SOGA");
    assert!(
        accent.iter().any(|t| t == "Omah Sóga Penataran"),
        "{accent:?}"
    );

    let form = type_query(&tab, "membatik");
    assert!(
        form.iter().any(|t| t == "Batik Lintang Kidul"),
        "`membatik` finds a page that says only `batik`: {form:?}"
    );

    let typo = type_query(&tab, "gandrunk");
    assert!(typo.iter().any(|t| t == "Kendi Gandrung"), "{typo:?}");

    let nothing = type_query(&tab, "zzzzqx");
    assert!(nothing.is_empty());
    let url = eval(&tab, "location.search");
    assert_eq!(url, "?q=zzzzqx", "the query is in the address");

    // The keyboard: down from the box into the results, up again, and back to the box.
    type_query(&tab, "batik");
    let focused = |tab: &headless_chrome::browser::tab::Tab| {
        eval(
            tab,
            "(() => { const a = document.activeElement; const li = a.closest('#search-results li'); \
             return li ? String([...li.parentNode.children].indexOf(li)) : a.id; })()",
        )
    };
    tab.press_key("ArrowDown").expect("key");
    assert_eq!(focused(&tab), "0");
    tab.press_key("ArrowDown").expect("key");
    assert_eq!(focused(&tab), "1");
    tab.press_key("ArrowUp").expect("key");
    assert_eq!(focused(&tab), "0");
    tab.press_key("ArrowUp").expect("key");
    assert_eq!(focused(&tab), "q");
    assert_eq!(
        axe_violations(&tab),
        "",
        "the page with its results passes axe"
    );
    problems.assert_none("searching");

    // The English index is its own, under /en/.
    open(&tab, &format!("{}en/search/?q=kend", site.base));
    let english = type_query(&tab, "kend");
    assert!(
        english.iter().any(|t| t.contains("Kendi Gandrung")),
        "{english:?}"
    );
    problems.assert_none("searching in English");
}

#[test]
#[ignore = "needs Chromium: run `bash tests/run`"]
fn filters_combine_show_counts_and_live_in_the_address() {
    let site = Sample::build();
    let chromium = Chromium::launch();
    let (tab, problems) = chromium.tab();
    let listing = format!("{}workshops/", site.base);
    open(&tab, &listing);
    let loaded = eval(
        &tab,
        "String(performance.getEntriesByType('resource').filter(e => e.name.endsWith('.json')).length)",
    );
    assert_eq!(
        loaded, "0",
        "no filter data before the visitor opens the filters"
    );
    let wait = r#"(async () => {
        for (let i = 0; i < 100 && !document.querySelector('.filter-panel input'); i++) await new Promise(r => setTimeout(r, 50));
        for (let i = 0; i < 100 && !(document.querySelector('.filtered') || {}).childElementCount; i++) await new Promise(r => setTimeout(r, 50));
        return '';
    })()"#;
    eval(
        &tab,
        "document.querySelector('details.filters summary').click()",
    );
    eval(&tab, wait);
    let count = eval(
        &tab,
        "document.querySelector('input[name=dye][value=natural]').parentNode.querySelector('.count').textContent",
    );
    assert_eq!(count, "(7)", "seven workshops use natural dyes");
    for (name, value) in [("technique", "tulis"), ("dye", "natural")] {
        eval(
            &tab,
            &format!("document.querySelector('input[name={name}][value={value}]').click()"),
        );
    }
    eval(&tab, wait);
    let view = |tab: &headless_chrome::browser::tab::Tab| {
        eval(
            tab,
            "(async () => { await new Promise(r => setTimeout(r, 300)); \
             return [document.querySelector('.filter-status').textContent, \
             document.querySelectorAll('.filtered .card').length, \
             [...document.querySelectorAll('.filtered .card-title')].map(e => e.textContent).sort().join(',')].join('|'); })()",
        )
    };
    let filtered = view(&tab);
    let hidden = eval(
        &tab,
        "getComputedStyle(document.querySelector('main .cards:not(.filtered)')).display",
    );
    assert_eq!(hidden, "none", "the unfiltered page of the list makes way");
    assert!(filtered.starts_with("6 cocok|6|"), "{filtered}");
    assert!(
        filtered.contains("Omah Sóga Penataran") && !filtered.contains("Lintang Kidul"),
        "{filtered}"
    );
    let search = eval(&tab, "location.search");
    assert_eq!(search, "?technique=tulis&dye=natural");
    assert_eq!(axe_violations(&tab), "", "the filtered listing passes axe");
    problems.assert_none("filtering");

    // The address is the view: opened afresh, it shows the same.
    let (tab, problems) = chromium.tab();
    open(&tab, &format!("{listing}{search}"));
    eval(&tab, wait);
    assert_eq!(
        view(&tab),
        filtered,
        "the shared address shows the same view"
    );
    let checked = eval(
        &tab,
        "[...document.querySelectorAll('.filter-panel input:checked')].map(c => c.name + '=' + c.value).join('&')",
    );
    assert_eq!(checked, "technique=tulis&dye=natural");
    problems.assert_none("opening a filtered address");
}

#[test]
fn the_index_lives_under_the_base_url_and_every_shard_it_names_is_there() {
    let site = support::Fixture::new("two-languages-every-section");
    let build = site.build_ok();
    for (lang, prefix) in [("id", "/katalog/"), ("en", "/katalog/en/")] {
        let page = if lang == "id" {
            "search/index.html".to_string()
        } else {
            "en/search/index.html".to_string()
        };
        let index = build.attr(&page, "form.search-page", "data-index");
        assert_eq!(index, [format!("{prefix}search/")]);
        let folder = page.trim_end_matches("index.html");
        let meta: serde_json::Value =
            serde_json::from_str(&build.read(&format!("{folder}index.json"))).expect("json");
        let shards = meta["shards"].as_array().expect("shards");
        assert!(shards.iter().any(|s| s == "ke"), "{meta}");
        for s in shards {
            let s = s.as_str().expect("name");
            assert!(build.out(&format!("{folder}{s}.json")).is_file(), "{s}");
        }
        let docs: serde_json::Value =
            serde_json::from_str(&build.read(&format!("{folder}docs/0.json"))).expect("json");
        let urls: Vec<&str> = docs
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|d| d[3].as_str())
            .collect();
        assert!(
            !urls.is_empty() && urls.iter().all(|u| u.starts_with(prefix)),
            "{urls:?}"
        );
    }
    // Every page's header has the search form, which leads to the search page of its language.
    assert_eq!(
        build.attr("en/motifs/kawung/index.html", "form.site-search", "action"),
        ["/katalog/en/search/"]
    );
    // A listing with filters names its data; the data's documents are the index's.
    let filters = build.attr("workshops/index.html", "details.filters", "data-filters");
    assert_eq!(filters, ["/katalog/workshops/filters.json"]);
    let data: serde_json::Value =
        serde_json::from_str(&build.read("workshops/filters.json")).expect("json");
    let keys: Vec<&str> = data["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .filter_map(|f| f["key"].as_str())
        .collect();
    assert_eq!(
        keys,
        ["district", "technique", "dye", "motif", "visits", "classes"]
    );
    // Without JavaScript the search page offers a search engine limited to the site.
    let html = build.read("search/index.html");
    assert!(
        html.contains(r#"name="as_sitesearch" value="example.org/katalog""#),
        "the fallback searches the site only"
    );
}

#[test]
fn search_false_leaves_out_the_index_the_box_and_the_filters() {
    let site = support::Fixture::new("two-languages-every-section");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}\nsearch: false\n"));
    let build = site.build_ok();
    assert!(!build.out("search").exists());
    assert!(!build.out("workshops/filters.json").exists());
    assert_eq!(build.count("index.html", "form.site-search"), 0);
    assert_eq!(build.count("workshops/index.html", "details.filters"), 0);
}

#[test]
fn the_preview_serves_the_index_at_its_own_root() {
    let site = support::Fixture::new("two-languages-every-section");
    let server = support::Preview::start(&site.root(), &[], std::time::Duration::from_secs(60));
    let (status, page) = server.get("/en/search/");
    assert_eq!(status, 200);
    assert!(page.contains(r#"data-index="/en/search/""#), "{page}");
    for path in [
        "/en/search/index.json",
        "/search/ke.json",
        "/search/docs/0.json",
        "/workshops/filters.json",
        "/search.js",
    ] {
        assert_eq!(server.get(path).0, 200, "{path}");
    }
}
