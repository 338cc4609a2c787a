//! Removing what earlier builds left: stale staging folders of killed builds, our
//! own folders (marker last), and folders a removed file left empty. Never touches a
//! folder that does not carry broadsheet's marker.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::MARKER;

/// Removes staging folders left by killed builds: ours only (they carry the
/// marker), and not those of a build still running (its process id is in the name).
pub(super) fn remove_stale(parent: &Path, name: &str) {
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
/// Files go in parallel (a large site has a folder per article).
pub(super) fn remove_ours(dir: &Path) {
    let marker = dir.join(MARKER);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir() && e.path() != marker)
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    let _ = fs::remove_file(&marker);
    let _ = fs::remove_dir(dir);
}

/// Removes the folders above `file` (inside `root`) that its removal left empty.
pub(super) fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// True when process `pid` exists, or when that cannot be known (no `/proc`),
/// so a running build's staging folder is never taken for a stale one.
pub(super) fn process_running(pid: &str) -> bool {
    if pid.is_empty() {
        return false;
    }
    if pid == std::process::id().to_string() {
        return false;
    }
    !Path::new("/proc/self").exists() || Path::new("/proc").join(pid).exists()
}
