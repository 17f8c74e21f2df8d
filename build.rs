//! Embeds the default theme: every file under `themes/batik/` becomes an entry of the list that
//! `theme::BUILT_IN` includes, so a file added to the theme is in the binary without a list kept
//! by hand.

use std::path::Path;

const THEME: &str = "themes/batik";

fn main() {
    println!("cargo::rerun-if-changed={THEME}");
    // The message catalogue is read by a macro at compile time: a changed text must rebuild.
    println!("cargo::rerun-if-changed=src/messages");
    let mut files = Vec::new();
    walk(Path::new(THEME), "", &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for rel in &files {
        out.push_str(&format!(
            "    ({rel:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{THEME}/\", {rel:?})) as &[u8]),\n"
        ));
    }
    out.push_str("]\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme_files.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Every file below `dir`, as `/`-separated paths relative to the theme, hidden files left out.
fn walk(dir: &Path, prefix: &str, files: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).expect("the theme folder is readable");
    for entry in entries {
        let entry = entry.expect("the theme folder is readable");
        let name = entry
            .file_name()
            .into_string()
            .expect("theme file names are UTF-8");
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if entry.file_type().expect("a file type").is_dir() {
            walk(&entry.path(), &format!("{rel}/"), files);
        } else {
            files.push(rel);
        }
    }
}
