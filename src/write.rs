//! Writes the rendered site: files go into a staging folder beside the output, then
//! the staging folder replaces the output in one atomic exchange, so a failed or
//! killed build leaves the previous output as it was. Nothing is written outside the
//! output folder's parent, and nothing outside our own folders is ever deleted.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::discover::{StaticFile, StaticSource};
use crate::render::Sink;

/// Marks a folder as broadsheet output, so it may be replaced by a later build.
pub const MARKER: &str = ".broadsheet-output";

/// Why the output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder {0} would overwrite the site's own files ({1})")]
    Overlaps(String, String),
    #[error(
        "the output folder {0} is not empty and was not made by broadsheet; refusing to replace it (use --force to replace it anyway)"
    )]
    Foreign(String),
    #[error("cannot prepare the output folder {path}: {source}")]
    Io { path: String, source: io::Error },
}

/// A build in progress: a staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Checks that `output` is safe to replace and creates an empty staging folder beside it.
pub fn prepare(root: &Path, output: &Path, force: bool) -> Result<Staging, OutputError> {
    let root_abs = absolute(root);
    let out_abs = absolute(output);
    let shown = output.display().to_string();
    for protected in ["", "content", "themes", "templates", "static", "site.toml"] {
        let p = if protected.is_empty() {
            root_abs.clone()
        } else {
            root_abs.join(protected)
        };
        if p.starts_with(&out_abs) || (!protected.is_empty() && out_abs.starts_with(&p)) {
            let what = if protected.is_empty() {
                "the site root".to_string()
            } else {
                format!("{protected}/")
            };
            return Err(OutputError::Overlaps(shown, what));
        }
    }
    if out_abs.parent().is_none() {
        return Err(OutputError::Overlaps(shown, "the file system root".into()));
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() && !force {
        let empty = fs::read_dir(&out_abs)
            .map_err(io_err(&out_abs))?
            .next()
            .is_none();
        if !empty {
            return Err(OutputError::Foreign(shown));
        }
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Err(OutputError::Foreign(shown));
    }
    let parent = out_abs.parent().expect("checked above").to_path_buf();
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name = out_abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale(&parent, &name);
    let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
    }
    fs::create_dir(&dir).map_err(io_err(&dir))?;
    fs::write(
        dir.join(MARKER),
        "This folder is written by broadsheet; a build replaces it whole.\n",
    )
    .map_err(io_err(&dir))?;
    Ok(Staging {
        dir,
        output: out_abs,
    })
}

/// Removes staging folders left by killed builds (ours only: they carry the marker).
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix) && e.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Resolve `..` lexically, then symlinks where the path exists.
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    fs::canonicalize(&out).unwrap_or(out)
}

/// `rel` as a path inside `base`, or `None` if it would leave it.
fn inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || rel.contains('\0') || rel.contains('\\') {
        return None;
    }
    if !rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    Some(base.join(rel_path))
}

impl Staging {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copies static files (theme's first, then the site's over them).
    pub fn copy_statics(&self, statics: &[StaticFile]) -> Result<u64, String> {
        let mut bytes = 0;
        for s in statics {
            let target =
                inside(&self.dir, &s.rel).ok_or_else(|| format!("unsafe static path {}", s.rel))?;
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            bytes += match &s.source {
                StaticSource::Embedded(data) => {
                    fs::write(&target, data).map_err(|e| format!("{}: {e}", target.display()))?;
                    data.len() as u64
                }
                StaticSource::Disk(path) => {
                    fs::copy(path, &target).map_err(|e| format!("{}: {e}", path.display()))?
                }
            };
        }
        Ok(bytes)
    }

    /// Replaces the output folder with the staging folder in one step.
    pub fn commit(self) -> Result<(), OutputError> {
        if self.output.exists() {
            match rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.output,
                rustix::fs::RenameFlags::EXCHANGE,
            ) {
                Ok(()) => {
                    // `self.dir` now holds the previous output.
                    fs::remove_dir_all(&self.dir).map_err(io_err(&self.dir))?;
                    return Ok(());
                }
                Err(_) => {
                    // No atomic exchange on this file system: two renames.
                    let old = self.dir.with_extension("old");
                    fs::rename(&self.output, &old).map_err(io_err(&self.output))?;
                    fs::rename(&self.dir, &self.output).map_err(io_err(&self.output))?;
                    fs::remove_dir_all(&old).map_err(io_err(&old))?;
                    return Ok(());
                }
            }
        }
        fs::rename(&self.dir, &self.output).map_err(io_err(&self.output))
    }

    /// Removes the staging folder after a failed build.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), String> {
        let target = inside(&self.dir, rel)
            .ok_or_else(|| format!("refusing to write outside the output folder: {rel}"))?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&target, bytes).map_err(|e| format!("{}: {e}", target.display()))
    }
}

/// A sink that keeps nothing: `check` renders everything and discards it.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _rel: &str, _bytes: Vec<u8>) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_rejects_escapes() {
        let base = Path::new("/tmp/out");
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "",
            "a\\b",
            "a\0b",
            "./a",
        ] {
            assert!(inside(base, bad).is_none(), "{bad}");
        }
        assert_eq!(
            inside(base, "a/b/index.html").unwrap(),
            base.join("a/b/index.html")
        );
    }
}
