//! The browser editor at `/admin/`: written by every build from the content model's description,
//! never indexed, and its configuration valid for Sveltia CMS (and read the same by Decap CMS).

use std::path::Path;
use std::process::Command;

use crate::support::{self, Fixture};

const EDITOR: &str = "editor:\n  repo: pembatikblitar/katalog\n  branch: main\n";

fn with_editor(settings: &str) -> Fixture {
    let site = Fixture::new("two-languages-every-section");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}{settings}"));
    site
}

fn config(build: &support::Build) -> serde_json::Value {
    serde_json::from_str(&build.read("admin/config.yml")).expect("config.yml is JSON")
}

#[test]
fn every_build_writes_an_editor_that_is_never_indexed() {
    let build = with_editor(EDITOR).build_ok();
    let page = build.read("admin/index.html");
    assert!(page.contains("noindex"), "{page}");
    assert!(page.contains("rel=\"cms-config-url\""), "{page}");
    assert!(page.contains("@sveltia/cms"), "{page}");
    assert!(!build.read("sitemap.xml").contains("admin"));
    // Visitors' pages never load a CMS.
    for file in build.html_files() {
        if !file.starts_with("admin/") {
            let html = build.read(&file);
            assert!(
                !html.contains("sveltia") && !html.contains("decap"),
                "{file}"
            );
        }
    }
    // The fixture's own warnings are about missing translations; `editor:` adds none.
    assert!(!build.stderr.contains("editor"), "{}", build.stderr);
}

#[test]
fn the_collections_follow_the_content_model() {
    let build = with_editor(EDITOR).build_ok();
    let config = config(&build);
    assert_eq!(config["backend"]["repo"], "pembatikblitar/katalog");
    assert_eq!(config["i18n"]["structure"], "multiple_files");
    assert_eq!(config["i18n"]["locales"], serde_json::json!(["id", "en"]));
    let collections = config["collections"].as_array().expect("collections");
    let names: Vec<&str> = collections
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["workshops", "motifs", "events", "news", "pages"]);
    for c in collections {
        let section = canting::model::Section::from_folder(c["name"].as_str().unwrap()).unwrap();
        let fields: Vec<&str> = c["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        let mut described = canting::schema::keys(&section);
        described.push("body");
        assert_eq!(fields, described, "{section:?}");
        assert_eq!(c["path"], "{{slug}}/index");
    }
    let field = |collection: usize, name: &str| -> serde_json::Value {
        collections[collection]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(field(0, "title")["required"], true);
    assert_eq!(field(0, "motifs")["widget"], "relation");
    assert_eq!(field(0, "motifs")["collection"], "motifs");
    assert_eq!(field(0, "motifs")["multiple"], true);
    assert_eq!(field(0, "techniques")["widget"], "select");
    assert_eq!(
        field(0, "whatsapp")["pattern"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(field(0, "cover")["widget"], "image");
    assert_eq!(field(0, "founded")["widget"], "number");
    assert_eq!(field(2, "workshops")["collection"], "workshops");
    assert_eq!(field(2, "status")["options"][1]["value"], "cancelled");
    assert_eq!(field(2, "start")["required"], true);
    // What Decap CMS needs (its browser test in cms.rs found these): a group or a list is
    // `i18n: true` with its parts copied into every language, an optional group's parts are
    // optional, and an event's time may follow a `T` as in the sample.
    assert_eq!(field(0, "location")["i18n"], true);
    assert_eq!(field(0, "location")["fields"][0]["i18n"], "duplicate");
    assert_eq!(field(0, "location")["fields"][0]["required"], false);
    assert_eq!(field(0, "images")["i18n"], true);
    assert_eq!(field(0, "images")["field"]["i18n"], "duplicate");
    assert!(field(0, "images").get("fields").is_none());
    assert_eq!(field(0, "cover")["i18n"], "duplicate");
    let start = field(2, "start")["pattern"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(start.contains("[T ]"), "{start}");
    // Labels and hints are in the site's default language.
    assert_eq!(field(0, "title")["label"], "Nama bengkel");
}

#[test]
fn without_a_repository_the_page_says_what_to_set_and_it_can_be_turned_off() {
    let build = Fixture::new("two-languages-every-section").build_ok();
    let page = build.read("admin/index.html");
    assert!(
        page.contains("site.yaml") && page.contains("repo:"),
        "{page}"
    );
    assert!(!page.contains("<script"), "{page}");
    let off = with_editor("editor:\n  enabled: false\n").build_ok();
    assert!(!off.out("admin/index.html").exists());
    let wrong = with_editor("editor:\n  cms: wordpress\n").build_fails();
    assert!(wrong.contains("wordpress"), "{wrong}");
}

#[test]
#[ignore = "needs tests/tools (ajv, @sveltia/cms): run `bash tests/run`"]
fn the_configuration_validates_against_the_sveltia_cms_schema() {
    let build = with_editor(EDITOR).build_ok();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg(root.join("tests/cms-schema.mjs"))
        .arg(build.out("admin/config.yml"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A page as Decap CMS saves it: fields nobody filled in written as empty values (in the other
/// language's file too), and a page kept as a folder referenced as `<slug>/index`.
#[test]
fn pages_as_the_editor_saves_them_build_without_a_word() {
    let site = Fixture::new("two-languages-every-section");
    let empty = "draft: null\ndate: null\ncover: null\nweight: null\nslug: null\nimages: null\ntags: null\n";
    site.write(
        "content/workshops/baru.id.md",
        &format!(
            "---\ntitle: Batik Baru\nsummary: Dari editor\n{empty}motifs:\n  - kendi-gandrung/index\n  - kawung\n---\nIsi\n"
        ),
    );
    site.write(
        "content/workshops/baru.en.md",
        &format!(
            "---\ntitle: New Batik\nsummary: From the editor\n{empty}motifs:\n  - kendi-gandrung/index\n  - kawung\n---\nText\n"
        ),
    );
    let build = site.build_ok();
    support::assert_silent_about(&build.stderr, &["baru", "null", "kendi-gandrung/index"]);
    for motif in [
        "motifs/kendi-gandrung/index.html",
        "motifs/kawung/index.html",
    ] {
        let links = build.attr(motif, "a[href$='/workshops/baru/']", "href");
        assert!(!links.is_empty(), "{motif} links back to the new workshop");
    }
}
