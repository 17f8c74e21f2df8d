//! `canting new` and `canting init`: pages from archetypes in every language, never overwriting,
//! and a new site that builds at once and ships its publishing recipes.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{self, Fixture, build_site, canting};

const NAME: &str = "Batik Émas Sekar Jagad!";
const SLUG: &str = "batik-emas-sekar-jagad";

/// Every field of the content model a page of each kind may have (content model, "Fields").
const COMMON: &[&str] = &[
    "title", "summary", "date", "draft", "slug", "cover", "focus", "images", "tags", "weight",
    "aliases",
];
const KINDS: &[(&str, &str, &[&str])] = &[
    (
        "workshop",
        "workshops",
        &[
            "district",
            "village",
            "address",
            "location",
            "whatsapp",
            "phone",
            "email",
            "instagram",
            "facebook",
            "tiktok",
            "website",
            "marketplace",
            "techniques",
            "dyes",
            "motifs",
            "price_range",
            "opening_hours",
            "founded",
            "accepts_visits",
            "classes",
        ],
    ),
    (
        "motif",
        "motifs",
        &[
            "origin", "meaning", "colors", "elements", "created", "creator",
        ],
    ),
    (
        "event",
        "events",
        &[
            "start",
            "end",
            "venue",
            "address",
            "location",
            "organizer",
            "workshops",
            "registration",
            "free",
            "status",
        ],
    ),
    ("news", "news", &["date", "author"]),
    (
        "page",
        "pages",
        &["layout", "cta", "featured", "campaign", "menu"],
    ),
];

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = canting(args);
    (
        status.code(),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn new(root: &Path, kind: &str, name: &str) -> (Option<i32>, String, String) {
    run(&[
        "new",
        kind,
        name,
        "--root",
        root.to_str().expect("utf-8 path"),
    ])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The front matter of a Markdown file, as YAML.
fn front_matter(text: &str) -> serde_yaml::Value {
    let rest = text.strip_prefix("---\n").expect("starts with ---");
    let end = rest.find("\n---\n").expect("front matter ends");
    serde_yaml::from_str(&rest[..end + 1]).expect("front matter is YAML")
}

/// Whether the front matter names `field`, as a value or as a commented-out example.
fn lists_field(text: &str, field: &str) -> bool {
    let end = text[4..].find("\n---\n").map_or(text.len(), |e| e + 4);
    text[..end].lines().any(|line| {
        let line = line.trim_start_matches('#').trim_start();
        line.strip_prefix(field)
            .is_some_and(|rest| rest.starts_with(':'))
    })
}

#[test]
fn new_creates_every_kind_in_every_language_and_the_site_builds_without_warnings() {
    let site = Fixture::new("home-pages-only");
    let root = site.root();
    for (kind, folder, fields) in KINDS {
        let (code, stdout, stderr) = new(&root, kind, NAME);
        assert_eq!(code, Some(0), "{kind}: {stdout}\n{stderr}");
        for lang in ["id", "en"] {
            let rel = format!("content/{folder}/{SLUG}.{lang}.md");
            assert!(
                stdout.contains(&rel),
                "{kind}: {rel} not named in:\n{stdout}"
            );
            let text = read(&root.join(&rel));
            let front = front_matter(&text);
            assert_eq!(front["title"].as_str(), Some(NAME), "{rel}");
            for field in COMMON.iter().chain(fields.iter()) {
                assert!(lists_field(&text, field), "{rel} does not list `{field}`");
            }
        }
        let files: Vec<_> = std::fs::read_dir(root.join("content").join(folder))
            .expect("section folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 2, "one file per language: {files:?}");
    }
    // Required fields come filled in, with values that pass validation.
    let event = front_matter(&read(&root.join(format!("content/events/{SLUG}.id.md"))));
    assert!(event["start"].as_str().is_some_and(|s| s.len() == 10));
    let news = front_matter(&read(&root.join(format!("content/news/{SLUG}.en.md"))));
    assert!(news["date"].as_str().is_some());

    let build = site.build_ok();
    assert!(
        !build.stderr.contains("warning"),
        "the new pages give warnings:\n{}",
        build.stderr
    );
    for prefix in ["", "en/"] {
        for url in [
            format!("workshops/{SLUG}"),
            format!("motifs/{SLUG}"),
            format!("events/{SLUG}"),
            format!("news/{SLUG}"),
            SLUG.to_string(),
        ] {
            let page = format!("{prefix}{url}/index.html");
            assert!(build.out(&page).is_file(), "{page} was not built");
        }
    }
    assert_checks_clean(&root);
}

#[test]
fn comments_are_in_the_language_of_the_file() {
    let site = Fixture::new("home-pages-only");
    let (code, _, stderr) = new(&site.root(), "workshop", "Batik Kawung");
    assert_eq!(code, Some(0), "{stderr}");
    let id = read(&site.root().join("content/workshops/batik-kawung.id.md"));
    let en = read(&site.root().join("content/workshops/batik-kawung.en.md"));
    assert!(id.contains("# Nama bengkel (wajib)."), "{id}");
    assert!(en.contains("# The workshop's name (required)."), "{en}");
}

#[test]
fn a_second_new_with_the_same_name_changes_nothing_and_says_which_file_exists() {
    let site = Fixture::new("home-pages-only");
    let root = site.root();
    assert_eq!(new(&root, "motif", NAME).0, Some(0));
    let id = root.join(format!("content/motifs/{SLUG}.id.md"));
    std::fs::write(&id, "---\ntitle: Sudah diisi\n---\nIsi relawan.\n").expect("edit");
    let before = support::snapshot(&root.join("content"));

    let (code, stdout, stderr) = new(&root, "motif", "batik emas  sekar jagad");
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains(&format!("content/motifs/{SLUG}.id.md")),
        "{stderr}"
    );
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(stderr.contains("No file was created"), "{stderr}");
    assert_eq!(before, support::snapshot(&root.join("content")));
}

#[test]
fn nothing_is_created_when_one_language_or_a_bundle_exists() {
    let site = Fixture::new("home-pages-only");
    site.write(
        "content/news/kabar-baru.en.md",
        "---\ntitle: News\ndate: 2026-01-01\n---\n",
    );
    let (code, _, stderr) = new(&site.root(), "news", "Kabar Baru");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("content/news/kabar-baru.en.md"), "{stderr}");
    assert!(!site.root().join("content/news/kabar-baru.id.md").exists());

    site.write(
        "content/workshops/sekar-arum/index.id.md",
        "---\ntitle: Sekar Arum\n---\n",
    );
    let (code, _, stderr) = new(&site.root(), "workshop", "Sekar Arum");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        !site
            .root()
            .join("content/workshops/sekar-arum.id.md")
            .exists()
    );
}

