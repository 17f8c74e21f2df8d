//! Volunteers' mistakes: each ends in a message naming the file, the line and what to do, with a
//! non-zero exit and the previous output untouched. None makes canting panic.

use crate::support::{self, Fixture, assert_mentions, snapshot, with};

#[test]
fn broken_yaml_names_the_file_and_line() {
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\nsummary: [tidak ditutup\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/news/kabar.id.md:4",
            "cannot be read",
            "the list that opens with `[` on line 4 is never closed",
        ],
    );
}

#[test]
fn a_missing_title_is_an_error_with_a_fix() {
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.id.md",
        "---\ndate: 2026-11-01\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(&err, &["content/news/kabar.id.md:2", "no title", "title: "]);
}

#[test]
fn a_typo_in_a_motif_name_suggests_the_closest() {
    let err = with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nmotifs:\n  - kawung\n  - kendi-gandrng\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/workshops/melati.id.md:5",
            "unknown motif `kendi-gandrng`",
            "did you mean `kendi-gandrung`?",
        ],
    );
}

#[test]
fn a_missing_photo_is_named_with_its_line() {
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\ncover: foto-tidak-ada.jpg\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/news/kabar.id.md:4",
            "`foto-tidak-ada.jpg` does not exist",
        ],
    );
}

#[test]
fn a_photo_typo_suggests_the_file_beside_the_page() {
    let err = with(
        "two-languages-every-section",
        "content/workshops/sekar/index.en.md",
        "---\ntitle: Sekar\ncover: covr.png\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(&err, &["did you mean `cover.png`?"]);
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    let err = with(
        "two-languages-every-section",
        "content/events/pameran.id.md",
        "---\ntitle: Pameran\nstart: 2026-02-30\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/events/pameran.id.md:3",
            "`2026-02-30` is not a date that exists",
            "YYYY-MM-DD",
        ],
    );
}

#[test]
fn an_event_that_ends_before_it_starts_is_refused() {
    let err = with(
        "two-languages-every-section",
        "content/events/pameran.id.md",
        "---\ntitle: Pameran\nstart: 2026-12-07\nend: 2026-12-05\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &["content/events/pameran.id.md:4", "ends", "before it starts"],
    );
}

#[test]
fn an_exhibition_needs_a_start() {
    let err = with(
        "two-languages-every-section",
        "content/events/pameran.id.md",
        "---\ntitle: Pameran\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(&err, &["content/events/pameran.id.md", "needs a `start`"]);
}

#[test]
fn script_links_are_refused() {
    let err = with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nwebsite: javascript:alert(1)\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/workshops/melati.id.md:3",
            "not a usable link",
            "https://",
        ],
    );
}

#[test]
fn a_whatsapp_number_that_cannot_work_is_refused() {
    let err = with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nwhatsapp: hubungi kami\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &["content/workshops/melati.id.md:3", "cannot work", "0812"],
    );
}

#[test]
fn a_technique_typo_suggests_the_right_one() {
    let err = with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\ntechniques: [tuliss]\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &["content/workshops/melati.id.md:3", "did you mean `tulis`?"],
    );
}

#[test]
fn a_wrong_type_names_the_field() {
    let err = with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nfounded: dulu sekali\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/workshops/melati.id.md:3",
            "founded",
            "whole number",
        ],
    );
}

#[test]
fn paths_that_leave_the_site_are_refused() {
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\ncover: ../../../../etc/passwd\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &["content/news/kabar.id.md:4", "outside the content folder"],
    );
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\n---\n[x](../../../../etc/passwd.md)\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &["content/news/kabar.id.md:5", "outside the content folder"],
    );
}

#[test]
fn a_broken_link_in_markdown_names_its_line() {
    let err = with("two-languages-every-section", 
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\n---\nSatu.\n\nLihat [kawung](../motifs/kawug.id.md).\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/news/kabar.id.md:7",
            "`../motifs/kawug.id.md` does not exist",
            "did you mean `../motifs/kawung.id.md`?",
        ],
    );
}

#[test]
fn an_unknown_language_in_a_file_name_is_named() {
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.fr.md",
        "---\ntitle: Nouvelles\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &["content/news/kabar.fr.md", "language `fr`", "site.yaml"],
    );
}

