//! Hostile input: what a careless or malicious file can do to a build. Every case ends in a clear
//! message (a failed build names the file) or a safe site, and never in a panic, a changed site
//! folder, a file written outside the output folder, or a build past its time and memory bounds.
//!
//! The fields attacked are taken from `canting::schema`, so a new field is attacked too: every
//! text field carries script and attribute injection, every URL field dangerous schemes, every
//! field naming a file or a path traversal. Each test counts its cases; `cargo test hostile --
//! --nocapture` prints the counts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use canting::model::Section;
use canting::schema::{self, Field, Type};

use crate::support::Fixture;

/// The site every case starts from: two languages, every section, a photo.
const BASE: &str = "two-languages-every-section";
/// Address space a build may take (debug binary, rayon threads); past it allocation fails.
const MEMORY_CAP: u64 = 2 << 30;
/// Wall time a build of the small fixture may take, even on hostile input.
const TIME_CAP: Duration = Duration::from_secs(90);

/// Everything under `dir` but the output and the cache: each file's bytes, each link's target.
fn tree(dir: &Path, skip: &[PathBuf]) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.path() == s))
        .flatten()
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_path_buf();
            let bytes = if e.path_is_symlink() {
                let target = std::fs::read_link(e.path()).ok()?;
                format!("link → {}", target.display()).into_bytes()
            } else if e.file_type().is_file() {
                std::fs::read(e.path()).ok()?
            } else {
                b"folder".to_vec()
            };
            Some((rel, bytes))
        })
        .collect()
}

/// What a hostile build ended in.
struct Outcome {
    code: Option<i32>,
    stderr: String,
    output: PathBuf,
}

impl Outcome {
    fn built(&self) -> bool {
        self.code == Some(0)
    }
}

/// Builds `f` into `out` as [`run`] does, and a failed build must name the file and what to do.
#[track_caller]
fn attack(case: &str, f: &Fixture, out: &Path) -> Outcome {
    let outcome = run(case, f, out);
    if outcome.code == Some(1) {
        assert!(
            outcome.stderr.contains("-->") && outcome.stderr.contains("help:"),
            "{case}: a failed build names the file and what to do\n{}",
            outcome.stderr
        );
    }
    outcome
}

/// Builds `f` into `out` with the real binary under the time and memory caps, and checks what
/// every hostile case must hold. Returns the outcome for the case's own checks.
#[track_caller]
fn run(case: &str, f: &Fixture, out: &Path) -> Outcome {
    let outside = f.root().parent().expect("temporary folder").to_path_buf();
    let skip = [out.to_path_buf(), f.root().join(".canting-cache")];
    let before = tree(&outside, &skip);
    let started = Instant::now();
    let result = Command::new("prlimit")
        .arg(format!("--as={MEMORY_CAP}"))
        .args(["--", "timeout", "-s", "KILL"])
        .arg(TIME_CAP.as_secs().to_string())
        .arg(env!("CARGO_BIN_EXE_canting"))
        .args(["build", "--root"])
        .arg(f.root())
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .expect("prlimit and timeout run canting");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    let code = result.status.code();
    assert!(
        took < TIME_CAP && code.is_some(),
        "{case}: killed or past {TIME_CAP:?} ({took:?}, exit {code:?})\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation"),
        "{case}: crashed\n{stderr}"
    );
    assert!(
        matches!(code, Some(0 | 1)),
        "{case}: exit {code:?}\n{stderr}"
    );
    let after = tree(&outside, &skip);
    let changed: Vec<_> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(b))
        .map(|(p, _)| p)
        .chain(before.keys().filter(|p| !after.contains_key(*p)))
        .collect();
    assert!(
        changed.is_empty(),
        "{case}: files changed outside the output folder: {changed:?}"
    );
    Outcome {
        code,
        stderr,
        output: out.to_path_buf(),
    }
}

/// Builds `f` into its usual `public/`.
#[track_caller]
fn attack_site(case: &str, f: &Fixture) -> Outcome {
    attack(case, f, &f.output())
}

/// Every output file's text (lossy), by path under the output.
fn outputs(out: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
            matches!(
                ext,
                "html" | "xml" | "ics" | "csv" | "json" | "yml" | "txt" | "js" | "webmanifest"
            )
        })
        .map(|e| {
            let rel = e.path().strip_prefix(out).expect("inside").to_path_buf();
            (
                rel,
                String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")).into_owned(),
            )
        })
        .collect()
}

