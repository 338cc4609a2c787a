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
const MARKER_TEXT: &str = "This folder is written by broadsheet; a build replaces it whole.\n";

/// Why the output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder {0} would overwrite the site's own files ({1})")]
    Overlaps(String, String),
    #[error(
        "the output folder {0} is not empty and was not made by broadsheet; refusing to replace it (use --force to replace it anyway)"
    )]
    Foreign(String),
    #[error("the output path {0} is a file, not a folder; refusing to replace it")]
    NotAFolder(String),
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
        return Err(OutputError::NotAFolder(shown));
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
    fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io_err(&dir))?;
    Ok(Staging {
        dir,
        output: out_abs,
    })
}

/// Removes staging folders left by killed builds: ours only (they carry the
/// marker), and not those of a build still running (its process id is in the name).
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if process_running(&pid) {
            continue;
        }
        if e.path().join(MARKER).is_file() {
            remove_ours(&e.path());
        } else {
            // Killed before its marker was written: empty, so this removes nothing else.
            let _ = fs::remove_dir(e.path());
        }
    }
}

/// Removes one of our folders, its marker last: a removal killed half-way leaves
/// the marker, so the next build still knows the folder is ours and finishes it.
fn remove_ours(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name() == MARKER {
                continue;
            }
            let _ = match e.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(e.path()),
                _ => fs::remove_file(e.path()),
            };
        }
    }
    let _ = fs::remove_file(dir.join(MARKER));
    let _ = fs::remove_dir(dir);
}

/// True when process `pid` exists, or when that cannot be known (no `/proc`),
/// so a running build's staging folder is never taken for a stale one.
fn process_running(pid: &str) -> bool {
    if pid.is_empty() {
        return false;
    }
    if pid == std::process::id().to_string() {
        return false;
    }
    !Path::new("/proc/self").exists() || Path::new("/proc").join(pid).exists()
}

/// `p` made absolute with `..` resolved, and symbolic links resolved in the part of
/// it that exists, so an output path through a link is compared where it really is.
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
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
    let mut existing = out.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return out,
        }
    }
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

    /// Copies static files (theme's first, then the site's over them) after the
    /// pages. A static file never replaces a page. On failure: which file, and why.
    pub fn copy_statics(&self, statics: &[StaticFile]) -> Result<u64, (usize, String)> {
        let mut bytes = 0;
        for (i, s) in statics.iter().enumerate() {
            bytes += self.copy_static(s).map_err(|e| (i, e))?;
        }
        Ok(bytes)
    }

    fn copy_static(&self, s: &StaticFile) -> Result<u64, String> {
        {
            let target =
                inside(&self.dir, &s.rel).ok_or_else(|| format!("unsafe static path {}", s.rel))?;
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            let data: std::borrow::Cow<[u8]> = match &s.source {
                StaticSource::Embedded(data) => (*data).into(),
                StaticSource::Disk(path) => fs::read(path)
                    .map_err(|e| format!("{}: {e}", path.display()))?
                    .into(),
            };
            write_new(&target, &data).map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => format!(
                    "this static file would replace the page broadsheet writes at `{}`; rename or remove it",
                    s.rel
                ),
                _ => format!("cannot copy it to {}: {e}", target.display()),
            })?;
            Ok(data.len() as u64)
        }
    }

    /// Replaces the output folder with the staging folder in one step. On failure
    /// the previous output is left (or put back) where it was.
    pub fn commit(self) -> Result<(), OutputError> {
        let result = self.swap();
        if result.is_err() {
            remove_ours(&self.dir);
        }
        result
    }

    fn swap(&self) -> Result<(), OutputError> {
        if !self.output.exists() {
            return fs::rename(&self.dir, &self.output).map_err(io_err(&self.output));
        }
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            &self.dir,
            rustix::fs::CWD,
            &self.output,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        if exchanged.is_ok() {
            // `self.dir` now holds the previous output. Mark it ours first (a folder
            // replaced with --force had no marker), so a build killed during this
            // removal leaves something the next build recognises and clears.
            let _ = fs::write(self.dir.join(MARKER), MARKER_TEXT);
            remove_ours(&self.dir);
            return Ok(());
        }
        // No atomic exchange on this file system: two renames, putting the old
        // output back if the second fails.
        let mut old = self.dir.clone().into_os_string();
        old.push("-old");
        let old = PathBuf::from(old);
        fs::rename(&self.output, &old).map_err(io_err(&self.output))?;
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            let _ = fs::rename(&old, &self.output);
            return Err(io_err(&self.output)(e));
        }
        remove_ours(&old);
        Ok(())
    }

    /// Removes the staging folder after a failed build.
    pub fn abandon(self) {
        remove_ours(&self.dir);
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), String> {
        let target = inside(&self.dir, rel)
            .ok_or_else(|| format!("refusing to write outside the output folder: {rel}"))?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        write_new(&target, &bytes).map_err(|e| match e.kind() {
            // Article URLs are checked for clashes before rendering; this guards the rest.
            io::ErrorKind::AlreadyExists => {
                format!("two pages would be written to `{rel}`; refusing to overwrite one with the other")
            }
            _ => format!("{}: {e}", target.display()),
        })
    }
}

/// Writes a file that must not exist yet: the output never silently loses a file.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    io::Write::write_all(&mut file, bytes)
}

/// A sink that keeps every file in memory: `check --links` reads the pages back.
#[derive(Default)]
pub struct Memory {
    files: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    /// The rendered files by output path.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files
            .into_inner()
            .expect("no panics while holding the lock")
    }
}

impl Sink for Memory {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), String> {
        let mut files = self.files.lock().expect("no panics while holding the lock");
        if files.insert(rel.to_string(), bytes).is_some() {
            return Err(format!(
                "two pages would be written to `{rel}`; refusing to overwrite one with the other"
            ));
        }
        Ok(())
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
