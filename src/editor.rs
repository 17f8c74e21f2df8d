//! The browser editor at `/admin/`: an `index.html` that loads a Git-based CMS (Sveltia CMS by
//! default, Decap CMS if `site.yaml` says `editor: {cms: decap}`) and its configuration,
//! `config.yml`, generated from the content model's description (`schema`).
//!
//! The configuration is written as JSON, which is YAML too, and uses only what both CMSs read:
//! one collection per section, saved as canting reads them (`i18n: multiple_files`, so
//! `slug/index.<lang>.md` with its photos beside it), a widget per field type, required fields
//! required, fixed values as choices labelled in the site's default language, references as
//! relations to the other collection. Visitors' pages never load the CMS: only this page does.

use rust_i18n::t;
use serde_json::{Value, json};

use crate::config::Config;
use crate::schema::{self, Field, Type};

/// Where the CMS program comes from when `editor: {script: …}` is not set: each CMS's own CDN,
/// pinned to a major version.
pub fn default_script(cms: &str) -> &'static str {
    match cms {
        "decap" => "https://unpkg.com/decap-cms@^3.0.0/dist/decap-cms.js",
        _ => "https://unpkg.com/@sveltia/cms@0/dist/sveltia-cms.js",
    }
}

/// The editor's files, (path under the output folder, contents): none when `editor:
/// {enabled: false}`, the page alone (saying what to set) when `editor: {repo: …}` is missing.
pub fn files(config: &Config) -> Vec<(String, String)> {
    if !config.editor.enabled {
        return Vec::new();
    }
    let folder = format!("{}admin/", config.base_url.path());
    let mut out = vec![(
        config.base_url.output_file(&format!("{folder}index.html")),
        index_html(config),
    )];
    if config.editor.repo.is_some() {
        let mut text = serde_json::to_string_pretty(&cms_config(config)).unwrap_or_default();
        text.push('\n');
        out.push((
            config.base_url.output_file(&format!("{folder}config.yml")),
            text,
        ));
    }
    out
}

/// The editor's page: it loads the CMS, or, when `editor: {repo: …}` is missing, says what to set.
pub fn index_html(config: &Config) -> String {
    let lang = default_lang(config);
    let say = |key: &str| t!(key, locale = lang).into_owned();
    let title = crate::escape::html(&format!("{} · {}", say("editor.title"), config.title));
    let head = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n<title>{title}</title>\n"
    );
    match &config.editor.repo {
        Some(_) => {
            let script = config
                .editor
                .script
                .clone()
                .unwrap_or_else(|| default_script(&config.editor.cms).to_string());
            format!(
                "{head}<link href=\"config.yml\" type=\"application/yaml\" rel=\"cms-config-url\">\n\
                 </head>\n<body>\n<script src=\"{}\"></script>\n</body>\n</html>\n",
                crate::escape::html(&script)
            )
        }
        None => format!(
            "{head}</head>\n<body>\n<main style=\"max-width:40rem;margin:2rem auto;font-family:sans-serif\">\n\
             <h1>{}</h1>\n<p>{}</p>\n<pre>editor:\n  repo: owner/name\n  branch: main</pre>\n</main>\n</body>\n</html>\n",
            crate::escape::html(&say("editor.no_repo")),
            crate::escape::html(&say("editor.no_repo_hint")),
        ),
    }
}

fn default_lang(config: &Config) -> &str {
    config.languages.first().map_or("id", |l| l.code.as_str())
}