#[test]
fn a_name_without_letters_or_digits_is_an_error_with_a_hint() {
    let site = Fixture::new("home-pages-only");
    let before = support::snapshot(&site.root());
    let (code, _, stderr) = new(&site.root(), "workshop", "!!! ★");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("cannot become a file name"), "{stderr}");
    assert!(stderr.contains("help:"), "{stderr}");
    assert_eq!(before, support::snapshot(&site.root()));
}

#[test]
fn new_outside_a_site_says_where_site_yaml_should_be() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = new(dir.path(), "workshop", "Batik Baru");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("site.yaml"), "{stderr}");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn the_site_and_its_theme_may_replace_an_archetype() {
    let site = Fixture::new("home-pages-only");
    site.write(
        "archetypes/motif.md",
        "---\ntitle: {{ title }}\norigin: Blitar ({{ lang }})\n---\n\nMotif {{ name }} milik situs.\n",
    );
    site.write(
        "themes/batik/archetypes/motif.md",
        "---\ntitle: {{ title }}\norigin: theme\n---\n",
    );
    site.write(
        "themes/batik/archetypes/news.md",
        "---\ntitle: {{ title }}\ndate: {{ today }}\nauthor: Tim Tema\n---\n",
    );
    let (code, _, stderr) = new(&site.root(), "motif", "Kendi: \"Gandrung\"");
    assert_eq!(code, Some(0), "{stderr}");
    let text = read(&site.root().join("content/motifs/kendi-gandrung.en.md"));
    assert!(text.contains("origin: Blitar (en)"), "{text}");
    assert!(
        text.contains("Motif Kendi: \"Gandrung\" milik situs."),
        "{text}"
    );
    assert_eq!(
        front_matter(&text)["title"].as_str(),
        Some("Kendi: \"Gandrung\"")
    );

    let (code, _, stderr) = new(&site.root(), "news", "Kabar Tema");
    assert_eq!(code, Some(0), "{stderr}");
    let text = read(&site.root().join("content/news/kabar-tema.id.md"));
    assert!(text.contains("author: Tim Tema"), "{text}");
    site.build_ok();
}

#[test]
fn a_broken_site_archetype_is_named_and_nothing_is_created() {
    let site = Fixture::new("home-pages-only");
    site.write("archetypes/page.md", "---\ntitle: {{ title \n---\n");
    let (code, _, stderr) = new(&site.root(), "page", "Tentang");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("archetypes/page.md"), "{stderr}");
    assert!(!site.root().join("content/pages").exists());
}

