//! Contact details as volunteers write them, checked and put in the one form that works.

use rust_i18n::t;

/// A phone number in international form, digits only (`6281234560001`), as `wa.me` and `tel:` want.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Phone(String);

impl Phone {
    /// Reads `0812-3456-0001`, `+62 812 3456 0001`, `62812…` or `812…` (what YAML leaves of an
    /// unquoted number that started with 0). Indonesian numbers are the default: the association's
    /// members and visitors are there.
    pub fn parse(text: &str) -> Result<Phone, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(t!("contact.phone_empty").into_owned());
        }
        if let Some(bad) = trimmed
            .chars()
            .find(|c| !(c.is_ascii_digit() || " -.()+".contains(*c)))
        {
            return Err(t!("contact.phone_char", char = bad).into_owned());
        }
        let plus = trimmed.starts_with('+');
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let international = if plus {
            digits
        } else if let Some(local) = digits.strip_prefix('0') {
            format!("62{local}")
        } else if digits.starts_with("62") {
            digits
        } else if digits.starts_with('8') {
            format!("62{digits}")
        } else {
            return Err(t!("contact.phone_form").into_owned());
        };
        if !(9..=15).contains(&international.len()) {
            return Err(t!("contact.phone_length", count = international.len()).into_owned());
        }
        Ok(Phone(international))
    }

    /// The number's digits with the country code and no `+`, e.g. `6281234560001`.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `+62 812-3456-0001`: readable on a page and on a printed flyer.
    pub fn display(&self) -> String {
        let d = &self.0;
        match d.strip_prefix("62") {
            Some(rest) if rest.len() >= 9 => {
                let (a, b) = rest.split_at(3);
                let (b, c) = b.split_at(4);
                format!("+62 {a}-{b}-{c}")
            }
            _ => format!("+{d}"),
        }
    }

    /// A `https://wa.me/…` link that opens a WhatsApp chat with the number.
    pub fn whatsapp_url(&self) -> String {
        format!("https://wa.me/{}", self.0)
    }

    /// A `tel:+…` link that dials the number.
    pub fn tel_url(&self) -> String {
        format!("tel:+{}", self.0)
    }
}

/// Only web, mail and phone links reach a page: never `javascript:` or `data:`.
pub fn check_url(text: &str) -> Result<String, String> {
    let url = text.trim();
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !scheme_ok {
        return Err(t!("contact.url_scheme").into_owned());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(t!("contact.url_spaces").into_owned());
    }
    let rest = &url[url.find(':').map_or(0, |i| i + 1)..];
    if rest.trim_start_matches('/').is_empty() {
        return Err(t!("contact.url_empty").into_owned());
    }
    Ok(url.to_string())
}

/// Accepts an address with a user, an `@` and a dotted host, and no spaces or quotes; returns it
/// trimmed, or why it was refused.
pub fn check_email(text: &str) -> Result<String, String> {
    let email = text.trim();
    let valid = email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !email
                .chars()
                .any(|c| c.is_whitespace() || "<>\"',;".contains(c))
    });
    if valid {
        Ok(email.to_string())
    } else {
        Err(t!("contact.email_form").into_owned())
    }
}

/// A social handle, with or without `@` or a full profile link.
pub fn handle(text: &str) -> String {
    let t = text.trim().trim_end_matches('/');
    let t = t.rsplit('/').next().unwrap_or(t);
    t.trim_start_matches('@').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_numbers_become_international() {
        for input in [
            "0812-3456-0001",
            "+62 812 3456 0001",
            "6281234560001",
            "81234560001",
        ] {
            let p = Phone::parse(input).expect(input);
            assert_eq!(p.digits(), "6281234560001", "{input}");
        }
        let p = Phone::parse("0812-3456-0001").expect("valid");
        assert_eq!(p.whatsapp_url(), "https://wa.me/6281234560001");
        assert_eq!(p.display(), "+62 812-3456-0001");
    }

    #[test]
    fn nonsense_numbers_are_refused() {
        assert!(Phone::parse("call me").is_err());
        assert!(Phone::parse("12").is_err());
        assert!(Phone::parse("").is_err());
        assert!(Phone::parse("0812 3456 0001 0001 0001").is_err());
    }

    #[test]
    fn only_safe_url_schemes_pass() {
        assert!(check_url("https://example.org/a").is_ok());
        assert!(check_url("mailto:a@b.id").is_ok());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("JaVaScRiPt:alert(1)").is_err());
        assert!(check_url("data:text/html,x").is_err());
        assert!(check_url("example.org").is_err());
        assert!(check_url("https://").is_err());
    }

    #[test]
    fn emails_and_handles() {
        assert!(check_email("info@example.org").is_ok());
        assert!(check_email("info@example").is_err());
        assert_eq!(handle("@batikblitar"), "batikblitar");
        assert_eq!(handle("https://instagram.com/batikblitar/"), "batikblitar");
    }
}
