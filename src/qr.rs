//! QR codes for printed flyers, exhibition stands and screens: each page's permalink as an SVG
//! that scales to any size, with campaign pages' links tagged so the association sees which print
//! brought visitors.

use fast_qr::{ECL, QRBuilder};

use crate::model::Kind;
use crate::site::{PageId, Site};

/// Modules of white around the code, as the QR standard asks; scanners need it to find the code.
pub const QUIET_ZONE: usize = 4;

/// Error correction Q (about 25 % of the code can be lost) rather than M (15 %): these codes are
/// printed on photocopied flyers and posters that get folded, creased, smudged and taped to stands
/// in the sun. The price is a slightly denser code (a campaign link of ~120 characters goes from
/// 45 to 53 modules a side), which still scans well from 2.5 cm wide on paper.
const LEVEL: ECL = ECL::Q;

/// An SVG QR code for `url`: black modules on white with a quiet zone of four modules, a `viewBox`
/// and no fixed size (so it scales to any size), `shape-rendering="crispEdges"`, and `role="img"`
/// with a `<title>` giving the URL. Errors when `url` is too long to fit in a QR code.
pub fn svg(url: &str) -> Result<String, String> {
    let code = QRBuilder::new(url.as_bytes())
        .ecl(LEVEL)
        .build()
        .map_err(|e| {
            format!(
                "the address is too long for a QR code ({} characters): {e}",
                url.len()
            )
        })?;
    let side = code.size + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..code.size {
        let row = &code[y];
        let mut x = 0;
        while x < code.size {
            if !row[x].value() {
                x += 1;
                continue;
            }
            let start = x;
            while x < code.size && row[x].value() {
                x += 1;
            }
            let run = x - start;
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Ok(format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" "#,
            r#"shape-rendering="crispEdges" role="img">"#,
            "<title>{title}</title>",
            r##"<rect width="{side}" height="{side}" fill="#fff"/>"##,
            r##"<path fill="#000" d="{path}"/>"##,
            "</svg>\n"
        ),
        side = side,
        title = crate::escape::xml(url),
        path = path,
    ))
}

/// Where a page's QR code is written, relative to the output folder: beside the page's
/// `index.html` (`workshops/sekar/qr.svg`, `en/workshops/sekar/qr.svg`).
pub fn file(site: &Site, id: PageId) -> String {
    site.config
        .base_url
        .output_file(&format!("{}qr.svg", site.url(id)))
}

/// The address a page's QR code carries: its absolute permalink, and for a campaign page (a page
/// with `campaign: <name>`) with `?utm_source=qr&utm_medium=print&utm_campaign=<name>`, so the
/// association's statistics show which flyer or stand brought the visit.
pub fn target(site: &Site, id: PageId) -> String {
    let permalink = site.config.absolute(&site.url(id));
    match &site.pages[id].kind {
        Kind::Page(plain) => match &plain.campaign {
            // A campaign name is a slug: nothing in it needs escaping in a query string.
            Some(name) => {
                format!("{permalink}?utm_source=qr&utm_medium=print&utm_campaign={name}")
            }
            None => permalink,
        },
        _ => permalink,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules of an SVG made by [`svg`], read back from its path, with the side length.
    fn modules(svg: &str) -> (usize, Vec<(usize, usize)>) {
        let side: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .expect("a viewBox");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a path");
        let mut dark = Vec::new();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').expect("h");
            let (x, y) = xy.split_once(' ').expect("x y");
            let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
            let n: usize = rest.split('v').next().expect("n").parse().expect("n");
            dark.extend((x..x + n).map(|x| (x, y)));
        }
        (side, dark)
    }

    #[test]
    fn a_code_is_a_scalable_accessible_svg() {
        let url = "https://example.org/katalog/?a=1&b=<2>";
        let svg = svg(url).expect("fits");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(r#"shape-rendering="crispEdges""#));
        assert!(svg.contains(r#"role="img""#));
        assert!(
            svg.contains("<title>https://example.org/katalog/?a=1&amp;b=&lt;2&gt;</title>"),
            "{svg}"
        );
        let opening = svg.split('>').next().expect("a tag");
        assert!(
            !opening.contains("width") && !opening.contains("height"),
            "{opening}"
        );
        assert!(svg.contains(r##"fill="#fff""##) && svg.contains(r##"fill="#000""##));
    }

    #[test]
    fn the_quiet_zone_is_four_modules_of_white() {
        let svg = svg("https://example.org/katalog/workshops/sekar/").expect("fits");
        let (side, dark) = modules(&svg);
        assert!(!dark.is_empty());
        // The top-left finder pattern starts right after the quiet zone.
        assert!(dark.contains(&(QUIET_ZONE, QUIET_ZONE)));
        for &(x, y) in &dark {
            assert!((QUIET_ZONE..side - QUIET_ZONE).contains(&x), "x {x}");
            assert!((QUIET_ZONE..side - QUIET_ZONE).contains(&y), "y {y}");
        }
        // A QR code is 17 + 4 × version modules a side.
        assert_eq!((side - 2 * QUIET_ZONE - 17) % 4, 0, "side {side}");
    }

    #[test]
    fn error_correction_is_quartile() {
        // Version 1 (21 modules, 29 with the quiet zone) holds 11 bytes at level Q, 14 at M and
        // 7 at H: 11 bytes fit in it, 12 need version 2.
        let (side, _) = modules(&svg("https://a.b").expect("fits"));
        assert_eq!(side, 29);
        let (side, _) = modules(&svg("https://a.bc").expect("fits"));
        assert_eq!(side, 33);
    }

    #[test]
    fn addresses_too_long_are_an_error_not_a_panic() {
        let long = format!("https://example.org/{}", "a".repeat(4000));
        let err = svg(&long).expect_err("too long");
        assert!(err.contains("too long"), "{err}");
        assert!(svg("").is_ok());
    }
}
