//! Writing the site: everything goes into a staging folder beside the output, which replaces the
//! output only once the whole build has succeeded. A failed build leaves the previous output as it
//! was, and nothing is ever written outside these two folders.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rust_i18n::t;

use crate::diagnostic::io_reason;

/// Marks a folder as one canting made, so that it may replace it.
const MARKER: &str = ".canting-output";

/// The folder a build writes into before it replaces the output; removed again when dropped
/// without [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Writes go straight into an output that is being served ([`Staging::in_place`]).
    in_place: bool,
    /// Bytes written so far, for the published size the build reports.
    bytes: AtomicU64,
}

impl Staging {
    /// A fresh staging folder for `target`, checked to be safe to replace.
    pub fn create(target: &Path) -> Result<Staging, String> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| t!("output.no_name").into_owned())?;
        if target.exists() {
            if !target.is_dir() {
                return Err(t!("output.is_file", path = target.display()).into_owned());
            }
            let empty = std::fs::read_dir(target)
                .map_err(|e| io_reason(&e))?
                .next()
                .is_none();
            if !empty && !target.join(MARKER).exists() {
                return Err(t!("output.not_ours", path = target.display()).into_owned());
            }
        }
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_reason(&e))?;
        sweep(parent, name);
        let dir = parent.join(format!("{name}.canting-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_reason(&e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| io_reason(&e))?;
        std::fs::write(
            dir.join(MARKER),
            "made by canting; replaced on every build\n",
        )
        .map_err(|e| io_reason(&e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            in_place: false,
            bytes: AtomicU64::new(0),
        })
    }

    /// Writes into the existing output `dir` itself, for `canting serve`'s updates after an edit:
    /// each file is written beside its place under a hidden name and renamed into it, so that a
    /// browser reading it meanwhile gets the old file or the new one, never half of one. Nothing
    /// is committed or removed.
    pub fn in_place(dir: &Path) -> Staging {
        Staging {
            dir: dir.to_path_buf(),
            target: dir.to_path_buf(),
            committed: true,
            in_place: true,
            bytes: AtomicU64::new(0),
        }
    }

    /// Removes `rel` (a page that is gone since the last build), if it is there, and the folders
    /// it leaves empty.
    pub fn remove(&self, rel: &str) -> io::Result<()> {
        let path = self.path(rel)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        // `remove_dir` fails on a folder that still holds something, which ends the climb.
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| *d != self.dir) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(())
    }
    /// `rel` is a path the build made (`motifs/kawung/index.html`); it never leaves the folder.
    fn path(&self, rel: &str) -> io::Result<PathBuf> {
        let rel = Path::new(rel);
        let inside = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                t!("output.would_leave", path = rel.display()).into_owned(),
            ));
        }
        Ok(self.dir.join(rel))
    }

    /// Writes `bytes` to `rel` in the staging folder, making its folders; `rel` may not leave it.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if self.in_place {
            let hidden = hidden_beside(&path);
            std::fs::write(&hidden, bytes)?;
            std::fs::rename(&hidden, &path)?;
        } else {
            std::fs::write(path, bytes)?;
        }
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// How many bytes were written or copied into the folder so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Copies the file `from` to `rel` in the staging folder, making its folders; `rel` may not leave it.
    pub fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let path = self.path(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let copied = if self.in_place {
            let hidden = hidden_beside(&path);
            let copied = std::fs::copy(from, &hidden)?;
            std::fs::rename(&hidden, &path)?;
            copied
        } else {
            std::fs::copy(from, path)?
        };
        self.bytes.fetch_add(copied, Ordering::Relaxed);
        Ok(())
    }

    /// Swaps the staging folder in for the output. Once the new output is in place the build has
    /// succeeded, even when the previous output cannot be removed (a file of it held open, a
    /// read-only folder): that copy is returned as a [`Leftover`], and the next build removes it.
    pub fn commit(self) -> io::Result<Option<Leftover>> {
        if self.in_place {
            return Ok(None);
        }
        self.commit_with(remove_marked)
    }

    fn commit_with(
        mut self,
        remove: impl Fn(&Path) -> io::Result<()>,
    ) -> io::Result<Option<Leftover>> {
        let old = self.target.with_file_name(format!(
            "{}.canting-old-{}",
            self.target
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("public"),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                std::fs::rename(&old, &self.target)?;
            }
            return Err(e);
        }
        self.committed = true;
        if had_old && let Err(e) = remove(&old) {
            return Ok(Some(Leftover {
                path: old,
                why: io_reason(&e),
            }));
        }
        Ok(None)
    }
}

/// `.name.canting-<thread>` beside `path`: hidden, so that the preview never serves it, and
/// one per thread, as files are written in parallel.
fn hidden_beside(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    path.with_file_name(format!(".{name}.canting-{thread}"))
}

/// The previous output, swapped out by a build that succeeded but left behind because it could
/// not be removed.
#[derive(Debug)]
pub struct Leftover {
    /// `public.canting-old-<pid>`, beside the output.
    pub path: PathBuf,
    /// Why it could not be removed, in the volunteer's language.
    pub why: String,
}

