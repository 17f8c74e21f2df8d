//! What canting says about bad photos, in Indonesian and in English: a photo a page names that is
//! not there, an empty one and one cut short. Every message names the photo's file.

mod support;

use support::{Fixture, assert_mentions, assert_silent_about};

/// The start of a JPEG (its header and a JFIF segment) with no picture data after it, as a copy
/// that stopped early leaves it.
const CUT_SHORT_JPEG: &[u8] =
    b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00not the rest of a photo";

/// The minimal site, with a workshop whose cover is not there.
fn missing_photo() -> Fixture {
    let f = Fixture::new("minimal");
    f.write(
        "content/workshops/melati.id.md",
        "---\ntitle: Batik Melati\ncover: foto-hilang.jpg\n---\nIsi\n",
    );
    f
}

/// The minimal site, with one workshop's cover empty and another's cut short.
fn broken_photos() -> Fixture {
    let f = Fixture::new("minimal");
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
