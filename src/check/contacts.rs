//! Contact details that pass the build's checks (`contact`: a number, an address, a safe link) but
//! cannot work for a visitor:
//!
//! - a WhatsApp number that is not an Indonesian mobile number (`+62 8…`, 10 to 13 digits written
//!   as `08…`): a landline has no WhatsApp, and `+812…` lost its country code;
//! - an `http://` link where visitors' browsers warn about an insecure site;
//! - sample data never replaced: an example address (`example.org`, `contoh.id`, `.test`…), a
//!   sample number (`+62 812 0000 0000`), a `base_url` on an example domain. All of it is one
//!   finding, "replace the sample data", listing the places: a note while `base_url` itself is
//!   an example (the site is still the sample, or fresh from `canting init`), a warning once the
//!   site has its real address and something was left behind.

use std::borrow::Cow;
use std::path::Path;

use rust_i18n::t;

use crate::contact::Phone;
use crate::diagnostic::Diagnostic;
use crate::model::{CtaTarget, Kind};
use crate::site::Site;

/// Domains that exist only as examples: reserved for documentation (RFC 2606) and their
/// Indonesian counterpart from canting's own hints.
const EXAMPLE_DOMAINS: [&str; 7] = [
    "example.com",
    "example.org",
    "example.net",
    "example.edu",
    "contoh.id",
    "contoh.com",
    "contoh.co.id",
];
/// Top-level domains that never reach the internet (RFC 2606).
const EXAMPLE_TLDS: [&str; 4] = ["example", "test", "invalid", "localhost"];

/// One contact detail and where it is written.
struct Contact<'a> {
    /// The field as the finding names it (`cta.whatsapp`).
    field: &'static str,
    /// The top-level key of the file and, below it, the text of its line.
    key: &'static str,
    value: Option<&'a str>,
    what: What<'a>,
}

enum What<'a> {
    WhatsApp(&'a Phone),
    Email(&'a str),
    Url(&'a str),
}

/// A finding without its place: a message and a hint.
type Problem = (Cow<'static, str>, Cow<'static, str>);

/// Sample data found in one place: the file, its line and the field.
struct Sample {
    file: std::path::PathBuf,
    line: Option<usize>,
    field: &'static str,
}

/// The contacts of every page and of the association that cannot work, and the sample data
/// still in the site.
pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut samples = Vec::new();
    let site_file = Path::new(crate::folders::SITE_FILE);
    let base_is_example =
        host(&site.config.base_url.origin().to_ascii_lowercase()).is_some_and(is_example);
    if base_is_example {
        samples.push(Sample {
            file: site_file.to_path_buf(),
            line: super::lines::line_of(&site.root, site_file, "base_url", None),
            field: "base_url",
        });
    }
    out.extend(diagnose(
        &site.root,
        site_file,
        &of_organization(&site.config.organization),
        &mut samples,
    ));
    for page in &site.pages {
        out.extend(diagnose(
            &site.root,
            &page.file,
            &of_page(&page.kind),
            &mut samples,
        ));
    }
    out.extend(sample_data(&samples, base_is_example));
    out
}

/// All the sample data as one finding: where the first piece is, how many there are, and the
/// places of the first few.
fn sample_data(samples: &[Sample], note: bool) -> Option<Diagnostic> {
    const SHOWN: usize = 6;
    let first = samples.first()?;
    let mut places: Vec<String> = samples
        .iter()
        .take(SHOWN)
        .map(|s| {
            let line = s.line.map(|l| format!(":{l}")).unwrap_or_default();
            format!("{}{line} `{}`", s.file.display(), s.field)
        })
        .collect();
    if samples.len() > SHOWN {
        places.push(t!("check.sample_data_more", count = samples.len() - SHOWN).into_owned());
    }
    let message = t!("check.sample_data", count = samples.len());
    let diagnostic = if note {
        Diagnostic::note(message)
    } else {
        Diagnostic::warning(message)
    };
    Some(
        diagnostic
            .file(&first.file)
            .line(first.line)
            .hint(t!("check.sample_data_hint", places = places.join(", "))),
    )
}

fn of_page(kind: &Kind) -> Vec<Contact<'_>> {
    let mut out = Vec::new();
    let top = |field, what| Contact {
        field,
        key: field,
        value: None,
        what,
    };
    match kind {
        Kind::Workshop(w) => {
            out.extend(
                w.whatsapp
                    .as_ref()
                    .map(|p| top("whatsapp", What::WhatsApp(p))),
            );
            out.extend(w.email.as_deref().map(|e| top("email", What::Email(e))));
            out.extend(w.website.as_deref().map(|u| top("website", What::Url(u))));
            out.extend(w.marketplace.iter().map(|m| Contact {
                field: "marketplace",
                key: "marketplace",
                value: Some(&m.url),
                what: What::Url(&m.url),
            }));
        }
        Kind::Event(e) => {
            out.extend(
                e.registration
                    .as_deref()
                    .map(|u| top("registration", What::Url(u))),
            );
        }
        Kind::Page(p) => {
            out.extend(p.cta.as_ref().map(|cta| match &cta.target {
                CtaTarget::WhatsApp(phone) => Contact {
                    field: "cta.whatsapp",
                    key: "cta",
                    value: Some("whatsapp:"),
                    what: What::WhatsApp(phone),
                },
                CtaTarget::Url(url) => Contact {
                    field: "cta.url",
                    key: "cta",
                    value: Some("url:"),
                    what: What::Url(url),
                },
            }));
        }
        Kind::Motif(_) | Kind::News(_) => {}
    }
    out
}

