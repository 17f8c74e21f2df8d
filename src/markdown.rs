//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists, heading ids,
//! and links rewritten to the site's URLs.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use rust_i18n::t;

/// What a link in a page's Markdown turns into.
pub enum Link {
    /// Rewritten to a URL of the site.
    Internal(String),
    /// Left as written, marked as leading off the site.
    External,
    /// Left as written (anchors on the same page, `mailto:`…).
    Unchanged,
    /// Does not lead anywhere: a message and a hint for the volunteer.
    Broken(String, String),
}

impl Link {
    /// A link (`to_page`) or image that leaves `content/`, as `../../../x.md`.
    pub fn outside(url: &str, to_page: bool) -> Link {
        let hint = if to_page {
            t!("markdown.outside_pages_hint")
        } else {
            t!("markdown.outside_files_hint")
        };
        Link::Broken(
            t!("markdown.outside", url = url).into_owned(),
            hint.into_owned(),
        )
    }
}

/// A page's Markdown body as HTML, with what previews need from it.
pub struct Rendered {
    /// The body as HTML, its links rewritten by `resolve`.
    pub html: String,
    /// The first paragraph as plain text, for cards and descriptions.
    pub first_paragraph: Option<String>,
    /// Every word the body shows, as plain text (link addresses and markup left out), for the
    /// search index.
    pub text: String,
}

/// A link that could not be resolved, with the line (counted from the body's first line, 0-based).
pub struct BrokenLink {
    /// 0-based, from the body's first line; add the body's line to get the file's.
    pub line: usize,
    /// What is wrong with the link, in the volunteer's language.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body to HTML (tables, footnotes, strikethrough, task lists, heading
/// attributes), asking `resolve` what each link becomes; the links it calls broken are returned.
pub fn render(text: &str, resolve: &dyn Fn(&str) -> Link) -> (Rendered, Vec<BrokenLink>) {
    let mut broken = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // Whether each open link was rewritten into raw HTML, so its end tag is too.
    let mut open_links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = text[..range.start].matches('\n').count();
                let dest_url = match safe(&dest_url, resolve) {
                    Link::External => {
                        // Written as HTML to carry `rel`; its end tag is then HTML too.
                        open_links.push(true);
                        let mut a = format!(
                            "<a href=\"{}\" rel=\"noopener\"",
                            crate::escape::html(&dest_url)
                        );
                        if !title.is_empty() {
                            a.push_str(&format!(" title=\"{}\"", crate::escape::html(&title)));
                        }
                        a.push('>');
                        events.push(Event::InlineHtml(a.into()));
                        continue;
                    }
                    Link::Internal(url) => url.into(),
                    Link::Unchanged => dest_url,
                    Link::Broken(message, hint) => {
                        broken.push(BrokenLink {
                            line,
                            message,
                            hint,
                        });
                        dest_url
                    }
                };
                open_links.push(false);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop().unwrap_or(false) {
                    events.push(Event::InlineHtml("</a>".into()));
                } else {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = text[..range.start].matches('\n').count();
                let dest_url = match safe(&dest_url, resolve) {
                    Link::Internal(url) => url.into(),
                    Link::Broken(message, hint) => {
                        broken.push(BrokenLink {
                            line,
                            message,
                            hint,
                        });
                        dest_url
                    }
                    Link::External | Link::Unchanged => dest_url,
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            // HTML typed into the text is shown as written, never run: a page's text must not
            // be a way to put a script or a frame on the association's site.
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            other => events.push(other),
        }
    }
    add_heading_ids(&mut events);
    let first_paragraph = first_paragraph(&events);
    let plain = plain_text(&events, text.len());
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    (
        Rendered {
            html: out,
            first_paragraph,
            text: plain,
        },
        broken,
    )
}

/// What `resolve` makes of a link, unless it runs code or carries a document of its own
/// (`javascript:`, `vbscript:`, `data:`, however disguised): that is broken, whatever the caller.
fn safe(url: &str, resolve: &dyn Fn(&str) -> Link) -> Link {
    // Browsers ignore spaces and control characters in a scheme, and its case.
    let plain: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| plain.starts_with(s))
    {
        return Link::Broken(
            t!("markdown.unsafe", url = url).into_owned(),
            t!("markdown.unsafe_hint").into_owned(),
        );
    }
    resolve(url)
}

/// Gives every heading without an `{#id}` one made from its text, unique within the page.
fn add_heading_ids(events: &mut [Event]) {
    let mut used: HashSet<String> = HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i] {
            let explicit = id.as_ref().map(|s| s.to_string());
            let text = collect_text(&events[i + 1..], |e| {
                matches!(e, Event::End(TagEnd::Heading(_)))
            });
            let base = explicit.unwrap_or_else(|| {
                let s = crate::model::Slug::from_name(&text).to_string();
                if s == "item" { "section".into() } else { s }
            });
            // Each base remembers the next number to try: a page of twenty thousand headings
            // of the same text is numbered in one pass, not counted up from 1 each time.
            let mut candidate = base.clone();
            let mut n = next.get(&base).copied().unwrap_or(1);
            while !used.insert(candidate.clone()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            next.insert(base, n);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(candidate));
            }
        }
        i += 1;
    }
}