/// A field of a section's pages, found through groups: where it sits and what it holds.
struct Leaf {
    section: Section,
    /// The group holding it (`price_range`), and whether that is a list of groups.
    parent: Option<(&'static str, bool)>,
    name: &'static str,
    ty: Type,
    /// The other fields of its group, with harmless values, so the group is complete.
    siblings: Vec<(&'static str, String)>,
}

impl Leaf {
    /// Front-matter lines setting this field to `value` (already YAML), nested as the schema
    /// nests it.
    fn set(&self, value: &str) -> String {
        let Some((parent, list)) = self.parent else {
            return format!("{}: {value}\n", self.name);
        };
        let mut lines = vec![format!("{}: {value}", self.name)];
        lines.extend(self.siblings.iter().map(|(n, v)| format!("{n}: {v}")));
        let (first, rest) = if list { ("  - ", "    ") } else { ("  ", "  ") };
        let mut out = format!("{parent}:\n");
        for (i, l) in lines.iter().enumerate() {
            out.push_str(if i == 0 { first } else { rest });
            out.push_str(l);
            out.push('\n');
        }
        out
    }
}

/// A harmless value for a field, from its example.
fn harmless(f: &Field) -> String {
    match f.example {
        schema::Example::Yaml(v) => v.to_string(),
        _ => "Aman".to_string(),
    }
}

/// Every field (nested ones too) of every section's pages, from the schema.
fn leaves() -> Vec<Leaf> {
    let mut out = Vec::new();
    for section in schema::SECTIONS {
        for f in schema::fields(&section) {
            let (inner, list) = match f.ty {
                Type::Group(inner) => (inner, false),
                Type::GroupList(inner) => (inner, true),
                ty => {
                    out.push(Leaf {
                        section: section.clone(),
                        parent: None,
                        name: f.name,
                        ty,
                        siblings: Vec::new(),
                    });
                    continue;
                }
            };
            for g in inner {
                out.push(Leaf {
                    section: section.clone(),
                    parent: Some((f.name, list)),
                    name: g.name,
                    ty: g.ty,
                    siblings: inner
                        .iter()
                        // A call to action takes a WhatsApp number or an address, not both.
                        .filter(|o| o.name != g.name && o.ty != Type::Phone)
                        .map(|o| (o.name, harmless(o)))
                        .collect(),
                });
            }
        }
    }
    out
}

/// The fields of `section` whose type `pick` accepts.
fn leaves_of(section: &Section, pick: impl Fn(&Type) -> bool) -> Vec<Leaf> {
    leaves()
        .into_iter()
        .filter(|l| &l.section == section && pick(&l.ty))
        .collect()
}

/// A YAML double-quoted string holding `text` exactly.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string")
}

/// A page of `section` with only its required fields (valid) and `extra` front-matter lines.
fn page(section: &Section, extra: &str, body: &str) -> String {
    let mut front = String::new();
    for f in schema::fields(section).into_iter().filter(|f| f.required) {
        if extra
            .lines()
            .any(|l| l.starts_with(&format!("{}:", f.name)))
        {
            continue;
        }
        let value = match f.ty {
            Type::Date | Type::DateTime => "2027-01-15",
            _ => "Serangan",
        };
        front.push_str(&format!("{}: {value}\n", f.name));
    }
    format!("---\n{front}{extra}---\n{body}\n")
}

/// The page file a section's hostile page is written to.
fn page_file(section: &Section) -> String {
    format!("content/{}/serangan.id.md", section.folder())
}

/// A copy of the base site with one hostile page per section, each setting the fields `pick`
/// accepts to `value`; returns the site and the number of fields set.
fn every_field(
    pick: impl Fn(&Type) -> bool,
    value: impl Fn(&Type) -> String,
    body: &str,
) -> (Fixture, usize) {
    let f = Fixture::new(BASE);
    let mut count = 0;
    for section in schema::SECTIONS {
        let mut front = String::new();
        for leaf in leaves_of(&section, &pick) {
            front.push_str(&leaf.set(&value(&leaf.ty)));
            count += 1;
        }
        f.write(&page_file(&section), &page(&section, &front, body));
    }
    (f, count)
}

/// What a published file must never hold, whatever the input: a script or event handler that
/// came from content, a dangerous link, JSON-LD or XML that no longer parses, a calendar line
/// that content added, a CSV row of the wrong width, a CMS configuration that is not YAML.
#[track_caller]
fn assert_safe(case: &str, out: &Path) {
    let danger = |value: &str| {
        let v: String = value
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text")
    };
    for (rel, text) in outputs(out) {
        let file = format!("{case}: {}", rel.display());
        match rel.extension().and_then(|x| x.to_str()).unwrap_or("") {
            "html" => {
                assert!(
                    !text.contains("<script>alert"),
                    "{file}: a script from content"
                );
                let doc = scraper::Html::parse_document(&text);
                for el in doc
                    .root_element()
                    .descendants()
                    .filter_map(scraper::ElementRef::wrap)
                {
                    let v = el.value();
                    if v.name() == "script" {
                        let inner: String = el.text().collect();
                        // Data in a script (JSON-LD, the search index) may hold the text, as
                        // long as it is still data: the element parses whole.
                        if v.attr("type").is_some_and(|t| t.contains("json")) {
                            serde_json::from_str::<serde_json::Value>(&inner)
                                .unwrap_or_else(|e| panic!("{file}: JSON broken: {e}\n{inner}"));
                        } else {
                            assert!(
                                !inner.contains("alert("),
                                "{file}: script from content: {inner}"
                            );
                        }
                    }
                    assert!(
                        v.name() != "img" || v.attr("src") != Some("x"),
                        "{file}: injected <img>"
                    );
                    for (name, value) in v.attrs() {
                        assert!(
                            !(name.starts_with("on") && value.contains("alert(")),
                            "{file}: injected {name}={value}"
                        );
                        assert!(!danger(value), "{file}: {name}={value}");
                    }
                }
            }
            "xml" => {
                roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{file}: not XML: {e}"));
            }
            "ics" => {
                let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
                assert!(
                    !unfolded
                        .lines()
                        .any(|l| l.to_ascii_uppercase().starts_with("X-INJ")),
                    "{file}: a calendar line from content"
                );
            }
            "csv" => {
                for row in csv::Reader::from_reader(text.as_bytes()).records() {
                    row.unwrap_or_else(|e| panic!("{file}: CSV broken: {e}"));
                }
            }
            "json" | "webmanifest" => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{file}: JSON broken: {e}"));
            }
            "yml" => {
                serde_yaml::from_str::<serde_yaml::Value>(&text)
                    .unwrap_or_else(|e| panic!("{file}: YAML broken: {e}"));
            }
            _ => {}
        }
    }
}

