//! What canting says to volunteers, in their language.
//!
//! Every message canting prints exists in Indonesian and English, in `src/messages/*.yml` (one
//! key, both languages side by side, so a translator sees what is missing). The language is
//! chosen once per run, before anything is printed: `--lang`, else the locale of the terminal
//! (`LC_ALL`, then `LANG`), else the site's default language when canting speaks it, else
//! Indonesian — the association's own language.

use std::path::Path;

/// The languages canting's own messages are written in.
pub const LANGS: [&str; 2] = ["id", "en"];

/// Which language to speak, from the `--lang` flag, the environment and the site.
pub fn choose(
    flag: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
    site: Option<&Path>,
) -> &'static str {
    flag.and_then(supported)
        .or_else(|| {
            ["LC_ALL", "LANG"]
                .iter()
                .find_map(|v| env(v).as_deref().and_then(from_locale))
        })
        .or_else(|| site.and_then(site_default))
        .unwrap_or("id")
}

/// Makes every later message come out in `lang`.
pub fn set(lang: &str) {
    rust_i18n::set_locale(lang);
}

fn supported(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    match code.as_str() {
        // "in" is the old ISO code for Indonesian, still used by some systems.
        "id" | "in" => Some("id"),
        "en" => Some("en"),
        _ => None,
    }
}

/// `id_ID.UTF-8` → `id`; `C.UTF-8`, `POSIX` and languages canting does not speak decide nothing.
fn from_locale(value: &str) -> Option<&'static str> {
    let code = value.split(['_', '.', '@', '-']).next().unwrap_or("");
    supported(code)
}

/// The `default_language` of `ROOT/site.yaml`, read leniently: a broken file is reported later by
/// the build, in the language chosen here.
fn site_default(root: &Path) -> Option<&'static str> {
    let text = std::fs::read_to_string(root.join(crate::folders::SITE_FILE)).ok()?;
    #[derive(serde::Deserialize)]
    struct Settings {
        default_language: String,
    }
    let settings: Settings = crate::yaml::from_str(&text).ok()?;
    supported(&settings.default_language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flag_wins_then_the_terminal_then_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "default_language: en\n").unwrap();
        let site = Some(dir.path());
        assert_eq!(
            choose(Some("id"), env(&[("LANG", "en_US.UTF-8")]), site),
            "id"
        );
        assert_eq!(choose(None, env(&[("LANG", "id_ID.UTF-8")]), site), "id");
        assert_eq!(
            choose(
                None,
                env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "id_ID")]),
                None
            ),
            "en"
        );
        assert_eq!(choose(None, env(&[("LANG", "C.UTF-8")]), site), "en");
        assert_eq!(choose(None, env(&[("LANG", "fr_FR.UTF-8")]), None), "id");
        assert_eq!(choose(None, env(&[]), None), "id");
    }

    /// Every key in both languages, with the same `%{placeholders}`.
    #[test]
    fn every_message_exists_in_both_languages() {
        let mut count = 0;
        for (file, key, texts) in catalogue() {
            for lang in LANGS {
                let text = texts
                    .get(lang)
                    .unwrap_or_else(|| panic!("{file}: `{key}` has no `{lang}`"));
                assert_eq!(
                    placeholders(text),
                    placeholders(&texts["en"]),
                    "{file}: `{key}` in `{lang}` names other values than in English"
                );
            }
            count += 1;
        }
        assert!(count > 0);
    }

    /// Every `t!("key")` in the code names a message of the catalogue.
    #[test]
    fn every_message_the_code_asks_for_exists() {
        let keys: std::collections::HashSet<String> =
            catalogue().into_iter().map(|(_, k, _)| k).collect();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            // This file names `t!("key")` in its comments.
            if entry.path().extension().is_none_or(|e| e != "rs")
                || entry.path().ends_with("messages.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (at, _) in text.match_indices("t!(\"") {
                // `format!("` ends the same way.
                if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key = text[at + 4..].split('"').next().unwrap();
                assert!(
                    keys.contains(key),
                    "{}: no message `{key}`",
                    entry.path().display()
                );
            }
        }
    }

    fn catalogue() -> Vec<(String, String, BTreeMap<String, String>)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/messages");
        let mut all = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let map: BTreeMap<String, serde_json::Value> = crate::yaml::from_str(&text).unwrap();
            for (key, value) in map {
                if key == "_version" {
                    continue;
                }
                let texts: BTreeMap<String, String> = serde_json::from_value(value)
                    .unwrap_or_else(|e| panic!("{}: `{key}`: {e}", path.display()));
                all.push((path.display().to_string(), key, texts));
            }
        }
        all
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split("%{")
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}