fn of_organization(org: &crate::config::Organization) -> Vec<Contact<'_>> {
    let mut out = Vec::new();
    out.extend(org.whatsapp.as_ref().map(|p| Contact {
        field: "organization.whatsapp",
        key: "organization",
        value: Some("whatsapp:"),
        what: What::WhatsApp(p),
    }));
    out.extend(org.email.as_deref().map(|e| Contact {
        field: "organization.email",
        key: "organization",
        value: Some("email:"),
        what: What::Email(e),
    }));
    out
}

/// The warnings about `contacts` of one file; sample data goes to `samples`.
fn diagnose(
    root: &Path,
    file: &Path,
    contacts: &[Contact],
    samples: &mut Vec<Sample>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in contacts {
        let line = || super::lines::line_of(root, file, c.key, c.value);
        if is_sample(&c.what) {
            samples.push(Sample {
                file: file.to_path_buf(),
                line: line(),
                field: c.field,
            });
        }
        for (message, hint) in problems(&c.what) {
            out.push(
                Diagnostic::warning(message)
                    .file(file)
                    .line(line())
                    .field(c.field)
                    .hint(hint),
            );
        }
    }
    out
}

/// What cannot work for a visitor, sample data aside.
fn problems(what: &What) -> Vec<Problem> {
    match what {
        What::WhatsApp(phone) => whatsapp(phone).into_iter().collect(),
        What::Email(_) => Vec::new(),
        What::Url(url) => http(url).into_iter().collect(),
    }
}

/// Sample data copied from the sample site, an archetype or a hint and never replaced.
fn is_sample(what: &What) -> bool {
    match what {
        What::WhatsApp(phone) => is_sample_phone(phone),
        What::Email(email) => is_example_email(email),
        What::Url(url) => is_example_url(url),
    }
}

/// `+62 812 0000 0000`: a mobile number whose digits after the operator's prefix are all the
/// same, as in canting's samples.
fn is_sample_phone(phone: &Phone) -> bool {
    phone
        .digits()
        .strip_prefix("62")
        .and_then(|national| national.get(3..))
        .is_some_and(|rest| rest.len() >= 6 && rest.chars().all(|c| c == '0'))
}

/// Indonesian mobile numbers start with 08 (`+62 8`) and have 10 to 13 digits written as `08…`.
fn whatsapp(phone: &Phone) -> Option<Problem> {
    let number = phone.display();
    let Some(national) = phone.digits().strip_prefix("62") else {
        return Some((
            t!("check.whatsapp_foreign", number = number),
            t!("check.whatsapp_foreign_hint"),
        ));
    };
    if !national.starts_with('8') {
        return Some((
            t!("check.whatsapp_landline", number = number),
            t!("check.whatsapp_landline_hint"),
        ));
    }
    // Written the local way, with its leading 0.
    let digits = national.len() + 1;
    if !(10..=13).contains(&digits) {
        return Some((
            t!("check.whatsapp_length", number = number, digits = digits),
            t!("check.whatsapp_length_hint"),
        ));
    }
    None
}

