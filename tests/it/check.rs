//! `canting check`: everything a build refuses, and the mistakes a build lets through, reported
//! with their file and line, as text or JSON, without writing anything.

use std::path::Path;

use crate::support::{Fixture, assert_mentions, canting, sample_root, snapshot, with};

/// What one run of `canting check` printed.
struct Checked {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Checked {
    /// The count line at the end of the text output.
    fn summary(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
}

fn check_root(root: &Path, args: &[&str]) -> Checked {
    let mut all = vec!["check", "--root", root.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    let out = canting(&all);
    let checked = Checked {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!checked.stderr.contains("panicked"), "{}", checked.stderr);
    checked
}

fn check(f: &Fixture, args: &[&str]) -> Checked {
    check_root(&f.root(), args)
}

/// `check --format json`, parsed.
fn json(f: &Fixture) -> (Option<i32>, serde_json::Value) {
    let c = check(f, &["--format", "json"]);
    let value = serde_json::from_str(&c.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", c.stdout, c.stderr));
    (c.code, value)
}

const SEKAR_ID: &str = "content/workshops/sekar/index.id.md";

/// The Indonesian workshop page with its front matter lines replaced by `front`.
fn sekar(front: &str, body: &str) -> Fixture {
    with(
        "nothing-for-check-to-report",
        SEKAR_ID,
        &format!("---\ntitle: Batik Sekar\ncover: cover.png\n{front}---\n{body}"),
    )
}

#[test]
fn a_clean_site_has_nothing_to_report() {
    let c = check(&Fixture::new("nothing-for-check-to-report"), &[]);
    assert_eq!(c.code, Some(0), "{}\n{}", c.stdout, c.stderr);
    assert_eq!(c.summary(), "Errors: 0, warnings: 0.", "{}", c.stdout);
    assert!(
        c.stdout
            .contains("Every page exists in every language of the site."),
        "{}",
        c.stdout
    );
    assert!(c.stderr.trim().is_empty(), "{}", c.stderr);
}

#[test]
fn a_link_to_a_missing_heading_is_a_warning_with_the_closest_heading() {
    let f = sekar(
        "",
        "## Cerita\n\nLihat [kawung](../../motifs/kawung.id.md#makn).\n",
    );
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(0), "{}", c.stderr);
    assert_mentions(
        &c.stderr,
        &[
            &format!("{SEKAR_ID}:7"),
            "`../../motifs/kawung.id.md#makn`",
            "no such heading",
            "did you mean `#makna`?",
        ],
    );
    assert_eq!(c.summary(), "Errors: 0, warnings: 1.", "{}", c.stdout);
}

#[test]
fn an_anchor_on_the_same_page_is_checked_too() {
    let f = sekar("", "## Cerita\n\nText.\n\n[Ke atas](#ceritaa)\n");
    assert_mentions(
        &check(&f, &[]).stderr,
        &[
            &format!("{SEKAR_ID}:9"),
            "`#ceritaa`",
            "did you mean `#cerita`?",
        ],
    );
}

#[test]
fn an_anchor_the_theme_writes_on_every_page_is_not_reported() {
    let f = sekar("", "## Cerita\n\n[Kontak](#h-contact), [isi](#main).\n");
    let c = check(&f, &[]);
    assert_eq!(c.summary(), "Errors: 0, warnings: 0.", "{}", c.stderr);
}

#[test]
fn missing_translations_are_listed_in_the_coverage_table() {
    let f = Fixture::new("nothing-for-check-to-report");
    f.remove("content/pages/about.en.md");
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(0), "{}", c.stderr);
    let table: Vec<&str> = c.stdout.lines().collect();
    let header = table
        .iter()
        .find(|l| l.starts_with("section"))
        .unwrap_or_else(|| panic!("no table header in:\n{}", c.stdout));
    assert!(header.ends_with("pages  id  en"), "{header}");
    let row = |section: &str| {
        table
            .iter()
            .find(|l| l.starts_with(section))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no row {section} in:\n{}", c.stdout))
    };
    assert_eq!(row("pages"), ["1", "1", "0"]);
    assert_eq!(row("workshops"), ["1", "1", "1"]);
    assert!(c.stdout.contains("Not yet in `en` (1):"), "{}", c.stdout);
    assert!(
        table
            .iter()
            .any(|l| l.contains("pages/about")
                && l.contains("translate from content/pages/about.id.md")),
        "{}",
        c.stdout
    );

    let (_, value) = json(&f);
    let coverage = &value["coverage"];
    assert_eq!(coverage["languages"], serde_json::json!(["id", "en"]));
    let pages = coverage["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|r| r["section"] == "pages"))
        .expect("a pages row");
    assert_eq!(pages["pages"], 1);
    assert_eq!(pages["languages"], serde_json::json!({"id": 1, "en": 0}));
    assert_eq!(
        coverage["missing"],
        serde_json::json!([{
            "section": "pages",
            "slug": "about",
            "language": "en",
            "file": "content/pages/about.id.md"
        }])
    );
}

#[test]
fn an_event_years_away_is_a_warning() {
    let f = with(
        "nothing-for-check-to-report",
        "content/events/pameran.en.md",
        "---\ntitle: December Exhibition\nstart: 2062-12-05T09:00\nend: 2062-12-07\nstatus: scheduled\n---\nText\n",
    );
    f.write(
        "content/events/pameran.id.md",
        "---\ntitle: Pameran\nstart: 2062-12-05T09:00\nend: 2062-12-07\nstatus: scheduled\n---\nText\n",
    );
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(0), "{}", c.stderr);
    assert_mentions(
        &c.stderr,
        &[
            "content/events/pameran.en.md:3",
            "starts on 2062-12-05, more than 2 years from now",
            "content/events/pameran.id.md:3",
        ],
    );
}

#[test]
fn an_event_before_2000_or_lasting_years_is_a_warning() {
    let f = with(
        "nothing-for-check-to-report",
        "content/events/pameran.id.md",
        "---\ntitle: Pameran\nstart: 1926-12-05T09:00\nend: 2026-12-07\nstatus: scheduled\n---\nText\n",
    );
    assert_mentions(
        &check(&f, &[]).stderr,
        &[
            "content/events/pameran.id.md:3",
            "before 2000",
            "content/events/pameran.id.md:4",
            "the year of `end` looks wrong",
        ],
    );
}

#[test]
fn translations_of_an_event_that_disagree_are_a_warning() {
    let f = with(
        "nothing-for-check-to-report",
        "content/events/pameran.en.md",
        "---\ntitle: December Exhibition\nstart: 2026-12-06T09:00\nend: 2026-12-07\nstatus: cancelled\n---\nText\n",
    );
    assert_mentions(
        &check(&f, &[]).stderr,
        &[
            "content/events/pameran.en.md:3",
            "`start` is 2026-12-06T09:00 here but 2026-12-05T09:00 in content/events/pameran.id.md",
            "content/events/pameran.en.md:5",
            "`status` is cancelled here but scheduled",
        ],
    );
}

#[test]
fn a_landline_for_whatsapp_is_a_warning() {
    let f = sekar("whatsapp: \"(0342) 555-0106\"\n", "Isi.\n");
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(0), "{}", c.stderr);
    assert_mentions(
        &c.stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "`+62 342-5550-106` is a landline number",
            "put a landline in `phone`",
        ],
    );
}