#[test]
fn a_file_name_that_cannot_be_a_url_is_named() {
    let err = with(
        "two-languages-every-section",
        "content/news/Kabar Baru.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\n---\n",
    )
    .build_fails();
    assert_mentions(&err, &["Kabar Baru.id.md", "`kabar-baru`"]);
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let f = Fixture::new("two-languages-every-section");
    f.write(
        "content/news/kabar.id.md",
        "---\ndate: 2026-11-01\n---\nIsi\n",
    );
    f.write(
        "content/events/pameran.id.md",
        "---\ntitle: P\nstart: 2026-13-01\n---\n",
    );
    f.write(
        "content/workshops/melati.id.md",
        "---\ntitle: M\nmotifs: [kawng]\n---\n",
    );
    let err = f.build_fails();
    assert_mentions(
        &err,
        &[
            "content/news/kabar.id.md",
            "content/events/pameran.id.md",
            "content/workshops/melati.id.md",
            "3 errors",
        ],
    );
}

#[test]
fn unknown_fields_and_missing_translations_are_warnings() {
    let f = with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nsumary: Ringkas\n---\nIsi\n",
    );
    let b = f.build();
    assert_eq!(b.code, Some(0), "{}", b.stderr);
    assert_mentions(
        &b.stderr,
        &[
            "warning",
            "content/workshops/melati.id.md:3",
            "unknown field `sumary`",
            "did you mean `summary`?",
            "`workshops/melati` has no English version",
        ],
    );
}

#[test]
fn a_missing_site_yaml_says_where_to_run() {
    let f = Fixture::new("");
    let err = f.build_fails();
    assert_mentions(&err, &["site.yaml", "--root"]);
}

