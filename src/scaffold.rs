//! New sites and new pages: `canting init` and `canting new`.
//!
//! A new page starts from its section's archetype, a Tera template into which `{{ fields }}` puts
//! every field of the content model (`schema`) with a note in the page's language. A site replaces one with `archetypes/<kind>.md`
//! at its root, or in its theme folder (`themes/<name>/archetypes/<kind>.md`); otherwise the
//! archetypes of the built-in theme are used. Nothing here prints: the command line does.
//!
//! Files are only ever created, never replaced: every target is checked first, and each file is
//! opened with `create_new`, so a page a volunteer already wrote cannot be lost even when two
//! commands race.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Months, NaiveDate, Utc};
use rust_i18n::t;
use tera::{Context, Tera};

use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::folders;
use crate::model::Section;
use crate::schema;

/// What `canting new` can create: one page of a section of the content model. The command line
/// takes it as it is (`canting new workshop "…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A page of `content/workshops/`.
    Workshop,
    /// A page of `content/motifs/`.
    Motif,
    /// A page of `content/events/`.
    Event,
    /// A page of `content/news/`.
    News,
    /// A page of `content/pages/`.
    Page,
}

impl Kind {
    /// The archetype's name: `workshop` for `archetypes/workshop.md`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Workshop => "workshop",
            Kind::Motif => "motif",
            Kind::Event => "event",
            Kind::News => "news",
            Kind::Page => "page",
        }
    }

    /// The section its pages belong to.
    pub fn section(self) -> Section {
        match self {
            Kind::Workshop => Section::Workshops,
            Kind::Motif => Section::Motifs,
            Kind::Event => Section::Events,
            Kind::News => Section::News,
            Kind::Page => Section::Pages,
        }
    }

    /// The built-in theme's archetype of this kind.
    fn built_in(self) -> &'static str {
        crate::theme::built_in(&format!("archetypes/{}.md", self.name()))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// A file name and web address made from a page's name: accents folded to ASCII, lower case,
