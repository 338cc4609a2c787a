//! The commit of a build: the staging folder's files become the output, either by
//! replacing the output folder whole in one atomic exchange (unchanged files carried
//! over by hard link) or, when little changed, by moving the written files into it
//! one by one under a journal. Counts what was added, changed and removed.

use rustc_hash::FxHashSet as HashSet;
use std::fs;
use std::io;
use std::path::PathBuf;

use rayon::prelude::*;

use super::cleanup::{remove_empty_parents, remove_ours};
use super::manifest::{ManifestEntry, manifest_text};
use super::{
    ChangeKind, FileChange, IN_PLACE_SHARE, JOURNAL, JOURNAL_TEXT, MANIFEST, MARKER, MARKER_TEXT,
    OutputError, Staging, WriteStats, changes, io_err,
};

impl Staging {
    /// Replaces the output folder with the staging folder in one step, carrying
    /// unchanged files over by hard link. Does nothing when nothing changed.
    /// On failure the previous output is left (or put back) where it was.
    pub fn commit(self) -> Result<WriteStats, OutputError> {
        let result = self.carry_over_and_swap();
        if result.is_err() {
            remove_ours(&self.dir);
        }
        result
    }

    fn carry_over_and_swap(&self) -> Result<WriteStats, OutputError> {
        let files =
            std::mem::take(&mut *self.files.lock().expect("no panics while holding the lock"));
        let mut entries = Vec::with_capacity(files.len());
        // A claim without a record failed, and so did the build: none get here.
        entries.extend(
            files
                .into_iter()
                .filter_map(|(rel, done)| done.map(|(entry, written)| (rel, entry, written))),
        );
        // The old files no longer current: none, when every old path is among this
        // build's (the usual rebuild: counted by lookups, not by comparing paths).
        let (kept_old, all_as_recorded) = self.against_old(&entries);
        let mut stale: Vec<&String> = if kept_old == self.old.len() {
            Vec::new()
        } else {
            let current: HashSet<&str> = entries.iter().map(|e| e.0.as_str()).collect();
            self.old
                .keys()
                .filter(|k| !current.contains(k.as_str()))
                .collect()
        };
        // Nothing written, nothing gone, every file as the manifest records it under
        // the same key: the output and its manifest stay as they are (a no-change
        // rebuild costs a lookup per file, not a new manifest).
        let same = stale.is_empty()
            && self.output.is_dir()
            && self.previous.key() == self.key()
            && all_as_recorded;
        if same {
            remove_ours(&self.dir);
            return Ok(WriteStats {
                unchanged: entries.len(),
                bytes: entries.iter().map(|e| e.1.len).sum(),
                ..WriteStats::default()
            });
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        stale.sort();
        let removed = stale.len();
        let written: Vec<&(String, ManifestEntry, bool)> = entries.iter().filter(|e| e.2).collect();
        let mut changes: Vec<FileChange> = written
            .iter()
            .filter(|(rel, _, _)| changes::is_published(rel))
            .filter_map(|(rel, entry, _)| {
                let kind = match self.old.get(rel) {
                    None => ChangeKind::Added,
                    Some(old) if old.hash != entry.hash => ChangeKind::Changed,
                    // Written again only because the old file was not as recorded.
                    Some(_) => return None,
                };
                Some(FileChange {
                    path: rel.clone(),
                    kind,
                })
            })
            .collect();
        changes.extend(
            stale
                .iter()
                .filter(|k| changes::is_published(k))
                .map(|k| FileChange {
                    path: (*k).clone(),
                    kind: ChangeKind::Removed,
                }),
        );
        changes.sort();
        let stats = WriteStats {
            written: written.len(),
            unchanged: entries.len() - written.len(),
            removed,
            bytes_written: written.iter().map(|e| e.1.len).sum(),
            bytes: entries.iter().map(|e| e.1.len).sum(),
            changes,
        };
        let manifest = manifest_text(self.key(), &entries);
        let small = (written.len() + removed) * IN_PLACE_SHARE <= entries.len();
        if self.output.is_dir() && !self.old.is_empty() && small {
            self.update_in_place(&written, stale, &manifest)?;
            remove_ours(&self.dir);
            return Ok(stats);
        }
        // Carry unchanged files over from the old tree.
        entries
            .par_iter()
            .filter(|e| !e.2)
            .try_for_each(|(rel, _, _)| {
                let from = self.output.join(rel);
                let to = self.dir.join(rel);
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::hard_link(&from, &to).or_else(|_| fs::copy(&from, &to).map(|_| ()))
            })
            .map_err(io_err(&self.dir))?;
        let manifest_path = self.dir.join(MANIFEST);
        fs::create_dir_all(manifest_path.parent().expect("manifest has a folder"))
            .map_err(io_err(&self.dir))?;
        fs::write(&manifest_path, manifest).map_err(io_err(&manifest_path))?;

        self.swap()?;
        Ok(stats)
    }

    /// How many of `entries` the current output's manifest has, and whether each of
    /// them is there, carried over unchanged, as it records (one lookup per file).
    fn against_old(&self, entries: &[(String, ManifestEntry, bool)]) -> (usize, bool) {
        let mut kept_old = 0;
        let mut all_as_recorded = true;
        for (rel, e, written) in entries {
            match self.old.get(rel) {
                Some(old) => {
                    kept_old += 1;
                    all_as_recorded &= !written && old == e;
                }
                None => all_as_recorded = false,
            }
        }
        (kept_old, all_as_recorded)
    }

    /// Moves the files written into the output one by one (each `rename` replaces a
    /// page whole) and removes those that no longer belong: work in proportion to the
    /// change, not to the site. A journal file marks the update while it runs; a build
    /// that finds it (this one was killed half-way) trusts nothing in the output and
    /// replaces it whole.
    fn update_in_place(
        &self,
        written: &[&(String, ManifestEntry, bool)],
        stale: Vec<&String>,
        manifest: &str,
    ) -> Result<(), OutputError> {
        let journal = self.output.join(JOURNAL);
        let any_change = !written.is_empty() || !stale.is_empty();
        if any_change {
            fs::write(&journal, JOURNAL_TEXT).map_err(io_err(&journal))?;
        }
        for (rel, _, _) in written {
            let to = self.output.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            fs::rename(self.dir.join(rel), &to).map_err(io_err(&to))?;
        }
        for rel in stale {
            let path = self.output.join(rel);
            match fs::remove_file(&path) {
                Ok(()) => remove_empty_parents(&self.output, &path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(&path)(e)),
            }
        }
        if xxhash_rust::xxh3::xxh3_64(manifest.as_bytes()) != self.old_text_hash {
            let path = self.output.join(MANIFEST);
            let tmp = self.output.join(format!("{MANIFEST}.new"));
            fs::write(&tmp, manifest)
                .and_then(|_| fs::rename(&tmp, &path))
                .map_err(io_err(&path))?;
        }
        if any_change {
            fs::remove_file(&journal).map_err(io_err(&journal))?;
        }
        Ok(())
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
}