/// The CMS configuration (Sveltia CMS and Decap CMS read the same keys).
pub fn cms_config(config: &Config) -> Value {
    let lang = default_lang(config);
    let locales: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let collections: Vec<Value> = schema::SECTIONS
        .iter()
        .map(|section| {
            let folder = section.folder();
            let mut fields: Vec<Value> = schema::fields(section)
                .into_iter()
                .map(|f| widget(f, lang, true))
                .collect();
            fields.push(json!({
                "name": "body",
                "label": t!("editor.body", locale = lang),
                "hint": t!("editor.body_hint", locale = lang),
                "widget": "markdown",
                "required": false,
                "i18n": true,
            }));
            json!({
                "name": folder,
                "label": t!(format!("editor.section_{folder}"), locale = lang),
                "folder": format!("{}/{folder}", crate::folders::CONTENT),
                // A bundle: the page's folder holds `index.<lang>.md` and its photos.
                "path": "{{slug}}/index",
                "media_folder": "",
                "public_folder": "",
                "extension": "md",
                "format": "frontmatter",
                "create": true,
                "identifier_field": "title",
                "summary": "{{title}}",
                "sortable_fields": ["title"],
                "i18n": true,
                "fields": fields,
            })
        })
        .collect();
    let mut backend = json!({"name": "github", "branch": config.editor.branch});
    if let Some(repo) = &config.editor.repo {
        backend["repo"] = json!(repo);
    }
    json!({
        "backend": backend,
        "site_url": config.absolute(config.base_url.path()),
        "media_folder": crate::folders::CONTENT,
        "public_folder": "/",
        "i18n": {
            "structure": "multiple_files",
            "locales": locales,
            "default_locale": lang,
        },
        "collections": collections,
    })
}

/// One field's widget, with its label, hint and whether it is required. `top` fields say how
/// translations treat them; the sub-fields of a group follow their group.
fn widget(field: &Field, lang: &str, top: bool) -> Value {
    let say = |key: String| t!(&key, locale = lang).into_owned();
    let mut w = json!({
        "name": field.name,
        "label": say(format!("schema.{}", field.key)),
        "hint": say(format!("schema.{}_hint", field.key)),
        "required": field.required,
    });
    let pattern = |w: &mut Value, regex: &str, key: &str| {
        w["widget"] = json!("string");
        w["pattern"] = json!([regex, say(format!("editor.pattern_{key}"))]);
    };
    match field.ty {
        Type::Text => w["widget"] = json!("string"),
        Type::LongText => w["widget"] = json!("text"),
        Type::Date => {
            w["widget"] = json!("datetime");
            w["format"] = json!("YYYY-MM-DD");
            w["date_format"] = json!("YYYY-MM-DD");
            w["time_format"] = json!(false);
        }
        // A date-time picker would add 00:00 to an all-day event: text with a pattern keeps
        // `2026-12-05` and `2026-12-05 09:00` apart. It takes what canting reads: `T` or a
        // space before the time, seconds and an offset (`2026-12-05T09:00:00+07:00`).
        Type::DateTime => pattern(
            &mut w,
            r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2})?)?$",
            "date_time",
        ),
        Type::Year => {
            w["widget"] = json!("number");
            w["value_type"] = json!("int");
            w["min"] = json!(1500);
            w["max"] = json!(2200);
        }
        Type::Whole => {
            w["widget"] = json!("number");
            w["value_type"] = json!("int");
        }
        Type::Bool => w["widget"] = json!("boolean"),
        Type::TextList | Type::Paths | Type::Featured(_) => w["widget"] = json!("list"),
        Type::Slug => pattern(&mut w, r"^[a-z0-9]+(-[a-z0-9]+)*$", "slug"),
        Type::Choice(values) | Type::Choices(values) => {
            w["widget"] = json!("select");
            w["multiple"] = json!(matches!(field.ty, Type::Choices(_)));
            w["options"] = values
                .names()
                .into_iter()
                .map(|n| {
                    let label = say(format!("schema.value_{}_{n}", values.stem()));
                    json!({"label": format!("{n} — {label}"), "value": n})
                })
                .collect();
        }
        Type::Reference(folder) | Type::References(folder) => {
            w["widget"] = json!("relation");
            w["collection"] = json!(folder);
            w["value_field"] = json!("{{slug}}");
            w["search_fields"] = json!(["title"]);
            w["display_fields"] = json!(["title"]);
            w["multiple"] = json!(matches!(field.ty, Type::References(_)));
        }
        Type::Photo => w["widget"] = json!("image"),
        Type::Photos => {
            w["widget"] = json!("list");
            w["field"] = json!({"name": "photo", "label": say(format!("schema.{}", field.key)), "widget": "image"});
        }
        Type::Url => pattern(&mut w, r"^https?://\S+$", "url"),
        Type::Phone => pattern(&mut w, r"^\+?[0-9][0-9 ()\-.]{6,}$", "phone"),
        Type::Email => pattern(&mut w, r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "email"),
        // Both CMSs require a group's parts unless told otherwise, which would block saving a
        // page that leaves an optional group empty: its parts are optional too.
        Type::Location => {
            w["widget"] = json!("object");
            w["fields"] = json!([
                {"name": "lat", "label": "lat", "widget": "number", "value_type": "float", "required": false, "min": -90, "max": 90},
                {"name": "lon", "label": "lon", "widget": "number", "value_type": "float", "required": false, "min": -180, "max": 180},
            ]);
        }
        Type::Focus => {
            w["widget"] = json!("object");
            w["fields"] = json!([
                {"name": "x", "label": "x", "widget": "number", "value_type": "float", "required": false, "min": 0, "max": 1},
                {"name": "y", "label": "y", "widget": "number", "value_type": "float", "required": false, "min": 0, "max": 1},
            ]);
        }
        Type::Group(fields) | Type::GroupList(fields) => {
            w["widget"] = json!(if matches!(field.ty, Type::Group(_)) {
                "object"
            } else {
                "list"
            });
            w["fields"] = fields.iter().map(|f| widget(f, lang, false)).collect();
        }
    }
    if top {
        // Text is translated; numbers, dates, references and photos are the same in every
        // language, so the CMS copies them into each file.
        w["i18n"] = if field.translated() {
            json!(true)
        } else if w["widget"] == "object" || w["widget"] == "list" {
            // Decap CMS takes only `true` or `false` on a group or a list: the group is
            // translatable and each of its parts is copied.
            duplicate_parts(&mut w);
            json!(true)
        } else {
            json!("duplicate")
        };
    }
    w
}