/// every run of other characters one `-`. `None` when nothing usable is left ("!!!", "★").
pub fn slug(name: &str) -> Option<String> {
    let folded = deunicode::deunicode(name);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Text as a YAML double-quoted scalar, safe whatever it holds (`:`, `#`, quotes, `yes`).
fn yaml_quoted(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Creates `content/<section>/<slug>.<lang>.md` for every language of the site in `root`, from
/// the section's archetype. Returns the files created, relative to `root`.
///
/// When any of the files (or a page of the same slug in another form) already exists, nothing is
/// created and the error names it.
pub fn new_page(
    root: &Path,
    kind: Kind,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let name = name.trim();
    let Some(slug) = slug(name) else {
        return Err(vec![
            Diagnostic::error(t!("scaffold.empty_slug", name = name))
                .hint(t!("scaffold.empty_slug_hint")),
        ]);
    };
    let (config, _warnings) = config::load(root)?;
    let today = now.with_timezone(&config.timezone.offset).date_naive();
    let folder = Path::new(crate::folders::CONTENT).join(kind.section().folder());

    let targets: Vec<(String, PathBuf)> = config
        .languages
        .iter()
        .map(|l| {
            let code = l.code.as_str().to_string();
            let file = folder.join(format!("{slug}.{code}.md"));
            (code, file)
        })
        .collect();
    // The same page written as a bundle, or without a language code, would be a duplicate.
    let others = [folder.join(format!("{slug}.md")), folder.join(&slug)];
    if let Some(existing) = targets
        .iter()
        .map(|(_, f)| f)
        .chain(&others)
        .find(|f| root.join(f).symlink_metadata().is_ok())
    {
        return Err(vec![
            Diagnostic::error(t!("scaffold.exists"))
                .file(existing)
                .hint(t!("scaffold.exists_hint")),
        ]);
    }

    let (template, template_file) = archetype(root, &config, kind)?;
    let mut rendered = Vec::new();
    for (code, file) in &targets {
        let mut context = Context::new();
        context.insert("title", &yaml_quoted(name));
        context.insert("name", name);
        context.insert("slug", &slug);
        context.insert("lang", code);
        let language = config.language(code).map_or(code.as_str(), |l| &l.name);
        context.insert("language", language);
        insert_dates(&mut context, today);
        context.insert("organization", &yaml_quoted(&config.organization.name));
        context.insert(
            "fields",
            &archetype_fields(&kind.section(), code, name, &slug, today),
        );
        let text = Tera::one_off(&template, &context, false).map_err(|e| {
            vec![
                Diagnostic::error(t!("scaffold.archetype_broken", error = tera_message(&e)))
                    .file(&template_file)
                    .hint(t!("scaffold.archetype_broken_hint")),
            ]
        })?;
        rendered.push((file.clone(), text));
    }

    let section_dir = root.join(&folder);
    std::fs::create_dir_all(&section_dir).map_err(|e| vec![cannot_write(&folder, &e)])?;
    inside(root, &section_dir, &folder)?;
    write_all(root, &rendered)
}

/// The archetype of `kind`: the site's own, then its theme's, then the built-in one. Returns its
/// text and where it came from, for messages.
fn archetype(
    root: &Path,
    config: &Config,
    kind: Kind,
) -> Result<(String, PathBuf), Vec<Diagnostic>> {
    let file_name = format!("{}.md", kind.name());
    let candidates = [
        Path::new(folders::ARCHETYPES).join(&file_name),
        Path::new(crate::folders::THEMES)
            .join(&config.theme)
            .join(folders::ARCHETYPES)
            .join(&file_name),
    ];
    for rel in candidates {
        match std::fs::read_to_string(root.join(&rel)) {
            Ok(text) => return Ok((text, rel)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(vec![
                    Diagnostic::error(t!("scaffold.cannot_read", error = e.to_string()))
                        .file(&rel)
                        .hint(t!("scaffold.cannot_read_hint")),
                ]);
            }
        }
    }
    let built_in = Path::new(crate::folders::THEMES)
        .join(crate::theme::DEFAULT)
        .join(folders::ARCHETYPES)
        .join(&file_name);
    Ok((kind.built_in().to_string(), built_in))
}

/// The front matter of a new page of `section` in `lang`, from the content model's description
/// (`schema`): a note on how to use it, then every field with its hint, the required ones filled
/// in, the others as commented-out examples. Archetypes insert it as `{{ fields }}`.
pub fn archetype_fields(
    section: &Section,
    lang: &str,
    name: &str,
    slug: &str,
    today: NaiveDate,
) -> String {
    let say = |key: &str| t!(key, locale = lang).into_owned();
    let mut out = String::new();
    for key in ["schema.intro", "schema.intro_use", "schema.intro_quotes"] {
        out.push_str(&format!("# {}\n", say(key)));
    }
    for field in schema::fields(section) {
        if let Some(group) = field.group {
            out.push_str(&format!("\n# {}\n", say(&format!("schema.group_{group}"))));
        } else if field.name == "title" {
            out.push('\n');
        }
        let mut hint = say(&format!("schema.{}_hint", field.key));
        let mut notes = Vec::new();
        if field.required {
            notes.push(say("schema.required"));
        }
        if let Some(note) = type_note(field, lang) {
            notes.push(note);
        }
        if !notes.is_empty() {
            let end = if hint.ends_with('.') { "." } else { "" };
            hint = format!("{} ({}){end}", hint.trim_end_matches('.'), notes.join("; "));
        }
        out.push_str(&format!("# {hint}\n"));
        let next_month = today.checked_add_months(Months::new(1)).unwrap_or(today);
        let example = match field.example {
            schema::Example::Yaml(yaml) => yaml.to_string(),
            schema::Example::Text => say(&format!("schema.{}_example", field.key)),
            schema::Example::Title => yaml_quoted(name),
            schema::Example::Today => today.format("%Y-%m-%d").to_string(),
            schema::Example::NextMonth => next_month.format("%Y-%m-%d").to_string(),
            schema::Example::Slug => slug.to_string(),
        };
        let comment = if field.required { "" } else { "# " };
        out.push_str(&format!("{comment}{}: {example}\n", field.name));
    }
    out.trim_end().to_string()
}

/// How a value of `field`'s type is written, for an archetype's note; `None` when its hint says
/// enough.
fn type_note(field: &schema::Field, lang: &str) -> Option<String> {
    use schema::Type;
    let say = |key: &str| t!(key, locale = lang).into_owned();
    Some(match field.ty {
        Type::Choice(values) | Type::Choices(values) => {
            let names: Vec<String> = values
                .names()
                .into_iter()
                .map(|n| {
                    let label = t!(format!("schema.value_{}_{n}", values.stem()), locale = lang);
                    format!("{n} = {label}")
                })
                .collect();
            t!(
                "schema.note_choose",
                locale = lang,
                values = names.join(", ")
            )
            .into_owned()
        }
        Type::Reference(folder) | Type::References(folder) => t!(
            "schema.note_reference",
            locale = lang,
            folder = folder,
            lang = lang
        )
        .into_owned(),
        Type::Featured(_) => say("schema.note_featured"),
        Type::Date => say("schema.note_date"),
        Type::DateTime => say("schema.note_date_time"),
        Type::Phone => say("schema.note_phone"),
        _ => return None,
    })
}

/// Dates an archetype may use: `today`, `next_month` (a date that is still upcoming) and `year`.
fn insert_dates(context: &mut Context, today: NaiveDate) {
    let next_month = today.checked_add_months(Months::new(1)).unwrap_or(today);
    context.insert("today", &today.format("%Y-%m-%d").to_string());
    context.insert("next_month", &next_month.format("%Y-%m-%d").to_string());
    context.insert("year", &today.format("%Y").to_string());
}

/// Tera's message with its causes, which name the line of the template.
fn tera_message(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn cannot_write(file: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(t!("scaffold.cannot_write", error = e.to_string()))
        .file(file)
        .hint(t!("scaffold.cannot_write_hint"))
}

/// Refuses a folder that leads elsewhere through a link: pages are only ever written into the
/// site's own `content/`.
fn inside(root: &Path, dir: &Path, rel: &Path) -> Result<(), Vec<Diagnostic>> {
    let content = root
        .join(crate::folders::CONTENT)
        .canonicalize()
        .map_err(|e| vec![cannot_write(rel, &e)])?;
    let dir = dir
        .canonicalize()
        .map_err(|e| vec![cannot_write(rel, &e)])?;
    if dir.starts_with(&content) {
        Ok(())
    } else {
        Err(vec![
            Diagnostic::error(t!("scaffold.outside_content"))
                .file(rel)
                .hint(t!("scaffold.outside_content_hint")),
        ])
    }
}

/// Writes every file, each only if it does not exist yet. Returns their paths relative to `root`.
fn write_all(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| vec![cannot_write(rel, &e)])?;
        }
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        match result {
            Ok(()) => created.push(rel.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(vec![
                    Diagnostic::error(t!("scaffold.exists"))
                        .file(rel)
                        .hint(t!("scaffold.exists_hint")),
                ]);
            }
            Err(e) => return Err(vec![cannot_write(rel, &e)]),
        }
    }
    Ok(created)
}