/// Script and attribute injection, with the characters that end HTML, XML, JSON, YAML, CSV and
/// template syntax.
const INJECTION: &str = "Aman\"'><script>alert(1)</script><img src=x onerror=alert(2)></title></textarea>]]>--><!--{{ 7*7 }}{% if %}, \"=1+1\";\\";

fn is_text(ty: &Type) -> bool {
    matches!(ty, Type::Text | Type::LongText | Type::TextList)
}

fn as_value(ty: &Type, text: &str) -> String {
    match ty {
        Type::TextList | Type::Photos | Type::Paths | Type::References(_) | Type::Featured(_) => {
            format!("[{}]", quoted(text))
        }
        _ => quoted(text),
    }
}

/// site.yaml of the base site with its text settings replaced by `text`.
fn hostile_settings(f: &Fixture, text: &str) {
    let site = std::fs::read_to_string(f.root().join("site.yaml")).expect("site.yaml");
    let q = quoted(text);
    let site = site
        .replace("title: Katalog Uji\n", &format!("title: {q}\n"))
        .replace(
            "name: Asosiasi Uji",
            &format!("name: {q}\naddress: {q}").replace("\naddress", "\n  address"),
        )
        .replace("title: Test Catalogue", &format!("title: {q}"));
    f.write("site.yaml", &site);
}