/// Marks the parts of a group or list (`fields`, or a list's one `field`) as copied into every
/// language.
fn duplicate_parts(w: &mut Value) {
    if let Some(fields) = w.get_mut("fields").and_then(Value::as_array_mut) {
        for f in fields {
            f["i18n"] = json!("duplicate");
        }
    }
    if let Some(field) = w.get_mut("field").filter(|f| f.is_object()) {
        field["i18n"] = json!("duplicate");
    }
}

/// The fields a CMS cannot express as canting reads them, for the docs and their test.
pub const NOT_EXPRESSIBLE: &[&str] = &["featured"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readmes_name_what_a_cms_cannot_express() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for doc in ["README.md", "README.id.md"] {
            let text = std::fs::read_to_string(root.join(doc)).expect("readable");
            let section = text
                .split("## Editing in a browser / Menyunting di peramban")
                .nth(1)
                .expect("the editor's section");
            for name in NOT_EXPRESSIBLE {
                assert!(section.contains(&format!("`{name}`")), "{doc}: {name}");
            }
        }
    }

    #[test]
    fn every_message_exists() {
        let mut keys = vec![
            "editor.title".to_string(),
            "editor.no_repo".into(),
            "editor.no_repo_hint".into(),
            "editor.body".into(),
            "editor.body_hint".into(),
        ];
        for key in ["date_time", "slug", "url", "phone", "email"] {
            keys.push(format!("editor.pattern_{key}"));
        }
        for s in schema::SECTIONS {
            keys.push(format!("editor.section_{}", s.folder()));
        }
        for key in keys {
            for locale in ["id", "en"] {
                assert_ne!(t!(&key, locale = locale), key, "{key} in {locale}");
            }
        }
    }
}