/// The files of a new site, by path inside it. Markdown files under `content/` are Tera templates
/// (for dates that are right on the day the site is made); the others are written as they are,
/// since the workflow's `${{ … }}` must reach GitHub untouched.
const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("scaffold/starter/site.yaml")),
    ("README.md", include_str!("scaffold/starter/README.md")),
    (".gitignore", include_str!("scaffold/starter/gitignore")),
    (
        "netlify.toml",
        include_str!("scaffold/starter/netlify.toml"),
    ),
    (
        ".github/workflows/publish.yml",
        include_str!("scaffold/starter/publish.yml"),
    ),
    (
        "content/_index.id.md",
        include_str!("scaffold/starter/content/_index.id.md"),
    ),
    (
        "content/_index.en.md",
        include_str!("scaffold/starter/content/_index.en.md"),
    ),
    (
        "content/workshops/_index.id.md",
        include_str!("scaffold/starter/content/workshops/_index.id.md"),
    ),
    (
        "content/workshops/_index.en.md",
        include_str!("scaffold/starter/content/workshops/_index.en.md"),
    ),
    (
        "content/workshops/sekar-kelud.id.md",
        include_str!("scaffold/starter/content/workshops/sekar-kelud.id.md"),
    ),
    (
        "content/workshops/sekar-kelud.en.md",
        include_str!("scaffold/starter/content/workshops/sekar-kelud.en.md"),
    ),
    (
        "content/motifs/_index.id.md",
        include_str!("scaffold/starter/content/motifs/_index.id.md"),
    ),
    (
        "content/motifs/_index.en.md",
        include_str!("scaffold/starter/content/motifs/_index.en.md"),
    ),
    (
        "content/motifs/kembang-belimbing.id.md",
        include_str!("scaffold/starter/content/motifs/kembang-belimbing.id.md"),
    ),
    (
        "content/motifs/kembang-belimbing.en.md",
        include_str!("scaffold/starter/content/motifs/kembang-belimbing.en.md"),
    ),
    (
        "content/events/_index.id.md",
        include_str!("scaffold/starter/content/events/_index.id.md"),
    ),
    (
        "content/events/_index.en.md",
        include_str!("scaffold/starter/content/events/_index.en.md"),
    ),
    (
        "content/events/pameran-batik-blitar.id.md",
        include_str!("scaffold/starter/content/events/pameran-batik-blitar.id.md"),
    ),
    (
        "content/events/pameran-batik-blitar.en.md",
        include_str!("scaffold/starter/content/events/pameran-batik-blitar.en.md"),
    ),
    (
        "content/news/_index.id.md",
        include_str!("scaffold/starter/content/news/_index.id.md"),
    ),
    (
        "content/news/_index.en.md",
        include_str!("scaffold/starter/content/news/_index.en.md"),
    ),
    (
        "content/news/katalog-daring-dibuka.id.md",
        include_str!("scaffold/starter/content/news/katalog-daring-dibuka.id.md"),
    ),
    (
        "content/news/katalog-daring-dibuka.en.md",
        include_str!("scaffold/starter/content/news/katalog-daring-dibuka.en.md"),
    ),
    (
        "content/pages/_index.id.md",
        include_str!("scaffold/starter/content/pages/_index.id.md"),
    ),
    (
        "content/pages/_index.en.md",
        include_str!("scaffold/starter/content/pages/_index.en.md"),
    ),
    (
        "content/pages/tentang.id.md",
        include_str!("scaffold/starter/content/pages/tentang.id.md"),
    ),
    (
        "content/pages/tentang.en.md",
        include_str!("scaffold/starter/content/pages/tentang.en.md"),
    ),
];

