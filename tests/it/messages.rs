//! canting speaks the volunteer's language: every message in Indonesian and English, chosen by
//! `--lang`, else the terminal's locale, else the site's default language. Whatever the language,
//! a diagnostic names its file and line. Bad photos too: a photo a page names that is not there,
//! an empty one and one cut short, each message naming the photo's file.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{Fixture, assert_mentions, assert_silent_about, canting, with};

/// The two-language site with one mistake per file: broken YAML, a missing title, a motif's name with a
/// typo, a date that does not exist and a photo that is not there.
fn mistakes() -> Fixture {
    let f = Fixture::new("two-languages-every-section");
    f.write(
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2026-11-01\nsummary: [tidak ditutup\n---\nIsi\n",
    );
    f.write(
        "content/news/rahasia.id.md",
        "---\ndate: 2026-11-01\n---\nIsi\n",
    );
    f.write(
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nmotifs:\n  - kawung\n  - kendi-gandrng\n---\nIsi\n",
    );
    f.write(
        "content/events/pameran.id.md",
        "---\ntitle: Pameran\nstart: 2026-02-30\n---\nIsi\n",
    );
    f.write(
        "content/workshops/anggrek.id.md",
        "---\ntitle: Batik Anggrek\ncover: foto-tidak-ada.jpg\n---\nIsi\n",
    );
    f
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Where each mistake of [`mistakes`] is: every diagnostic names its file and line.
const PLACES: &[&str] = &[
    "content/news/kabar.id.md:4",
    "content/news/rahasia.id.md:2",
    "content/workshops/melati.id.md:5",
    "content/events/pameran.id.md:3",
    "content/workshops/anggrek.id.md:3",
];

#[test]
fn mistakes_are_explained_in_indonesian() {
    let err = mistakes().build_fails_with(&["--lang", "id"]);
    assert_mentions(&err, PLACES);
    assert_mentions(
        &err,
        &[
            "kesalahan: YAML ini tidak dapat dibaca",
            "daftar yang dibuka dengan `[` di baris 4 tidak ditutup dengan `]`",
            "akhiri daftarnya dengan `]`",
            "halaman ini belum punya judul",
            "tambahkan baris seperti `title: Batik Sekar Arum`",
            "motif `kendi-gandrng` tidak dikenal",
            "apakah maksud Anda `kendi-gandrung`?",
            "tanggal `2026-02-30` tidak ada di kalender",
            "seperti 2026-12-05",
            "berkas `foto-tidak-ada.jpg` tidak ada",
            "saran:",
            "peringatan:",
            "5 kesalahan",
            "Situs tidak dibangun",
        ],
    );
    assert_silent_about(
        &err,
        &[
            "error:",
            "did you mean",
            "cannot be read",
            "does not exist",
            "has no title",
        ],
    );
}

#[test]
fn mistakes_are_explained_in_english() {
    let err = mistakes().build_fails_with(&["--lang", "en"]);
    assert_mentions(&err, PLACES);
    assert_mentions(
        &err,
        &[
            "error: this YAML cannot be read",
            "the list that opens with `[` on line 4 is never closed with `]`",
            "end the list with `]`",
            "this page has no title",
            "unknown motif `kendi-gandrng`",
            "did you mean `kendi-gandrung`?",
            "`2026-02-30` is not a date that exists",
            "YYYY-MM-DD",
            "the file `foto-tidak-ada.jpg` does not exist",
            "help:",
            "warning:",
            "5 errors",
            "The site was not built",
        ],
    );
    assert_silent_about(&err, &["kesalahan", "apakah maksud Anda", "tidak ada"]);
}

#[test]
fn wrong_types_are_said_in_plain_words_in_both_languages() {
    let f = Fixture::new("two-languages-every-section");
    f.write(
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\nfounded: dulu sekali\nclasses: mungkin\nprice_range: {min: 75.000, max: 100000}\n---\nIsi\n",
    );
    let id = f.build_fails_with(&["--lang", "id"]);
    assert_mentions(
        &id,
        &[
            "content/workshops/melati.id.md:3",
            "isian ini harus bilangan bulat, bukan teks `dulu sekali` (kolom `founded`)",
            "content/workshops/melati.id.md:4",
            "`true` (ya) atau `false` (tidak)",
            "content/workshops/melati.id.md:5",
            "tanpa titik atau koma",
        ],
    );
    let en = f.build_fails_with(&["--lang", "en"]);
    assert_mentions(
        &en,
        &[
            "this must be a whole number, not the text `dulu sekali` (field `founded`)",
            "without dots or commas",
        ],
    );
    assert_silent_about(&en, &["invalid type", "expected i32"]);
}

/// canting with a clean environment but for `vars`, as a volunteer's terminal would run it.
fn canting_with_env(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_canting"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().expect("the canting binary runs")
}

fn build_with_env(root: &Path, vars: &[(&str, &str)]) -> String {
    let out = root.join("public");
    let result = canting_with_env(
        &[
            "build",
            "--root",
            root.to_str().expect("utf-8 path"),
            "--output",
            out.to_str().expect("utf-8 path"),
        ],
        vars,
    );
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    stderr(&result)
}

#[test]
fn an_indonesian_terminal_gets_indonesian() {
    let f = mistakes();
    let err = build_with_env(&f.root(), &[("LANG", "id_ID.UTF-8")]);
    assert_mentions(&err, &["halaman ini belum punya judul", "5 kesalahan"]);
    // LC_ALL wins over LANG, as it does for every program.
    let err = build_with_env(
        &f.root(),
        &[("LANG", "id_ID.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    );
    assert_mentions(&err, &["this page has no title", "5 errors"]);
    // --lang wins over both.
    let result = canting_with_env(
        &[
            "--lang",
            "id",
            "build",
            "--root",
            f.root().to_str().expect("utf-8 path"),
        ],
        &[("LC_ALL", "en_US.UTF-8")],
    );
    assert_mentions(&stderr(&result), &["halaman ini belum punya judul"]);
}

#[test]
fn without_a_language_in_the_terminal_the_site_decides() {
    let f = mistakes();
    let err = build_with_env(&f.root(), &[("LANG", "C.UTF-8")]);
    assert_mentions(&err, &["halaman ini belum punya judul", "5 kesalahan"]);
    assert_mentions(&err, PLACES);

    let site = std::fs::read_to_string(f.root().join("site.yaml")).expect("site.yaml");
    f.write(
        "site.yaml",
        &site.replace("default_language: id", "default_language: en"),
    );
    let err = build_with_env(&f.root(), &[("LANG", "C.UTF-8")]);
    assert_mentions(&err, &["this page has no title", "5 errors"]);
    assert_mentions(&err, PLACES);
}

#[test]
fn help_comes_in_both_languages() {
    let id = canting(&["--lang", "id", "--help"]);
    assert_eq!(id.status.code(), Some(0), "{}", stderr(&id));
    assert_mentions(
        &stdout(&id),
        &[
            "Cara pakai: canting [PILIHAN] <PERINTAH>",
            "Perintah:",
            "Pilihan:",
            "canting mengubah berkas-berkas Markdown di content/",
            "Bangun situs web ke folder hasil",
            "Tampilkan bantuan",
            "Tampilkan versi",
            "Contoh:",
        ],
    );
    assert_silent_about(&stdout(&id), &["Usage:", "Options:", "Print help"]);
    let short = canting(&["--lang", "id", "-h"]);
    assert_eq!(short.status.code(), Some(0), "{}", stderr(&short));
    assert_mentions(
        &stdout(&short),
        &[
            "Membangun situs web katalog batik",
            "Tampilkan bantuan (lebih lengkap dengan '--help')",
        ],
    );

    let en = canting(&["--lang", "en", "--help"]);
    assert_eq!(en.status.code(), Some(0), "{}", stderr(&en));
    assert_mentions(
        &stdout(&en),
        &[
            "Usage: canting [OPTIONS] <COMMAND>",
            "Commands:",
            "Options:",
            "Build the website into the output folder",
            "Print help",
            "Examples:",
        ],
    );
}

#[test]
fn a_command_s_arguments_are_explained_in_both_languages() {
    let id = canting(&["--lang", "id", "new", "--help"]);
    assert_eq!(id.status.code(), Some(0), "{}", stderr(&id));
    assert_mentions(
        &stdout(&id),
        &[
            "Cara pakai: canting new [PILIHAN] <JENIS> <NAMA>",
            "Argumen:",
            "Nama halaman, seperti \"Batik Sekar Jagad\"",
            "--root <FOLDER>",
            "Folder situs, yaitu folder yang berisi site.yaml. [bawaan: .]",
            "[pilihan: workshop, motif, event, news, page]",
        ],
    );
    let check = canting(&["--lang", "id", "help", "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_mentions(
        &stdout(&check),
        &[
            "`text` untuk dibaca orang",
            "[bawaan: text] [pilihan: text, json, markdown]",
        ],
    );

    let en = canting(&["--lang", "en", "new", "--help"]);
    assert_mentions(
        &stdout(&en),
        &[
            "Usage: canting new [OPTIONS] <KIND> <NAME>",
            "Arguments:",
            "The page's name, such as \"Batik Sekar Jagad\"",
            "--root <DIR>",
            "[default: .]",
        ],
    );
}

#[test]
fn mistakes_in_the_command_line_are_translated() {
    let id = canting(&["--lang", "id", "check", "--fromat", "json"]);
    assert_eq!(id.status.code(), Some(2));
    assert_mentions(
        &stderr(&id),
        &[
            "kesalahan: argumen `--fromat` tidak dikenal",
            "ada argumen yang mirip: `--format`",
            "Cara pakai: canting check [PILIHAN]",
            "jalankan `canting check --help`",
        ],
    );
    assert_silent_about(&stderr(&id), &["unexpected argument", "Usage:"]);

    let en = canting(&["--lang", "en", "check", "--fromat", "json"]);
    assert_eq!(en.status.code(), Some(2));
    assert_mentions(
        &stderr(&en),
        &[
            "error: unknown argument `--fromat`",
            "a similar argument exists: `--format`",
            "Usage: canting check [OPTIONS]",
            "run `canting check --help`",
        ],
    );

    let typo = canting(&["--lang", "id", "bild"]);
    assert_eq!(typo.status.code(), Some(2));
    assert_mentions(
        &stderr(&typo),
        &[
            "perintah `bild` tidak dikenal",
            "ada perintah yang mirip: `build`",
        ],
    );

    let value = canting(&["--lang", "id", "check", "--format", "xml"]);
    assert_eq!(value.status.code(), Some(2));
    assert_mentions(
        &stderr(&value),
        &[
            "`xml` bukan nilai yang benar untuk `--format <FORMAT>`",
            "pilihan yang ada: text, json",
        ],
    );

    let missing = canting(&["--lang", "en", "new", "workshop"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_mentions(&stderr(&missing), &["this command needs <NAME>"]);
}

#[test]
fn the_version_is_printed_with_exit_zero() {
    let v = canting(&["--lang", "id", "--version"]);
    assert_eq!(v.status.code(), Some(0));
    assert!(stdout(&v).starts_with("canting "), "{}", stdout(&v));
}

/// The start of a JPEG (its header and a JFIF segment) with no picture data after it, as a copy
/// that stopped early leaves it.
const CUT_SHORT_JPEG: &[u8] =
    b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00not the rest of a photo";

/// The two-language site, with a workshop whose cover is not there.
fn missing_photo() -> Fixture {
    with(
        "two-languages-every-section",
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\ncover: foto-hilang.jpg\n---\nIsi\n",
    )
}

/// The two-language site, with one workshop's cover empty and another's cut short.
fn broken_photos() -> Fixture {
    let f = Fixture::new("two-languages-every-section");
    f.write(
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\ncover: kosong.jpg\n---\nIsi\n",
    );
    f.write_bytes("content/workshops/kosong.jpg", b"");
    f.write(
        "content/workshops/anggrek.id.md",
        "---\ntitle: Batik Anggrek\ncover: rusak.jpg\n---\nIsi\n",
    );
    f.write_bytes("content/workshops/rusak.jpg", CUT_SHORT_JPEG);
    f
}

#[test]
fn a_missing_photo_is_named_in_indonesian() {
    let err = missing_photo().build_fails_with(&["--lang", "id"]);
    assert_mentions(
        &err,
        &[
            "content/workshops/melati.id.md:3",
            "berkas `foto-hilang.jpg` tidak ada",
        ],
    );
    assert_silent_about(&err, &["does not exist"]);
}

#[test]
fn a_missing_photo_is_named_in_english() {
    let err = missing_photo().build_fails_with(&["--lang", "en"]);
    assert_mentions(
        &err,
        &[
            "content/workshops/melati.id.md:3",
            "the file `foto-hilang.jpg` does not exist",
        ],
    );
}

#[test]
fn empty_and_cut_short_photos_are_named_in_indonesian() {
    let err = broken_photos().build_fails_with(&["--lang", "id"]);
    assert_mentions(
        &err,
        &[
            "foto `content/workshops/kosong.jpg` kosong",
            "salin lagi fotonya dari ponsel",
            "foto `content/workshops/rusak.jpg` rusak atau terpotong sehingga tidak bisa dibuka \
             (data gambarnya berhenti terlalu cepat)",
            "buka di komputer lalu simpan ulang sebagai JPEG",
        ],
    );
    assert_silent_about(
        &err,
        &["the photo", "is empty", "cut short", "ends too early"],
    );
}

#[test]
fn empty_and_cut_short_photos_are_named_in_english() {
    let err = broken_photos().build_fails_with(&["--lang", "en"]);
    assert_mentions(
        &err,
        &[
            "the photo `content/workshops/kosong.jpg` is empty",
            "copy the photo again from the phone",
            "the photo `content/workshops/rusak.jpg` is damaged or cut short and cannot be \
             opened (the picture data ends too early)",
            "open it on a computer and save it again as JPEG",
        ],
    );
}

/// One mistake a volunteer makes, in a file of its own: the file, its text, the line the message
/// must name, and words of the Indonesian and of the English message (sentence or hint).
struct Mistake {
    file: &'static str,
    text: &'static str,
    line: usize,
    id: &'static [&'static str],
    en: &'static [&'static str],
}

/// Every kind of front-matter mistake met when the guide was tried as a new user would, each
/// with the sentence and the hint that fit it.
const VOLUNTEER_MISTAKES: &[Mistake] = &[
    Mistake {
        file: "content/news/kutip.id.md",
        text: "---\ntitle: Kabar\nsummary: \"Batik tulis halus\ndate: 2026-11-01\ncover: a.jpg\ntags: [a]\nlocation: x\n---\nIsi\n",
        line: 3,
        id: &[
            "tanda kutip `\"` yang dibuka di baris 3 tidak pernah ditutup",
            "tutup dengan `\"` kedua",
        ],
        en: &[
            "the quote `\"` that opens on line 3 is never closed",
            "close it with a second `\"`",
        ],
    },
    Mistake {
        file: "content/news/tab.id.md",
        text: "---\ntitle: Kabar\ntags:\n\t- pameran\n---\nIsi\n",
        line: 4,
        id: &["ada karakter tab di awal baris ini", "ketik spasi"],
        en: &[
            "this line starts with a tab character",
            "type spaces instead",
        ],
    },
    Mistake {
        file: "content/news/kurung.id.md",
        text: "---\ntitle: Kabar\ntags: [pameran, batik\ndate: 2026-11-01\n---\nIsi\n",
        line: 3,
        id: &[
            "daftar yang dibuka dengan `[` di baris 3 tidak ditutup dengan `]`",
            "akhiri daftarnya dengan `]`",
        ],
        en: &[
            "the list that opens with `[` on line 3 is never closed with `]`",
            "end the list with `]`",
        ],
    },
    Mistake {
        file: "content/events/kurawal.id.md",
        text: "---\ntitle: Pameran\nstart: 2099-12-05\nlocation: {lat: -8.1, lon: 112.17\nvenue: Balai\n---\nIsi\n",
        line: 4,
        id: &["kelompok yang dibuka dengan `{` di baris 4 tidak ditutup dengan `}`"],
        en: &["the group that opens with `{` on line 4 is never closed with `}`"],
    },
    Mistake {
        file: "content/news/titik-dua.id.md",
        text: "---\ntitle: Kabar\nsummary: Jam buka: 09.00\n---\nIsi\n",
        line: 3,
        id: &["isian ini berisi `: `", "`summary: \"Jam buka: 09.00\"`"],
        en: &["the value contains `: `", "`summary: \"Jam buka: 09.00\"`"],
    },
    Mistake {
        file: "content/news/menjorok.id.md",
        text: "---\ntitle: Kabar\n  date: 2026-11-01\n---\nIsi\n",
        line: 3,
        id: &[
            "menjorok lebih dalam daripada baris di atasnya",
            "jumlah spasi yang sama",
        ],
        en: &["indented further than the line above", "as many spaces"],
    },
    Mistake {
        file: "content/workshops/daftar.id.md",
        text: "---\ntitle: Batik Daftar\nmotifs: kawung\n- kendi-gandrung\n---\nIsi\n",
        line: 4,
        id: &[
            "ada butir daftar `- ` di tempat yang seharusnya berisi kolom",
            "`motifs:` di barisnya sendiri",
        ],
        en: &[
            "a list item `- ` is where a field should be",
            "`motifs:` on its own line",
        ],
    },
    Mistake {
        file: "content/news/ganda.id.md",
        text: "---\ntitle: Kabar\ndate: 2026-11-01\ntitle: Kabar Lagi\n---\nIsi\n",
        line: 4,
        id: &[
            "kolom `title` ditulis dua kali (pertama kali di baris 2)",
            "hapus yang lain",
        ],
        en: &[
            "the field `title` is written twice (first on line 2)",
            "delete the other",
        ],
    },
    Mistake {
        file: "content/news/bintang.id.md",
        text: "---\ntitle: *Penting* pameran\n---\nIsi\n",
        line: 2,
        id: &[
            "isian tidak boleh diawali `*`",
            "`title: \"*Penting* pameran\"`",
        ],
        en: &[
            "a value cannot start with `*`",
            "`title: \"*Penting* pameran\"`",
        ],
    },
    Mistake {
        file: "content/news/dan.id.md",
        text: "---\ntitle: &Co Batik\n---\nIsi\n",
        line: 2,
        id: &["isian tidak boleh diawali `&`"],
        en: &["a value cannot start with `&`"],
    },
    Mistake {
        file: "content/workshops/instagram.id.md",
        text: "---\ntitle: Batik IG\ninstagram: @batikblitar\n---\nIsi\n",
        line: 3,
        id: &[
            "isian tidak boleh diawali `@`",
            "`instagram: \"@batikblitar\"`",
        ],
        en: &[
            "a value cannot start with `@`",
            "`instagram: \"@batikblitar\"`",
        ],
    },
    Mistake {
        file: "content/news/backtick.id.md",
        text: "---\ntitle: `Batik` baru\n---\nIsi\n",
        line: 2,
        id: &["isian tidak boleh diawali `` ` ``"],
        en: &["a value cannot start with `` ` ``"],
    },
    Mistake {
        file: "content/news/tanpa-penutup.id.md",
        text: "---\ntitle: Kabar\ndate: 2026-11-01\n\nIsi kabar.\n",
        line: 4,
        id: &[
            "bagian pembuka (front matter) tidak pernah ditutup",
            "tambahkan satu baris `---`",
        ],
        en: &[
            "the front matter is never closed",
            "add a `---` line after the last field",
        ],
    },
    Mistake {
        file: "content/news/tanpa-pembuka.id.md",
        text: "title: Kabar\ndate: 2026-11-01\n---\nIsi kabar.\n",
        line: 1,
        id: &["baris pertama berkas ini seharusnya `---`"],
        en: &["the first line of this file should be `---`"],
    },
    Mistake {
        file: "content/events/februari.id.md",
        text: "---\ntitle: Pameran\nstart: 2026-02-30\n---\nIsi\n",
        line: 3,
        id: &["tanggal `2026-02-30` tidak ada di kalender: Februari 2026 hanya punya 28 hari"],
        en: &["`2026-02-30` is not a date that exists: February 2026 has 28 days"],
    },
    Mistake {
        file: "content/workshops/wa.id.md",
        text: "---\ntitle: Batik WA\nwhatsapp: 0812-3456\n---\nIsi\n",
        line: 3,
        id: &[
            "nomor `0812-3456` tidak bisa dipakai: nomor ini 8 angka",
            "10 sampai 13 angka",
            "tombol WhatsApp dengan nomor ini tidak akan tersambung",
        ],
        en: &[
            "the number `0812-3456` cannot work: it has 8 digits",
            "10 to 13",
            "a WhatsApp button with this number would reach nobody",
        ],
    },
    Mistake {
        file: "content/workshops/kode-negara.id.md",
        text: "---\ntitle: Batik Kode\nwhatsapp: \"+0812 3456 7890\"\n---\nIsi\n",
        line: 3,
        id: &["`+081…` tidak diawali kode negara yang ada"],
        en: &["`+081…` does not start with a country code in use"],
    },
    Mistake {
        file: "content/workshops/sekar/index.id.md",
        text: "---\ntitle: Batik Sekar\ncover: Cover.PNG\n---\nIsi\n",
        line: 3,
        id: &[
            "apakah maksud Anda `cover.png`?",
            "Huruf besar dan kecil dibedakan di alamat web",
        ],
        en: &[
            "did you mean `cover.png`?",
            "Web addresses are case-sensitive",
        ],
    },
];

fn volunteer_mistakes() -> Fixture {
    let f = Fixture::new("two-languages-every-section");
    for m in VOLUNTEER_MISTAKES {
        f.write(m.file, m.text);
    }
    f
}

#[test]
fn each_volunteer_mistake_is_explained_in_indonesian_on_its_line() {
    let err = volunteer_mistakes().build_fails_with(&["--lang", "id"]);
    for m in VOLUNTEER_MISTAKES {
        assert_mentions(&err, &[&format!("{}:{}", m.file, m.line)]);
        assert_mentions(&err, m.id);
    }
    // No English from the YAML reader, nor canting's English, in an Indonesian message.
    assert_silent_about(
        &err,
        &[
            "found",
            "while scanning",
            "while parsing",
            "violates",
            "did not find",
            "could not find",
            "not allowed",
            "unknown anchor",
            "error:",
            "help:",
            "did you mean",
            "cannot",
            "digits",
        ],
    );
}

#[test]
fn each_volunteer_mistake_is_explained_in_english_on_its_line() {
    let err = volunteer_mistakes().build_fails_with(&["--lang", "en"]);
    for m in VOLUNTEER_MISTAKES {
        assert_mentions(&err, &[&format!("{}:{}", m.file, m.line)]);
        assert_mentions(&err, m.en);
    }
    assert_silent_about(
        &err,
        &[
            "while scanning",
            "while parsing",
            "violates",
            "did not find expected",
            "unknown anchor",
            "check the indentation",
            "kesalahan",
            "apakah maksud Anda",
        ],
    );
}

#[test]
fn a_broken_link_suggests_the_link_to_write_from_that_file_in_both_languages() {
    let f = with(
        "two-languages-every-section",
        "content/workshops/sekar/index.id.md",
        "---\ntitle: Batik Sekar\n---\nMotif kami: [kawung](../motifs/kawung.id.md).\n",
    );
    let id = f.build_fails_with(&["--lang", "id"]);
    assert_mentions(
        &id,
        &[
            "content/workshops/sekar/index.id.md:4",
            "berkas `../motifs/kawung.id.md` tidak ada",
            "apakah maksud Anda `../../motifs/kawung.id.md`?",
        ],
    );
    let en = f.build_fails_with(&["--lang", "en"]);
    assert_mentions(
        &en,
        &[
            "content/workshops/sekar/index.id.md:4",
            "the file `../motifs/kawung.id.md` does not exist",
            "did you mean `../../motifs/kawung.id.md`?",
        ],
    );
}
