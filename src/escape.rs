//! Escaping text for the formats canting writes: HTML attributes, XML, JSON inside `<script>`,
//! and URL query strings. Each rule is written once here; iCalendar's own escaping stays with the
//! calendar, as it belongs to that format alone.

/// Text for an HTML attribute value or element content.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for XML content and attribute values: the five special characters escaped, and the
/// characters XML 1.0 cannot hold at all (most control characters, U+FFFE, U+FFFF) left out, so
/// no content can make the file unreadable.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside a `<script>` element: `<`, `>` and `&` only ever occur inside JSON
/// strings, where their `\u` escapes mean the same; U+2028 and U+2029 are escaped for old
/// JavaScript parsers.
pub fn script_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for query strings.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencode_encodes_reserved_and_unicode() {
        assert_eq!(
            urlencode("Halo, saya & kamu"),
            "Halo%2C%20saya%20%26%20kamu"
        );
        assert_eq!(urlencode("é"), "%C3%A9");
    }

    #[test]
    fn html_escapes_quotes_of_both_kinds() {
        assert_eq!(
            html(r#"<a href="x" title='y'>&"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;"
        );
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let value = serde_json::json!({
            "name": "Batik </script><script>alert(1)</script> & <!-- \u{2028}",
        });
        let text = script_json(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        assert!(text.contains("\\u003c/script\\u003e"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn xml_round_trips_and_drops_what_xml_cannot_hold() {
        let text = "Batik & <Co> \"quoted\" 'single'\u{0}\u{7}\u{FFFF}";
        let escaped = xml(text);
        assert_eq!(
            escaped,
            "Batik &amp; &lt;Co&gt; &quot;quoted&quot; &apos;single&apos;"
        );
        let doc = format!("<a b=\"{escaped}\">{escaped}</a>");
        let doc = roxmltree::Document::parse(&doc).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.text(), Some("Batik & <Co> \"quoted\" 'single'"));
        assert_eq!(
            root.attribute("b"),
            Some("Batik & <Co> \"quoted\" 'single'")
        );
    }
}
