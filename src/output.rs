//! Writing the site: everything goes into a staging folder beside the output, which replaces the
//! output only once the whole build has succeeded. A failed build leaves the previous output as it
//! was, and nothing is ever written outside these two folders.

use std::io;
use std::path::{Component, Path, PathBuf};

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
        })
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
        std::fs::write(path, bytes)
    }

    /// Copies the file `from` to `rel` in the staging folder, making its folders; `rel` may not leave it.
    pub fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let path = self.path(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    /// Swaps the staging folder in for the output.
    pub fn commit(mut self) -> io::Result<()> {
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
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
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
    fn dropping_an_uncommitted_staging_folder_removes_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let staging = Staging::create(&tmp.path().join("public")).expect("staging");
        staging.write("a.html", b"x").expect("write");
        drop(staging);
        let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("read").collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
