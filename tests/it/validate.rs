//! Every HTML file of the built sample site is valid HTML according to the Nu Html Checker
//! (vnu.jar, the W3C validator). Needs Java and tests/tools/, so the test is ignored under plain
//! `cargo test`: `bash tests/run` installs what it needs and runs it.

use std::path::Path;
use std::process::Command;

use crate::support;

#[test]
#[ignore = "needs Java and vnu.jar: run `bash tests/run`"]
fn every_page_of_the_sample_is_valid_html() {
    let vnu = support::sample_root().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        vnu.is_file(),
        "the Nu Html Checker is missing ({}): run `bash tests/run`, which installs what the tests need",
        vnu.display()
    );
    let site = support::build_site(
        &support::sample_root(),
        &["--base-url", "http://127.0.0.1:8000/katalog/"],
    );
    site.assert_success();
    let mut files: Vec<std::path::PathBuf> =
        site.html_files().iter().map(|f| site.out(f)).collect();
    files.sort();
    assert!(
        files.len() > 100,
        "only {} HTML files were built",
        files.len()
    );

    let result = Command::new("java")
        .args(["-jar"])
        .arg(&vnu)
        .args(["--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run java ({e}): run `bash tests/run`, which installs a Java runtime")
        });
    // vnu writes its report to stderr.
    let stderr = String::from_utf8_lossy(&result.stderr);
    let report: serde_json::Value = serde_json::from_str(&stderr).unwrap_or_else(|e| {
        panic!(
            "vnu.jar gave no JSON report ({e}); exit {:?}\n{stderr}",
            result.status.code()
        )
    });
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url
                .strip_prefix("file:")
                .map(Path::new)
                .and_then(|p| p.strip_prefix(&site.output).ok())
                .map_or_else(|| url.to_string(), |p| p.display().to_string());
            format!(
                "{file}:{}: {}: {}\n    {}",
                m["lastLine"].as_u64().unwrap_or(0),
                m["type"].as_str().unwrap_or("?"),
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect();
    println!(
        "vnu: {} error(s) in {} HTML files",
        errors.len(),
        files.len()
    );
    assert!(
        errors.is_empty(),
        "the Nu Html Checker found {} error(s) in {} HTML files:\n{}",
        errors.len(),
        files.len(),
        errors.join("\n")
    );
    assert!(
        result.status.success(),
        "vnu.jar failed (exit {:?}) without reporting errors:\n{stderr}",
        result.status.code()
    );
}