#[test]
fn new_speaks_indonesian_and_english() {
    let site = Fixture::new("home-pages-only");
    let root = site.root();
    let root = root.to_str().expect("utf-8");
    let (code, stdout, _) = run(&[
        "--lang",
        "id",
        "new",
        "event",
        "Pameran Satu",
        "--root",
        root,
    ]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("Dibuat:"), "{stdout}");
    assert!(stdout.contains("canting serve"), "{stdout}");
    let (code, stdout, _) = run(&[
        "--lang",
        "en",
        "new",
        "event",
        "Pameran Dua",
        "--root",
        root,
    ]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("Created:"), "{stdout}");
    assert!(stdout.contains("canting serve"), "{stdout}");

    let (code, _, stderr) = run(&[
        "--lang",
        "id",
        "new",
        "event",
        "Pameran Satu",
        "--root",
        root,
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("sudah ada"), "{stderr}");
    assert!(stderr.contains("Tidak ada berkas yang dibuat"), "{stderr}");
}

/// `canting init` into a new folder inside a temporary one.
fn init() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("katalog");
    let (code, stdout, stderr) = run(&["init", site.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("site.yaml"), "{stdout}");
    (dir, site)
}

#[test]
fn init_makes_a_site_that_builds_without_warnings() {
    let (_dir, site) = init();
    for file in [
        "site.yaml",
        "README.md",
        ".gitignore",
        "netlify.toml",
        ".github/workflows/publish.yml",
        "content/_index.id.md",
        "content/_index.en.md",
    ] {
        assert!(site.join(file).is_file(), "{file} is missing");
    }
    for folder in ["workshops", "motifs", "events", "news", "pages"] {
        let pages: Vec<String> = std::fs::read_dir(site.join("content").join(folder))
            .expect("section")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("_index"))
            .collect();
        assert!(
            pages.iter().any(|n| n.ends_with(".id.md"))
                && pages.iter().any(|n| n.ends_with(".en.md")),
            "{folder}: {pages:?}"
        );
    }
    let ignore = read(&site.join(".gitignore"));
    assert!(ignore.lines().any(|l| l == "public/"), "{ignore}");
    assert!(ignore.lines().any(|l| l == ".canting-cache/"), "{ignore}");
    let readme = read(&site.join("README.md"));
    for words in [
        "canting serve",
        "canting check",
        "canting build",
        "Menerbitkan",
        "Serah terima",
        "In English",
        "Cloudflare Pages",
    ] {
        assert!(
            readme.to_lowercase().contains(&words.to_lowercase()),
            "README lacks {words}"
        );
    }

    let build = build_site(&site, &[]);
    build.assert_success();
    assert!(
        !build.stderr.contains("warning"),
        "the new site gives warnings:\n{}",
        build.stderr
    );
    assert_checks_clean(&site);
    // The example exhibition is upcoming, so the home page has something to show.
    assert!(
        build
            .out("events/pameran-batik-blitar/index.html")
            .is_file()
    );
    assert!(build.out("en/workshops/sekar-kelud/index.html").is_file());
    assert!(build.out("tentang/index.html").is_file());
}

#[test]
fn pages_made_with_new_in_an_init_site_build_too() {
    let (_dir, site) = init();
    for (kind, _, _) in KINDS {
        let (code, _, stderr) = new(&site, kind, "Contoh Kedua");
        assert_eq!(code, Some(0), "{kind}: {stderr}");
    }
    let build = build_site(&site, &[]);
    build.assert_success();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    assert_checks_clean(&site);
}

