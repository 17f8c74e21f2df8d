//! Contact details as volunteers write them, checked and put in the one form that works.

use rust_i18n::t;

/// A phone number in international form, digits only (`6281234560001`), as `wa.me` and `tel:` want.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Phone(String);

impl Phone {
    /// Reads `0812-3456-0001`, `+62 812 3456 0001`, `62812…` or `812…` (what YAML leaves of an
    /// unquoted number that started with 0). Indonesian numbers are the default: the association's
    /// members and visitors are there.
    ///
    /// A number that cannot be dialled is refused, by the Indonesian numbering plan: a mobile
    /// number (`08…`) outside 9 to 14 digits (10 to 13 is usual; `canting check` warns about the
    /// others), a landline outside 9 to 12 digits with its area code, `+62 0…`, a `+` number
    /// whose country code is not assigned (`+0…`, `+28…`) or that is not 8 to 15 digits long.
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
        // `00 62 812…` is how a number abroad is dialled from Indonesia: the same as `+62 812…`.
        let (plus, digits) = match digits.strip_prefix("00") {
            Some(rest) if !plus => (true, rest.to_string()),
            _ => (plus, digits),
        };
        let national = if plus {
            match digits.strip_prefix("62") {
                Some(national) => national.to_string(),
                None => {
                    if country_code(&digits).is_none() {
                        let shown: String = digits.chars().take(3).collect();
                        return Err(t!("contact.phone_country", start = shown).into_owned());
                    }
                    if !(8..=15).contains(&digits.len()) {
                        return Err(t!("contact.phone_length", count = digits.len()).into_owned());
                    }
                    return Ok(Phone(digits));
                }
            }
        } else if let Some(local) = digits.strip_prefix('0') {
            local.to_string()
        } else if let Some(national) = digits.strip_prefix("62") {
            national.to_string()
        } else if digits.starts_with('8') {
            digits
        } else {
            return Err(t!("contact.phone_form").into_owned());
        };
        indonesian(&national)?;
        Ok(Phone(format!("62{national}")))
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

/// Whether an Indonesian number (after `+62`, without its leading 0) can be dialled: mobile
/// numbers (`8…`) have 9 to 14 digits written with their 0, landlines 9 to 12 with the area code.
fn indonesian(national: &str) -> Result<(), String> {
    if national.starts_with('0') {
        return Err(t!("contact.phone_zero_after_code").into_owned());
    }
    let written = national.len() + 1;
    if national.starts_with('8') {
        if !(9..=14).contains(&written) {
            return Err(t!("contact.phone_mobile_length", count = written).into_owned());
        }
    } else if !(9..=12).contains(&written) {
        return Err(t!("contact.phone_landline_length", count = written).into_owned());
    }
    Ok(())
}

/// Country calling codes in use (ITU-T E.164), one, two or three digits.
const COUNTRY_CODES: &[(u16, u16)] = &[
    (1, 1),
    (7, 7),
    (20, 20),
    (27, 27),
    (30, 34),
    (36, 36),
    (39, 41),
    (43, 49),
    (51, 58),
    (60, 66),
    (81, 82),
    (84, 84),
    (86, 86),
    (90, 95),
    (98, 98),
    (211, 213),
    (216, 216),
    (218, 218),
    (220, 258),
    (260, 269),
    (290, 291),
    (297, 299),
    (350, 359),
    (370, 383),
    (385, 389),
    (420, 421),
    (423, 423),
    (500, 509),
    (590, 599),
    (670, 670),
    (672, 692),
    (850, 850),
    (852, 853),
    (855, 856),
    (880, 880),
    (886, 886),
    (960, 968),
    (970, 977),
    (992, 996),
    (998, 998),
];

/// The country calling code at the start of an international number's digits, if it is one in
/// use.
pub fn country_code(digits: &str) -> Option<&str> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3).find_map(|n| {
        let code = digits.get(..n)?;
        let value: u16 = code.parse().ok()?;
        COUNTRY_CODES
            .iter()
            .any(|(from, to)| (*from..=*to).contains(&value))
            .then_some(code)
    })
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
    fn numbers_that_cannot_be_dialled_are_refused_by_the_numbering_plan() {
        let short = Phone::parse("0812-3456").expect_err("8 digits");
        assert!(
            short.contains("8 digits") && short.contains("10 to 13"),
            "{short}"
        );
        assert!(Phone::parse("0812 3456 7890 123").is_err(), "15 digits");
        assert!(Phone::parse("+62 0812 3456 7890").is_err(), "+62 0");
        let country = Phone::parse("+0812 3456 7890").expect_err("no country code 0");
        assert!(country.contains("`+081"), "{country}");
        assert!(Phone::parse("+28 1234 5678").is_err(), "28 is not in use");
        assert!(Phone::parse("0342 12").is_err(), "a short landline");
        assert!(Phone::parse("08l2 3456 7890").is_err(), "a letter");
        // Odd but possible: `canting check` warns about these.
        for possible in [
            "0812 3456 7",
            "0812 3456 7890 12",
            "(0342) 555-0106",
            "+812 3456 7890",
            "+1 415 555 0100",
            "0062 812 3456 7890",
        ] {
            assert!(Phone::parse(possible).is_ok(), "{possible}");
        }
        assert_eq!(country_code("6281"), Some("62"));
        assert_eq!(country_code("1415"), Some("1"));
        assert_eq!(country_code("2621"), Some("262"));
        assert_eq!(country_code("0812"), None);
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
