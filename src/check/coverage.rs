//! Translation coverage: how many pages of each section exist in each language of the site, and
//! which translations are missing. A missing translation is not a mistake (visitors see the other
//! language), but the association wants to know what is left to translate.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_i18n::t;
use serde::Serialize;

use crate::model::{Lang, Section};
use crate::site::Site;

/// Translation coverage of a site: the table `canting check` prints and the JSON it writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The site's languages, the default first: the columns of the table.
    pub languages: Vec<Lang>,
    /// One row per section that has pages: workshops, motifs, events, news, pages, then the
    /// site's own sections.
    pub sections: Vec<SectionCount>,
    /// Every translation that does not exist, by section, slug and language.
    pub missing: Vec<Missing>,
}

/// One row of the coverage table: a section's pages, in all and per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionCount {
    /// The section's folder under `content/` (`workshops`).
    pub section: String,
    /// Pages of the section in any language (translations of one page count once).
    pub pages: usize,
    /// Pages of the section in each language.
    pub languages: BTreeMap<Lang, usize>,
}

/// A translation that does not exist yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The section's folder under `content/` (`workshops`).
    pub section: String,
    /// The slug of the page, the same in every language.
    pub slug: String,
    /// The language the page has no version in.
    pub language: Lang,
    /// A version that exists, to translate from (the default language's when there is one).
    pub file: PathBuf,
}

impl Coverage {
    /// The translations missing in `lang`, in the order of [`Coverage::missing`].
    pub fn missing_in(&self, lang: &Lang) -> Vec<&Missing> {
        self.missing
            .iter()
            .filter(|m| &m.language == lang)
            .collect()
    }

    /// Counts the pages of `site` per section and language, and lists the missing translations.
    pub fn of(site: &Site) -> Coverage {
        let languages: Vec<Lang> = site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect();
        let mut rows: BTreeMap<Section, SectionCount> = BTreeMap::new();
        let mut missing = Vec::new();
        for key in site.keys() {
            let ids = site.translations(key);
            let row = rows
                .entry(key.section.clone())
                .or_insert_with(|| SectionCount {
                    section: key.section.folder().to_string(),
                    pages: 0,
                    languages: languages.iter().map(|l| (l.clone(), 0)).collect(),
                });
            row.pages += 1;
            for lang in &languages {
                if ids.iter().any(|&i| &site.pages[i].lang == lang) {
                    *row.languages.entry(lang.clone()).or_default() += 1;
                } else if let Some(from) = site.find(key, site.config.default_lang()) {
                    missing.push(Missing {
                        section: row.section.clone(),
                        slug: key.slug.to_string(),
                        language: lang.clone(),
                        file: site.pages[from].file.clone(),
                    });
                }
            }
        }
        Coverage {
            languages,
            sections: rows.into_values().collect(),
            missing,
        }
    }

    /// The table for a terminal: one row per section, one column per language, then the missing
    /// translations language by language.
    pub fn table(&self) -> String {
        let mut out = format!("{}\n", t!("check.coverage_title"));
        let mut rows = vec![self.header()];
        rows.extend(self.sections.iter().map(|s| {
            let mut row = vec![s.section.clone(), s.pages.to_string()];
            row.extend(
                self.languages
                    .iter()
                    .map(|l| s.languages.get(l).copied().unwrap_or_default().to_string()),
            );
            row
        }));
        out.push_str(&aligned(&rows));
        if self.missing.is_empty() {
            out.push_str(&format!("{}\n", t!("check.coverage_complete")));
        }
        for lang in &self.languages {
            let list = self.missing_in(lang);
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "\n{}\n",
                t!("check.coverage_missing", lang = lang, count = list.len())
            ));
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|m| {
                    vec![
                        format!("  {}/{}", m.section, m.slug),
                        t!("check.coverage_from", file = m.file.display()).into_owned(),
                    ]
                })
                .collect();
            out.push_str(&aligned(&rows));
        }
        out
    }

    fn header(&self) -> Vec<String> {
        let mut row = vec![
            t!("check.coverage_section").into_owned(),
            t!("check.coverage_pages").into_owned(),
        ];
        row.extend(self.languages.iter().map(|l| l.to_string()));
        row
    }
}

/// Rows of cells as text columns: the first left-aligned, numbers right-aligned.
fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let width = widths[c];
                if c == 0 {
                    format!("{cell:<width$}")
                } else if c == row.len() - 1 && !cell.chars().all(|ch| ch.is_ascii_digit()) {
                    cell.clone()
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).expect("a language code")
    }

    #[test]
    fn the_table_has_a_row_per_section_and_a_column_per_language() {
        let coverage = Coverage {
            languages: vec![lang("id"), lang("en")],
            sections: vec![SectionCount {
                section: "workshops".into(),
                pages: 12,
                languages: [(lang("id"), 12), (lang("en"), 3)].into_iter().collect(),
            }],
            missing: vec![Missing {
                section: "workshops".into(),
                slug: "anggrek".into(),
                language: lang("en"),
                file: "content/workshops/anggrek.id.md".into(),
            }],
        };
        let table = coverage.table();
        let lines: Vec<&str> = table.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.ends_with("id  en"))
            .expect("header");
        assert!(lines[header + 1].starts_with("workshops"), "{table}");
        assert!(lines[header + 1].ends_with("12  12   3"), "{table}");
        assert!(table.contains("workshops/anggrek"), "{table}");
        assert!(table.contains("content/workshops/anggrek.id.md"), "{table}");
    }
}