fn is_example_email(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, domain)| is_example(domain))
}

fn is_example_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if let Some(email) = lower.strip_prefix("mailto:") {
        return is_example_email(email.split('?').next().unwrap_or(email));
    }
    host(&lower).is_some_and(is_example)
}

fn http(url: &str) -> Option<Problem> {
    url.trim()
        .to_ascii_lowercase()
        .starts_with("http://")
        .then(|| (t!("check.http_url", url = url), t!("check.http_url_hint")))
}

/// `https://user@shop.example.com:8080/a?b` → `shop.example.com`.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    Some(host.split(':').next().unwrap_or(host))
}

fn is_example(domain: &str) -> bool {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let under = |d: &str| domain == d || domain.ends_with(&format!(".{d}"));
    EXAMPLE_DOMAINS.iter().any(|d| under(d)) || EXAMPLE_TLDS.iter().any(|d| under(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(text: &str) -> Phone {
        Phone::parse(text).expect("a phone number")
    }

    #[test]
    fn only_indonesian_mobile_numbers_pass_for_whatsapp() {
        for ok in ["0812-3456-0001", "+62 838 3456 0008", "0811 234 567"] {
            assert!(whatsapp(&phone(ok)).is_none(), "{ok}");
        }
        let landline = whatsapp(&phone("(0342) 555-0106")).expect("a landline");
        assert!(landline.0.contains("+62 342"), "{}", landline.0);
        assert!(whatsapp(&phone("+812 3456 0001")).is_some());
        assert!(whatsapp(&phone("0812 3456 7")).is_some());
        assert!(whatsapp(&phone("0812 3456 7890 12")).is_some());
    }

    #[test]
    fn example_domains_are_found_in_emails_and_links() {
        assert!(is_example_email("info@example.org"));
        assert!(is_example_email("info@mail.contoh.id"));
        assert!(!is_example_email("info@batikblitar.id"));
        assert!(is_example_url("https://shop.example.com/a"));
        assert!(is_example_url("http://example.net"));
        assert!(is_example_url("mailto:a@toko.test"));
        assert!(!is_example_url("https://www.examples.com/"));
        assert!(!is_example_url("https://tokopedia.com/sekar"));
        assert!(!is_example_url("tel:+6281234560001"));
    }

    #[test]
    fn sample_numbers_are_found() {
        assert!(is_sample_phone(&phone("+62 812 0000 0000")));
        assert!(!is_sample_phone(&phone("0812 3456 7890")));
        assert!(!is_sample_phone(&phone("0812 3400 0001")));
    }

    #[test]
    fn sample_data_is_one_finding_a_note_while_the_site_is_the_sample() {
        let samples: Vec<Sample> = (1..=9)
            .map(|i| Sample {
                file: "site.yaml".into(),
                line: Some(i),
                field: "organization.email",
            })
            .collect();
        let note = sample_data(&samples, true).expect("a finding");
        assert_eq!(note.severity, crate::diagnostic::Severity::Note);
        assert!(note.message.contains('9'), "{}", note.message);
        let hint = note.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("site.yaml:1 `organization.email`"), "{hint}");
        assert!(hint.contains("3 more"), "{hint}");
        let warning = sample_data(&samples[..1], false).expect("a finding");
        assert!(warning.is_warning());
        assert!(sample_data(&[], true).is_none());
    }

    #[test]
    fn http_links_should_be_https() {
        let found = http("HTTP://batik.id/").expect("a warning");
        assert!(found.0.contains("HTTP://batik.id/"), "{}", found.0);
        assert!(http("https://batik.id/").is_none());
    }

    #[test]
    fn hosts_are_read_from_links() {
        assert_eq!(
            host("https://u@shop.example.com:8080/a?b"),
            Some("shop.example.com")
        );
        assert_eq!(host("https://a.id"), Some("a.id"));
    }
}