/// `canting check` finds neither errors nor warnings.
fn assert_checks_clean(site: &Path) {
    let root = site.to_str().expect("utf-8");
    let (code, stdout, stderr) = run(&["check", "--root", root, "--format", "json"]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    let findings: serde_json::Value = serde_json::from_str(&stdout).expect("JSON findings");
    assert_eq!(findings["errors"], 0, "{stdout}");
    assert_eq!(findings["warnings"], 0, "{stdout}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("catatan.txt"), "jangan dihapus").expect("write");
    let (code, stdout, stderr) = run(&["init", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains("already holds files"), "{stderr}");
    assert!(!dir.path().join("site.yaml").exists());
    assert_eq!(read(&dir.path().join("catatan.txt")), "jangan dihapus");

    let (code, _, stderr) = run(&["--lang", "id", "init", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("sudah berisi berkas"), "{stderr}");
}

#[test]
fn init_accepts_an_empty_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, stdout, stderr) =
        run(&["--lang", "id", "init", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("Situs baru dibuat"), "{stdout}");
    assert!(dir.path().join("site.yaml").is_file());
}

#[test]
fn the_workflow_builds_for_the_pages_sub_path_on_push_and_every_day() {
    let (_dir, site) = init();
    let text = read(&site.join(".github/workflows/publish.yml"));
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
    let on = &workflow["on"];
    assert!(
        on["push"]["branches"]
            .as_sequence()
            .is_some_and(|b| b.iter().any(|b| b.as_str() == Some("main"))),
        "{on:?}"
    );
    let cron = on["schedule"][0]["cron"]
        .as_str()
        .expect("a daily schedule");
    assert_eq!(cron.split_whitespace().count(), 5);
    assert!(cron.ends_with("* * *"), "daily: {cron}");
    assert!(on.get("workflow_dispatch").is_some());
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(workflow["permissions"]["id-token"].as_str(), Some("write"));
    // Nothing to fill in: a pinned version of canting from a named repository.
    assert_eq!(
        workflow["env"]["CANTING_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert!(
        workflow["env"]["CANTING_REPO"]
            .as_str()
            .is_some_and(|r| r.contains("/canting") && !r.contains("OWNER")),
        "{:?}",
        workflow["env"]
    );
    assert!(!text.contains("FILL IN"), "{text}");

    let steps: Vec<&serde_yaml::Value> = workflow["jobs"]
        .as_mapping()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_sequence().into_iter().flatten())
        .collect();
    let uses = |name: &str| {
        steps
            .iter()
            .copied()
            .filter(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(name)))
            .collect::<Vec<_>>()
    };
    let pages = uses("actions/configure-pages");
    assert_eq!(pages.len(), 1);
    let id = pages[0]["id"].as_str().expect("configure-pages has an id");
    let build = steps
        .iter()
        .copied()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("canting build"))
        })
        .expect("a build step");
    assert_eq!(
        build["env"]["BASE_URL"].as_str(),
        Some(format!("${{{{ steps.{id}.outputs.base_url }}}}").as_str())
    );
    let run = build["run"].as_str().expect("run");
    assert!(run.contains("--base-url \"${BASE_URL%/}/\""), "{run}");
    let download = steps
        .iter()
        .find_map(|s| {
            s["run"]
                .as_str()
                .filter(|r| r.contains("releases/download"))
        })
        .expect("a download step");
    assert!(download.contains("sha256sum -c"), "{download}");
    let install = steps
        .iter()
        .find_map(|s| s["run"].as_str().filter(|r| r.contains("cargo install")))
        .expect("an install step");
    assert!(
        install.contains("--git \"https://github.com/$CANTING_REPO\" --tag \"v$CANTING_VERSION\""),
        "{install}"
    );
    let upload = uses("actions/upload-pages-artifact");
    assert_eq!(upload[0]["with"]["path"].as_str(), Some("public"));
    assert_eq!(uses("actions/deploy-pages").len(), 1);
    let cached: Vec<&str> = uses("actions/cache")
        .iter()
        .filter_map(|s| s["with"]["path"].as_str())
        .collect();
    assert!(
        cached.iter().any(|p| p.contains(".canting-cache")),
        "{cached:?}"
    );
    assert!(
        cached.iter().any(|p| p.contains(".cargo/bin")),
        "{cached:?}"
    );
}

#[test]
fn a_build_for_a_project_sub_path_links_under_it() {
    let (_dir, site) = init();
    let build = build_site(&site, &["--base-url", "https://example.github.io/katalog/"]);
    build.assert_success();
    let mut links = build.attr("index.html", "a[href]", "href");
    links.extend(build.attr("index.html", "link[href]", "href"));
    links.extend(build.attr("index.html", "script[src]", "src"));
    let local: Vec<&String> = links.iter().filter(|l| l.starts_with('/')).collect();
    assert!(local.len() > 5, "{links:?}");
    for link in local {
        assert!(link.starts_with("/katalog/"), "{link} is outside /katalog/");
    }
    let absolute: Vec<&String> = links
        .iter()
        .filter(|l| l.starts_with("https://example.github.io"))
        .collect();
    for link in absolute {
        assert!(
            link.starts_with("https://example.github.io/katalog/"),
            "{link}"
        );
    }
}

#[test]
fn netlify_publishes_public_after_installing_canting() {
    let (_dir, site) = init();
    let text = read(&site.join("netlify.toml"));
    let config: toml::Table = text.parse().expect("netlify.toml is TOML");
    let build = config["build"].as_table().expect("[build]");
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().expect("a build command");
    assert!(
        command.contains("cargo install --locked --git"),
        "{command}"
    );
    assert!(command.contains("canting build --base-url"), "{command}");
    assert!(command.contains("sha256sum -c"), "{command}");
    assert_eq!(
        build["environment"]["CANTING_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert!(
        build["environment"]["CANTING_REPO"]
            .as_str()
            .is_some_and(|r| r.contains("/canting") && !r.contains("OWNER"))
    );
}