#[test]
fn a_bad_base_url_is_refused() {
    let f = Fixture::new("two-languages-every-section");
    f.write("site.yaml", "title: X\nbase_url: example.org\n");
    let err = f.build_fails();
    assert_mentions(&err, &["site.yaml:2", "base_url", "https://"]);
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let f = Fixture::new("two-languages-every-section");
    let good = f.build_ok();
    let before = snapshot(&good.output);
    assert!(!before.is_empty());
    f.write(
        "content/workshops/melati.id.md",
        "---\ntitle: M\nmotifs: [kawng]\n---\n",
    );
    f.build_fails();
    assert!(
        before == snapshot(&good.output),
        "public/ changed after a failed build"
    );
    let leftovers: Vec<String> = std::fs::read_dir(f.root())
        .expect("read root")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".canting-staging") || n.contains(".canting-old"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn an_output_folder_with_other_files_is_not_replaced() {
    let f = Fixture::new("two-languages-every-section");
    f.write("mine/precious.txt", "do not delete");
    let root = f.root();
    let out = root.join("mine");
    let result = support::canting(&[
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--output",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(out.join("precious.txt").exists());
    let result = support::canting(&[
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--output",
        root.join("content").to_str().expect("utf-8"),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(root.join("content/news/kabar.id.md").exists());
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let f = Fixture::new("two-languages-every-section");
    let secret = f.root().parent().expect("parent").join("secret.txt");
    std::fs::write(&secret, "secret").expect("write");
    std::os::unix::fs::symlink(&secret, f.root().join("content/pages/secret.txt"))
        .expect("symlink");
    let b = f.build();
    assert_eq!(b.code, Some(0), "{}", b.stderr);
    assert_mentions(&b.stderr, &["content/pages/secret.txt", "outside the site"]);
    assert!(!b.out("pages/secret.txt").exists());
}

#[test]
fn garbage_never_makes_canting_panic() {
    let cases: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n---\n",
        b"---\n- a\n- b\n---\n",
        b"---\ntitle: [1, 2]\n---\n",
        b"---\ntitle: x\ndate: 99999-99-99\nweight: 99999999999999999999999\n---\n",
        b"---\ntitle: x\ntags: {a: b}\nimages: 3\n---\n",
        b"---\ntitle: x\n\t- nope\n---\n",
        b"\xff\xfe\x00garbage\x00",
        b"---\ntitle: &a [*a]\n---\n",
        b"---\ntitle: x\n---\n[a](<>) [b](#) ![c]() [d](/../../x) [e](../../../../x.md#y)\n",
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let f = Fixture::new("two-languages-every-section");
        f.write_bytes("content/news/kabar.id.md", bytes);
        f.write_bytes("content/workshops/melati.id.md", bytes);
        let b = f.build();
        assert!(
            matches!(b.code, Some(0) | Some(1)),
            "case {i}: exit {:?}\n{}",
            b.code,
            b.stderr
        );
        assert!(!b.stderr.contains("panicked"), "case {i}:\n{}", b.stderr);
    }
}

#[test]
fn every_wrong_value_in_a_file_is_reported_at_once() {
    let err = with("two-languages-every-section", 
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nfounded: dulu\nclasses: mungkin\nprice_range: {min: 75.000, max: 100000}\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/workshops/melati.id.md:3",
            "content/workshops/melati.id.md:4",
            "content/workshops/melati.id.md:5",
            "without dots",
            "3 errors",
        ],
    );
}

#[test]
fn a_reference_to_a_draft_is_a_warning_not_an_error() {
    let f = with(
        "two-languages-every-section",
        "content/motifs/kendi-gandrung.id.md",
        "---\ntitle: Kendi Gandrung\ndraft: true\n---\nKendi.\n",
    );
    f.write(
        "content/motifs/kendi-gandrung.en.md",
        "---\ntitle: Kendi Gandrung\ndraft: true\n---\nJug.\n",
    );
    let b = f.build();
    assert_eq!(b.code, Some(0), "{}", b.stderr);
    assert_mentions(
        &b.stderr,
        &["warning", "`motifs/kendi-gandrung` is a draft", "--drafts"],
    );
    assert_eq!(
        b.text("workshops/sekar/index.html", "#h-motifs ~ .cards h3"),
        ["Kawung"]
    );
}

#[test]
fn an_upper_case_language_code_gets_the_right_fix() {
    let err = with(
        "two-languages-every-section",
        "content/news/kabar.EN.md",
        "---\ntitle: News\ndate: 2026-11-01\n---\n",
    )
    .build_fails();
    assert_mentions(&err, &["lower case", "`kabar.en.md`"]);
}

#[test]
fn two_files_that_claim_one_address_are_both_named_with_their_lines() {
    let err = with(
        "two-languages-every-section",
        "content/motifs/tiruan.id.md",
        "---\ntitle: Tiruan\nsummary: Salinan\nslug: kawung\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "content/motifs/tiruan.id.md:4",
            "motifs/kawung/index.html",
            "content/motifs/kawung.id.md",
        ],
    );
}

#[test]
fn settings_saved_by_windows_notepad_build() {
    let fixture = Fixture::new("two-languages-every-section");
    let settings = std::fs::read_to_string(fixture.root().join("site.yaml")).expect("site.yaml");
    let windows = format!("\u{feff}{}", settings.replace('\n', "\r\n"));
    fixture.write("site.yaml", &windows);
    let strings = "themes/batik/i18n/en.yaml";
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(strings);
    let words = std::fs::read_to_string(theme).expect("theme strings");
    fixture.write(strings, &format!("\u{feff}{}", words.replace('\n', "\r\n")));
    fixture.build_ok();
}

#[test]
fn a_wrong_nested_value_is_reported_on_its_own_line() {
    let melati = "content/workshops/melati.id.md";
    let parents_not_named = |err: &str, parents: &[usize]| {
        for parent in parents {
            assert!(
                !err.contains(&format!("melati.id.md:{parent}:")),
                "reported at the parent's line {parent}:\n{err}"
            );
        }
    };
    // Wrong types: `min` on line 6 (under `price_range:` on 3), the second shop's `url` on 12
    // (under `marketplace:` on 7).
    let err = with(
        "two-languages-every-section",
        melati,
        "---\ntitle: Batik Melati\nprice_range:\n  # rupiah\n  max: 100000\n  min: murah\n\
         marketplace:\n  - name: Toko\n    url: https://example.org/\n\
         \x20 - name: Lain\n\n    url: [bukan, alamat]\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(
        &err,
        &[
            "melati.id.md:6:",
            "melati.id.md:12:",
            "`marketplace[1].url`",
        ],
    );
    parents_not_named(&err, &[3, 7]);
    // Wrong values: `lon` on line 5 (under `location:` on 3), `min` above `max` on line 8.
    let err = with(
        "two-languages-every-section",
        melati,
        "---\ntitle: Batik Melati\nlocation:\n  lat: -8.1\n  lon: 512.2\nprice_range:\n  max: 1000\n  min: 5000\n---\nIsi\n",
    )
    .build_fails();
    assert_mentions(&err, &["melati.id.md:5:", "melati.id.md:8:"]);
    parents_not_named(&err, &[3, 6]);
    // site.yaml: `email` on line 12, under `organization:` on line 9.
    let site = std::fs::read_to_string(
        support::fixture_root("two-languages-every-section").join("site.yaml"),
    )
    .expect("site.yaml");
    let err = with(
        "two-languages-every-section",
        "site.yaml",
        &site.replace("  email: info@example.org", "  email: bukan-surel"),
    )
    .build_fails();
    assert_mentions(&err, &["site.yaml:12:", "bukan-surel"]);
}