#[test]
fn script_and_attribute_injection_in_every_text_field_stays_text() {
    let mut cases = 0;
    for (name, text) in [
        ("markup", INJECTION.to_string()),
        (
            "line breaks",
            format!("Aman\r\nX-INJ: 1\nBEGIN:VEVENT\r\n{INJECTION}"),
        ),
    ] {
        let (f, n) = every_field(is_text, |ty| as_value(ty, &text), "Isi.");
        hostile_settings(&f, &text);
        let outcome = attack_site(name, &f);
        cases += n + 4;
        if name == "line breaks" && !outcome.built() {
            // `facebook` takes a link when the text has a colon: that one is refused, by name.
            assert!(
                outcome.stderr.contains("(field `facebook`)"),
                "{}",
                outcome.stderr
            );
            let (f, _) = every_field(is_text, |ty| as_value(ty, &text.replace(':', "=")), "Isi.");
            hostile_settings(&f, &text);
            let outcome = attack_site(name, &f);
            assert!(outcome.built(), "{name}: {}", outcome.stderr);
            assert_safe(name, &outcome.output);
            continue;
        }
        assert!(
            outcome.built(),
            "{name}: text is never a reason to fail\n{}",
            outcome.stderr
        );
        assert_safe(name, &outcome.output);
        // The text is shown as written, on the page of each section.
        for section in schema::SECTIONS {
            let page = outcome
                .output
                .join(format!("{}/serangan/index.html", section.folder()));
            let page = if page.exists() {
                page
            } else {
                outcome.output.join("serangan/index.html")
            };
            let html = std::fs::read_to_string(&page).expect("the hostile page is built");
            assert!(
                html.contains("&lt;script&gt;alert(1)"),
                "{name}: {section:?}"
            );
        }
    }
    eprintln!("hostile: text injection, {cases} cases");
}

/// Links that run code or carry a document of their own, as typed or disguised.
const SCHEMES: [&str; 7] = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
];

#[test]
fn dangerous_link_schemes_in_every_url_field_are_refused_by_name() {
    let mut cases = 0;
    for scheme in SCHEMES {
        let (f, n) = every_field(|ty| *ty == Type::Url, |ty| as_value(ty, scheme), "Isi.");
        let outcome = attack_site(scheme, &f);
        assert!(!outcome.built(), "{scheme}: published");
        for section in schema::SECTIONS {
            if !leaves_of(&section, |ty| *ty == Type::Url).is_empty() {
                assert!(
                    outcome.stderr.contains(&page_file(&section)),
                    "{scheme}: {section:?} not named\n{}",
                    outcome.stderr
                );
            }
        }
        cases += n;
    }
    eprintln!("hostile: link schemes in URL fields, {cases} cases");
}

#[test]
fn dangerous_links_in_markdown_never_reach_a_page() {
    let mut cases = 0;
    for scheme in SCHEMES {
        let body = format!(
            "[a]({s}) ![b]({s}) <{s}>\n\n[c][ref] ![d][ref]\n\n[ref]: {s}\n\n\
             <a href=\"{s}\">e</a> <img src=\"{s}\"> <iframe src=\"{s}\"></iframe>\n",
            s = scheme.replace(' ', "%20")
        );
        let f = Fixture::new(BASE);
        f.write(
            "content/news/serangan.id.md",
            &page(&Section::News, "", &body),
        );
        let outcome = attack_site(scheme, &f);
        if outcome.built() {
            assert_safe(scheme, &outcome.output);
        } else {
            assert!(
                outcome.stderr.contains("content/news/serangan.id.md:"),
                "{}",
                outcome.stderr
            );
        }
        cases += 8;
    }
    eprintln!("hostile: link schemes in Markdown, {cases} cases");
}

/// Values that try to leave the site's folders or the output folder.
const TRAVERSALS: [&str; 7] = [
    "../../../../../../../../tmp/canting-hostile/x.jpg",
    "/../../../../../../../../tmp/canting-hostile/",
    "..\\..\\..\\..\\canting-hostile\\x.jpg",
    "/etc/passwd",
    "%2e%2e/%2e%2e/%2e%2e/canting-hostile/",
    "foto/../../../../../../../../../tmp/canting-hostile/index",
    "/w/../../../../../../../../tmp/canting-hostile/",
];

/// Fields that name a file, a folder or an address: photos, slugs, old addresses, references.
fn names_a_path(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Photo
            | Type::Photos
            | Type::Slug
            | Type::Paths
            | Type::Reference(_)
            | Type::References(_)
            | Type::Featured(_)
    )
}