/// Makes a new site in `dir`, which must not exist or be empty: `site.yaml`, an example page of
/// every section in Indonesian and English, the volunteers' README, `.gitignore`, the GitHub Pages
/// workflow and `netlify.toml`. Returns the files created, relative to `dir`.
pub fn init(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(vec![
                    Diagnostic::error(t!("scaffold.dir_not_empty", dir = shown))
                        .hint(t!("scaffold.dir_not_empty_hint")),
                ]);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(_) if dir.exists() && !dir.is_dir() => {
            return Err(vec![
                Diagnostic::error(t!("scaffold.not_a_dir", dir = shown))
                    .hint(t!("scaffold.dir_not_empty_hint")),
            ]);
        }
        Err(e) => return Err(vec![cannot_write(dir, &e)]),
    }
    std::fs::create_dir_all(dir).map_err(|e| vec![cannot_write(dir, &e)])?;

    // Examples are dated from the day in Blitar, the association's time zone.
    let today = crate::model::TimeZone::parse("Asia/Jakarta")
        .map(|zone| now.with_timezone(&zone.offset).date_naive())
        .unwrap_or_else(|_| now.date_naive());
    let mut context = Context::new();
    insert_dates(&mut context, today);

    let mut files = Vec::with_capacity(STARTER.len());
    for (rel, text) in STARTER {
        let text = if rel.starts_with("content/") {
            Tera::one_off(text, &context, false).map_err(|e| {
                vec![
                    Diagnostic::error(t!("scaffold.archetype_broken", error = tera_message(&e)))
                        .file(rel),
                ]
            })?
        } else {
            text.to_string()
        };
        files.push((PathBuf::from(rel), text));
    }
    write_all(dir, &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(
            slug("Batik Émas Sekar Jagad!").as_deref(),
            Some("batik-emas-sekar-jagad")
        );
        assert_eq!(
            slug("  Pameran  Hari Batik -- 2026 ").as_deref(),
            Some("pameran-hari-batik-2026")
        );
        assert_eq!(
            slug("Bengkel Ñoño & Çay").as_deref(),
            Some("bengkel-nono-cay")
        );
        assert_eq!(slug("Kendi_Gandrung").as_deref(), Some("kendi-gandrung"));
        assert_eq!(slug("ꦧꦠꦶꦏ꧀").as_deref().map(str::is_ascii), Some(true));
    }

    #[test]
    fn a_name_with_nothing_usable_has_no_slug() {
        assert_eq!(slug(""), None);
        assert_eq!(slug("!!! ???"), None);
        assert_eq!(slug("---"), None);
    }

    #[test]
    fn every_slug_is_a_valid_file_name() {
        for name in ["Batik Tulis Lereng Kelud", "A", "9 Naga", "Été à Blitar"] {
            let s = slug(name).expect("a slug");
            assert!(crate::model::Slug::parse(&s).is_ok(), "{s}");
        }
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        for name in ["Batik: \"Sekar\" # 1", "yes", "Kawung\nBaru", "'a'"] {
            let yaml = format!("title: {}\n", yaml_quoted(name));
            let value: serde_json::Value = crate::yaml::from_str(&yaml).expect("valid YAML");
            assert_eq!(value["title"].as_str(), Some(name));
        }
    }
}
