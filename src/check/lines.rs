//! Where a field is in its file, for findings made after the files were read.

use std::path::Path;

use crate::yaml::Document;

/// The line of `key` in a page's front matter or in `site.yaml` (`file` is relative to `root`);
/// with `value`, the line under `key` that holds it (a list item or a nested field). The file is
/// read again only when there is something to report.
pub(crate) fn line_of(root: &Path, file: &Path, key: &str, value: Option<&str>) -> Option<usize> {
    let text = std::fs::read_to_string(root.join(file)).ok()?;
    // Front matter starts on line 2, after its `---`; site.yaml is YAML from its first line.
    let (yaml, first_line) = match crate::content::split_front_matter(&text) {
        Some((front, _, _)) => (front, 2),
        None => (text.as_str(), 1),
    };
    let doc = Document::parse(file, yaml, first_line).ok()?;
    match value {
        Some(value) => doc.line_of_value(key, value),
        None => doc.line_of(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_in_front_matter_and_in_site_yaml() {
        let dir = tempfile::tempdir().expect("tempdir");
        let page = "---\ntitle: A\ncta:\n  label: Chat\n  whatsapp: \"0342 555 0106\"\n---\nText\n";
        std::fs::write(dir.path().join("a.md"), page).expect("write");
        std::fs::write(
            dir.path().join("site.yaml"),
            "title: S\norganization:\n  name: O\n  email: a@example.org\n",
        )
        .expect("write");
        let at = |file: &str, key, value| line_of(dir.path(), Path::new(file), key, value);
        assert_eq!(at("a.md", "title", None), Some(2));
        assert_eq!(at("a.md", "cta", Some("whatsapp")), Some(5));
        assert_eq!(at("site.yaml", "organization", Some("email")), Some(4));
        assert_eq!(at("missing.md", "title", None), None);
    }
}