#[test]
fn a_whatsapp_number_without_its_country_code_is_a_warning() {
    let f = with(
        "nothing-for-check-to-report",
        "content/pages/about.en.md",
        "---\ntitle: About\ncta:\n  label: Chat\n  whatsapp: \"+812 3456 7890\"\n---\nText\n",
    );
    assert_mentions(
        &check(&f, &[]).stderr,
        &["content/pages/about.en.md:5", "is not an Indonesian number"],
    );
}

#[test]
fn an_http_link_is_a_warning() {
    let f = sekar("website: http://batiksekar.id/\n", "Isi.\n");
    assert_mentions(
        &check(&f, &[]).stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "`http://batiksekar.id/` uses `http://`",
            "write `https://`",
        ],
    );
}

#[test]
fn example_addresses_left_in_a_real_site_are_one_warning_listing_them() {
    let f = sekar(
        "email: sekar@example.com\nmarketplace:\n  - name: Toko\n    url: https://shop.example.org/sekar\n",
        "Isi.\n",
    );
    let en = check(&f, &[]);
    assert_eq!(en.code, Some(0), "{}", en.stderr);
    assert_eq!(en.summary(), "Errors: 0, warnings: 1.", "{}", en.stdout);
    assert_mentions(
        &en.stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "warning: this site still holds sample data",
            "(2 in all)",
            &format!("{SEKAR_ID}:4 `email`"),
            &format!("{SEKAR_ID}:7 `marketplace`"),
            "replace it with the association's real details",
        ],
    );
    let id = check(&f, &["--lang", "id"]);
    assert_mentions(
        &id.stderr,
        &[
            "peringatan: situs ini masih berisi data contoh",
            &format!("{SEKAR_ID}:7 `marketplace`"),
            "ganti dengan data asli asosiasi",
        ],
    );
}

