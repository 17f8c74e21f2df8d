//! QR codes read back the way a phone would: the SVG rasterised, then decoded.

use canting::model::Section;
use canting::qr;

use crate::support::{self, load, load_at, page};

#[test]
fn a_long_url_with_a_query_string_reads_back() {
    let url = "https://batik.example.org/katalog-batik-blitar/en/workshops/sekar-arum-kademangan/\
               ?utm_source=qr&utm_medium=print&utm_campaign=pameran-desember-2026&stand=12%2FA#peta";
    let svg = qr::svg(url).expect("fits in a QR code");
    assert_eq!(support::decode_qr(&svg), url);
}

#[test]
fn a_campaign_page_carries_its_utm_tags() {
    let site = load("campaign-page-with-utm-tags");
    let base = "https://batik.example.org/katalog-batik-blitar";
    let tags = "?utm_source=qr&utm_medium=print&utm_campaign=pameran-desember-2026";
    for (lang, prefix) in [("id", ""), ("en", "en/")] {
        let id = page(&site, Section::Pages, "pameran-desember", lang);
        let target = qr::target(&site, id);
        assert_eq!(target, format!("{base}/{prefix}pameran-desember/{tags}"));
        assert_eq!(support::decode_qr(&qr::svg(&target).expect("fits")), target);
        assert_eq!(
            qr::file(&site, id),
            format!("{prefix}pameran-desember/qr.svg")
        );
    }
}

#[test]
fn other_pages_carry_their_plain_permalink() {
    let site = load("campaign-page-with-utm-tags");
    let about = page(&site, Section::Pages, "tentang", "id");
    assert_eq!(
        qr::target(&site, about),
        "https://batik.example.org/katalog-batik-blitar/tentang/"
    );
    let sekar = page(&site, Section::Workshops, "sekar", "en");
    assert_eq!(
        qr::target(&site, sekar),
        "https://batik.example.org/katalog-batik-blitar/en/workshops/sekar/"
    );
}

#[test]
fn every_page_of_a_site_has_a_code_that_reads_back() {
    let site = load("two-languages-every-section");
    for id in 0..site.pages.len() {
        let target = qr::target(&site, id);
        assert!(
            target.starts_with("https://example.org/katalog/"),
            "{target}"
        );
        assert_eq!(support::decode_qr(&qr::svg(&target).expect("fits")), target);
    }
}

#[test]
fn codes_sit_beside_their_page() {
    let site = load("two-languages-every-section");
    let sekar_id = page(&site, Section::Workshops, "sekar", "id");
    let sekar_en = page(&site, Section::Workshops, "sekar", "en");
    let about = page(&site, Section::Pages, "about", "en");
    assert_eq!(qr::file(&site, sekar_id), "workshops/sekar/qr.svg");
    assert_eq!(qr::file(&site, sekar_en), "en/workshops/sekar/qr.svg");
    assert_eq!(qr::file(&site, about), "en/about/qr.svg");

    // The same at the root of a domain.
    let site = load_at("two-languages-every-section", "https://batik.example.org/");
    let melati = page(&site, Section::Workshops, "melati", "id");
    assert_eq!(qr::file(&site, melati), "workshops/melati/qr.svg");
    assert_eq!(
        qr::target(&site, melati),
        "https://batik.example.org/workshops/melati/"
    );
}