fn collect_text(events: &[Event], end: impl Fn(&Event) -> bool) -> String {
    let mut text = String::new();
    for e in events {
        if end(e) {
            break;
        }
        push_text(e, &mut text);
    }
    text
}

/// Adds what an event shows as text to `text`: its words, a space for a line break.
fn push_text(event: &Event, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        _ => {}
    }
}

/// What `events` show as text, a space between blocks, so that the last word of a heading or a
/// list item does not run into the next.
fn plain_text(events: &[Event], capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    for e in events {
        push_text(e, &mut out);
        if matches!(
            e,
            Event::End(
                TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::BlockQuote(_)
                    | TagEnd::CodeBlock
                    | TagEnd::FootnoteDefinition
            )
        ) {
            out.push(' ');
        }
    }
    out
}

/// The first paragraph of a Markdown text as plain text, without rendering the rest.
pub fn first_paragraph_of(text: &str) -> Option<String> {
    let mut ended = false;
    let events: Vec<Event> = Parser::new_ext(text, options())
        .take_while(|e| {
            let more = !ended;
            ended |= matches!(e, Event::End(TagEnd::Paragraph));
            more
        })
        .collect();
    first_paragraph(&events)
}

fn first_paragraph(events: &[Event]) -> Option<String> {
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let text = collect_text(&events[start + 1..], |e| {
        matches!(e, Event::End(TagEnd::Paragraph))
    });
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Cuts plain text to about `max` characters at a word boundary.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> String {
        render(text, &|url| {
            if url.starts_with("http") {
                Link::External
            } else if url.ends_with(".md") {
                Link::Internal("/katalog/motifs/kawung/".into())
            } else {
                Link::Unchanged
            }
        })
        .0
        .html
    }

    #[test]
    fn extensions_are_on() {
        let html = plain(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ note[^1]\n\n[^1]: foot\n\n- [x] done\n",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
    }

    #[test]
    fn links_that_run_code_are_broken_and_html_is_text() {
        for url in [
            "javascript:alert(1)",
            "JaVaScript:x",
            "&#106;avascript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let (rendered, broken) =
                render(&format!("[a]({url}) ![b]({url})\n"), &|_| Link::Unchanged);
            assert_eq!(broken.len(), 2, "{url}: {}", rendered.html);
        }
        let html = plain("<script>alert(1)</script>\n\nA <img src=x onerror=alert(2)> b\n");
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("&lt;img src=x"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = plain("## Warna Soga\n\n## Warna Soga\n\n## Custom {#mine}\n");
        assert!(html.contains("<h2 id=\"warna-soga\">"), "{html}");
        assert!(html.contains("<h2 id=\"warna-soga-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"mine\">"), "{html}");
        let many = plain(&"## Sama\n\n".repeat(20_000));
        assert!(many.contains("<h2 id=\"sama-19999\">"));
    }

    #[test]
    fn links_are_rewritten_and_external_ones_marked() {
        let html = plain("[k](../motifs/kawung.id.md) and [e](https://example.com/a?b=1&c=\"2\")");
        assert!(html.contains("href=\"/katalog/motifs/kawung/\""), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\" rel=\"noopener\">e</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn broken_links_are_reported_with_their_line() {
        let (_, broken) = render("para\n\nsee [x](nowhere.md)\n", &|_| {
            Link::Broken("no such page".into(), "check it".into())
        });
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].line, 2);
    }

    #[test]
    fn the_text_keeps_words_of_blocks_apart_and_leaves_out_link_addresses() {
        let (r, _) = render(
            "# Kawung\nMotif [klasik](https://contoh.id/kawung) *tulis*\n\n- satu\n- dua",
            &|_| Link::External,
        );
        let words: Vec<&str> = r.text.split_whitespace().collect();
        assert_eq!(words, ["Kawung", "Motif", "klasik", "tulis", "satu", "dua"]);
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let (r, _) = render("# T\n\nBatik *tulis* dari\nBlitar.\n\nMore.", &|_| {
            Link::Unchanged
        });
        assert_eq!(
            r.first_paragraph.as_deref(),
            Some("Batik tulis dari Blitar.")
        );
        assert_eq!(
            first_paragraph_of("# T\n\nBatik *tulis* dari\nBlitar.\n\nMore."),
            r.first_paragraph
        );
        assert_eq!(shorten("satu dua tiga empat", 10), "satu dua…");
    }
}