#[test]
fn the_associations_own_contacts_are_checked() {
    let f = Fixture::new("nothing-for-check-to-report");
    let site = std::fs::read_to_string(f.root().join("site.yaml")).expect("site.yaml");
    f.write(
        "site.yaml",
        &site.replace("info@batikblitar.id", "info@example.org"),
    );
    assert_mentions(
        &check(&f, &[]).stderr,
        &[
            "site.yaml:11",
            "sample data",
            "site.yaml:11 `organization.email`",
        ],
    );
}

#[test]
fn a_number_that_cannot_be_a_phone_number_is_an_error_in_both_languages() {
    let f = sekar("whatsapp: 0812-3456\n", "Isi.\n");
    let en = check(&f, &[]);
    assert_eq!(en.code, Some(1), "{}", en.stderr);
    assert_mentions(
        &en.stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "error: the number `0812-3456` cannot work: it has 8 digits",
            "a WhatsApp button with this number would reach nobody",
        ],
    );
    let id = check(&f, &["--lang", "id"]);
    assert_eq!(id.code, Some(1), "{}", id.stderr);
    assert_mentions(
        &id.stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "kesalahan: nomor `0812-3456` tidak bisa dipakai: nomor ini 8 angka",
            "tombol WhatsApp dengan nomor ini tidak akan tersambung",
        ],
    );
}

#[test]
fn an_odd_but_possible_mobile_number_is_only_a_warning_in_both_languages() {
    let f = sekar("whatsapp: \"0812 3456 7\"\n", "Isi.\n");
    let en = check(&f, &[]);
    assert_eq!(en.code, Some(0), "{}", en.stderr);
    assert_mentions(
        &en.stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "warning: `+6281234567` has 9 digits when written 08…",
        ],
    );
    let id = check(&f, &["--lang", "id"]);
    assert_mentions(
        &id.stderr,
        &["peringatan: `+6281234567` punya 9 angka bila ditulis 08…"],
    );
}

#[test]
fn a_broken_photo_is_an_error() {
    let f = Fixture::new("nothing-for-check-to-report");
    f.write_bytes(
        "content/workshops/sekar/cover.png",
        b"\x89PNG\r\n\x1a\nnot really a photo",
    );
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(1), "{}", c.stderr);
    assert_mentions(&c.stderr, &["content/workshops/sekar/cover.png"]);
    assert_eq!(c.summary(), "Errors: 1, warnings: 0.", "{}", c.stdout);
}

#[test]
fn a_broken_markdown_link_is_an_error() {
    let f = sekar(
        "",
        "## Cerita\n\nLihat [kawung](../../motifs/kawungg.id.md).\n",
    );
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(1), "{}", c.stderr);
    assert_mentions(
        &c.stderr,
        &[
            &format!("{SEKAR_ID}:7"),
            "`../../motifs/kawungg.id.md` does not exist",
        ],
    );
}

#[test]
fn a_missing_reference_is_an_error_and_nothing_else_is_checked() {
    let f = sekar("motifs: [kawungg]\n", "Isi.\n");
    let c = check(&f, &[]);
    assert_eq!(c.code, Some(1), "{}", c.stderr);
    assert_mentions(
        &c.stderr,
        &[
            &format!("{SEKAR_ID}:4"),
            "unknown motif `kawungg`",
            "did you mean `kawung`?",
        ],
    );
    assert!(
        c.stdout.contains("Fix the errors above first"),
        "{}",
        c.stdout
    );
    let (code, value) = json(&f);
    assert_eq!(code, Some(1));
    assert!(value["coverage"].is_null(), "{value}");
}

#[test]
fn json_has_a_stable_shape_and_nothing_else_is_printed() {
    let f = sekar("website: http://batiksekar.id/\n", "Isi.\n");
    let c = check(&f, &["--format", "json"]);
    assert_eq!(c.code, Some(0));
    assert!(c.stderr.is_empty(), "{}", c.stderr);
    let value: serde_json::Value = serde_json::from_str(&c.stdout).expect("JSON");
    let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(
        keys,
        ["coverage", "diagnostics", "errors", "notes", "warnings"]
    );
    assert_eq!(value["notes"], 0);
    assert_eq!(value["errors"], 0);
    assert_eq!(value["warnings"], 1);
    assert_eq!(
        value["diagnostics"],
        serde_json::json!([{
            "severity": "warning",
            "file": SEKAR_ID,
            "line": 4,
            "field": "website",
            "message": "the link `http://batiksekar.id/` uses `http://`; browsers warn visitors that the site is not secure",
            "hint": "write `https://` if that site supports it (nearly every site does)"
        }])
    );
    let coverage = value["coverage"].as_object().expect("coverage");
    let keys: Vec<&String> = coverage.keys().collect();
    assert_eq!(keys, ["languages", "missing", "sections"]);
    assert_eq!(coverage["missing"], serde_json::json!([]));
}