#[test]
fn path_traversal_in_every_field_that_names_a_file_stays_inside() {
    let mut cases = 0;
    let escape = Path::new("/tmp/canting-hostile");
    for value in TRAVERSALS {
        let (f, n) = every_field(
            names_a_path,
            |ty| as_value(ty, value),
            "![x](../../../../etc/passwd)",
        );
        let outcome = attack_site(value, &f);
        assert!(!escape.exists(), "{value}: wrote {}", escape.display());
        if outcome.built() {
            assert_safe(value, &outcome.output);
            for (rel, text) in outputs(&outcome.output) {
                assert!(
                    !text.contains("root:x:0:0"),
                    "{value}: /etc/passwd in {}",
                    rel.display()
                );
            }
        }
        cases += n + 1;
    }
    eprintln!("hostile: path traversal, {cases} cases");
}

/// A front matter whose `title` is `value` (YAML as written) on a news page.
fn news_with(front: &str, body: &str) -> String {
    format!("---\n{front}\ndate: 2027-01-15\n---\n{body}\n")
}

/// Nine levels of nine aliases: a billion `lol`s if expanded.
fn billion_laughs() -> String {
    let mut y = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = format!("*a{}", i - 1);
        y.push_str(&format!("a{i}: &a{i} [{}]\n", vec![p; 9].join(", ")));
    }
    y
}

