//! Contact details that pass the build's checks (`contact`: a number, an address, a safe link) but
//! cannot work for a visitor:
//!
//! - a WhatsApp number that is not an Indonesian mobile number (`+62 8…`, 10 to 13 digits written
//!   as `08…`): a landline has no WhatsApp, and `+812…` lost its country code;
//! - an `http://` link where visitors' browsers warn about an insecure site;
//! - an example address (`example.org`, `contoh.id`, `.test`…) copied from a template and never
//!   replaced.

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

pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        out.extend(diagnose(&site.root, &page.file, &of_page(&page.kind)));
    }
    out.extend(diagnose(
        &site.root,
        Path::new(crate::folders::SITE_FILE),
        &of_organization(&site.config.organization),
    ));
    out
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

fn diagnose(root: &Path, file: &Path, contacts: &[Contact]) -> Vec<Diagnostic> {
    contacts
        .iter()
        .flat_map(|c| problems(&c.what).into_iter().map(move |p| (c, p)))
        .map(|(c, (message, hint))| {
            Diagnostic::warning(message)
                .file(file)
                .line(super::lines::line_of(root, file, c.key, c.value))
                .field(c.field)
                .hint(hint)
        })
        .collect()
}

fn problems(what: &What) -> Vec<Problem> {
    match what {
        What::WhatsApp(phone) => whatsapp(phone).into_iter().collect(),
        What::Email(email) => example_email(email).into_iter().collect(),
        What::Url(url) => url_problems(url),
    }
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

fn example_email(email: &str) -> Option<Problem> {
    let domain = email.rsplit_once('@').map(|(_, d)| d)?;
    is_example(domain).then(|| {
        (
            t!("check.example_email", email = email),
            t!("check.example_hint"),
        )
    })
}

fn url_problems(url: &str) -> Vec<Problem> {
    let lower = url.trim().to_ascii_lowercase();
    if let Some(email) = lower.strip_prefix("mailto:") {
        let email = email.split('?').next().unwrap_or(email);
        return example_email(email).into_iter().collect();
    }
    let mut out = Vec::new();
    if lower.starts_with("http://") {
        out.push((t!("check.http_url", url = url), t!("check.http_url_hint")));
    }
    if host(&lower).is_some_and(is_example) {
        out.push((t!("check.example_url", url = url), t!("check.example_hint")));
    }
    out
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
        assert!(whatsapp(&phone("0812 3456")).is_some());
        assert!(whatsapp(&phone("0812 3456 7890 12")).is_some());
    }

    #[test]
    fn example_domains_are_found_in_emails_and_links() {
        assert!(example_email("info@example.org").is_some());
        assert!(example_email("info@mail.contoh.id").is_some());
        assert!(example_email("info@batikblitar.id").is_none());
        assert_eq!(url_problems("https://shop.example.com/a").len(), 1);
        assert_eq!(url_problems("http://example.net").len(), 2);
        assert_eq!(url_problems("mailto:a@toko.test").len(), 1);
        assert!(url_problems("https://www.examples.com/").is_empty());
        assert!(url_problems("https://tokopedia.com/sekar").is_empty());
        assert!(url_problems("tel:+6281234560001").is_empty());
    }

    #[test]
    fn http_links_should_be_https() {
        let found = url_problems("HTTP://batik.id/");
        assert_eq!(found.len(), 1);
        assert!(found[0].0.contains("HTTP://batik.id/"), "{}", found[0].0);
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