#[test]
fn errors_exit_1_warnings_0_and_a_wrong_invocation_2() {
    let warned = sekar("website: http://batiksekar.id/\n", "Isi.\n");
    assert_eq!(check(&warned, &[]).code, Some(0));
    let failed = sekar("motifs: [nothing]\n", "Isi.\n");
    assert_eq!(check(&failed, &[]).code, Some(1));
    assert_eq!(check(&failed, &["--format", "json"]).code, Some(1));
    let clean = Fixture::new("nothing-for-check-to-report");
    assert_eq!(check(&clean, &["--format", "xml"]).code, Some(2));
    assert_eq!(check(&clean, &["--no-such-flag"]).code, Some(2));
    let nowhere = check_root(&clean.root().join("no-such-site"), &[]);
    assert_eq!(nowhere.code, Some(1), "{}", nowhere.stderr);
}

#[test]
fn drafts_are_checked_only_when_asked() {
    let f = with(
        "nothing-for-check-to-report",
        "content/pages/rencana.id.md",
        "---\ntitle: Rencana\ndraft: true\ncta: { label: Tanya, url: \"http://batiksekar.id/\" }\n---\nIsi.\n",
    );
    f.write(
        "content/pages/rencana.en.md",
        "---\ntitle: Plans\ndraft: true\n---\nText.\n",
    );
    assert_eq!(
        check(&f, &[]).summary(),
        "Errors: 0, warnings: 0.",
        "a draft is not published"
    );
    let c = check(&f, &["--drafts"]);
    assert_mentions(
        &c.stderr,
        &["content/pages/rencana.id.md:4", "uses `http://`"],
    );
}

#[test]
fn check_writes_nothing() {
    let f = sekar("website: http://example.com/\n", "[x](#nowhere)\n");
    let before = snapshot(&f.root());
    check(&f, &[]);
    check(&f, &["--format", "json"]);
    assert_eq!(snapshot(&f.root()), before);
    assert!(!f.root().join("public").exists());
    assert!(!f.root().join(".canting-cache").exists());
}

#[test]
fn the_sample_catalogue_has_no_warnings_only_one_sample_data_note() {
    let c = check_root(&sample_root(), &[]);
    assert_eq!(c.code, Some(0), "{}\n{}", c.stdout, c.stderr);
    assert_eq!(
        c.summary(),
        "Errors: 0, warnings: 0. Notes: 1.",
        "{}",
        c.stdout
    );
    assert_eq!(c.stderr.matches("note: ").count(), 1, "{}", c.stderr);
    assert_mentions(
        &c.stderr,
        &[
            "note: this site still holds sample data",
            "site.yaml:2",
            "site.yaml:2 `base_url`",
            "site.yaml:11 `organization.whatsapp`",
            "more",
        ],
    );
    assert!(!c.stderr.contains("warning:"), "{}", c.stderr);

    let id = check_root(&sample_root(), &["--lang", "id"]);
    assert_eq!(id.summary(), "Kesalahan: 0, peringatan: 0. Catatan: 1.");
    assert_mentions(
        &id.stderr,
        &["catatan: situs ini masih berisi data contoh", "tempat lagi"],
    );

    let json = check_root(&sample_root(), &["--format", "json"]);
    assert_eq!(json.code, Some(0));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["errors"], 0);
    assert_eq!(value["warnings"], 0);
    assert_eq!(value["notes"], 1);
    let diagnostics = value["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{value}");
    assert_eq!(diagnostics[0]["severity"], "note");
    assert_eq!(diagnostics[0]["file"], "site.yaml");
    assert_eq!(diagnostics[0]["line"], 2);
}

#[test]
fn messages_come_in_indonesian_with_lang_id() {
    let f = sekar("whatsapp: \"(0342) 555-0106\"\n", "Isi.\n");
    let c = check(&f, &["--lang", "id"]);
    assert_mentions(
        &c.stderr,
        &["nomor telepon rumah atau kantor", "masuk ke `phone`"],
    );
    assert_eq!(c.summary(), "Kesalahan: 0, peringatan: 1.", "{}", c.stdout);
    assert!(c.stdout.contains("Halaman per bahasa:"), "{}", c.stdout);
}