/// Removes what earlier builds left beside the output `name` in `parent`: previous outputs that
/// could not be removed then, and staging folders of builds that were stopped (their process is
/// gone). Only folders that carry canting's marker are touched; what cannot be removed now is
/// left for a later build.
fn sweep(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(rest) = file_name.strip_prefix(name) else {
            continue;
        };
        let dead_staging = rest
            .strip_prefix(".canting-staging-")
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| !process_alive(pid));
        let path = entry.path();
        if !(dead_staging || rest.starts_with(".canting-old-")) {
            continue;
        }
        if path.join(MARKER).is_file() {
            let _ = remove_marked(&path);
        } else if dead_staging {
            // A build stopped between making its folder and marking it left it empty; removing
            // an empty folder cannot lose anything.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// Removes a folder canting made, its marker last: a build stopped halfway through removing it
/// leaves the marker, so that the next build knows the rest is its own to remove.
fn remove_marked(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    std::fs::remove_dir_all(dir)
}

/// Whether process `pid` is still running. Where the system cannot tell (no `/proc`), it is taken
/// to be running, so its staging folder is left alone.
pub fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    pid == std::process::id() || !proc.is_dir() || proc.join(pid.to_string()).exists()
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_marked(&self.dir);
        }
    }
}

/// Refuses an output folder that holds, or sits inside, what volunteers write.
pub fn check_target(root: &Path, output: &Path) -> Result<(), String> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let root = abs(root);
    let output = abs(output);
    let protected = [
        root.clone(),
        root.join(crate::folders::CONTENT),
        root.join(crate::folders::THEMES),
    ];
    for p in &protected {
        if p.starts_with(&output) || output.starts_with(p) && p != &root {
            return Err(t!(
                "output.would_replace",
                output = output.display(),
                protected = p.display()
            )
            .into_owned());
        }
    }
    Ok(())
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_that_would_swallow_the_site_are_refused() {
        let root = Path::new("/site");
        assert!(check_target(root, Path::new("/site/public")).is_ok());
        assert!(check_target(root, Path::new("/elsewhere/out")).is_ok());
        assert!(check_target(root, Path::new("/site")).is_err());
        assert!(check_target(root, Path::new("/")).is_err());
        assert!(check_target(root, Path::new("/site/content")).is_err());
        assert!(check_target(root, Path::new("/site/content/x")).is_err());
        assert!(check_target(root, Path::new("/site/themes/batik")).is_err());
        assert!(check_target(root, Path::new("/site/public/../content")).is_err());
    }

    #[test]
    fn staging_never_writes_outside() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let staging = Staging::create(&tmp.path().join("public")).expect("staging");
        assert!(staging.write("../escape.html", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
        assert!(staging.write("a/index.html", b"x").is_ok());
        staging.commit().expect("commit");
        assert!(tmp.path().join("public/a/index.html").exists());
        assert!(!tmp.path().join("escape.html").exists());
    }

    #[test]
    fn a_folder_canting_did_not_make_is_not_replaced() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("precious.txt"), "x").expect("write");
        assert!(Staging::create(tmp.path()).is_err());
    }

    #[test]
    fn an_old_output_that_cannot_be_removed_is_left_for_the_next_build() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("public");
        let first = Staging::create(&target).expect("staging");
        first.write("a.html", b"first").expect("write");
        assert!(first.commit().expect("commit").is_none());
        let second = Staging::create(&target).expect("staging");
        second.write("a.html", b"second").expect("write");
        let refuse = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
        let left = second
            .commit_with(refuse)
            .expect("the new output is in place")
            .expect("the old copy is left");
        assert_eq!(
            std::fs::read(target.join("a.html")).expect("read"),
            b"second"
        );
        assert!(left.path.join("a.html").exists());
        // The next build removes it, and a staging folder of a build that was stopped.
        let dead = tmp.path().join("public.canting-staging-4294967295");
        std::fs::create_dir(&dead).expect("mkdir");
        std::fs::write(dead.join(MARKER), "").expect("marker");
        let unmarked = tmp.path().join("public.canting-staging-4294967294");
        std::fs::create_dir(&unmarked).expect("mkdir");
        let mine = tmp.path().join("public.canting-old-notes");
        std::fs::create_dir(&mine).expect("mkdir");
        let third = Staging::create(&target).expect("staging");
        assert!(!left.path.exists(), "the old copy is removed");
        assert!(!dead.exists() || !Path::new("/proc").is_dir());
        assert!(!unmarked.exists() || !Path::new("/proc").is_dir());
        assert!(
            mine.exists(),
            "a folder without canting's marker is never touched"
        );
        drop(third);
    }

    #[test]
    fn dropping_an_uncommitted_staging_folder_removes_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let staging = Staging::create(&tmp.path().join("public")).expect("staging");
        staging.write("a.html", b"x").expect("write");
        drop(staging);
        let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("read").collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