#[test]
#[ignore = "minutes of builds: run by the CI's hostile step (`-- --ignored hostile::`)"]
fn yaml_bombs_end_in_a_message() {
    let deep_flow = format!("title: {}x{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_map = format!("title: {}x{}", "{a: ".repeat(50_000), "}".repeat(50_000));
    let deep_block: String = (0..3_000)
        .map(|i| format!("{}k:\n", "  ".repeat(i)))
        .collect();
    let laughs = billion_laughs();
    let cases: Vec<(&str, String, String)> = vec![
        (
            "deep list",
            "content/news/bom.id.md".into(),
            news_with(&deep_flow, ""),
        ),
        (
            "deep groups",
            "content/news/bom.id.md".into(),
            news_with(&deep_map, ""),
        ),
        (
            "deep block",
            "content/news/bom.id.md".into(),
            news_with(&format!("title: A\n{deep_block}"), ""),
        ),
        (
            "aliases",
            "content/news/bom.id.md".into(),
            news_with(&format!("title: A\n{laughs}tags: *a9"), ""),
        ),
        (
            "aliases as text",
            "content/news/bom.id.md".into(),
            news_with(&format!("{laughs}title: *a9"), ""),
        ),
        (
            "site aliases",
            "site.yaml".into(),
            format!("{laughs}title: *a9\nbase_url: https://example.org/\n"),
        ),
        (
            "site deep",
            "site.yaml".into(),
            format!("base_url: https://example.org/\nextra: {deep_flow}\n"),
        ),
        (
            "site deep block",
            "site.yaml".into(),
            format!(
                "base_url: https://example.org/\nextra:\n{}",
                deep_block
                    .lines()
                    .map(|l| format!("  {l}\n"))
                    .collect::<String>()
            ),
        ),
        (
            "many keys",
            "content/news/bom.id.md".into(),
            news_with(
                &format!(
                    "title: A\n{}",
                    (0..20_000)
                        .map(|i| format!("k{i}: {i}\n"))
                        .collect::<String>()
                ),
                "",
            ),
        ),
    ];
    let count = cases.len();
    for (case, file, text) in cases {
        let f = Fixture::new(BASE);
        f.write(&file, &text);
        let outcome = attack_site(case, &f);
        if !outcome.built() {
            assert!(
                outcome.stderr.contains(&file),
                "{case}:\n{}",
                outcome.stderr
            );
        }
    }
    eprintln!("hostile: YAML bombs, {count} cases");
}

#[test]
#[ignore = "minutes of builds: run by the CI's hostile step (`-- --ignored hostile::`)"]
fn huge_fields_and_bodies_are_built_or_refused_in_bounds() {
    let big = "Batik tulis Blitar. ".repeat(50_000); // 1 MB
    let cases: Vec<(&str, String)> = vec![
        (
            "huge title",
            news_with(&format!("title: {}", quoted(&big)), "Isi."),
        ),
        (
            "huge summary",
            news_with(&format!("title: A\nsummary: {}", quoted(&big)), "Isi."),
        ),
        (
            "huge tag list",
            news_with(
                &format!(
                    "title: A\ntags: [{}]",
                    (0..60)
                        .map(|i| format!("t{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "",
            ),
        ),
        ("huge body", news_with("title: A", &big.repeat(4))),
        ("huge line", news_with("title: A", &"x".repeat(4_000_000))),
        (
            "many links",
            news_with("title: A", &"[a](https://example.org/) ".repeat(100_000)),
        ),
        (
            "deep quotes",
            news_with("title: A", &format!("{}x", "> ".repeat(50_000))),
        ),
        (
            "deep lists",
            news_with(
                "title: A",
                &(0..5_000)
                    .map(|i| format!("{}- x\n", "  ".repeat(i)))
                    .collect::<String>(),
            ),
        ),
        (
            "many emphasis",
            news_with("title: A", &"*a **b ".repeat(100_000)),
        ),
        (
            "many headings",
            news_with("title: A", &"## Sama\n\n".repeat(20_000)),
        ),
    ];
    let count = cases.len();
    for (case, text) in cases {
        let f = Fixture::new(BASE);
        f.write("content/news/besar.id.md", &text);
        let outcome = attack_site(case, &f);
        if outcome.built() {
            assert_safe(case, &outcome.output);
        }
    }
    eprintln!("hostile: huge fields and bodies, {count} cases");
}

#[test]
fn invalid_text_and_nul_bytes_end_in_a_message() {
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "invalid UTF-8 in front matter",
            "content/news/rusak.id.md",
            b"---\ntitle: A\xff\xfe\ndate: 2027-01-15\n---\nIsi\n".to_vec(),
        ),
        (
            "invalid UTF-8 in body",
            "content/news/rusak.id.md",
            b"---\ntitle: A\ndate: 2027-01-15\n---\nIsi \xc3\x28\n".to_vec(),
        ),
        (
            "UTF-16 file",
            "content/news/rusak.id.md",
            "\u{feff}---\ntitle: A\n---\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
        (
            "NUL in title",
            "content/news/rusak.id.md",
            b"---\ntitle: A\0B\ndate: 2027-01-15\n---\nIsi\n".to_vec(),
        ),
        (
            "NUL in quoted title",
            "content/news/rusak.id.md",
            b"---\ntitle: \"A\\0B\"\ndate: 2027-01-15\n---\nIsi\n".to_vec(),
        ),
        (
            "NUL in body",
            "content/news/rusak.id.md",
            b"---\ntitle: A\ndate: 2027-01-15\n---\nIsi\0\0\n".to_vec(),
        ),
        (
            "binary page",
            "content/news/rusak.id.md",
            (0..=255u8).cycle().take(100_000).collect(),
        ),
        (
            "invalid UTF-8 in site.yaml",
            "site.yaml",
            b"title: Katalog \xff\nbase_url: https://example.org/\n".to_vec(),
        ),
        (
            "NUL in site.yaml",
            "site.yaml",
            b"title: \"K\\0\"\nbase_url: https://example.org/\n".to_vec(),
        ),
        (
            "invalid UTF-8 in the theme's words",
            "themes/batik/i18n/id.yaml",
            b"home: Beranda \xff\n".to_vec(),
        ),
        (
            "photo that is not a photo",
            "content/workshops/sekar/cover.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xff\xff\xff".to_vec(),
        ),
        (
            "empty photo",
            "content/workshops/sekar/cover.png",
            Vec::new(),
        ),
    ];
    let count = cases.len() + 1;
    for (case, file, bytes) in cases {
        let f = Fixture::new(BASE);
        f.write_bytes(file, &bytes);
        let outcome = attack_site(case, &f);
        if outcome.built() {
            assert_safe(case, &outcome.output);
        } else {
            assert!(outcome.stderr.contains(file), "{case}:\n{}", outcome.stderr);
        }
    }
    // A file name that is not text.
    let f = Fixture::new(BASE);
    let name =
        <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"content/news/r\xffk.id.md");
    std::fs::write(f.root().join(name), news_with("title: A", "Isi")).expect("write");
    attack_site("file name not text", &f);
    eprintln!("hostile: invalid text and NUL bytes, {count} cases");
}

#[test]
fn symlinks_out_of_the_site_and_loops_publish_nothing_from_outside() {
    const SECRET: &str = "/etc/passwd";
    let secret = SECRET;
    type Setup = fn(&Path);
    let cases: Vec<(&str, Setup)> = vec![
        ("page linked to a file outside", |r| {
            link(SECRET, &r.join("content/news/rahasia-luar.id.md"))
        }),
        ("photo linked to a file outside", |r| {
            std::fs::remove_file(r.join("content/workshops/sekar/cover.png")).expect("rm");
            link(SECRET, &r.join("content/workshops/sekar/cover.png"));
        }),
        ("folder linked outside", |r| {
            link("/etc", &r.join("content/luar"))
        }),
        ("folder linked to its parent", |r| {
            link("..", &r.join("content/news/loop"))
        }),
        ("link to itself", |r| {
            link("diri", &r.join("content/news/diri"))
        }),
        ("two links in a circle", |r| {
            link("b", &r.join("content/a"));
            link("a", &r.join("content/b"));
        }),
        ("site.yaml linked outside", |r| {
            std::fs::remove_file(r.join("site.yaml")).expect("rm");
            link("/etc/hostname", &r.join("site.yaml"));
        }),
        ("theme linked outside", |r| link("/etc", &r.join("themes"))),
        ("page linked to a page inside", |r| {
            link("kabar.id.md", &r.join("content/news/salinan.id.md"));
        }),
    ];
    let count = cases.len();
    for (case, setup) in cases {
        let f = Fixture::new(BASE);
        setup(&f.root());
        let outcome = run(case, &f, &f.output());
        assert!(matches!(outcome.code, Some(0 | 1)), "{case}");
        if outcome.built() {
            for (rel, text) in outputs(&outcome.output) {
                assert!(
                    !text.contains("root:x:0:0"),
                    "{case}: {secret} in {}",
                    rel.display()
                );
            }
        }
    }
    eprintln!("hostile: symlinks, {count} cases");
}

fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

#[test]
fn an_output_folder_that_holds_the_site_is_refused() {
    let f = Fixture::new(BASE);
    let root = f.root();
    let to_content = root.parent().expect("tmp").join("ke-content");
    link(root.join("content").to_str().expect("utf-8"), &to_content);
    let outs = [
        root.join("content"),
        root.clone(),
        root.parent().expect("tmp").to_path_buf(),
        root.join("content/news"),
        root.join("content/workshops/sekar"),
        root.join("site.yaml"),
        to_content,
        root.join("content/../content"),
    ];
    for out in &outs {
        let case = format!("--output {}", out.display());
        let outcome = run(&case, &f, out);
        assert!(!outcome.built(), "{case}: built into the site's own files");
        assert!(
            outcome.stderr.contains("output") || outcome.stderr.contains("hasil"),
            "{case}: {}",
            outcome.stderr
        );
    }
    eprintln!("hostile: output folders, {} cases", outs.len());
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output() {
    let f = Fixture::new(BASE);
    let out = f.output();
    let started = Instant::now();
    attack_site("first build", &f);
    let took = started.elapsed();
    let before = tree(&out, &[]);
    f.write(
        "content/news/kabar.id.md",
        "---\ntitle: Kabar baru\ndate: 2026-11-02\n---\nBaru.\n",
    );
    let mut newer = Vec::new();
    let kills = 12;
    for i in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_canting"))
            .args(["build", "--root"])
            .arg(f.root())
            .arg("--output")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("canting starts");
        // Spread over the whole build, the first kill at once, the last near its end.
        std::thread::sleep(took.mul_f64(0.7 * f64::from(i) / f64::from(kills)));
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&out, &[]);
        if now != before {
            newer.push(now);
        }
    }
    attack_site("build after the kills", &f);
    let after = tree(&out, &[]);
    // A build that was killed after its swap left a whole new site: the same files as a build
    // that ran to its end (dates of the build itself may differ).
    for n in &newer {
        assert!(
            n.keys().eq(after.keys()),
            "a killed build left a partial output"
        );
    }
    let parent = out.parent().expect("parent");
    let left: Vec<_> = std::fs::read_dir(parent)
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("public.canting-"))
        .collect();
    assert!(left.is_empty(), "left beside the output: {left:?}");
    eprintln!(
        "hostile: killed builds, {kills} cases ({} ended after the swap)",
        newer.len()
    );
}
